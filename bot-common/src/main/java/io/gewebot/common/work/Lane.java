package io.gewebot.common.work;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's work over a pool shared by every account: the tasks wait in the lane's own queue, at most
 * {@code capacity} of them (one more is refused with {@link RejectedExecutionException}, as a full
 * {@link java.util.concurrent.ThreadPoolExecutor} refuses it), and at most {@code width} run at once on the
 * pool's threads. A lane of width 1 runs its tasks one at a time in the order they came.
 *
 * <p>A task ends its turn on the pool's thread; the next task of the same lane queues again at the back of
 * the pool, behind the other lanes' turns, so that a busy account cannot keep the pool's threads from the
 * others. A task that blocks holds one of the pool's threads and one of its lane's {@code width}: an account
 * whose GeWe hangs holds at most {@code width} threads, never the whole pool.
 */
public final class Lane implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private final String name;
    private final Executor pool;
    private final int width;
    private final int capacity;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** Turns handed to the pool and not yet ended: at most {@code width}. */
    private int turns;
    private boolean stopped;

    /**
     * @param name what the log calls the lane (an account's id and what the lane is for)
     * @param pool the shared threads
     * @param width how many of the lane's tasks may run at once
     * @param capacity how many may wait
     */
    public Lane(String name, Executor pool, int width, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        this.pool = Objects.requireNonNull(pool, "pool");
        if (width < 1 || capacity < 1) {
            throw new IllegalArgumentException("width and capacity must be at least 1: " + width + ", " + capacity);
        }
        this.width = width;
        this.capacity = capacity;
    }

    /**
     * Queues a task.
     *
     * @throws RejectedExecutionException when {@code capacity} tasks wait already, or the lane is stopped
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        synchronized (this) {
            if (stopped) {
                throw new RejectedExecutionException(name + " is stopped");
            }
            if (waiting.size() >= capacity) {
                throw new RejectedExecutionException(name + " is full: " + capacity + " task(s) wait");
            }
            waiting.add(task);
            if (turns >= width) {
                return;
            }
            turns++;
        }
        handOver();
    }

    /** @return how many more tasks the lane takes now */
    public synchronized int room() {
        return stopped ? 0 : capacity - waiting.size();
    }

    /** @return how many tasks wait, not counting those running */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Takes no more tasks; those queued still run. */
    public synchronized void shutdown() {
        stopped = true;
    }

    /** Takes no more tasks and drops those queued; those running run on. */
    public synchronized void shutdownNow() {
        stopped = true;
        waiting.clear();
        notifyAll();
    }

    /**
     * Takes no more tasks and waits for those queued and running to end.
     *
     * @param wait how long to wait
     * @return whether they all ended; when not, those still queued are dropped
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean drain(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            stopped = true;
            while (turns > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    waiting.clear();
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void handOver() {
        try {
            pool.execute(this::turn);
        } catch (RejectedExecutionException e) {
            // The pool is stopping: what waits here will not run.
            synchronized (this) {
                turns--;
                waiting.clear();
                notifyAll();
            }
            throw e;
        }
    }

    private void turn() {
        Runnable task;
        synchronized (this) {
            task = waiting.poll();
            if (task == null) {
                turns--;
                notifyAll();
                return;
            }
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("A task of {} failed", name, e);
        } finally {
            // After an Error too, which goes on to the pool's thread: the lane's next task still runs.
            next();
        }
    }

    private void next() {
        synchronized (this) {
            if (waiting.isEmpty()) {
                turns--;
                notifyAll();
                return;
            }
        }
        try {
            handOver();
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: the shared threads are stopping; queued tasks dropped", name);
        }
    }

    @Override
    public String toString() {
        return "Lane[" + name + "]";
    }
}
