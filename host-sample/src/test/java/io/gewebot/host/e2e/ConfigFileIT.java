package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.config.ReadmeConfigFile;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host jar Maven built, given the README's configuration file, and that file with a mistake. */
class ConfigFileIT {

    @TempDir
    Path workDir;

    @Test
    void aMistakeInTheFileStopsTheHostWithExitCodeTwoAndTheReadmesMessage() throws Exception {
        String mistaken = ReadmeConfigFile.example().replace("action: accept", "action: acept");
        Files.writeString(workDir.resolve("bot.yaml"), mistaken, StandardCharsets.UTF_8);

        // Named relative to the working folder, as an operator names it.
        try (HostProcess host = BuiltHost.builder(workDir).separateStderr().env("BOT_PORT", "0")
                .args("--config", "bot.yaml").start()) {
            assertThat(host.waitFor(Duration.ofSeconds(60))).as("the host stops by itself").isTrue();

            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.stderr().strip()).isEqualTo(ReadmeConfigFile.errorExamples().get(0))
                    .isEqualTo("error: --config / BOT_CONFIG: bot.yaml line 8: friendRequests.rules[0].action: "
                            + "must be accept, reject or ask, not 'acept'");
            assertThat(host.output()).isEmpty();
        }
    }

    @Test
    void theReadmesFileFromItsVariableStartsTheHost() throws Exception {
        Path file = Files.writeString(workDir.resolve("bot.yaml"), ReadmeConfigFile.example(), StandardCharsets.UTF_8);

        try (GeweSandbox gewe = GeweSandbox.start();
                HostProcess host = BuiltHost.builder(workDir).separateStderr().env("BOT_PORT", "0")
                .env("BOT_CONFIG", file.toString()).env("GEWE_BASE_URL", gewe.baseUrl()).env("GEWE_TOKEN", gewe.token())
                .env("GEWE_APP_ID", gewe.appId()).env("BOT_CALLBACK_SECRET", "config-file-0123456789abcdef").start()) {
            host.awaitListening(BuiltHost.START_LIMIT);
            host.awaitHealthy(Duration.ofSeconds(30), Duration.ofMillis(200), false);

            assertThat(host.alive()).isTrue();
            // The start-up log counts the file's rules.
            assertThat(host.stderr()).contains("friendRequestRules=1]").doesNotContain("error:");
        }
    }

    @Test
    void theFileWithoutABaseUrlStopsTheHostWithExitCodeTwoRatherThanRunningOnTheSandbox() throws Exception {
        Files.writeString(workDir.resolve("bot.yaml"), ReadmeConfigFile.example(), StandardCharsets.UTF_8);

        try (HostProcess host = BuiltHost.builder(workDir).separateStderr().env("BOT_PORT", "0")
                .env("BOT_CONFIG", "bot.yaml").start()) {
            assertThat(host.waitFor(Duration.ofSeconds(60))).as("the host stops by itself").isTrue();

            assertThat(host.exitCode()).isEqualTo(2);
            assertThat(host.stderr().strip()).startsWith("error: no GeWe base URL, yet --config / BOT_CONFIG points at "
                    + "a real GeWe: give --gewe-base-url / GEWE_BASE_URL");
            assertThat(host.output()).isEmpty();
        }
    }
}
