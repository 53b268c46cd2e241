package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP side alone: the do-nothing floor of each candidate server ({@link FloorServer}) and the
 * host on its own server, under the same open-model generator ({@link LoadGenerator}, 16 keep-alive
 * connections) and the same traffic: unique text callbacks from people who are not admins (half
 * private, half in a group), which the host takes, records as delivered and ignores. Each at 500,
 * 1,000 and 2,000/s, then, for the host and for the floor of the server it runs on, the rate is raised
 * until a run loses a callback or its p99 goes over {@link #P99_LIMIT}.
 *
 * <p>"Lost" for the host means: answered other than 200, or, after the run, a last {@code /help} (the
 * barrier: the host handles callbacks one at a time in arrival order) not answered, or callbacks
 * still waiting in its queue. For a floor it means an answer other than 200.
 */
final class HttpServerBenchmark {

    /** The server the host runs on, one of {@link FloorServer#NAMES}. */
    static final String HOSTS_SERVER = "Netty 4.2";
    /** The host's heap in this benchmark: what the peer comparison of the HTTP side was made with. */
    static final String HOST_HEAP = "-Xmx256m";
    static final long P99_LIMIT = 20_000_000L;
    /** The rates tried when looking for the highest one sustained, after the three measured ones. */
    static final int[] HIGHER = {3000, 4000, 5000, 6000, 8000, 10_000, 12_000, 15_000, 20_000};

    /**
     * One run at one rate.
     *
     * @param load what the generator measured
     * @param nothingLost see the class comment
     * @param cpuNanosPerCallback the host's CPU time (user and system) per callback, from the first
     *     send to the barrier answered; negative for a floor (it shares the harness's JVM)
     */
    record Run(LoadGenerator.Result load, boolean nothingLost, double cpuNanosPerCallback) {
        boolean sustained() {
            return nothingLost && load.errors() == 0 && load.latency().p99() <= P99_LIMIT;
        }
    }

    /**
     * @param server which server
     * @param runs its runs, in order
     */
    record Series(String server, List<Run> runs) {
        /** @return the highest rate sustained, counting up from the first run and stopping at the first miss; 0 if none */
        int highestSustained() {
            int best = 0;
            for (Run run : runs) {
                if (!run.sustained()) {
                    break;
                }
                best = Math.max(best, run.load().rate());
            }
            return best;
        }
    }

    /**
     * @param floors each candidate at the three rates
     * @param host the host at the three rates
     * @param hostHigher the host at {@link #HIGHER} rates, up to its first miss
     * @param floorHigher the floor of {@link #HOSTS_SERVER} the same way
     */
    record Result(List<Series> floors, Series host, Series hostHigher, Series floorHigher) {
    }

    private final Setup setup;

    HttpServerBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int[] rates, Duration each, Duration warmup, int connections) throws Exception {
        List<Series> floors = new ArrayList<>();
        Series floorHigher = null;
        long ids = 7_700_000_000_000L;
        try (GeweSandbox shapes = GeweSandbox.start()) {
            for (String name : FloorServer.NAMES) {
                Harness.progress("  floor of " + name);
                try (FloorServer server = FloorServer.start(name)) {
                    TrafficMix chat = new TrafficMix(shapes, server.port(), "/gewe/callback", "fl", 0, ids);
                    ids += 100_000_000L;
                    LoadGenerator generator = new LoadGenerator(server.port(), connections);
                    generator.run(requests(chat, 500, warmup), 500);
                    List<Run> runs = new ArrayList<>();
                    for (int rate : rates) {
                        runs.add(floorRun(generator, chat, rate, each));
                    }
                    floors.add(new Series(name, runs));
                    if (name.equals(HOSTS_SERVER)) {
                        List<Run> higher = new ArrayList<>();
                        for (int rate : HIGHER) {
                            Run run = floorRun(generator, chat, rate, each);
                            higher.add(run);
                            if (!run.sustained()) {
                                break;
                            }
                        }
                        floorHigher = new Series(name, higher);
                    }
                }
            }
        }
        Path dir = setup.newWorkDir("http");
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of(HOST_HEAP), HostProcess.NO_PACING)) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            Harness.progress("  the host");
            TrafficMix chat = new TrafficMix(sandbox, host.port(), BenchHost.CALLBACK_PATH, "hs", 0, ids);
            LoadGenerator generator = new LoadGenerator(host.port(), connections);
            IngestionBenchmark.Ledger ledger = new IngestionBenchmark.Ledger(sandbox);
            hostRun(host, chat, generator, ledger, 500, warmup, "warm");
            List<Run> runs = new ArrayList<>();
            for (int rate : rates) {
                runs.add(hostRun(host, chat, generator, ledger, rate, each, "b" + rate));
            }
            List<Run> higher = new ArrayList<>();
            if (new Series("", runs).highestSustained() == rates[rates.length - 1]) {
                for (int rate : HIGHER) {
                    Run run = hostRun(host, chat, generator, ledger, rate, each, "b" + rate);
                    higher.add(run);
                    if (!run.sustained()) {
                        break;
                    }
                }
            }
            return new Result(floors, new Series("host", runs), new Series("host", higher), floorHigher);
        }
    }

    /**
     * Only the floors, at the given rates, in several rounds with the candidates' order turned each
     * round, so that a neighbour's burst of work falls on different candidates: what the server is
     * chosen by.
     *
     * @return per candidate, its runs of every round in order
     */
    static List<Series> floorRounds(int rounds, int[] rates, Duration each, Duration warmup, int connections)
            throws Exception {
        List<List<Run>> runs = new ArrayList<>();
        FloorServer.NAMES.forEach(n -> runs.add(new ArrayList<>()));
        long ids = 7_900_000_000_000L;
        try (GeweSandbox shapes = GeweSandbox.start()) {
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < FloorServer.NAMES.size(); k++) {
                    int c = (k + round) % FloorServer.NAMES.size();
                    String name = FloorServer.NAMES.get(c);
                    Harness.progress("  round " + (round + 1) + ": floor of " + name);
                    try (FloorServer server = FloorServer.start(name)) {
                        TrafficMix chat = new TrafficMix(shapes, server.port(), "/gewe/callback", "fr", 0, ids);
                        ids += 100_000_000L;
                        LoadGenerator generator = new LoadGenerator(server.port(), connections);
                        generator.run(requests(chat, 500, warmup), 500);
                        for (int rate : rates) {
                            runs.get(c).add(floorRun(generator, chat, rate, each));
                        }
                    }
                }
            }
        }
        List<Series> out = new ArrayList<>();
        for (int c = 0; c < FloorServer.NAMES.size(); c++) {
            out.add(new Series(FloorServer.NAMES.get(c), runs.get(c)));
        }
        return out;
    }

    private static Run floorRun(LoadGenerator generator, TrafficMix chat, int rate, Duration each)
            throws InterruptedException {
        LoadGenerator.Result load = generator.run(requests(chat, rate, each), rate);
        return progress(new Run(load, load.errors() == 0, -1));
    }

    private static Run hostRun(HostProcess host, TrafficMix mix, LoadGenerator generator,
            IngestionBenchmark.Ledger ledger, int rate, Duration length, String barrierName) throws Exception {
        List<TrafficMix.Callback> callbacks = mix.next((int) (rate * length.toMillis() / 1000));
        List<byte[]> requests = callbacks.stream().map(TrafficMix.Callback::request).toList();
        long cpuBefore = BenchHost.cpuNanos(host);
        LoadGenerator.Result load = generator.run(requests, rate);
        TrafficMix.Callback barrier = mix.barrier(barrierName);
        boolean barrierTaken;
        try (HttpConnection connection = new HttpConnection(host.port())) {
            barrierTaken = connection.exchange(barrier.request()).status() == 200;
        }
        IngestionBenchmark.Books books = ledger.settle(callbacks, load, barrier, new IngestionBenchmark.Clock());
        double cpu = (BenchHost.cpuNanos(host) - cpuBefore) / (double) callbacks.size();
        int waiting = BenchHost.queueWaiting(host);
        return progress(new Run(load, barrierTaken && books.withQueue(waiting).nothingLost(), cpu));
    }

    /** One line per run as it ends, so that a long run shows where it is. */
    private static Run progress(Run run) {
        LoadGenerator.Result l = run.load();
        Harness.progress(String.format(java.util.Locale.ROOT, "    %d/s: p50 %s, p99 %s, max %s ms, %d errors%s",
                l.rate(), Stats.ms(l.latency().p50()), Stats.ms(l.latency().p99()), Stats.ms(l.latency().max()),
                l.errors(), run.nothingLost() ? "" : ", something lost"));
        return run;
    }

    private static List<byte[]> requests(TrafficMix mix, int rate, Duration length) {
        return mix.next((int) (rate * length.toMillis() / 1000)).stream().map(TrafficMix.Callback::request).toList();
    }
}
