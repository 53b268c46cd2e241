package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's real-GeWe command, as written (a sandbox standing in for GeWe, the plugins the build put
 * beside the jar), keeps its state in the working directory's {@code data/}: outside the build output,
 * where {@code mvn clean} would delete it and the next build would find it.
 */
class DataFolderIT {

    @TempDir
    Path checkout;

    @Test
    void theRealGeweCommandKeepsItsStateInTheWorkingDirectoryNotBesideTheJar() throws Exception {
        Path besideTheJar = BuiltHost.hostJar().toAbsolutePath().getParent().resolve("data");
        assertThat(besideTheJar).doesNotExist();
        try (GeweSandbox gewe = GeweSandbox.start();
                HostProcess host = HostProcess.builder(BuiltHost.hostJar(), checkout).separateStderr()
                        .env("GEWE_BASE_URL", gewe.baseUrl()).env("GEWE_TOKEN", gewe.token())
                        .env("GEWE_APP_ID", gewe.appId()).env("BOT_ADMINS", "wxid_you,wxid_colleague")
                        .env("BOT_CALLBACK_SECRET", "0123456789abcdef").env("BOT_PORT", "0")
                        .args("--no-console").closeGrace(Duration.ofSeconds(30)).start()) {
            host.awaitListening(BuiltHost.START_LIMIT);
            assertThat(host.health().path("account").path("state").asText()).isEqualTo("online");

            assertThat(host.terminate()).isZero();
            assertThat(host.stderr()).contains("data=" + checkout.toRealPath().resolve("data"));
        }
        assertThat(checkout.resolve("data/host.db")).isRegularFile();
        assertThat(besideTheJar).doesNotExist();
    }
}
