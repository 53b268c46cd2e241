package io.gewebot.common.store;

import io.gewebot.common.settings.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on the database that waits for it: while the database cannot be reached or written
 * ({@link StoreException#unavailable}), the work is run again after a wait that grows from
 * {@link #FIRST_WAIT} to {@link #LONGEST_WAIT}, for as long as it takes; the log says that it waits and,
 * once through, how late. A failure of another kind is thrown at once. Only work that changes nothing
 * when it fails (one transaction, rolled back) may be run so.
 */
public final class Patiently {

    private static final Logger LOG = LoggerFactory.getLogger(Patiently.class);
    /** The first wait after a failure. */
    public static final Duration FIRST_WAIT = Duration.ofMillis(500);
    /** The longest wait between two tries. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    /** Told how each try went. */
    public interface Watcher {
        /** The work went through: the database answers. */
        void reached();

        /**
         * A try failed.
         *
         * @param failure the failure
         */
        void failed(RuntimeException failure);
    }

    private Patiently() {
    }

    /**
     * Runs work until it goes through.
     *
     * @param what the work, for the log
     * @param work the work
     * @param watcher told how each try went
     * @param <T> its result
     * @return its result
     * @throws RuntimeException a failure other than the database being unreachable, as thrown; a
     *     {@link StoreException} when interrupted while waiting (the interrupt is kept)
     */
    public static <T> T run(String what, Supplier<T> work, Watcher watcher) {
        Objects.requireNonNull(watcher, "watcher");
        long started = System.nanoTime();
        Duration wait = FIRST_WAIT;
        for (int tries = 1;; tries++) {
            try {
                T result = work.get();
                watcher.reached();
                if (tries > 1) {
                    LOG.info("{} went through after waiting {} for the database", what,
                            Durations.format(Duration.ofNanos(System.nanoTime() - started)));
                }
                return result;
            } catch (RuntimeException e) {
                if (!StoreException.unavailable(e)) {
                    throw e;
                }
                watcher.failed(e);
                if (tries == 1 || tries % 10 == 0) {
                    LOG.warn("{} waits for the database ({}): tried {} time(s), again in {}", what,
                            Database.rootMessage(e), tries, Durations.format(wait));
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(what + " stopped while waiting for the database", e);
                }
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
            }
        }
    }

    /**
     * Runs work until it goes through, with nobody told how each try went.
     *
     * @param what the work, for the log
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    public static <T> T run(String what, Supplier<T> work) {
        return run(what, work, new Watcher() {
            @Override
            public void reached() {
            }

            @Override
            public void failed(RuntimeException failure) {
            }
        });
    }
}
