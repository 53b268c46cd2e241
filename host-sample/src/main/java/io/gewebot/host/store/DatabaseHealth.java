package io.gewebot.host.store;

import io.gewebot.common.settings.Durations;
import io.gewebot.common.store.Database;
import io.gewebot.common.store.Patiently;
import io.gewebot.common.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the host's database can be reached, as its work last found it, for {@code /health}; and work
 * that waits for it ({@link #patiently}).
 */
public final class DatabaseHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    private final String name;
    private final UnaryOperator<String> mask;
    private final Clock clock;
    private Optional<Instant> downSince = Optional.empty();
    private String problem = "";

    /**
     * @param name the database as the host names it (never with its password)
     * @param mask removes the password from a driver's message
     * @param clock the clock
     */
    public DatabaseHealth(String name, UnaryOperator<String> mask, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param database the host's database
     * @param clock the clock
     * @return its health, named as the host names it
     */
    public static DatabaseHealth of(HostDatabase database, Clock clock) {
        return new DatabaseHealth(database.settings().describe(), database.settings()::mask, clock);
    }

    /** The database answered. */
    public void reached() {
        Optional<Instant> was;
        synchronized (this) {
            was = downSince;
            downSince = Optional.empty();
            problem = "";
        }
        was.ifPresent(since -> LOG.info("The database ({}) answers again, after {}", name,
                Durations.format(Duration.between(since, clock.instant()))));
    }

    /**
     * Work on the database failed.
     *
     * @param failure the failure
     * @return whether it says the database cannot be reached or written for now
     */
    public boolean failed(RuntimeException failure) {
        if (!StoreException.unavailable(failure)) {
            return false;
        }
        boolean first;
        synchronized (this) {
            first = downSince.isEmpty();
            if (first) {
                downSince = Optional.of(clock.instant());
            }
            problem = mask.apply(Database.rootMessage(failure));
        }
        if (first) {
            LOG.warn("The database ({}) cannot be reached or written: {}", name, problem);
        }
        return true;
    }

    /** @return whether the database was unreachable when last used */
    public synchronized boolean down() {
        return downSince.isPresent();
    }

    /**
     * The {@code database} part of {@code /health}: its name, {@code UP} or {@code UNREACHABLE} with since
     * when and the driver's words (a password masked).
     *
     * @return the document
     */
    public synchronized Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", name);
        doc.put("state", downSince.isPresent() ? "UNREACHABLE" : "UP");
        downSince.ifPresent(since -> {
            doc.put("since", since.toString());
            doc.put("problem", problem);
        });
        return doc;
    }

    /** @return why the host is degraded by its database, when it is */
    public synchronized Optional<String> degradation() {
        return downSince.map(since -> "the database (" + name + ") cannot be reached or written since " + since
                + ": " + problem);
    }

    /**
     * Runs work on the database until it goes through ({@link Patiently}), keeping this health up to date.
     *
     * @param what the work, for the log
     * @param work the work
     * @param <T> its result
     * @return its result
     */
    public <T> T patiently(String what, Supplier<T> work) {
        return Patiently.run(what, work, new Patiently.Watcher() {
            @Override
            public void reached() {
                DatabaseHealth.this.reached();
            }

            @Override
            public void failed(RuntimeException failure) {
                DatabaseHealth.this.failed(failure);
            }
        });
    }
}
