package io.gewebot.bench;

import io.gewebot.bench.HostProfiler.Profile;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host beside a peer, the Node.js bot library gewechaty built from its own source, on the same
 * GeWe sandbox and under the same open-model generator ({@link LoadGenerator}, 16 keep-alive
 * connections) with the same traffic: unique text callbacks from people who are not admins, half
 * private, half in one group, which either takes and leaves alone.
 *
 * <p>A pass of one side: spawn it with a fresh data folder (start-to-ready: spawn to the first 200 from
 * the host's {@code /health} with its extension ready, or from the peer's callback endpoint), warm it
 * 5 s at 1,000/s, then each measured rate for the pass's length, with the process's CPU time per
 * callback from {@code /proc/<pid>/stat} (for the host, up to its queue being empty), then its RSS from
 * {@code /proc/<pid>/status}, and stop it. Host and peer alternate, the first of each pair turning
 * every pass, so that a neighbour's burst falls on both alike. Given the jars of an earlier build, a third
 * side, the host before, joins them, and the order turns the same way. Last, unless turned off, one more pass
 * of each host whose first measured rate is profiled ({@link HostProfiler}: {@code perf}, else Flight
 * Recorder), and one of the peer with V8's profiler (not counted in the medians).
 */
final class PeerBenchmark {

    /** The peer's callback path: gewechaty's default. */
    static final String PEER_ROUTE = "/getWechatCallBack";
    /** The host's JVM options when none are given: the heap the issue's measurement used. */
    static final List<String> DEFAULT_HOST_JVM_ARGS = List.of("-Xmx256m");

    /** Our launcher of the peer, from the repository root (where benchmarks/run.sh runs the harness). */
    static final Path LAUNCHER = Path.of("benchmarks/peer/start-peer.mjs");

