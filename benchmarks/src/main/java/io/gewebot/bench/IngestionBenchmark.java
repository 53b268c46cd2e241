package io.gewebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.OutgoingRequest;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Callback ingestion: text callbacks posted to a running host at fixed rates (see
 * {@link LoadGenerator} and {@link TrafficMix}), with the sandbox as GeWe. The host runs with
 * {@code -Xmx64m} and with pacing that never holds an {@code /add} back.
 *
 * <p>Latency is the webhook's answer (the host answers once a callback is queued). After each rate
 * the books are closed and checked, so that "no callback was lost" is shown, not assumed:
 * <ul>
 *   <li>every callback was answered 2xx;
 *   <li>every {@code /add} got exactly one reply, and the sandbox got exactly one friend request for
 *       its target; every {@code /help} got exactly one reply, in its own group;
 *   <li>a last {@code /help} (the barrier) is answered: the host handles callbacks one at a time in
 *       arrival order, so every chat message accepted before it was handled too; and the host's
 *       queue is then empty.
 * </ul>
 */
final class IngestionBenchmark {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

    /**
     * The books of one rate.
     *
     * @param adds {@code /add} callbacks sent
     * @param addsDone of those, answered "Friend request sent"
     * @param addsOther answered with another text (e.g. busy)
     * @param addsUnanswered never answered
     * @param addsAnsweredTwice answered more than once
     * @param friendRequestsMissing targets the sandbox got no friend request for, or more than one
     * @param helps {@code /help} callbacks sent
     * @param helpsAnswered answered exactly once
     * @param chats chat callbacks sent
     * @param barrierAnswered whether the barrier's reply came
     * @param queueAfter callbacks waiting in the host after the barrier
     * @param addReply from the intended send of an {@code /add} to its reply reaching the sandbox
     * @param helpReply the same for {@code /help}
     * @param otherReplies a few of the unexpected replies, for the report
     */
    record Books(int adds, int addsDone, int addsOther, int addsUnanswered, int addsAnsweredTwice,
            int friendRequestsMissing, int helps, int helpsAnswered, int chats, boolean barrierAnswered,
            int queueAfter, Stats addReply, Stats helpReply, List<String> otherReplies) {

        Books withQueue(int waiting) {
            return new Books(adds, addsDone, addsOther, addsUnanswered, addsAnsweredTwice, friendRequestsMissing,
                    helps, helpsAnswered, chats, barrierAnswered, waiting, addReply, helpReply, otherReplies);
        }

        boolean nothingLost() {
            return addsUnanswered == 0 && addsAnsweredTwice == 0 && friendRequestsMissing == 0
                    && helpsAnswered == helps && barrierAnswered && queueAfter == 0;
        }
    }

    /**
     * One rate's figures.
     *
     * @param load what the generator measured
     * @param books what the sandbox saw
     * @param cpu where the CPU went while the load ran
     */
    record Step(LoadGenerator.Result load, Books books, MachineLoad.CpuUse cpu) {
        boolean nothingLost() {
            return load.errors() == 0 && books.nothingLost();
        }
    }

    /**
     * @param warmup the unmeasured first run
     * @param steps the measured rates of the mix, in order
     * @param chatOnly the same host at 1,000/s with chat messages only: the webhook without the
     *     commands' work (their GeWe calls, and the sandbox answering them) on the same cores
     * @param floor the same generator at 1,000/s against a trivial JDK HTTP server in the harness
     *     (reads the body, answers {@code {"ok":true}}): what this machine, loopback and the JDK's
     *     HTTP server give before the host does anything
     */
    record Result(Step warmup, List<Step> steps, Step chatOnly, LoadGenerator.Result floor) {
    }

    private final Setup setup;
    private final HostDatabase database;
    private final Clock clock = new Clock();

    IngestionBenchmark(Setup setup) {
        this(setup, HostDatabase.SQLITE);
    }

