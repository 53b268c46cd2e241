package io.gewebot.common.work;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pools {@link Lane}s share: a fixed number of named threads whatever the number of accounts. Their queues
 * are unbounded because the lanes bound them: a lane has at most its width of turns in a pool's queue.
 */
public final class SharedThreads {

    private SharedThreads() {
    }

    /**
     * @param name the threads' name, numbered ({@code name-1}, {@code name-2}, ...)
     * @param threads how many
     * @param daemon whether they leave the JVM free to exit (for work that may hang in a plugin)
     * @return the pool
     */
    public static ExecutorService pool(String name, int threads, boolean daemon) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named(name, daemon));
        // Threads are made as work arrives and end after a while idle: a host of few accounts keeps few.
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * @param name the thread's name
     * @param daemon whether it leaves the JVM free to exit
     * @return one thread for timed work, which only hands work to lanes and never waits for I/O itself
     */
    public static ScheduledExecutorService timer(String name, boolean daemon) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(name, daemon));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static ThreadFactory named(String name, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