    private static final Duration READY_POLL = Duration.ofMillis(2);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One measured rate of one pass.
     *
     * @param load what the generator measured
     * @param cpuNanosPerCallback the process's user and system time per callback sent
     * @param byThread the same by thread name (digits written {@code #}, so that a pool counts as one, but the
     *     JIT compilers' C1 and C2 kept), from
     *     {@code /proc/<pid>/task/<tid>/stat}: JIT compilers and collectors apart from the code serving
     */
    record RateRun(LoadGenerator.Result load, double cpuNanosPerCallback, Map<String, Double> byThread) {
    }

    /**
     * One pass of one side.
     *
     * @param readyNanos spawn to ready
     * @param runs the measured rates in order
     * @param rssBytes resident memory after the last rate
     */
    record Pass(long readyNanos, List<RateRun> runs, long rssBytes) {
        RateRun at(int rate) {
            return runs.stream().filter(r -> r.load().rate() == rate).findFirst().orElseThrow();
        }
    }

    /**
     * What the benchmark measured and how.
     *
     * @param host the host's passes in order
     * @param before the passes of the host of the earlier build, in order; empty when none was given
     * @param peer the peer's passes in order
     * @param rates the measured rates
     * @param each the length of each measured rate
     * @param warmup the warm-up of each pass
     * @param hostJvmArgs the JVM options the host ran with (beside {@code BENCH_HOST_JVM_ARGS})
     * @param hostVmFlags what {@code jcmd VM.flags} said the host's JVM ran with (the GC among them)
     * @param beforeVmFlags the same of the host before, or empty
     * @param beforeJars the host and plugin jars of the earlier build, or empty
     * @param node {@code node --version}
     * @param peerVersion the peer's name, version and commit
     * @param profile where the host's CPU went during its profiled pass, or empty
     * @param beforeProfile the same of the host before, or empty
     * @param peerProfile the same of the peer, or empty
     */
    record Result(List<Pass> host, List<Pass> before, List<Pass> peer, int[] rates, Duration each, Duration warmup,
            List<String> hostJvmArgs, String hostVmFlags, String beforeVmFlags, List<Path> beforeJars, String node,
            String peerVersion, Optional<HostProfiler.Profile> profile, Optional<HostProfiler.Profile> beforeProfile,
            Optional<PeerProfile> peerProfile) {
    }

    /**
     * The peer's CPU profile during one rate of an extra pass, from V8's sampling profiler.
     *
     * @param rate the rate recorded
     * @param file the profile ({@code .cpuprofile}, opens in Chrome's DevTools)
     * @param samples samples in it, idle ones included
     * @param idle samples in which the peer's thread waited for work
     * @param byTopFrame busy samples by the function on top of the stack ({@code name script:line}), most first
     * @param byScript busy samples by the script of that function, most first
     */
    record PeerProfile(int rate, Path file, int samples, int idle, Map<String, Integer> byTopFrame,
            Map<String, Integer> byScript) {
    }

    private final Setup setup;
    private final Setup before;
    private final Path peerDir;
    private final List<String> hostJvmArgs;
    private final boolean profile;

    /**
     * @param setup the host's jars and the harness's options
     * @param before the same with the jars of an earlier build, for a third side, or null for none
     * @param peerDir the gewechaty folder, built ({@code dist/index.js}, {@code node_modules})
     * @param hostJvmArgs the JVM options of the host (and of the host before)
     * @param profile whether to add the profiled passes
     */
    PeerBenchmark(Setup setup, Setup before, Path peerDir, List<String> hostJvmArgs, boolean profile) {
        this.setup = setup;
        this.before = before;
        this.peerDir = peerDir.toAbsolutePath().normalize();
        this.hostJvmArgs = List.copyOf(hostJvmArgs);
        this.profile = profile;
    }

    /** Fails early, with what to do, when the folder holds no built gewechaty. */
    static void checkPeerDir(Path dir) {
        if (!Files.isRegularFile(dir.resolve("dist/index.js")) || !Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalArgumentException(dir + " holds no built gewechaty (dist/index.js and node_modules): "
                    + "see benchmarks/README.md, \"The peer\"");
        }
    }

    Result run(int[] rates, Duration each, Duration warmup, int passes, int connections) throws Exception {
        checkPeerDir(peerDir);
        Path launcher = LAUNCHER.toAbsolutePath();
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException(launcher + " is missing: run the harness from the repository root");
        }
        String node = command("node", "--version").strip();
        List<Pass> host = new ArrayList<>();
        List<Pass> old = new ArrayList<>();
        List<Pass> peer = new ArrayList<>();
        String[] flags = {""};
        String[] oldFlags = {""};
        List<String> sides = before == null ? List.of("host", "peer") : List.of("before", "host", "peer");
        long ids = 7_600_000_000_000L;
        try (GeweSandbox sandbox = GeweSandbox.start()) {
            for (int pass = 0; pass < passes; pass++) {
                // each pass starts one side later: every side takes each place in the order in turn
                for (int k = 0; k < sides.size(); k++) {
                    String side = sides.get((k + pass) % sides.size());
                    ids += 100_000_000L;
                    switch (side) {
                        case "host" -> {
                            Harness.progress("  pass " + (pass + 1) + ": the host");
                            host.add(hostPass(setup, sandbox, rates, each, warmup, connections, "h" + pass, ids, flags,
                                    null));
                        }
                        case "before" -> {
                            Harness.progress("  pass " + (pass + 1) + ": the host before");
                            old.add(hostPass(before, sandbox, rates, each, warmup, connections, "b" + pass, ids, oldFlags,
                                    null));
                        }
                        default -> {
                            Harness.progress("  pass " + (pass + 1) + ": the peer");
                            peer.add(peerPass(sandbox, launcher, rates, each, warmup, connections, "p" + pass, ids, null));
                        }
                    }
                }
            }
            Optional<HostProfiler.Profile> hot = Optional.empty();
            Optional<HostProfiler.Profile> oldHot = Optional.empty();
            Optional<PeerProfile> peerHot = Optional.empty();
            if (profile) {
                Path target = Path.of("benchmarks/target").toAbsolutePath();
                Files.createDirectories(target);
                boolean perf = HostProfiler.perfWorks(target.resolve("perf-check.data"));
                String tool = perf ? "perf" : "Flight Recorder (perf cannot record here)";
                if (before != null) {
                    Harness.progress("  one more pass of the host before, its " + rates[0] + "/s recorded with " + tool);
                    Profile[] out = new Profile[1];
                    hostPass(before, sandbox, rates, each, warmup, connections, "bp", ids + 300_000_000L, oldFlags,
                            new Profiling(perf, target.resolve("peer-before-" + rates[0]), out));
                    oldHot = Optional.of(out[0]);
                }
                Harness.progress("  one more host pass, its " + rates[0] + "/s recorded with " + tool);
                Profile[] out = new Profile[1];
                hostPass(setup, sandbox, rates, each, warmup, connections, "hp", ids + 100_000_000L, flags,
                        new Profiling(perf, target.resolve("peer-host-" + rates[0]), out));
                hot = Optional.of(out[0]);
                Harness.progress("  one more peer pass, its " + rates[0] + "/s recorded with V8's profiler");
                Path cpu = target.resolve("peer-peer-" + rates[0] + ".cpuprofile");
                Files.deleteIfExists(cpu);
                peerPass(sandbox, launcher, rates, each, warmup, connections, "pp", ids + 200_000_000L, cpu);
                peerHot = Optional.of(CpuProfileSummary.of(rates[0], cpu));
            }
            List<Path> beforeJars = before == null ? List.of() : List.of(before.hostJar(), before.pluginJar());
            return new Result(host, old, peer, rates, each, warmup, hostJvmArgs, flags[0], oldFlags[0], beforeJars, node,
                    peerVersion(), hot, oldHot, peerHot);
        }
    }

    /**
     * What to profile in a host pass: its first measured rate.
     *
     * @param perf whether with {@code perf} (else Flight Recorder)
     * @param base the recording's path without extension
     * @param out where the profile is put once recorded
     */
    private record Profiling(boolean perf, Path base, Profile[] out) {
    }

    private Pass hostPass(Setup jars, GeweSandbox sandbox, int[] rates, Duration each, Duration warmup,
            int connections, String run, long ids, String[] flags, Profiling profiling) throws Exception {
        Path dir = setup.newWorkDir("peer-host");
        long spawned = System.nanoTime();
        try (HostProcess host = BenchHost.start(jars, dir, sandbox, hostJvmArgs, HostProcess.NO_PACING)) {
            host.awaitHealthy(READY_TIMEOUT, READY_POLL, true);
            long ready = System.nanoTime() - spawned;
            if (flags[0].isEmpty()) {
                flags[0] = command(Setup.jdkTool("jcmd").toString(), Long.toString(host.pid()), "VM.flags")
                        .lines().filter(l -> l.startsWith("-")).findFirst().orElse("?").strip();
            }
            TrafficMix chat = new TrafficMix(sandbox, host.port(), BenchHost.CALLBACK_PATH, run, 0, ids);
            LoadGenerator generator = new LoadGenerator(host.port(), connections);
            generator.run(requests(chat, rates[0], warmup), rates[0]);
            awaitEmptyQueue(host);
            List<RateRun> runs = new ArrayList<>();
            for (int rate : rates) {
                HostProfiler.Recording recording = profiling != null && rate == rates[0]
                        ? HostProfiler.start(profiling.perf(), host.pid(), rate, profiling.base()) : null;
                long cpuBefore = BenchHost.cpuNanos(host);
                Map<String, Long> threadsBefore = threadCpu(host.pid());
                List<byte[]> requests = requests(chat, rate, each);
                LoadGenerator.Result load = generator.run(requests, rate);
                awaitEmptyQueue(host);
                double cpu = (BenchHost.cpuNanos(host) - cpuBefore) / (double) requests.size();
                Map<String, Double> byThread = perCallback(threadsBefore, threadCpu(host.pid()), requests.size());
                if (recording != null) {
                    profiling.out()[0] = recording.stop();
                }
                runs.add(progress(new RateRun(load, cpu, byThread)));
            }
            return new Pass(ready, runs, BenchHost.rssBytes(host));
        }
    }

    /** The host answers before it handles: its CPU for a run counts until what it took is handled. */
    private static void awaitEmptyQueue(HostProcess host) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (BenchHost.queueWaiting(host) != 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    private Pass peerPass(GeweSandbox sandbox, Path launcher, int[] rates, Duration each, Duration warmup,
            int connections, String run, long ids, Path recording) throws Exception {
        Path dir = setup.newWorkDir("peer");
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        String group = run + "chat@chatroom";
        ProcessBuilder builder = new ProcessBuilder("node", launcher.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("peer.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PEER_DIR", peerDir.toString());
        env.put("PEER_DATA", data.toString());
        env.put("PEER_PORT", Integer.toString(port));
        env.put("PEER_ROUTE", PEER_ROUTE);
        env.put("PEER_ROOMS", group);
        env.put("GEWE_BASE_URL", sandbox.baseUrl());
        env.put("GEWE_TOKEN", sandbox.token());
        env.put("GEWE_APP_ID", sandbox.appId());
        if (recording != null) {
            env.put("PEER_PROFILE", recording.toString());
        }
        long spawned = System.nanoTime();
        Process peer = builder.start();
        try {
            long ready = awaitPeerReady(peer, port, dir.resolve("peer.log")) - spawned;
            TrafficMix chat = new TrafficMix(sandbox, port, PEER_ROUTE, run, 0, ids);
            LoadGenerator generator = new LoadGenerator(port, connections);
            generator.run(requests(chat, rates[0], warmup), rates[0]);
            Path stat = Path.of("/proc", Long.toString(peer.pid()), "stat");
            List<RateRun> runs = new ArrayList<>();
            for (int rate : rates) {
                boolean record = recording != null && rate == rates[0];
                if (record) {
                    command("kill", "-USR2", Long.toString(peer.pid()));
                }
                long cpuBefore = MachineLoad.cpuNanos(stat);
                Map<String, Long> threadsBefore = threadCpu(peer.pid());
                List<byte[]> requests = requests(chat, rate, each);
                LoadGenerator.Result load = generator.run(requests, rate);
                double cpu = (MachineLoad.cpuNanos(stat) - cpuBefore) / (double) requests.size();
                Map<String, Double> byThread = perCallback(threadsBefore, threadCpu(peer.pid()), requests.size());
                if (record) {
                    command("kill", "-USR2", Long.toString(peer.pid()));
                    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (!Files.exists(recording) && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                }
                runs.add(progress(new RateRun(load, cpu, byThread)));
            }
            return new Pass(ready, runs, rss(peer.pid()));
        } finally {
            peer.destroy();
            if (!peer.waitFor(20, TimeUnit.SECONDS)) {
                peer.destroyForcibly().waitFor();
            }
        }
    }

    /** Posts an empty JSON body to the peer's callback path every 2 ms until it answers 200 (it answers 404 until its routes are in). */
    private static long awaitPeerReady(Process peer, int port, Path log) throws Exception {
        byte[] probe = HttpConnection.post(port, PEER_ROUTE, "{}".getBytes(StandardCharsets.UTF_8));
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            if (!peer.isAlive()) {
                throw new IllegalStateException("the peer exited (" + peer.exitValue() + "):\n" + Files.readString(log));
            }
            try (HttpConnection connection = new HttpConnection(port)) {
                if (connection.exchange(probe).status() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        throw new IllegalStateException("the peer was not ready within " + READY_TIMEOUT + ":\n" + Files.readString(log));
    }

    /** CPU time (user and system) of each of the process's threads so far, summed by name with digits as {@code #}. */
    static Map<String, Long> threadCpu(long pid) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.merge(threadName(comm), MachineLoad.cpuNanos(task.resolve("stat")), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    /** A thread's name as the kernel keeps it, digits as {@code #} (a pool counts as one) but in the JIT compilers' tier. */
    static String threadName(String comm) {
        // HotSpot's JIT threads keep their tier (C1, C2); other digits number a pool's threads
        return comm.matches("C[12] CompilerThre.*") ? comm.replaceAll("(?<=Thre)\\S*$", "") : comm.replaceAll("\\d+", "#");
    }

    /** What each thread name used between two readings, per callback; a thread gone by the second is left out. */
    private static Map<String, Double> perCallback(Map<String, Long> before, Map<String, Long> after, int callbacks) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L))))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() / (double) callbacks));
        return out;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** The peer's package name and version, and its git commit when the folder is a clone. */
    private String peerVersion() {
        String version = "?";
        try {
            String json = Files.readString(peerDir.resolve("package.json"));
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            version = node.path("name").asText() + " " + node.path("version").asText();
        } catch (IOException e) {
            // reported as unknown
        }
        try {
            String commit = command("git", "-C", peerDir.toString(), "rev-parse", "--short=12", "HEAD").strip();
            if (commit.matches("[0-9a-f]{12}")) {
                version += ", commit " + commit;
            }
        } catch (IOException | InterruptedException e) {
            // not a clone: the version alone
        }
        return version;
    }

    /** Runs a command to its end and returns what it printed; fails when it fails. */
    static String command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RateRun progress(RateRun run) {
        LoadGenerator.Result l = run.load();
        Harness.progress(String.format(java.util.Locale.ROOT, "    %d/s: p50 %s, p99 %s, max %s ms, %d errors, CPU %.0f µs per callback",
                l.rate(), Stats.ms(l.latency().p50()), Stats.ms(l.latency().p99()), Stats.ms(l.latency().max()),
                l.errors(), run.cpuNanosPerCallback() / 1000));
        return run;
    }

    private static List<byte[]> requests(TrafficMix mix, int rate, Duration length) {
        return mix.next((int) (rate * length.toMillis() / 1000)).stream().map(TrafficMix.Callback::request).toList();
    }

    /** Reads a V8 CPU profile ({@code Profiler.stop}'s {@code profile}: nodes with their own samples). */
    static final class CpuProfileSummary {
        private CpuProfileSummary() {
        }

        static PeerProfile of(int rate, Path file) throws IOException {
            if (!Files.exists(file)) {
                throw new IOException("the peer wrote no profile to " + file);
            }
            return parse(rate, file, new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile()));
        }

        static PeerProfile parse(int rate, Path file, com.fasterxml.jackson.databind.JsonNode profile) {
            Map<String, Integer> top = new LinkedHashMap<>();
            Map<String, Integer> scripts = new LinkedHashMap<>();
            int samples = 0;
            int idle = 0;
            for (var node : profile.path("nodes")) {
                int hits = node.path("hitCount").asInt();
                if (hits == 0) {
                    continue;
                }
                samples += hits;
                var frame = node.path("callFrame");
                String name = frame.path("functionName").asText();
                if (name.equals("(idle)")) {
                    idle += hits;
                    continue;
                }
                String url = frame.path("url").asText();
                String script = url.isEmpty() ? "(V8, no script)" : url.contains("/gewechaty/dist/")
                        ? "gewechaty dist/index.js (the peer and the libraries bundled in it)"
                        : url.contains("/node_modules/") ? url.substring(url.lastIndexOf("/node_modules/") + 14)
                        : url.startsWith("node:") ? url : url.replaceAll("^.*/", "");
                String where = url.isEmpty() ? "" : " " + url.replaceAll("^.*/", "") + ":"
                        + (frame.path("lineNumber").asInt() + 1) + ":" + (frame.path("columnNumber").asInt() + 1);
                top.merge((name.isEmpty() ? "(anonymous)" : name) + where, hits, Integer::sum);
                scripts.merge(script, hits, Integer::sum);
            }
            return new PeerProfile(rate, file, samples, idle, JfrSummary.sorted(top), JfrSummary.sorted(scripts));
        }
    }

