package io.gewebot.host.runtime;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Calls an extension with a time limit, on threads of its own, so that an extension that throws or
 * hangs costs one failed command and never the host.
 *
 * <p>The threads serve one plugin class loader at a time. A plugin can leave thread-locals on the
 * threads that run it (a JSON library's buffer pool, say), and each keeps the plugin's class loader,
 * with every class it loaded, alive for as long as the thread lives. So when an extension from
 * another class loader is called (the plugins were reloaded), the threads that ran the old one are
 * let go as soon as their calls end, and new threads serve the new one. Calls still running on the
 * old threads no longer count against {@code maxConcurrent}.
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
    private final int maxConcurrent;
    private final AtomicInteger threads = new AtomicInteger();
    private final Object lock = new Object();
    /** The threads of the class loader served last; guarded by {@link #lock}. */
    private ThreadPoolExecutor pool;
    /** Weak, so that these calls never keep a plugin alive themselves; guarded by {@link #lock}. */
    private WeakReference<ClassLoader> served = new WeakReference<>(null);
    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * @param timeout how long one call may take
     * @param maxConcurrent how many calls may run (or hang) at once
     */
    public ContactCalls(Duration timeout, int maxConcurrent) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxConcurrent = maxConcurrent;
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
        Future<ContactOutcome> future;
        try {
            future = threadsFor(action).submit(() -> operation.apply(action));
        } catch (RejectedExecutionException e) {
            return new Result.Busy();
        }
        try {
            ContactOutcome outcome = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome == null) {
                return new Result.Threw("the extension answered null");
            }
            return new Result.Answered(outcome);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Result.TimedOut();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Result.Threw(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return new Result.Threw("interrupted");
        }
    }

    /** The threads that run this extension's calls: those of the last one, unless it came from another loader. */
    private ThreadPoolExecutor threadsFor(ContactAction action) {
        ClassLoader loader = action.getClass().getClassLoader();
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            if (pool == null || served.get() != loader) {
                if (pool != null) {
                    pool.shutdown();
                }
                pool = new ThreadPoolExecutor(0, maxConcurrent, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "plugin-call-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                served = new WeakReference<>(loader);
            }
            return pool;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
