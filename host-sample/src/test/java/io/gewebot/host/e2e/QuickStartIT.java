package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as written: {@code java -jar host-sample/target/host-sample.jar} with the
 * plugin the build put beside it, no GeWe configured, commands typed at the console.
 */
class QuickStartIT {

    @TempDir
    Path workDir;

    private static Process start(Path workDir, Path output, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                RunningHost.hostJar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(output.toFile()).redirectError(workDir.resolve("stderr.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("GEWE_") || k.startsWith("BOT_"));
        // Port 8080 may be taken on a test machine; everything else is as the README says.
        builder.environment().put("BOT_PORT", "0");
        return builder.start();
    }

    @Test
    void addOnTheEmbeddedSandboxSendsTheRequestAndShowsTheResult() throws Exception {
        Path stdout = workDir.resolve("stdout.log");
        Process host = start(workDir, stdout);
        try (OutputStream console = host.getOutputStream()) {
            console.write("/add wxid_demo\n/add wxid_demo_friend\n/bogus\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(host.waitFor(60, TimeUnit.SECONDS)).as("host stops when the console ends").isTrue();
        assertThat(host.exitValue()).isZero();

        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "Type /help for the commands.",
                "Friend request sent to Demo Friend-to-be (wxid_demo).",
                "Friend request to wxid_demo_friend queued (position 1); expected to go out at "
                        + lines.get(2).substring(lines.get(2).lastIndexOf(" at ") + 4),
                "Unknown command /bogus, try /help");
        String log = Files.readString(workDir.resolve("stderr.log"));
        assertThat(log).contains("using the embedded GeWe sandbox").contains("Plugin gewe-contacts")
                .contains("Extension gewe-contacts");
    }

    @Test
    void theEmbeddedSandboxLeavesNoStateBehindSoTheQuickStartWorksEveryTime() throws Exception {
        for (int run = 0; run < 2; run++) {
            Path stdout = workDir.resolve("run" + run + ".log");
            Process host = start(workDir, stdout);
            try (OutputStream console = host.getOutputStream()) {
                console.write("/add wxid_demo\n".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(stdout)).contains("Friend request sent to Demo Friend-to-be (wxid_demo).");
        }
        assertThat(RunningHost.hostJar().toAbsolutePath().getParent().resolve("data")).doesNotExist();
    }

    @Test
    void helpListsEveryOptionAndExitsZero() throws Exception {
        Path stdout = workDir.resolve("help.log");
        Process host = start(workDir, stdout, "--help");
        assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(host.exitValue()).isZero();
        assertThat(Files.readString(stdout)).contains("--gewe-base-url").contains("GEWE_BASE_URL")
                .contains("--callback-secret").contains("BOT_CALLBACK_SECRET").contains("--no-console");
    }

    @Test
    void aBadOptionStopsWithAClearErrorAndExitCodeTwo() throws Exception {
        Path stdout = workDir.resolve("bad.log");
        Process host = start(workDir, stdout, "--lang", "fr");
        assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(host.exitValue()).isEqualTo(2);
        assertThat(Files.readString(workDir.resolve("stderr.log"))).contains("error: --lang / BOT_LANG must be en or zh");
    }
}