    /** Reads execution and native-method samples out of a flight recording with the JDK's {@code jfr} tool. */
    static final class JfrSummary {
        private JfrSummary() {
        }

        static Profile of(int rate, Path file) throws IOException, InterruptedException {
            String text = command(Setup.jdkTool("jfr").toString(), "print", "--stack-depth", "64", "--events",
                    "jdk.ExecutionSample,jdk.NativeMethodSample", file.toString());
            return parse(rate, file, text);
        }

        /** The text of {@code jfr print} of the samples, counted by top frame, first project frame and thread. */
        static Profile parse(int rate, Path file, String text) {
            Map<String, Integer> top = new LinkedHashMap<>();
            Map<String, Integer> project = new LinkedHashMap<>();
            Map<String, Integer> threads = new LinkedHashMap<>();
            int samples = 0;
            String thread = "?";
            boolean inStack = false;
            boolean first = false;
            boolean projectSeen = false;
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("jdk.ExecutionSample {") || line.startsWith("jdk.NativeMethodSample {")) {
                    samples++;
                    thread = "?";
                } else if (line.startsWith("sampledThread = ")) {
                    int q = line.indexOf('"');
                    int end = line.indexOf('"', q + 1);
                    thread = q >= 0 && end > q ? line.substring(q + 1, end).replaceAll("\\d+", "#") : line;
                    threads.merge(thread, 1, Integer::sum);
                } else if (line.startsWith("stackTrace = [")) {
                    inStack = true;
                    first = true;
                    projectSeen = false;
                } else if (inStack && line.equals("]")) {
                    inStack = false;
                    if (!projectSeen) {
                        project.merge("(no io.gewebot frame)", 1, Integer::sum);
                    }
                } else if (inStack && !line.equals("...")) {
                    String frame = line.replaceAll("\\s+line: \\d+.*$", "");
                    if (first) {
                        top.merge(frame, 1, Integer::sum);
                        first = false;
                    }
                    if (!projectSeen && frame.startsWith("io.gewebot.")) {
                        project.merge(frame, 1, Integer::sum);
                        projectSeen = true;
                    }
                }
            }
            String how = "recorded with Flight Recorder (`jcmd JFR.start settings=profile "
                    + "jdk.ExecutionSample#period=1ms jdk.NativeMethodSample#period=1ms`, `benchmarks/target/"
                    + file.getFileName() + "`), since perf could not record on this machine: " + samples
                    + " samples of threads running Java code or waiting in a native method (time in the kernel "
                    + "and in the JVM's own threads, GC and JIT, is not sampled). To look by hand: `jfr print "
                    + "--events jdk.ExecutionSample benchmarks/target/" + file.getFileName() + "`.";
            return new Profile(rate, file, how, samples, List.of(
                    new HostProfiler.Table("by the method on top of the stack", sorted(top)),
                    new HostProfiler.Table("by the first frame of the project's code (`io.gewebot`) on the stack",
                            sorted(project)),
                    new HostProfiler.Table("by thread", sorted(threads))));
        }

        static Map<String, Integer> sorted(Map<String, Integer> counts) {
            return HostProfiler.sorted(counts);
        }
    }
}
