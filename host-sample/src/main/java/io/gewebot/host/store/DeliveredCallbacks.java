package io.gewebot.host.store;

import io.gewebot.common.store.Database;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers which GeWe messages ({@code Appid + NewMsgId}) were already processed, across restarts, so
 * that a message GeWe pushes again (after a restart, a history sync or a retry, even hours later) is
 * processed once. Entries older than the retention are pruned, and so are the oldest beyond a row
 * limit, so the table stays bounded.
 */
public final class DeliveredCallbacks {

    /** How long a message id is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(3);
    /** The most ids kept. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private static final int PRUNE_EVERY = 1_000;

    private final Database db;
    private final Clock clock;
    private final Duration retention;
    private final int maxEntries;
    private int insertsSincePrune;

    /**
     * @param db the host database
     * @param clock the clock
     * @param retention how long an id is remembered
     * @param maxEntries the most ids kept
     */
    public DeliveredCallbacks(Database db, Clock clock, Duration retention, int maxEntries) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.maxEntries = maxEntries;
    }

    /**
     * Records a message id.
     *
     * @param key {@code Appid:NewMsgId}
     * @return {@code true} the first time, {@code false} for a duplicate
     */
    public boolean firstDelivery(String key) {
        boolean first = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO delivered (msg_key, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, key);
                s.setLong(2, clock.millis());
                return s.executeUpdate() == 1;
            }
        });
        if (first && ++insertsSincePrune >= PRUNE_EVERY) {
            insertsSincePrune = 0;
            prune();
        }
        return first;
    }

    /**
     * Drops ids older than the retention and the oldest beyond the row limit.
     *
     * @return how many were dropped
     */
    public int prune() {
        return db.transaction(c -> {
            int dropped;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM delivered WHERE seen_at < ?")) {
                s.setLong(1, clock.millis() - retention.toMillis());
                dropped = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM delivered WHERE msg_key IN"
                    + " (SELECT msg_key FROM delivered ORDER BY seen_at DESC " + db.dialect().offsetOnly() + ")")) {
                s.setInt(1, maxEntries);
                dropped += s.executeUpdate();
            }
            return dropped;
        });
    }

    /** @return how many ids are remembered */
    public int size() {
        return db.transaction(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM delivered")) {
                r.next();
                return r.getInt(1);
            }
        });
    }
}
