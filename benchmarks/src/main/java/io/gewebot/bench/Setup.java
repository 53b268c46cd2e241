package io.gewebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * What every benchmark needs: the built jars, the JDK to run them with, where to work, and how
 * long to run.
 *
 * @param hostJar the shaded host jar ({@code host-sample/target/host-sample.jar})
 * @param pluginJar the GeWe plugin jar ({@code host-sample/target/plugins/plugin-gewe-contacts.jar})
 * @param java the {@code java} binary of the JDK the harness runs on
 * @param workRoot a temporary folder for plugins folders, data folders and logs; removed at the end
 * @param quick whether to run the short version of each benchmark
 * @param extraHostJvmArgs JVM options added to every host started, from {@code BENCH_HOST_JVM_ARGS}
 *     (split at spaces), e.g. to record a flight recording of each
 */
record Setup(Path hostJar, Path pluginJar, Path java, Path workRoot, boolean quick, List<String> extraHostJvmArgs) {

    static Setup of(Path hostJar, Path pluginJar, boolean quick) throws IOException {
        for (Path jar : new Path[] {hostJar, pluginJar}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " does not exist: build first (benchmarks/run.sh does)");
            }
        }
        String extra = System.getenv().getOrDefault("BENCH_HOST_JVM_ARGS", "").strip();
        return new Setup(hostJar.toAbsolutePath(), pluginJar.toAbsolutePath(), jdkTool("java"),
                Files.createTempDirectory("gewe-bench-"), quick, extra.isEmpty() ? List.of() : List.of(extra.split("\\s+")));
    }

    /**
     * The same setup with the jars of another build (its contact commands' jar, if any, beside its plugin jar).
     *
     * @param otherHostJar that build's host jar
     * @param otherPluginJar that build's GeWe plugin jar
     * @return the setup, sharing this one's work root
     */
    Setup withJars(Path otherHostJar, Path otherPluginJar) {
        for (Path jar : new Path[] {otherHostJar, otherPluginJar}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar + " does not exist");
            }
        }
        return new Setup(otherHostJar.toAbsolutePath(), otherPluginJar.toAbsolutePath(), java, workRoot, quick,
                extraHostJvmArgs);
    }

    /** The contact commands' plugin jar, beside the GeWe plugin's. */
    private static final String COMMANDS_JAR = "plugin-contact-commands.jar";

    /**
     * The plugin jars every host's plugins folder holds: the GeWe plugin and, beside it, the contact commands' (a
     * build from before the commands had a jar of their own has none: its host holds them).
     *
     * @return the jars
     */
    Path[] pluginJars() {
        Path commands = pluginJar.resolveSibling(COMMANDS_JAR);
        return Files.isRegularFile(commands) ? new Path[] {pluginJar, commands} : new Path[] {pluginJar};
    }

    /** A tool of the JDK the harness runs on, such as {@code java} or {@code jcmd}. */
    static Path jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name);
    }

    /** A fresh folder under the work root. */
    Path newWorkDir(String name) throws IOException {
        return Files.createTempDirectory(workRoot, name + "-");
    }

    /** Removes the work root and everything in it. */
    void cleanUp() {
        try (var paths = Files.walk(workRoot)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + workRoot + ": " + e);
        }
    }
}
