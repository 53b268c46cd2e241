package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as written: {@code java -jar host-sample/target/host-sample.jar} with the
 * plugin the build put beside it, no GeWe configured, commands typed at the console.
 */
class QuickStartIT {

    @TempDir
    Path workDir;

    /** The host as the README starts it: no JVM options, no folders, output and log apart. */
    private static HostProcess start(Path workDir, String... args) throws IOException {
        // Port 8080 may be taken on a test machine; everything else is as the README says.
        return HostProcess.builder(BuiltHost.hostJar(), workDir).separateStderr().env("BOT_PORT", "0").args(args)
                .start();
    }

    @Test
    void addOnTheEmbeddedSandboxSendsTheRequestAndShowsTheResult() throws Exception {
        try (HostProcess host = start(workDir)) {
            host.type("/add wxid_demo\n/add wxid_demo_friend\n/bogus\n");
            host.closeConsole();
            assertThat(host.waitFor(Duration.ofSeconds(60))).as("host stops when the console ends").isTrue();
            assertThat(host.exitCode()).isZero();

            // A friend is told at once (after the search interval), never queued.
            List<String> lines = host.output().lines().toList();
            assertThat(lines).containsExactly(
                    "Type /help for the commands.",
                    "Friend request sent to Demo Friend-to-be (wxid_demo).",
                    "Demo Friend (wxid_demo_friend) is already a friend; no request was sent.",
                    "Unknown command /bogus, try /help");
            assertThat(host.stderr()).contains("using the embedded GeWe sandbox").contains("Plugin gewe-contacts")
                    .contains("Extension gewe-contacts");
        }
    }

    @Test
    void theEmbeddedSandboxLeavesNoStateBehindSoTheQuickStartWorksEveryTime() throws Exception {
        for (int run = 0; run < 2; run++) {
            try (HostProcess host = start(workDir)) {
                host.type("/add wxid_demo\n");
                host.closeConsole();
                assertThat(host.waitFor(Duration.ofSeconds(60))).isTrue();
                assertThat(host.output()).contains("Friend request sent to Demo Friend-to-be (wxid_demo).");
            }
        }
        assertThat(BuiltHost.hostJar().toAbsolutePath().getParent().resolve("data")).doesNotExist();
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        try (HostProcess host = start(workDir, "--help")) {
            assertThat(host.waitFor(Duration.ofSeconds(30))).isTrue();
            assertThat(host.exitCode()).isZero();
            assertThat(host.output()).contains("--gewe-base-url").contains("GEWE_BASE_URL")
                    .contains("--callback-secret").contains("BOT_CALLBACK_SECRET").contains("--no-console");
        }
    }

    @Test
    void aBadOptionStopsWithAClearErrorAndExitCodeTwo() throws Exception {
        try (HostProcess host = start(workDir, "--lang", "fr")) {
            assertThat(host.waitFor(Duration.ofSeconds(30))).isTrue();
            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.stderr()).contains("error: --lang / BOT_LANG must be en or zh");
        }
    }
}
