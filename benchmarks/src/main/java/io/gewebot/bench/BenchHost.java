package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host as the benchmarks run it: the built jar as its own process (see {@link HostProcess}),
 * talking to a GeWe sandbox in the harness over loopback, and what the harness reads off it from
 * the outside: {@code /health}, {@code /proc} and {@code jcmd}.
 */
final class BenchHost {

    /** The admin every benchmark command comes from. */
    static final String ADMIN = "wxid_bench_admin";

    /** Where the host takes GeWe's callbacks (no callback secret: started with --allow-unauthenticated-callbacks). */
    static final String CALLBACK_PATH = "/gewe/callback";

    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    /** The serial collector reports each generation instead of one heap. */
    private static final Pattern GENERATION = Pattern.compile("generation\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

    private BenchHost() {
    }

    /**
     * Starts the host on a free port, with a fresh data folder and the plugin jar in a plugins folder
     * of its own; it logs to {@code host.log} in the work folder. Closing it stops it with SIGTERM
     * (and kills it if it has not stopped within a minute).
     *
     * @param setup the jars and the JVM options for every host
     * @param workDir an empty folder for plugins, data and the log
     * @param sandbox the GeWe the host talks to
     * @param jvmArgs JVM options, e.g. {@code -Xmx64m}
     * @param hostArgs host options beyond GeWe, port, folders and console, e.g. {@link HostProcess#NO_PACING}
     */
    static HostProcess start(Setup setup, Path workDir, GeweSandbox sandbox, List<String> jvmArgs,
            List<String> hostArgs) throws IOException {
        return start(setup, workDir, sandbox, jvmArgs, hostArgs, HostDatabase.SQLITE);
    }

    /**
     * Starts the host as {@link #start(Setup, Path, GeweSandbox, List, List)} does, on the given database.
     *
     * @param database where it keeps its state
     */
    static HostProcess start(Setup setup, Path workDir, GeweSandbox sandbox, List<String> jvmArgs,
            List<String> hostArgs, HostDatabase database) throws IOException {
        // A port chosen here rather than --port 0: the harness polls /health from the spawn on,
        // without waiting for the host to log which port it took.
        return HostProcess.builder(setup.hostJar(), workDir)
                .jvmArgs(jvmArgs).jvmArgs(setup.extraHostJvmArgs())
                .args("--no-console", "--port", Integer.toString(freePort()))
                .pluginsDir(workDir.resolve("plugins"), setup.pluginJars())
                .dataDir(workDir.resolve("data"))
                .args("--admins", ADMIN, "--gewe-base-url", sandbox.baseUrl(), "--gewe-app-id", sandbox.appId())
                // The benchmarks post to the bare callback path, as a host without a secret takes them.
                .args("--allow-unauthenticated-callbacks")
                .args(hostArgs)
                .args(database.args())
                .env(database.env())
                // The token goes through the environment, where the host reads secrets from, not the command line.
                .env("GEWE_TOKEN", sandbox.token())
                .closeGrace(Duration.ofSeconds(60))
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** @return how many callbacks wait in the host's queue, from {@code /health} */
    static int queueWaiting(HostProcess host) throws IOException, InterruptedException {
        return host.health().path("queue").path("waiting").asInt(-1);
    }

    /** The host's SQLite write-ahead log, when it keeps its state in SQLite (the default) in {@code workDir}. */
    static Path sqliteWal(Path workDir) {
        return workDir.resolve("data").resolve("host.db-wal");
    }

    /** Threads of the process now, from {@code /proc/<pid>/status}. */
    static int threads(HostProcess host) throws IOException {
        return (int) statusField(host, "Threads:");
    }

    /**
     * The process's threads by name, from {@code /proc/<pid>/task/<tid>/comm} (the kernel keeps the
     * first 15 characters), with each run of digits written {@code #}, so that a pool's threads count
     * under one name; the most numerous first.
     */
    static Map<String, Integer> threadsByName(HostProcess host) throws IOException {
        Map<String, Integer> names = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(host.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#"), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        names.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** CPU time the host has used so far (user and system), in nanoseconds, from {@code /proc/<pid>/stat}. */
    static long cpuNanos(HostProcess host) throws IOException {
        return MachineLoad.cpuNanos(Path.of("/proc", Long.toString(host.pid()), "stat"));
    }

    /** Resident memory, from {@code /proc/<pid>/status}. */
    static long rssBytes(HostProcess host) throws IOException {
        return statusField(host, "VmRSS:") * 1024;
    }

    private static long statusField(HostProcess host, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(host.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no " + field + " for process " + host.pid());
    }

    /**
     * The heap and metaspace as {@code jcmd GC.heap_info} reports them.
     *
     * @param fullGcFirst whether to run {@code jcmd GC.run} first, so only live objects are counted
     */
    static Heap heap(HostProcess host, boolean fullGcFirst) throws IOException, InterruptedException {
        if (fullGcFirst) {
            jcmd(host, "GC.run");
        }
        String info = jcmd(host, "GC.heap_info");
        Matcher heap = HEAP.matcher(info);
        Matcher metaspace = METASPACE.matcher(info);
        long committedKib = 0;
        long usedKib = 0;
        if (heap.find()) {
            committedKib = Long.parseLong(heap.group(1));
            usedKib = Long.parseLong(heap.group(2));
        } else {
            // the serial collector: its young and old generations
            Matcher generation = GENERATION.matcher(info);
            while (generation.find()) {
                committedKib += Long.parseLong(generation.group(1));
                usedKib += Long.parseLong(generation.group(2));
            }
        }
        if (committedKib == 0 || !metaspace.find()) {
            throw new IOException("cannot read jcmd GC.heap_info:\n" + info);
        }
        return new Heap(usedKib * 1024, committedKib * 1024, Long.parseLong(metaspace.group(1)) * 1024);
    }

    /** Heap in use and committed, and metaspace in use, in bytes. */
    record Heap(long used, long committed, long metaspaceUsed) {
    }

    private static String jcmd(HostProcess host, String command) throws IOException, InterruptedException {
        Path jcmd = Setup.jdkTool("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(host.pid()), command).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed:\n" + out);
        }
        return out;
    }
}
