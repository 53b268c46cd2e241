package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory: the host started with {@code -Xmx64m}, its resident set and heap read after start and
 * again after it has taken 100,000 callbacks (one {@code /add} and one {@code /help} in every
 * hundred, the rest chat), posted as fast as four connections allow. The heap is read twice each
 * time: as it is, and after a full GC ({@code jcmd GC.run}), which leaves only what is kept.
 */
final class MemoryBenchmark {

    /** One reading. */
    record Reading(long rss, HostProcess.Heap heap, HostProcess.Heap live) {
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
                HostProcess host = HostProcess.start(setup, dir, sandbox, List.of("-Xmx64m"), HostProcess.NO_PACING)) {
            host.awaitReady(Duration.ofSeconds(60), Duration.ofMillis(10));
            Thread.sleep(2000);
            Reading start = read(host);
            TrafficMix mix = new TrafficMix(sandbox, host.port(), host.callbackPath(), "mem", 2, 7_400_000_000_000L);
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
                throw new IllegalStateException(failures.get() + " callbacks failed:\n" + host.logText());
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

    private static void awaitReplyTo(GeweSandbox sandbox, String group) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (PostedText text : sandbox.postedTexts()) {
                if (text.toWxid().equals(group)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the host never answered the barrier /help");
    }

    private static Reading read(HostProcess host) throws IOException, InterruptedException {
        long rss = host.rssBytes();
        HostProcess.Heap heap = host.heap(false);
        HostProcess.Heap live = host.heap(true);
        return new Reading(rss, heap, live);
    }
}
