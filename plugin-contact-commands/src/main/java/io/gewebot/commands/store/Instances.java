package io.gewebot.commands.store;

import io.gewebot.common.store.Database;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The host instances sharing a database, each holding a lease it renews while it runs. What an
 * instance claims (an operation it is sending) is its own while its lease holds; once the lease ran
 * out (the instance was killed, or lost the database for longer than a lease) the others take its
 * work over: an operation it had in flight becomes "maybe sent" and is never sent again.
 */
public final class Instances {

    /** The claimer's name on a database only one process uses. */
    public static final String LOCAL = "local";
    /** How long a lease holds without being renewed. */
    public static final Duration LEASE = Duration.ofSeconds(30);
    /** How often a running instance renews its lease, and looks for work whose lease ran out. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    /** How long an instance whose lease ran out stays listed, for the operators' sake. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Database db;
    private final Clock clock;
    private final String id;

    /**
     * @param db the shared database
     * @param clock the clock
     * @param id this instance's id, unique among the instances ({@link #newId()})
     */
    public Instances(Database db, Clock clock, String id) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * A new instance id: the machine's name and the process id, which tell an operator which
     * process it is, and a random part, which keeps a restarted process from passing for its
     * predecessor (whose work must be taken over, not carried on).
     *
     * @return the id
     */
    public static String newId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return this instance's id */
    public String id() {
        return id;
    }

    /** Takes this instance's lease, or renews it; and forgets instances whose lease ran out long ago. */
    public void renew() {
        db.transaction(c -> {
            long now = clock.millis();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO instances (id, started_at, lease_until)"
                    + " VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET lease_until = excluded.lease_until")) {
                s.setString(1, id);
                s.setLong(2, now);
                s.setLong(3, now + LEASE.toMillis());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM instances WHERE lease_until < ?")) {
                s.setLong(1, now - FORGET_AFTER.toMillis());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Gives the lease up at a clean stop: nothing of this instance is in flight any more. */
    public void release() {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM instances WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** @return how many instances hold a lease now, this one included once it renewed */
    public int live() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM instances WHERE lease_until > ?")) {
                s.setLong(1, clock.millis());
                try (var r = s.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
    }
}