    /** The same on another database than the host's default SQLite file. */
    IngestionBenchmark(Setup setup, HostDatabase database) {
        this.setup = setup;
        this.database = database;
    }

    Result run(int[] rates, Duration each, Duration warmup, int connections) throws Exception {
        LoadGenerator.Result floor = floor(each, warmup, connections);
        Path dir = setup.newWorkDir("ingestion");
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of("-Xmx64m"),
                        HostProcess.NO_PACING, database)) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            TrafficMix mix = TrafficMix.standard(sandbox, host.port(), BenchHost.CALLBACK_PATH, "in");
            LoadGenerator generator = new LoadGenerator(host.port(), connections);
            Ledger ledger = new Ledger(sandbox);
            Step warm = step(host, sandbox, mix, generator, ledger, 500, warmup, "warmup");
            List<Step> steps = new ArrayList<>();
            for (int rate : rates) {
                steps.add(step(host, sandbox, mix, generator, ledger, rate, each, "barrier" + rate));
            }
            TrafficMix chat = new TrafficMix(sandbox, host.port(), BenchHost.CALLBACK_PATH, "ch", 0, 7_300_000_000_000L);
            Step chatOnly = step(host, sandbox, chat, generator, ledger, 1000, each, "barrierchat");
            return new Result(warm, steps, chatOnly, floor);
        }
    }

    /** The generator against a server that does nothing but answer: the floor of these measurements. */
    private static LoadGenerator.Result floor(Duration each, Duration warmup, int connections) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
        server.start();
        try (GeweSandbox shapes = GeweSandbox.start()) {
            int port = server.getAddress().getPort();
            TrafficMix chat = new TrafficMix(shapes, port, "/gewe/callback", "fl", 0, 7_500_000_000_000L);
            LoadGenerator generator = new LoadGenerator(port, connections);
            generator.run(requests(chat, 500, warmup), 500);
            return generator.run(requests(chat, 1000, each), 1000);
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static List<byte[]> requests(TrafficMix mix, int rate, Duration length) {
        return mix.next((int) (rate * length.toMillis() / 1000)).stream().map(TrafficMix.Callback::request).toList();
    }

    private Step step(HostProcess host, GeweSandbox sandbox, TrafficMix mix, LoadGenerator generator, Ledger ledger,
            int rate, Duration length, String barrierName) throws Exception {
        List<TrafficMix.Callback> callbacks = mix.next((int) (rate * length.toMillis() / 1000));
        List<byte[]> requests = callbacks.stream().map(TrafficMix.Callback::request).toList();
        MachineLoad.Meter meter = MachineLoad.meter(host);
        LoadGenerator.Result load = generator.run(requests, rate);
        MachineLoad.CpuUse cpu = meter.stop();
        TrafficMix.Callback barrier = mix.barrier(barrierName);
        try (HttpConnection connection = new HttpConnection(host.port())) {
            int status = connection.exchange(barrier.request()).status();
            if (status != 200) {
                throw new IllegalStateException("the barrier callback was answered " + status);
            }
        }
        Books books = ledger.settle(callbacks, load, barrier, clock);
        return new Step(load, books.withQueue(BenchHost.queueWaiting(host)), cpu);
    }

    /** Lines the harness's monotonic clock up with the wall clock the sandbox stamps calls with. */
    static final class Clock {
        private final long anchorNanos = System.nanoTime();
        private final Instant anchorWall = Instant.now();

        long nanosOf(Instant wall) {
            return anchorNanos + Duration.between(anchorWall, wall).toNanos();
        }
    }

    /** Reads the replies the sandbox received, from where the last step's reading stopped. */
    static final class Ledger {
        private static final Pattern TARGET = Pattern.compile("wxid_[A-Za-z0-9]+_[0-9]+");

        private final GeweSandbox sandbox;
        private int postsRead;

        Ledger(GeweSandbox sandbox) {
            this.sandbox = sandbox;
        }

        Books settle(List<TrafficMix.Callback> callbacks, LoadGenerator.Result load, TrafficMix.Callback barrier,
                Clock clock) throws InterruptedException {
            Map<String, Integer> index = new HashMap<>();
            int adds = 0;
            int helps = 0;
            for (int i = 0; i < callbacks.size(); i++) {
                TrafficMix.Callback c = callbacks.get(i);
                if (c.kind() != TrafficMix.Kind.CHAT) {
                    index.put(c.tag(), i);
                    adds += c.kind() == TrafficMix.Kind.ADD ? 1 : 0;
                    helps += c.kind() == TrafficMix.Kind.HELP ? 1 : 0;
                }
            }
            Map<String, Integer> replies = new HashMap<>();
            Map<String, String> addTexts = new HashMap<>();
            List<String> other = new ArrayList<>();
            List<Long> addReply = new ArrayList<>();
            List<Long> helpReply = new ArrayList<>();
            boolean barrierAnswered = false;
            long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
            while (true) {
                List<RecordedCall> posts = sandbox.calls("/message/postText");
                for (int p = postsRead; p < posts.size(); p++) {
                    RecordedCall post = posts.get(p);
                    JsonNode body = post.json();
                    String to = body.path("toWxid").asText();
                    String content = body.path("content").asText();
                    String tag = to;
                    if (to.equals(BenchHost.ADMIN)) {
                        Matcher m = TARGET.matcher(content);
                        tag = m.find() ? m.group() : "";
                        addTexts.put(tag, content);
                    }
                    if (tag.equals(barrier.tag())) {
                        barrierAnswered = true;
                        continue;
                    }
                    Integer at = index.get(tag);
                    if (at == null) {
                        if (other.size() < 5) {
                            other.add(to + ": " + content);
                        }
                        continue;
                    }
                    if (replies.merge(tag, 1, Integer::sum) == 1) {
                        long latency = clock.nanosOf(post.receivedAt()) - load.intendedNanos(at);
                        (callbacks.get(at).kind() == TrafficMix.Kind.ADD ? addReply : helpReply).add(latency);
                    }
                }
                postsRead = posts.size();
                boolean complete = barrierAnswered && index.keySet().stream().allMatch(replies::containsKey);
                if (complete || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(50);
            }
            Map<String, Long> requested = new HashMap<>();
            for (OutgoingRequest r : sandbox.outgoingRequests()) {
                requested.merge(r.toWxid(), 1L, Long::sum);
            }
            int addsDone = 0;
            int addsOther = 0;
            int unanswered = 0;
            int twice = 0;
            int friendRequestsMissing = 0;
            int helpsAnswered = 0;
            for (Map.Entry<String, Integer> e : index.entrySet()) {
                int n = replies.getOrDefault(e.getKey(), 0);
                boolean add = callbacks.get(e.getValue()).kind() == TrafficMix.Kind.ADD;
                if (add) {
                    if (n == 0) {
                        unanswered++;
                    } else if (n > 1) {
                        twice++;
                    }
                    String text = addTexts.getOrDefault(e.getKey(), "");
                    if (text.startsWith("Friend request sent to")) {
                        addsDone++;
                        if (requested.getOrDefault(e.getKey(), 0L) != 1) {
                            friendRequestsMissing++;
                        }
                    } else if (n > 0) {
                        addsOther++;
                        if (other.size() < 5) {
                            other.add(text);
                        }
                    }
                } else if (n == 1) {
                    helpsAnswered++;
                }
            }
            return new Books(adds, addsDone, addsOther, unanswered, twice, friendRequestsMissing, helps, helpsAnswered,
                    callbacks.size() - adds - helps, barrierAnswered, -1, stats(addReply), stats(helpReply),
                    List.copyOf(other));
        }

        private static Stats stats(List<Long> values) {
            return Stats.of(values.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
