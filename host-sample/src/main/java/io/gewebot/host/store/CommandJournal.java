package io.gewebot.host.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The journal of contact commands: each is written down before its effect is sent, and its state is
 * updated as it progresses, so that after a crash the host knows what may already have gone out, and
 * an admin can see with {@code /history} what each recent command reached.
 */
public final class CommandJournal {

    /** What a command reached. */
    public enum State {
        /** Accepted, about to be sent. */
        IN_FLIGHT,
        /** Waiting in the pacing queue. */
        QUEUED,
        /** GeWe accepted it. */
        DONE,
        /** Not sent on purpose (duplicate, warm-up, already a friend, ...). */
        REFUSED,
        /** Failed before reaching GeWe, or GeWe rejected it. */
        FAILED,
        /** Its answer was lost (timeout or crash): it may have gone out and is never sent again. */
        MAYBE_SENT,
        /** Removed from the queue by an admin. */
        CANCELLED
    }

    /**
     * One journal entry.
     *
     * @param id its number
     * @param at when the command arrived
     * @param issuedBy who typed it
     * @param command what it was, such as {@code /add wxid_x}
     * @param state what it reached
     * @param detail the last detail, such as GeWe's text
     */
    public record Entry(long id, Instant at, String issuedBy, String command, State state, String detail) {
    }

    private static final int KEEP = 1_000;

    private final Database db;
    private final Clock clock;

    /**
     * @param db the host database
     * @param clock the clock
     */
    public CommandJournal(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        db.ensureSchema("""
                CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,
                  issued_by TEXT NOT NULL, command TEXT NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL,
                  updated_at INTEGER NOT NULL)""");
    }

    /**
     * Writes a command down.
     *
     * @param issuedBy who typed it
     * @param command the command as people read it
     * @param state its first state
     * @return its id
     */
    public long begin(String issuedBy, String command, State state) {
        return db.transaction(c -> {
            long now = clock.millis();
            long id;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO journal (at, issued_by, command, state, detail, updated_at) VALUES (?, ?, ?, ?, '', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, now);
                s.setString(2, issuedBy);
                s.setString(3, command);
                s.setString(4, state.name());
                s.setLong(5, now);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM journal WHERE id <= ?")) {
                s.setLong(1, id - KEEP);
                s.executeUpdate();
            }
            return id;
        });
    }

    /**
     * Records what a command reached.
     *
     * @param id its id
     * @param state the new state
     * @param detail a detail for people, may be empty
     */
    public void update(long id, State state, String detail) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE journal SET state = ?, detail = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, state.name());
                s.setString(2, detail == null ? "" : detail);
                s.setLong(3, clock.millis());
                s.setLong(4, id);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * After a crash: every command that was in flight may have gone out.
     *
     * @return how many entries became {@link State#MAYBE_SENT}
     */
    public int recoverAfterCrash() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE journal SET state = 'MAYBE_SENT', detail = 'interrupted by a restart', updated_at = ? "
                            + "WHERE state = 'IN_FLIGHT'")) {
                s.setLong(1, clock.millis());
                return s.executeUpdate();
            }
        });
    }

    /**
     * @param limit how many
     * @return the most recent entries, newest first
     */
    public List<Entry> recent(int limit) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM journal ORDER BY id DESC LIMIT ?")) {
                s.setInt(1, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Entry(r.getLong("id"), Instant.ofEpochMilli(r.getLong("at")),
                                r.getString("issued_by"), r.getString("command"), State.valueOf(r.getString("state")),
                                r.getString("detail")));
                    }
                }
                return out;
            }
        });
    }
}
