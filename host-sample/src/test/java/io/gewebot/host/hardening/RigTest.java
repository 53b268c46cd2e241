package io.gewebot.host.hardening;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.SandboxOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gives each test a fresh {@link Rig} with the built GeWe plugin in its plugins folder, and closes it
 * afterwards (which also checks that the token leaked nowhere). A subclass's own {@code @BeforeEach}
 * runs after the rig exists.
 */
abstract class RigTest {

    @TempDir
    Path dir;

    Rig rig;
    GeweSandbox gewe;

    /** @return the options of this test's sandbox */
    SandboxOptions sandboxOptions() {
        return SandboxOptions.defaults();
    }

    @BeforeEach
    final void openRig() throws Exception {
        rig = new Rig(dir, sandboxOptions()).withGewePlugin();
        gewe = rig.gewe;
    }

    @AfterEach
    final void closeRig() throws Exception {
        rig.close();
    }
}
