package io.gewebot.host.store;

import io.gewebot.common.store.Database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which GeWe messages ({@code Appid + NewMsgId}) were already processed, across restarts, so
 * that a message GeWe pushes again (after a restart, a history sync or a retry, even hours later) is
 * processed once. Entries older than the retention are pruned, and so are the oldest beyond a row
 * limit, so the table stays bounded.
 *
 * <p>It also keeps the callbacks the host has answered and not yet handled ({@code pending_callbacks}):
 * {@link #record} writes a batch of them, with their ids, in one transaction before they are answered;
 * {@link #begin} marks one as under way before it is handled (so that a host killed meanwhile does not
 * handle it again), and {@link #finished} lets it go. A host run is an {@link #owner()}: it handles the
 * callbacks it recorded, and {@link #orphans} hands it those of a run that stopped.
 */
public final class DeliveredCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveredCallbacks.class);

    /** How long a message id is remembered. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(3);
    /** The most ids kept. */
    public static final int DEFAULT_MAX_ENTRIES = 200_000;

    private static final int PRUNE_EVERY = 1_000;

    private final Database db;
    private final Clock clock;
    private final Duration retention;
    private final int maxEntries;
    private final String owner;
    private final ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    private static final String NOT_PENDING = " AND msg_key NOT IN (SELECT msg_key FROM pending_callbacks)";

    private final AtomicInteger insertsSincePrune = new AtomicInteger();

    /** How a callback's handling may go on, as {@link #begin} finds it. */
    public enum Begin {
        /** Its handling may begin: it is marked as under way. */
        GO,
        /** It was handled before (a re-delivery), or its handling has begun already. */
        DUPLICATE,
        /** Another host run took it. */
        TAKEN
    }

    /**
     * A callback to record before it is answered.
     *
     * @param key {@code Appid:NewMsgId}
     * @param appId the account it is for
     * @param body the callback as it was posted
     */
    public record Arrival(String key, String appId, byte[] body) {
        /** Checks the parts. */
        public Arrival {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A callback a stopped host run left: to be handled again ({@code started} false) or, had its handling
     * begun, let go without handling it twice.
     *
     * @param key {@code Appid:NewMsgId}
     * @param appId the account it is for
     * @param body the callback as it was posted
     * @param receivedAt when it was recorded (epoch milliseconds)
     * @param started whether its handling had begun
     */
    public record Orphan(String key, String appId, byte[] body, long receivedAt, boolean started) {
    }

    /**
     * @param db the host database
     * @param clock the clock
     * @param retention how long an id is remembered
     * @param maxEntries the most ids kept
     */
    public DeliveredCallbacks(Database db, Clock clock, Duration retention, int maxEntries) {
        this(db, clock, retention, maxEntries, UUID.randomUUID().toString());
    }

    /**
     * @param db the host database
     * @param clock the clock
     * @param retention how long an id is remembered
     * @param maxEntries the most ids kept
     * @param owner this host run, as the callbacks it records name it
     */
    public DeliveredCallbacks(Database db, Clock clock, Duration retention, int maxEntries, String owner) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.maxEntries = maxEntries;
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /** @return this host run, as the callbacks it records name it */
    public String owner() {
        return owner;
    }

    /**
     * Records callbacks before they are answered, in one transaction: each one's id, and those seen for
     * the first time as waiting to be handled by this run.
     *
     * @param arrivals the callbacks
     * @return for each, in order, whether it was new ({@code false}: a re-delivery of one recorded before)
     * @throws io.gewebot.common.store.StoreException when they could not be recorded: none was
     */
    public List<Boolean> record(List<Arrival> arrivals) {
        List<Boolean> fresh = db.dialect().locksRows()
                ? db.atOnce(c -> recordAtOnce(c, arrivals, clock.millis())) : db.transaction(c -> {
            long now = clock.millis();
            List<Boolean> firsts = new ArrayList<>(arrivals.size());
            try (PreparedStatement seen = c.prepareStatement(
                    "INSERT INTO delivered (msg_key, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
                    PreparedStatement waiting = c.prepareStatement("INSERT INTO pending_callbacks (msg_key, app_id, "
                            + "body, received_at, owner, state, touched_at) VALUES (?, ?, ?, ?, ?, 'new', ?)")) {
                for (Arrival arrival : arrivals) {
                    seen.setString(1, arrival.key());
                    seen.setLong(2, now);
                    boolean first = seen.executeUpdate() == 1;
                    firsts.add(first);
                    if (first) {
                        waiting.setString(1, arrival.key());
                        waiting.setString(2, arrival.appId());
                        waiting.setString(3, new String(arrival.body(), StandardCharsets.UTF_8));
                        waiting.setLong(4, now);
                        waiting.setString(5, owner);
                        waiting.setLong(6, now);
                        waiting.addBatch();
                    }
                }
                if (firsts.contains(Boolean.TRUE)) {
                    waiting.executeBatch();
                }
            }
            return firsts;
        });
        int recorded = (int) fresh.stream().filter(Boolean::booleanValue).count();
        if (insertsSincePrune.addAndGet(recorded) >= PRUNE_EVERY) {
            insertsSincePrune.set(0);
            try {
                prune();
            } catch (RuntimeException e) {
                // The callbacks are recorded: the ids are pruned another time.
                LOG.warn("Old callback ids could not be pruned: {}", e.getMessage());
            }
        }
        return fresh;
    }

    /**
     * As {@link #record}, on PostgreSQL: the ids and the callbacks waiting, in one statement (the callbacks
     * waiting are those whose id was new), which also lets go of those {@link #finished} since the last time;
     * being one, it is committed as it ends ({@link Database#atOnce}).
     */
    private List<Boolean> recordAtOnce(Connection c, List<Arrival> arrivals, long now) throws SQLException {
        // a callback twice in one batch is a re-delivery of the first
        Map<String, Arrival> firstOf = new LinkedHashMap<>();
        arrivals.forEach(arrival -> firstOf.putIfAbsent(arrival.key(), arrival));
        Set<String> recorded = new HashSet<>();
        if (firstOf.isEmpty()) {
            return List.of();
        }
        // one arriving again is not let go in the statement that records it: it stays for the next time
        List<String> letGo = new ArrayList<>(drainDone());
        List<String> keep = letGo.stream().filter(firstOf::containsKey).toList();
        letGo.removeAll(keep);
        done.addAll(keep);
        try {
            String rows = String.join(", ", Collections.nCopies(firstOf.size(), "(?, ?, ?)"));
            try (PreparedStatement s = c.prepareStatement((letGo.isEmpty() ? "WITH "
                    : "WITH gone AS (DELETE FROM pending_callbacks WHERE msg_key = ANY (?)), ")
                    + "arrived (msg_key, app_id, body) AS (VALUES " + rows
                    + "), seen AS (INSERT INTO delivered (msg_key, seen_at) SELECT msg_key, ? FROM arrived"
                    + " ON CONFLICT DO NOTHING RETURNING msg_key)"
                    + " INSERT INTO pending_callbacks (msg_key, app_id, body, received_at, owner, state, touched_at)"
                    + " SELECT arrived.msg_key, arrived.app_id, arrived.body, ?, ?, 'new', ?"
                    + " FROM arrived JOIN seen ON seen.msg_key = arrived.msg_key RETURNING msg_key")) {
                int i = 1;
                if (!letGo.isEmpty()) {
                    s.setArray(i++, c.createArrayOf("text", letGo.toArray()));
                }
                for (Arrival arrival : firstOf.values()) {
                    s.setString(i++, arrival.key());
                    s.setString(i++, arrival.appId());
                    s.setString(i++, new String(arrival.body(), StandardCharsets.UTF_8));
                }
                s.setLong(i++, now);
                s.setLong(i++, now);
                s.setString(i++, owner);
                s.setLong(i, now);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        recorded.add(r.getString(1));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            done.addAll(letGo);
            throw e;
        }
        List<Boolean> firsts = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            // only the first of a key in the batch can be new
            firsts.add(firstOf.get(arrival.key()) == arrival && recorded.contains(arrival.key()));
        }
        return firsts;
    }

    /**
     * Marks a callback as under way before it is handled, in the transaction that lets go of those
     * {@link #finished} since: one this run recorded (or took) is marked; one never recorded (handed
     * straight to the handling) is recorded as seen now.
     *
     * @param key {@code Appid:NewMsgId}
     * @return whether to handle it
     */
    public Begin begin(String key) {
        List<String> letGo = drainDone();
        try {
            Database.Work<Begin> mark = c -> {
                // On PostgreSQL those let go go in the same statement as the mark (never the one marked)
                boolean letGoInMark = db.dialect().locksRows() && !letGo.isEmpty() && !letGo.contains(key);
                if (!letGoInMark) {
                    delete(c, letGo);
                }
                long now = clock.millis();
                try (PreparedStatement s = c.prepareStatement((letGoInMark
                        ? "WITH gone AS (DELETE FROM pending_callbacks WHERE msg_key = ANY (?)) " : "")
                        + "UPDATE pending_callbacks SET state = 'started', "
                        + "touched_at = ? WHERE msg_key = ? AND owner = ? AND state = 'new'")) {
                    int i = 1;
                    if (letGoInMark) {
                        s.setArray(i++, c.createArrayOf("text", letGo.toArray()));
                    }
                    s.setLong(i++, now);
                    s.setString(i++, key);
                    s.setString(i, owner);
                    if (s.executeUpdate() == 1) {
                        return Begin.GO;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT owner FROM pending_callbacks WHERE msg_key = ?")) {
                    s.setString(1, key);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            // Begun by this run already, or another run's.
                            return owner.equals(r.getString(1)) ? Begin.DUPLICATE : Begin.TAKEN;
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO delivered (msg_key, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                    s.setString(1, key);
                    s.setLong(2, now);
                    return s.executeUpdate() == 1 ? Begin.GO : Begin.DUPLICATE;
                }
            };
            // On PostgreSQL each statement stands alone (the mark; when there was none to make, the read and the
            // insert that tell why), and is committed as it ends.
            return db.dialect().locksRows() ? db.atOnce(mark) : db.transaction(mark);
        } catch (RuntimeException e) {
            done.addAll(letGo);
            throw e;
        }
    }

    /**
     * Gives back a callback whose handling was marked as begun and did not happen (the host stops): the
     * next run that serves its account handles it.
     *
     * @param key {@code Appid:NewMsgId}
     */
    public void release(String key) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_callbacks SET state = 'new' "
                    + "WHERE msg_key = ? AND owner = ?")) {
                s.setString(1, key);
                s.setString(2, owner);
                return s.executeUpdate();
            }
        });
    }

    /**
     * A callback was handled: it is let go with the next {@link #begin} or {@link #letGo}.
     *
     * @param key {@code Appid:NewMsgId}
     */
    public void finished(String key) {
        done.add(key);
    }

    /**
     * Nothing waits to be handled: on SQLite the callbacks {@link #finished} since the last time are let go
     * now; on PostgreSQL, where each statement is a round trip to a server, they are let go with the next
     * callback {@link #record recorded} or {@link #begin marked}, in its statement, or with the next look for
     * {@link #orphans} (a host stopped meanwhile leaves them as begun: the next run drops them unhandled).
     *
     * @throws io.gewebot.common.store.StoreException when the database failed: they are kept for the next time
     */
    public void idle() {
        if (!db.dialect().locksRows()) {
            letGo();
        }
    }

    /**
     * Lets go of the callbacks {@link #finished} since the last time, now.
     *
     * @throws io.gewebot.common.store.StoreException when the database failed: they are kept for the next time
     */
    public void letGo() {
        List<String> letGo = drainDone();
        if (letGo.isEmpty()) {
            return;
        }
        try {
            db.transaction(c -> {
                delete(c, letGo);
                return null;
            });
        } catch (RuntimeException e) {
            done.addAll(letGo);
            throw e;
        }
    }

    /**
     * Takes for this run the callbacks of the given accounts that another run recorded or took and did not
     * finish, untouched since {@code staleBefore}: those not begun are to be handled; those begun are removed
     * (they may have been handled, and are never handled twice).
     *
     * @param appIds the accounts this run serves
     * @param staleBefore untouched since (epoch milliseconds)
     * @param limit the most looked at once
     * @param admit whether a callback not begun may be taken now (its account has room for it); those not
     *     admitted are left as they are
     * @return what was taken, oldest first
     */
    public List<Orphan> orphans(Collection<String> appIds, long staleBefore, int limit, Predicate<Orphan> admit) {
        if (appIds.isEmpty()) {
            return List.of();
        }
        List<String> letGo = drainDone();
        try {
            return orphans(appIds, staleBefore, limit, admit, letGo);
        } catch (RuntimeException e) {
            done.addAll(letGo);
            throw e;
        }
    }

    /** As {@link #orphans(Collection, long, int, Predicate)}, letting go of those finished first. */
    private List<Orphan> orphans(Collection<String> appIds, long staleBefore, int limit, Predicate<Orphan> admit,
            List<String> letGo) {
        return db.transaction(c -> {
            delete(c, letGo);
            List<Left> found = new ArrayList<>();
            String marks = String.join(", ", Collections.nCopies(appIds.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT msg_key, app_id, body, received_at, state, "
                    + "touched_at, owner FROM pending_callbacks WHERE app_id IN (" + marks + ") AND owner <> ? "
                    + "AND touched_at < ? ORDER BY received_at, msg_key LIMIT ?")) {
                int i = 1;
                for (String appId : appIds) {
                    s.setString(i++, appId);
                }
                s.setString(i++, owner);
                s.setLong(i++, staleBefore);
                s.setInt(i, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(new Left(new Orphan(r.getString(1), r.getString(2),
                                r.getString(3).getBytes(StandardCharsets.UTF_8), r.getLong(4),
                                "started".equals(r.getString(5))), r.getString(7), r.getLong(6)));
                    }
                }
            }
            List<Orphan> taken = new ArrayList<>();
            long now = clock.millis();
            try (PreparedStatement take = c.prepareStatement("UPDATE pending_callbacks SET owner = ?, touched_at = ? "
                    + "WHERE msg_key = ? AND owner = ? AND touched_at = ? AND state = 'new'");
                    PreparedStatement drop = c.prepareStatement(
                            "DELETE FROM pending_callbacks WHERE msg_key = ? AND owner = ? AND touched_at = ?")) {
                for (Left left : found) {
                    Orphan orphan = left.orphan();
                    if (!orphan.started() && !admit.test(orphan)) {
                        continue;
                    }
                    PreparedStatement s = orphan.started() ? drop : take;
                    int p = 1;
                    if (!orphan.started()) {
                        s.setString(p++, owner);
                        s.setLong(p++, now);
                    }
                    s.setString(p++, orphan.key());
                    s.setString(p++, left.owner());
                    s.setLong(p, left.touchedAt());
                    // Another run may have taken it since it was read: then it is that run's.
                    if (s.executeUpdate() == 1) {
                        taken.add(orphan);
                    }
                }
            }
            return taken;
        });
    }

    /** A callback another run left, with who held it and when, as read: it is taken only if still so. */
    private record Left(Orphan orphan, String owner, long touchedAt) {
    }

    /** @return how many callbacks wait to be handled or are under way, by any run */
    public int pending() {
        return db.transaction(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM pending_callbacks")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private List<String> drainDone() {
        List<String> letGo = new ArrayList<>();
        for (String key = done.poll(); key != null; key = done.poll()) {
            letGo.add(key);
        }
        return letGo;
    }

    private static void delete(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM pending_callbacks WHERE msg_key = ?")) {
            for (String key : keys) {
                s.setString(1, key);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Drops ids older than the retention and the oldest beyond the row limit.
     *
     * @return how many were dropped
     */
    public int prune() {
        return db.transaction(c -> {
            int dropped;
            // The id of a callback still waiting to be handled stays, however old: it is what tells its re-push.
            try (PreparedStatement s = c.prepareStatement("DELETE FROM delivered WHERE seen_at < ?" + NOT_PENDING)) {
                s.setLong(1, clock.millis() - retention.toMillis());
                dropped = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM delivered WHERE msg_key IN"
                    + " (SELECT msg_key FROM delivered ORDER BY seen_at DESC " + db.dialect().offsetOnly() + ")"
                    + NOT_PENDING)) {
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
