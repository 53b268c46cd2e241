package io.gewebot.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load generator: callback {@code i} is due at {@code start + i / rate}, whether or not
 * earlier ones were answered, and its latency is measured from that intended instant, not from when
 * it was really sent. So a host that stalls is charged for every callback that waited behind the
 * stall (no coordinated omission), including any wait for a free connection.
 *
 * <p>Each of a fixed set of threads owns one keep-alive connection and takes the next due callback
 * as soon as it is free; the set is large enough that at these rates a callback waits for a thread
 * only when the host is slow. How late the generator itself sends (its own wake-up delay) is
 * recorded apart, as the floor of what it can resolve.
 */
final class LoadGenerator {

    /**
     * What one run measured.
     *
     * @param rate callbacks per second offered
     * @param sent callbacks sent
     * @param byStatus answers by HTTP status; {@code io} for connections that failed
     * @param latency from the intended send instant to the whole answer read, 2xx answers only
     * @param sendDelay how late the generator sent, against the intended instant
     * @param achievedPerSecond 2xx answers per second, from the first intended send to the last answer
     * @param startNanos the intended instant of callback 0
     */
    record Result(int rate, int sent, Map<String, Integer> byStatus, Stats latency, Stats sendDelay,
            double achievedPerSecond, long startNanos) {

        int ok() {
            return byStatus.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToInt(Map.Entry::getValue)
                    .sum();
        }

        int errors() {
            return sent - ok();
        }

        long intendedNanos(int index) {
            return startNanos + (long) (index * 1e9 / rate);
        }
    }

    private final int port;
    private final int connections;

    LoadGenerator(int port, int connections) {
        this.port = port;
        this.connections = connections;
    }

    Result run(List<byte[]> requests, int rate) throws InterruptedException {
        int total = requests.size();
        long[] latency = new long[total];
        long[] sendDelay = new long[total];
        int[] status = new int[total];
        long[] finished = new long[total];
        AtomicInteger next = new AtomicInteger();
        double period = 1e9 / rate;
        Thread[] workers = new Thread[connections];
        // a little time for every thread to connect and park before callback 0 is due
        long start = System.nanoTime() + 50_000_000L;
        for (int w = 0; w < connections; w++) {
            HttpConnection connection = new HttpConnection(port);
            workers[w] = new Thread(() -> {
                try {
                    connection.connect();
                } catch (IOException e) {
                    // counted as failed sends below
                }
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long intended = start + (long) (i * period);
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = System.nanoTime();
                    sendDelay[i] = sent - intended;
                    try {
                        status[i] = connection.exchange(requests.get(i)).status();
                    } catch (IOException e) {
                        status[i] = -1;
                    }
                    finished[i] = System.nanoTime();
                    latency[i] = finished[i] - intended;
                }
                connection.close();
            }, "load-" + w);
            workers[w].setDaemon(true);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        long[] okLatency = new long[total];
        int ok = 0;
        long last = start;
        for (int i = 0; i < total; i++) {
            byStatus.merge(status[i] < 0 ? "io" : Integer.toString(status[i]), 1, Integer::sum);
            if (status[i] >= 200 && status[i] < 300) {
                okLatency[ok++] = latency[i];
                last = Math.max(last, finished[i]);
            }
        }
        double seconds = (last - start) / 1e9;
        return new Result(rate, total, byStatus, Stats.of(okLatency, ok), Stats.of(sendDelay),
                seconds <= 0 ? 0 : ok / seconds, start);
    }
}
