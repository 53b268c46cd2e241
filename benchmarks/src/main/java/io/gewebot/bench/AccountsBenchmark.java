package io.gewebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.SandboxAccount;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One host serving many accounts: the built jar started with a configuration file listing them
 * ({@code accounts:}, each with its {@code appId} and the admin; base URL, token and pacing-off
 * from the flags and the environment, as for every account), against one sandbox holding them all
 * under one token, as one GeWe token holds several devices. Read from the outside: the time from
 * spawn to the host logging that it listens, and to {@code /health} answering 200 with every
 * account up; then, once idle, the resident set and threads from {@code /proc/<pid>/status} and the
 * live heap ({@code jcmd GC.run} then {@code GC.heap_info}); then again after traffic to every
 * account, each command answered.
 *
 * <p>The heap starts at {@code -Xmx64m}; when the host does not hold with it (it exits, is not
 * healthy within {@link #HEALTHY_LIMIT}, or runs out of memory), the next of {@link #HEAPS} is
 * tried, and the smallest that holds is reported with the attempts that failed. A command left
 * unanswered without the heap running out stops the benchmark instead: a larger heap would not
 * help.
 */
final class AccountsBenchmark {

    static final List<String> HEAPS = List.of("-Xmx64m", "-Xmx96m", "-Xmx128m", "-Xmx192m", "-Xmx256m", "-Xmx384m",
            "-Xmx512m");
    static final Duration HEALTHY_LIMIT = Duration.ofSeconds(120);
    private static final Duration REPLIES_LIMIT = Duration.ofSeconds(180);
    private static final Pattern LISTENING = Pattern.compile("Listening on port \\d+");

    /**
     * One reading of the process.
     *
     * @param rss resident set
     * @param threads threads
     * @param byName the threads by name (see {@link BenchHost#threadsByName})
     * @param live the heap after a full GC, and metaspace
     */
    record Reading(long rss, int threads, Map<String, Integer> byName, BenchHost.Heap live) {
    }

    /**
     * A heap tried and found too small.
     *
     * @param heap the option
     * @param why what went wrong, in a line
     */
    record Failed(String heap, String why) {
    }

    /**
     * @param accounts how many accounts the file listed
     * @param heap the smallest heap that held
     * @param failed the smaller ones that did not
     * @param listeningNanos from spawn to the host logging that it listens
     * @param healthyNanos from spawn to {@code /health} 200 with every account up
     * @param afterStart read once healthy and idle
     * @param afterTraffic read once every command of the traffic was answered and the host idle
     * @param callbacks callbacks of the traffic, over all accounts
     * @param commands commands among them, each answered
     * @param trafficSeconds from the first callback posted to the last reply
     */
    record Run(int accounts, String heap, List<Failed> failed, long listeningNanos, long healthyNanos,
            Reading afterStart, Reading afterTraffic, int callbacks, int commands, double trafficSeconds) {
    }

    /**
     * @param one the same with one account in the file, for comparison
     * @param many with more accounts, fewest first
     */
    record Result(Run one, List<Run> many) {
    }

    /**
     * How many accounts, and how much traffic for them.
     *
     * @param accounts how many accounts the file lists
     * @param rounds of traffic: in each, every account gets one {@code /add}, one {@code /help} (in a group)
     *     and eight chat messages
     * @param firstHeap the smallest heap tried (one of {@link #HEAPS}): far smaller ones only cost a failed start
     */
    record Size(int accounts, int rounds, String firstHeap) {
    }

    /** The host did not hold with the heap tried. */
    private static final class DidNotHold extends Exception {
        DidNotHold(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private final Setup setup;

    AccountsBenchmark(Setup setup) {
        this.setup = setup;
    }

    /**
     * @param rounds of traffic for the run with one account
     * @param sizes the larger runs
     */
    Result run(int rounds, List<Size> sizes) throws Exception {
        Run one = smallestHeap(1, rounds, HEAPS.get(0));
        List<Run> many = new ArrayList<>();
        for (Size size : sizes) {
            many.add(smallestHeap(size.accounts(), size.rounds(), size.firstHeap()));
        }
        return new Result(one, many);
    }

    private Run smallestHeap(int accounts, int rounds, String firstHeap) throws Exception {
        List<Failed> failed = new ArrayList<>();
        for (String heap : HEAPS.subList(HEAPS.indexOf(firstHeap), HEAPS.size())) {
            Harness.progress("  " + accounts + " account(s), " + heap);
            try {
                return attempt(accounts, rounds, heap, List.copyOf(failed));
            } catch (DidNotHold e) {
                Harness.progress("    did not hold: " + e.getMessage());
                failed.add(new Failed(heap, e.getMessage()));
            }
        }
        throw new IllegalStateException("the host with " + accounts + " accounts held with none of " + HEAPS + ": "
                + failed);
    }

    private Run attempt(int accounts, int rounds, String heap, List<Failed> failed) throws Exception {
        Path dir = setup.newWorkDir("accounts-" + accounts);
        try (GeweSandbox sandbox = GeweSandbox.start()) {
            List<SandboxAccount> served = new ArrayList<>();
            served.add(sandbox.account(sandbox.appId()));
            for (int i = 2; i <= accounts; i++) {
                served.add(sandbox.addAccount(String.format("wx_bench_%04d", i), String.format("wxid_bench_bot_%04d", i)));
            }
            StringBuilder yaml = new StringBuilder("accounts:\n");
            for (SandboxAccount account : served) {
                yaml.append("  - appId: ").append(account.appId()).append("\n    admins: [").append(BenchHost.ADMIN)
                        .append("]\n");
            }
            Path config = Files.writeString(dir.resolve("bot.yaml"), yaml.toString(), StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>(HostProcess.NO_PACING);
            args.addAll(List.of("--config", config.toString()));
            long spawned = System.nanoTime();
            try (HostProcess host = BenchHost.start(setup, dir, sandbox, List.of(heap), args)) {
                long listening;
                long healthy;
                try {
                    host.awaitLine(LISTENING, HEALTHY_LIMIT);
                    listening = System.nanoTime() - spawned;
                    JsonNode health = host.awaitHealthy(HEALTHY_LIMIT, Duration.ofMillis(10), true);
                    healthy = System.nanoTime() - spawned;
                    int up = 0;
                    for (JsonNode account : health.path("accounts")) {
                        up += account.path("status").asText().equals("UP") ? 1 : 0;
                    }
                    if (up != accounts) {
                        throw new DidNotHold("healthy with " + up + " of " + accounts + " accounts up", null);
                    }
                } catch (IllegalStateException e) {
                    throw new DidNotHold(firstLine(e.getMessage()) + outOfMemory(host), e);
                }
                Thread.sleep(2000);
                Reading start = read(host);
                Traffic traffic = traffic(host, sandbox, served, rounds);
                Thread.sleep(2000);
                Reading end = read(host);
                if (!outOfMemory(host).isEmpty()) {
                    throw new DidNotHold("ran, but" + outOfMemory(host), null);
                }
                return new Run(accounts, heap, failed, listening, healthy, start, end, traffic.callbacks(),
                        traffic.commands(), traffic.seconds());
            }
        }
    }

    private record Traffic(int callbacks, int commands, double seconds) {
    }

    /** Every account's share of the traffic, posted over four connections; returns once every command is answered. */
    private static Traffic traffic(HostProcess host, GeweSandbox sandbox, List<SandboxAccount> served, int rounds)
            throws Exception {
        ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
        long id = 7_800_000_000_000L;
        int commands = 0;
        for (int r = 0; r < rounds; r++) {
            for (int a = 0; a < served.size(); a++) {
                SandboxAccount account = served.get(a);
                String target = "wxid_acc_" + a + "_" + r;
                sandbox.addPerson(target, null, null, "Person " + a + "/" + r);
                queue.add(post(host, account.callbacks().textJson(BenchHost.ADMIN, "/add " + target + " hi", id++)));
                queue.add(post(host, account.callbacks().groupTextJson("acc" + a + "help" + r + "@chatroom",
                        BenchHost.ADMIN, "/help", id++)));
                commands += 2;
                for (int c = 0; c < 8; c++) {
                    String text = "Good morning everyone, message " + c + " of round " + r + ".";
                    queue.add(post(host, c % 2 == 0 ? account.callbacks().textJson("wxid_chatter_" + c, text, id++)
                            : account.callbacks().groupTextJson("acc" + a + "chat@chatroom", "wxid_chatter_" + c, text,
                                    id++)));
                }
            }
        }
        int callbacks = queue.size();
        AtomicInteger failures = new AtomicInteger();
        long began = System.nanoTime();
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(host.port())) {
                    byte[] request;
                    while ((request = queue.poll()) != null) {
                        int status;
                        while ((status = connection.exchange(request).status()) == 503) {
                            Thread.sleep(2);
                        }
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                }
            }, "accounts-load-" + t);
            senders[t].start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        if (failures.get() > 0) {
            throw new DidNotHold(failures.get() + " callbacks not taken" + outOfMemory(host), null);
        }
        long deadline = System.nanoTime() + REPLIES_LIMIT.toNanos();
        for (SandboxAccount account : served) {
            while (account.postedTexts().size() < 2 * rounds) {
                if (System.nanoTime() > deadline || !host.alive()) {
                    String why = account.appId() + " answered " + account.postedTexts().size() + " of " + 2 * rounds
                            + " commands";
                    if (outOfMemory(host).isEmpty() && host.alive()) {
                        // Not the heap: a larger one would not help, and the report must not blame it.
                        throw new IllegalStateException(why + ", without running out of memory:\n" + host.output());
                    }
                    throw new DidNotHold(why + outOfMemory(host), null);
                }
                Thread.sleep(20);
            }
            long sent = account.postedTexts().stream().map(PostedText::content)
                    .filter(t -> t.startsWith("Friend request sent to")).count();
            if (sent != rounds) {
                throw new IllegalStateException(account.appId() + ": " + sent + " of " + rounds
                        + " /add answered \"sent\": " + account.postedTexts());
            }
        }
        return new Traffic(callbacks, commands, (System.nanoTime() - began) / 1e9);
    }

    private static byte[] post(HostProcess host, String json) {
        return HttpConnection.post(host.port(), BenchHost.CALLBACK_PATH, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Reading read(HostProcess host) throws IOException, InterruptedException {
        long rss = BenchHost.rssBytes(host);
        int threads = BenchHost.threads(host);
        return new Reading(rss, threads, BenchHost.threadsByName(host), BenchHost.heap(host, true));
    }

    private static String outOfMemory(HostProcess host) {
        return host.output().contains("OutOfMemoryError") ? " (OutOfMemoryError in its output)" : "";
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }
}
