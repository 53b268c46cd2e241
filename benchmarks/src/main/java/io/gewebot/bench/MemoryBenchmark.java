package io.gewebot.bench;

import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Memory: the host started with {@code -Xmx64m}, its resident set and heap read after start and
 * again after it has taken 100,000 callbacks (one {@code /add} and one {@code /help} in every
 * hundred, the rest chat), posted as fast as four connections allow. The heap is read twice each
 * time: as it is, and after a full GC ({@code jcmd GC.run}), which leaves only what is kept.
 */
final class MemoryBenchmark {

    /** One reading. */
    record Reading(long rss, BenchHost.Heap heap, BenchHost.Heap live) {
    }

    /**
     * @param afterStart read once the host was ready and idle
     * @param afterLoad read once every callback was handled and the host idle again
     * @param callbacks callbacks accepted
     * @param busyAnswers 503 answers (retried until accepted)
     * @param seconds how long posting them took
     * @param replies replies the sandbox received (one per command)
     * @param commands commands among the callbacks, plus the barrier
     */
    record Result(Reading afterStart, Reading afterLoad, int callbacks, int busyAnswers, double seconds, int replies,
            int commands) {
    }

    private final Setup setup;

    MemoryBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int callbacks, int connections) throws Exception {
        Path dir = setup.newWorkDir("memory");
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of("-Xmx64m"), HostProcess.NO_PACING)) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            Thread.sleep(2000);
            Reading start = read(host);
            TrafficMix mix = new TrafficMix(sandbox, host.port(), BenchHost.CALLBACK_PATH, "mem", 2, 7_400_000_000_000L);
            AtomicInteger left = new AtomicInteger(callbacks);
            AtomicInteger busy = new AtomicInteger();
            AtomicInteger commands = new AtomicInteger();
            AtomicLong failures = new AtomicLong();
            Thread[] senders = new Thread[connections];
            long began = System.nanoTime();
            for (int t = 0; t < connections; t++) {
                senders[t] = new Thread(() -> {
                    try (HttpConnection connection = new HttpConnection(host.port())) {
                        while (left.getAndDecrement() > 0) {
                            TrafficMix.Callback callback;
                            synchronized (mix) {
                                callback = mix.next();
                            }
                            if (callback.kind() != TrafficMix.Kind.CHAT) {
                                commands.incrementAndGet();
                            }
                            int status;
                            while ((status = connection.exchange(callback.request()).status()) == 503) {
                                busy.incrementAndGet();
                                Thread.sleep(2);
                            }
                            if (status != 200) {
                                failures.incrementAndGet();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                }, "memory-load-" + t);
                senders[t].start();
            }
            for (Thread sender : senders) {
                sender.join();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " callbacks failed:\n" + host.output());
            }
            TrafficMix.Callback barrier = mix.barrier("memory-barrier");
            try (HttpConnection connection = new HttpConnection(host.port())) {
                connection.exchange(barrier.request());
            }
            awaitReplyTo(sandbox, barrier.tag());
            Thread.sleep(2000);
            Reading end = read(host);
            return new Result(start, end, callbacks, busy.get(), seconds, sandbox.postedTexts().size(),
                    commands.get() + 1);
        }
    }

    private static void awaitReplyTo(GeweSandbox sandbox, String group) {
        try {
            await("the barrier's reply").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sandbox.postedTexts().stream().map(PostedText::toWxid).anyMatch(group::equals));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the host never answered the barrier /help", e);
        }
    }

    private static Reading read(HostProcess host) throws IOException, InterruptedException {
        long rss = BenchHost.rssBytes(host);
        BenchHost.Heap heap = BenchHost.heap(host, false);
        BenchHost.Heap live = BenchHost.heap(host, true);
        return new Reading(rss, heap, live);
    }
}
