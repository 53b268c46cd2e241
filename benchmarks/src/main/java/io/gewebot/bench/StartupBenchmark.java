package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Start-up: from spawning {@code java -jar host-sample.jar} to {@code /health} answering 200 with
 * the GeWe plugin's extension ready, against a bare JVM running a hello-world to its exit. Runs
 * alternate between the two so both see the same machine; one unmeasured run of each goes first
 * (to warm the page cache).
 */
final class StartupBenchmark {

    /** How often {@code /health} is polled while the host starts: a refused connect costs microseconds. */
    private static final Duration POLL = Duration.ofMillis(2);

    /** JVM options an operator can add: classes from an archive of an earlier run, and the quick JIT only. */
    static final List<String> TUNED = List.of("-XX:SharedArchiveFile=<archive>", "-XX:TieredStopAtLevel=1");

    /**
     * @param host every measured host start
     * @param bare every measured hello-world
     * @param jvmArgs the JVM options both ran with
     * @param tuned every measured host start with {@link #TUNED} options (the archive made by one
     *     earlier run with {@code -XX:ArchiveClassesAtExit}), beside the same hello-world
     */
    record Result(long[] host, long[] bare, List<String> jvmArgs, long[] tuned) {
        long hostMedian() {
            return Stats.median(host);
        }

        long bareMedian() {
            return Stats.median(bare);
        }

        double ratio() {
            return (double) hostMedian() / bareMedian();
        }

        double tunedRatio() {
            return (double) Stats.median(tuned) / bareMedian();
        }
    }

    private final Setup setup;

    StartupBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int runs, List<String> jvmArgs) throws Exception {
        Path hello = compileHello();
        long[] host = new long[runs];
        long[] bare = new long[runs];
        long[] tuned = new long[runs];
        try (GeweSandbox sandbox = GeweSandbox.start()) {
            hostStart(sandbox, jvmArgs);
            helloStart(hello, jvmArgs);
            for (int i = 0; i < runs; i++) {
                host[i] = hostStart(sandbox, jvmArgs);
                bare[i] = helloStart(hello, jvmArgs);
            }
            Path archive = setup.newWorkDir("cds").resolve("host.jsa");
            List<String> dump = new java.util.ArrayList<>(jvmArgs);
            dump.add("-XX:ArchiveClassesAtExit=" + archive);
            hostStart(sandbox, dump);
            List<String> withArchive = new java.util.ArrayList<>(jvmArgs);
            withArchive.add("-XX:SharedArchiveFile=" + archive);
            withArchive.add("-XX:TieredStopAtLevel=1");
            hostStart(sandbox, withArchive);
            for (int i = 0; i < runs; i++) {
                tuned[i] = hostStart(sandbox, withArchive);
            }
        }
        return new Result(host, bare, jvmArgs, tuned);
    }

    private long hostStart(GeweSandbox sandbox, List<String> jvmArgs) throws Exception {
        Path dir = setup.newWorkDir("startup");
        long started = System.nanoTime();
        try (HostProcess host = BenchHost.start(setup, dir, sandbox, jvmArgs, List.of())) {
            host.awaitHealthy(Duration.ofSeconds(60), POLL, true);
            return System.nanoTime() - started;
        }
    }

    private long helloStart(Path classes, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(setup.java().toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classes.toString(), "Hello"));
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("hello-world did not run");
        }
        return System.nanoTime() - started;
    }

    /** Compiles {@code Hello} into a folder of its own, with the compiler of the running JDK. */
    private Path compileHello() throws IOException {
        Path dir = setup.newWorkDir("hello");
        Path source = dir.resolve("Hello.java");
        Files.writeString(source, """
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("Hello, world");
                    }
                }
                """, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null || compiler.run(null, null, null, "-proc:none", "-d", dir.toString(), source.toString()) != 0) {
            throw new IllegalStateException("cannot compile Hello.java: the harness must run on a JDK");
        }
        return dir;
    }
}
