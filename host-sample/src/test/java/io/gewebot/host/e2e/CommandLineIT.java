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
    void withoutAGeweAndWithoutTheEmbeddedOneTheHostSaysSoAndExitsOne() throws Exception {
        // The host's own classes and libraries, without the sandbox the runnable jar bundles.
        String classpath = Stream.concat(Stream.of(Path.of("target/classes").toAbsolutePath().toString()),
                        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                                .filter(entry -> !entry.contains("gewe-sandbox") && !entry.contains("host-sample")
                                        && !entry.contains("test-classes")))
                .collect(Collectors.joining(File.pathSeparator));

        Run run = run(List.of("-cp", classpath, "io.gewebot.host.Main"), Map.of("BOT_PORT", "0"), "--no-console");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Cannot start: no GeWe base URL is configured (--gewe-base-url / GEWE_BASE_URL)"
                + " and no embedded GeWe (io.gewebot.host.spi.EmbeddedGewe) is on the classpath");
    }
}
