package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host jar Maven built, asked for its version, given bad settings, and started without its sandbox. */
class CommandLineIT {

    @TempDir
    Path workDir;

    /** What one run printed and how it ended. */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run run(List<String> javaArgs, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaArgs);
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.log");
        Path err = workDir.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(k -> k.startsWith("GEWE_") || k.startsWith("BOT_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the host ends by itself").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Run runJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(List.of("-jar", BuiltHost.hostJar().toAbsolutePath().toString()), env, args);
    }

    @Test
    void versionPrintsTheVersionTheJarWasBuiltAs() throws Exception {
        Run run = runJar(Map.of(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("host-sample " + System.getProperty("project.version"));
    }

    @Test
    void aBadValueInTheEnvironmentStopsWithExitCodeTwoNamingTheFlagAndTheVariable() throws Exception {
        Run run = runJar(Map.of("BOT_ADD_INTERVAL", "soon", "BOT_PORT", "0"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("error: --add-interval / BOT_ADD_INTERVAL must be a duration");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void anUnknownFlagStopsWithExitCodeTwo() throws Exception {
        Run run = runJar(Map.of(), "--prot", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("error: unknown option '--prot'; see --help");
    }

    @Test
    void aDurationWithoutItsUnitStopsWithExitCodeTwoFromAFlagAVariableOrTheFileShowingHowToWriteIt() throws Exception {
        String bare = "must be a duration with its unit, such as 30m or 90s, not a bare number (0 alone means none)";
        Run flag = runJar(Map.of("BOT_PORT", "0"), "--add-interval", "30");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.stderr().strip()).isEqualTo("error: --add-interval / BOT_ADD_INTERVAL " + bare);

        Run variable = runJar(Map.of("BOT_PORT", "0", "BOT_WARMUP", "3"));
        assertThat(variable.exitCode()).isEqualTo(2);
        assertThat(variable.stderr().strip()).isEqualTo("error: --warmup / BOT_WARMUP " + bare);

        Files.writeString(workDir.resolve("bot.yaml"), """
                accounts:
                  - appId: wx_aaa
                    baseUrl: http://127.0.0.1:9/v2/api
                    pacing: { addDailyCap: 8, addInterval: 45 }
                """);
        Run file = runJar(Map.of("BOT_PORT", "0"), "--config", "bot.yaml");
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.stderr().strip()).isEqualTo("error: --config / BOT_CONFIG: bot.yaml line 4: "
                + "accounts[0].pacing.addInterval: " + bare);
        assertThat(flag.stdout() + variable.stdout() + file.stdout()).isEmpty();
    }

    @Test
    void withoutABaseUrlButWithWhatPointsAtARealGeweTheHostStopsWithExitCodeTwoRatherThanRunOnTheSandbox()
            throws Exception {
        Run publicUrl = runJar(Map.of("BOT_PORT", "0", "BOT_PUBLIC_URL", "http://203.0.113.5:8080"), "--no-console");
        assertThat(publicUrl.exitCode()).isEqualTo(2);
        assertThat(publicUrl.stderr().strip()).isEqualTo("error: no GeWe base URL, yet --public-url / BOT_PUBLIC_URL, "
                + "--no-console point at a real GeWe: give --gewe-base-url / GEWE_BASE_URL (login saves it in "
                + workDir.toRealPath().resolve("data/account.json") + " for the host to find). The embedded sandbox, a "
                + "stand-in for trying the bot, starts only when nothing points at a real GeWe");

        // What an earlier login saved, without the base URL.
        Path data = Files.createDirectories(workDir.resolve("data"));
        Files.writeString(data.resolve("account.json"), "{\"token\":\"tok-saved-4c1e9a\",\"appId\":\"wx_saved\","
                + "\"wxid\":\"wxid_saved\",\"nickname\":\"\"}");
        Run saved = runJar(Map.of("BOT_PORT", "0"));
        assertThat(saved.exitCode()).isEqualTo(2);
        assertThat(saved.stderr().strip()).startsWith("error: no GeWe base URL, yet the account saved in "
                + workDir.toRealPath().resolve("data/account.json") + " (without its base URL) points at a real GeWe")
                .doesNotContain("tok-saved-4c1e9a");
        assertThat(publicUrl.stdout() + saved.stdout()).isEmpty();
    }

    @Test
    void withoutAGeweAndWithoutTheEmbeddedOneTheHostSaysSoAndExitsOne() throws Exception {
        // The host's own classes and libraries, without the sandbox the runnable jar bundles.
        String classpath = Stream.concat(Stream.of(Path.of("target/classes").toAbsolutePath().toString()),
                        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                                .filter(entry -> !entry.contains("gewe-sandbox") && !entry.contains("host-sample")
                                        && !entry.contains("test-classes")))
                .collect(Collectors.joining(File.pathSeparator));

        Run run = run(List.of("-cp", classpath, "io.gewebot.host.Main"), Map.of("BOT_PORT", "0"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Cannot start: no GeWe base URL is configured (--gewe-base-url / GEWE_BASE_URL)"
                + " and no embedded GeWe (io.gewebot.host.spi.EmbeddedGewe) is on the classpath");
    }
}
