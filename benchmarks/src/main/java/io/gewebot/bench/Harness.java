package io.gewebot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark against the built jars and writes the figures to
 * {@code benchmarks/results/<date>.md}, printing the same report. Run by {@code benchmarks/run.sh}
 * from the repository root; see {@code benchmarks/README.md}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--only startup,e2e,ingestion,floors,http,memory,reload,jmh,databases,addcost,accounts,addgroup,peer]
 *     [--host-jar PATH] [--plugin-jar PATH] [--results-dir DIR] [--peer-dir DIR] [--host-jvm-args "OPTIONS"] [--no-profile]
 *     [--before-host-jar PATH --before-plugin-jar PATH]
 * </pre>
 */
public final class Harness {

    static final List<String> SECTIONS = List.of("startup", "e2e", "ingestion", "floors", "http", "memory", "reload", "jmh",
            "databases", "addcost", "accounts", "addgroup");
    /** Benchmarks run only when asked for by {@code --only}: the peer needs a folder the project does not hold. */
    static final List<String> ON_REQUEST = List.of("peer");

    private static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks.jar [options]   (from the repository root)
              --quick              shorter runs (about 3 minutes instead of about 6)
              --only a,b,...       run only these of: startup, e2e, ingestion, floors, http, memory,
                                   reload, jmh, databases, addcost, accounts, addgroup, and peer (never
                                   run unless named)
              --peer-dir DIR       for peer: gewechaty built from its source (default $BENCH_PEER_DIR)
              --host-jvm-args "O"  for peer: the hosts' JVM options, split at spaces (default -Xmx256m)
              --before-host-jar P  for peer: the host jar of an earlier build, measured as a third side
              --before-plugin-jar P  for peer: that build's GeWe plugin jar (with --before-host-jar)
              --no-profile         for peer: leave out the profiled passes (hosts: perf, peer: V8)
              --once               run each benchmark once, without waiting for a quiet machine: for the
                                   figures load does not move (statements and commits per /add)
              --host-jar PATH      default host-sample/target/host-sample.jar
              --plugin-jar PATH    default host-sample/target/plugins/plugin-gewe-contacts.jar
              --results-dir DIR    default benchmarks/results
              --help               print this""";

    private Harness() {
    }

    /**
     * Runs the benchmarks.
     *
     * @param args the command line
     */
    public static void main(String[] args) throws Exception {
        // Before any logger exists: the in-process plugin runtime would log every reload at INFO.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Before any HTTP server exists: GeWe's servers answer without Nagle's algorithm, and so must
        // the sandbox, or each call it answers can wait ~40 ms for a delayed ACK, blamed on the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // GeWe keeps its clients' keep-alive connections open. The JDK's server closes idle ones beyond
        // 200, which a host of 100 accounts (each with a connection pool of its own) goes over: its next
        // call on a closed one fails ("closed the connection without answering"), which is the
        // stand-in's limit, not the host's memory the accounts benchmark measures.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "10000");
        Path hostJar = Path.of("host-sample/target/host-sample.jar");
        Path pluginJar = Path.of("host-sample/target/plugins/plugin-gewe-contacts.jar");
        Path resultsDir = Path.of("benchmarks/results");
        boolean quick = false;
        Set<String> only = new LinkedHashSet<>(SECTIONS);
        String peerDir = System.getenv().getOrDefault("BENCH_PEER_DIR", "");
        List<String> hostJvmArgs = PeerBenchmark.DEFAULT_HOST_JVM_ARGS;
        boolean profile = true;
        boolean once = false;
        Path beforeHostJar = null;
        Path beforePluginJar = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    only = new LinkedHashSet<>(Arrays.asList(value(args, ++i).split(",")));
                    if (!only.stream().allMatch(n -> SECTIONS.contains(n) || ON_REQUEST.contains(n))) {
                        fail("--only takes some of " + SECTIONS + " and " + ON_REQUEST);
                    }
                }
                case "--host-jar" -> hostJar = Path.of(value(args, ++i));
                case "--plugin-jar" -> pluginJar = Path.of(value(args, ++i));
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i));
                case "--peer-dir" -> peerDir = value(args, ++i);
                case "--host-jvm-args" -> {
                    String options = value(args, ++i).strip();
                    hostJvmArgs = options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
                }
                case "--before-host-jar" -> beforeHostJar = Path.of(value(args, ++i));
                case "--before-plugin-jar" -> beforePluginJar = Path.of(value(args, ++i));
                case "--no-profile" -> profile = false;
                case "--once" -> once = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown option " + args[i]);
            }
        }
        PeerOptions peer = null;
        if (only.contains("peer")) {
            if (peerDir.isBlank()) {
                fail("peer needs --peer-dir DIR (or BENCH_PEER_DIR): gewechaty built from its source");
            }
            try {
                PeerBenchmark.checkPeerDir(Path.of(peerDir));
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
            if ((beforeHostJar == null) != (beforePluginJar == null)) {
                fail("--before-host-jar and --before-plugin-jar go together");
            }
            peer = new PeerOptions(Path.of(peerDir), hostJvmArgs, profile, beforeHostJar, beforePluginJar);
        }
        // A harness stopped early (Ctrl-C) must not leave hosts behind.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "stop-hosts"));
        Setup setup = Setup.of(hostJar, pluginJar, quick);
        Setup before = peer != null && peer.beforeHostJar() != null
                ? setup.withJars(peer.beforeHostJar(), peer.beforePluginJar()) : null;
        Report report = new Report(Machine.describe(setup.java()), quick, !only.equals(Set.copyOf(SECTIONS)),
                setup.extraHostJvmArgs());
        // One benchmark alone is named after it (2026-12-01-http.md), a few of them "-partial".
        String name = LocalDate.now() + (quick ? "-quick" : "")
                + (only.size() == 1 ? "-" + only.iterator().next() : !only.equals(Set.copyOf(SECTIONS)) ? "-partial" : "");
        Path file = resultsDir.resolve(name + ".md");
        Files.createDirectories(resultsDir);
        String notes = keptNotes(file);
        long began = System.nanoTime();
        try {
            runSections(setup, before, only, peer, once, report, () -> {
                report.took(Duration.ofNanos(System.nanoTime() - began));
                Files.writeString(file, report.markdown(notes), StandardCharsets.UTF_8);
            });
        } finally {
            setup.cleanUp();
        }
        System.out.println();
        System.out.println(report.markdown(notes));
        System.out.println("Written to " + file);
    }

    /** Writes the report so far; called after each benchmark, so a run cut short keeps what it measured. */
    @FunctionalInterface
    private interface Checkpoint {
        void save() throws IOException;
    }

    /**
     * What the peer benchmark was given on the command line.
     *
     * @param beforeHostJar the host jar of an earlier build, or null
     * @param beforePluginJar the GeWe plugin jar of that build, or null
     */
    private record PeerOptions(Path dir, List<String> hostJvmArgs, boolean profile, Path beforeHostJar,
            Path beforePluginJar) {
    }

    private static void runSections(Setup setup, Setup before, Set<String> only, PeerOptions peer, boolean once, Report report,
            Checkpoint checkpoint) throws Exception {
        boolean quick = setup.quick();
        Path log = Path.of("benchmarks/target/jmh.log");
        List<Section> sections = List.of(
                new Section("startup", "start-up: host and hello-world, alternating",
                        () -> report.startup(new StartupBenchmark(setup).run(quick ? 5 : 7, List.of()))),
                new Section("e2e", "end-to-end /add, host and bare-client baseline, alternating",
                        () -> report.endToEnd(new EndToEndAddBenchmark(setup).run(quick ? 100 : 200, quick ? 300 : 500))),
                new Section("ingestion", "callback ingestion at 500, 1000 and 2000 per second",
                        () -> report.ingestion(new IngestionBenchmark(setup).run(new int[] {500, 1000, 2000},
                                Duration.ofSeconds(quick ? 4 : 10), Duration.ofSeconds(quick ? 3 : 5), 16))),
                new Section("floors", "do-nothing floors of the candidate HTTP servers at 1000 and 2000 per second, "
                        + "3 rounds", () -> report.floors(HttpServerBenchmark.floorRounds(3, new int[] {1000, 2000},
                                Duration.ofSeconds(quick ? 4 : 10), Duration.ofSeconds(quick ? 3 : 5), 16), 3)),
                new Section("http", "HTTP servers' floors and the host's endpoint at 500, 1000 and 2000 per second, "
                        + "then higher until a miss",
                        () -> report.http(new HttpServerBenchmark(setup).run(new int[] {500, 1000, 2000},
                                Duration.ofSeconds(quick ? 4 : 10), Duration.ofSeconds(quick ? 3 : 5), 16))),
                new Section("memory", "memory: 100,000 callbacks into a host with -Xmx64m",
                        () -> report.memory(new MemoryBenchmark(setup).run(100_000, 4))),
                new Section("reload", "plugin reload, 100 times",
                        () -> report.reload(new ReloadBenchmark(setup).run(100))),
                new Section("jmh", "JMH: callback decoding and command parsing (log in " + log + ")", () -> {
                    Files.createDirectories(log.getParent());
                    report.micro(new MicroBenchmarks().run(quick, log));
                }),
                new Section("databases", "ingestion, end-to-end /add and statements per /add, on SQLite and on PostgreSQL",
                        () -> report.databases(new DatabaseBenchmark(setup).run(new int[] {500, 1000, 2000},
                                Duration.ofSeconds(quick ? 4 : 10), Duration.ofSeconds(quick ? 3 : 5), 16,
                                quick ? 100 : 200, quick ? 300 : 500, quick ? 30 : 60))),
                new Section("addcost", "end-to-end /add and statements per /add, on SQLite and on PostgreSQL",
                        () -> report.addCost(new DatabaseBenchmark(setup).runAddCost(quick ? 50 : 100,
                                quick ? 100 : 300, quick ? 30 : 60))),
                new Section("accounts", "one host with 1,000 accounts configured, with 100 and with one",
                        () -> report.accounts(new AccountsBenchmark(setup).run(quick ? 2 : 5, List.of(
                                new AccountsBenchmark.Size(100, quick ? 2 : 5, "-Xmx64m"),
                                new AccountsBenchmark.Size(1_000, 1, "-Xmx128m"))))),
                new Section("addgroup", "/addgroup of a group of 520: the reply's time, and the database's work per member",
                        () -> report.addGroup(new AddGroupBenchmark(setup).run(quick ? 2 : 5))),
                new Section("peer", "the host and the peer gewechaty, alternating, at 1000 and 2000 per second",
                        () -> report.peer(new PeerBenchmark(setup, before, peer.dir(), peer.hostJvmArgs(), peer.profile())
                                .run(new int[] {1000, 2000}, Duration.ofSeconds(quick ? 4 : 10),
                                        Duration.ofSeconds(quick ? 3 : 5), quick ? 2 : 3, 16))));
        for (Section section : sections) {
            if (only.contains(section.name())) {
                run(section, report, quick, once);
                checkpoint.save();
            }
        }
    }

    /** One benchmark: its name for {@code --only}, what to say when it starts, and the work (which reports). */
    private record Section(String name, String what, Work work) {
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /**
     * Runs a benchmark once the machine is quiet, and again (up to {@value #ATTEMPTS} times in all) when
     * other work kept more than {@link MachineLoad#QUIET} of the cores busy while it ran: on a shared
     * machine the figures of such a run say more about the neighbours than about the bot. The last
     * run's figures are reported, with how busy the rest of the machine was during it. With {@code --once},
     * it runs once, at once.
     */
    private static void run(Section section, Report report, boolean quick, boolean once) throws Exception {
        for (int attempt = 1; ; attempt++) {
            double before = MachineLoad.awaitQuiet(Duration.ofSeconds(once ? 0 : quick ? 30 : 180));
            progress(section.what() + (attempt > 1 ? " (again)" : ""));
            MachineLoad.Others others = MachineLoad.others();
            report.begin(section.name());
            section.work().run();
            double during = others.busyShare();
            report.load(section.name(), before, during, attempt);
            if (during <= MachineLoad.QUIET || attempt == ATTEMPTS || once) {
                return;
            }
            progress(String.format(java.util.Locale.ROOT, "other work kept %.0f%% of the cores busy during %s",
                    during * 100, section.name()));
        }
    }

    private static final int ATTEMPTS = 3;

    /** What a reader wrote below the generated part of an earlier report of the same name, kept as is. */
    private static String keptNotes(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(Report.NOTES_HEADING);
        return at < 0 ? "" : text.substring(at);
    }

    static void progress(String what) {
        System.err.println("[bench] " + what);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
