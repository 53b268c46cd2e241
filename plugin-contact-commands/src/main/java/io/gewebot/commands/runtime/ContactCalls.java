package io.gewebot.commands.runtime;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Calls an extension with a time limit, on threads of its own, so that an extension that throws or
 * hangs costs one failed command and never the host. At most {@code maxConcurrent} calls run (or
 * hang) at once; one more is refused as {@link Result.Busy} rather than queued behind them.
 */
public final class ContactCalls implements AutoCloseable {

    /** What came of one call. */
    public sealed interface Result {
        /** @param outcome what the extension answered */
        record Answered(ContactOutcome outcome) implements Result {
        }

        /** The extension did not answer in time; it may still be running. */
        record TimedOut() implements Result {
        }

        /** @param error what the extension threw */
        record Threw(String error) implements Result {
        }

        /** Too many calls are still hanging; this one was not started. */
        record Busy() implements Result {
        }
    }

    private final Duration timeout;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final boolean ownPool;

    /**
     * Calls on threads of their own, stopped by {@link #close()}.
     *
     * @param timeout how long one call may take
     * @param maxConcurrent how many calls may run (or hang) at once
     */
    public ContactCalls(Duration timeout, int maxConcurrent) {
        this(timeout, maxConcurrent, threads(), true);
    }

    /**
     * Calls on threads several accounts share ({@link #threads()}), which {@link #close()} leaves running.
     *
     * @param timeout how long one call may take
     * @param maxConcurrent how many calls of this account's may run (or hang) at once
     * @param shared the threads
     */
    public ContactCalls(Duration timeout, int maxConcurrent, ExecutorService shared) {
        this(timeout, maxConcurrent, shared, false);
    }

    private ContactCalls(Duration timeout, int maxConcurrent, ExecutorService pool, boolean ownPool) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // The slots, not the pool's size, bound the calls: a thread that has just finished a call is
        // not at once free for the next, so a pool of maxConcurrent threads would refuse a call now
        // and then although none was running. A call holds its slot until the extension returns, so
        // hanging calls keep theirs, and nothing queues behind them. Idle threads end after 30 s.
        this.slots = new Semaphore(maxConcurrent);
        this.pool = Objects.requireNonNull(pool, "pool");
        this.ownPool = ownPool;
    }

    /**
     * @return threads for the calls: as many as run or hang at once (the callers' slots bound them), each
     *     ended after 30 s idle
     */
    public static ExecutorService threads() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "plugin-call-" + threads.incrementAndGet());
            // A hung extension must not keep the host from exiting.
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the time limit */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs one operation.
     *
     * @param action the extension
     * @param operation what to call on it
     * @return the result, never {@code null}
     */
    public Result call(ContactAction action, Function<ContactAction, ContactOutcome> operation) {
        if (!slots.tryAcquire()) {
            return new Result.Busy();
        }
        // The slot goes back when the call ends; a call the caller gave up on before it started never
        // starts, and the caller gives its slot back.
        AtomicBoolean started = new AtomicBoolean();
        Future<ContactOutcome> future;
        try {
            future = pool.submit(() -> {
                if (!started.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return operation.apply(action);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            return new Result.Busy();
        }
        try {
            ContactOutcome outcome = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome == null) {
                return new Result.Threw("the extension answered null");
            }
            return new Result.Answered(outcome);
        } catch (TimeoutException e) {
            giveUp(future, started);
            return new Result.TimedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result.Threw(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(future, started);
            return new Result.Threw("interrupted");
        }
    }

    private void giveUp(Future<ContactOutcome> future, AtomicBoolean started) {
        future.cancel(true);
        if (started.compareAndSet(false, true)) {
            slots.release();
        }
    }

    /**
     * Stops the threads when they are this instance's own: calls still running are interrupted, and later
     * calls are refused as busy. Shared threads are their owner's to stop.
     */
    @Override
    public void close() {
        if (ownPool) {
            pool.shutdownNow();
        }
    }
}
