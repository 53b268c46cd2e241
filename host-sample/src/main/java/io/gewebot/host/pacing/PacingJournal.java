package io.gewebot.host.pacing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pacer's tables. Every method runs on a connection inside the caller's transaction, so a
 * decision and the rows that record it are committed together or not at all. Instants are stored
 * as epoch milliseconds (UTC).
 */
final class PacingJournal {

    /** The state of an add that waits in the queue; never shown as a {@link SendState}. */
    static final String QUEUED = "QUEUED";

    /**
     * One row per {@code /add} that was queued or handed out: a queued add keeps its id when it
     * goes out, so the queue and the send journal never disagree about it. Per account: the
     * warm-up start, the next instant an add may go out, the pause, the run of risk-control
     * reports and the next free answer slot.
     */
    static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS pacing_adds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app_id TEXT NOT NULL,
            target TEXT NOT NULL,
            target_key TEXT NOT NULL,
            greeting TEXT,
            requested_by TEXT NOT NULL,
            reply_to TEXT NOT NULL,
            state TEXT NOT NULL,
            queued_at INTEGER NOT NULL,
            started_at INTEGER,
            completed_at INTEGER,
            detail TEXT NOT NULL DEFAULT '')
        """,
        "CREATE INDEX IF NOT EXISTS pacing_adds_by_target ON pacing_adds (app_id, target_key)",
        "CREATE INDEX IF NOT EXISTS pacing_adds_by_state ON pacing_adds (state, app_id, id)",
        "CREATE INDEX IF NOT EXISTS pacing_adds_by_start ON pacing_adds (app_id, started_at)",
        """
        CREATE TABLE IF NOT EXISTS pacing_accounts (
            app_id TEXT PRIMARY KEY,
            online_since INTEGER,
            next_add_at INTEGER,
            paused_until INTEGER,
            risk_strikes INTEGER NOT NULL DEFAULT 0,
            next_answer_at INTEGER)
        """
    };

    private static final String COUNTED_STATES = "('IN_FLIGHT', 'SENT', 'MAYBE_SENT', 'RISK_CONTROL')";
    private static final String ADD_COLUMNS =
            "id, app_id, target, greeting, requested_by, reply_to, queued_at, started_at";

    /** What the pacer remembers about one account. */
    record Account(
            String appId,
            Optional<Instant> onlineSince,
            Optional<Instant> nextAddAt,
            Optional<Instant> pausedUntil,
            int riskStrikes,
            Optional<Instant> nextAnswerAt) {

        static Account fresh(String appId) {
            return new Account(appId, Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty());
        }

        Account withOnlineSince(Instant value) {
            return new Account(appId, Optional.of(value), nextAddAt, pausedUntil, riskStrikes, nextAnswerAt);
        }

        Account withNextAddAt(Instant value) {
            return new Account(appId, onlineSince, Optional.of(value), pausedUntil, riskStrikes, nextAnswerAt);
        }

        Account withPause(Optional<Instant> until, int strikes) {
            return new Account(appId, onlineSince, nextAddAt, until, strikes, nextAnswerAt);
        }

        Account withNextAnswerAt(Instant value) {
            return new Account(appId, onlineSince, nextAddAt, pausedUntil, riskStrikes, Optional.of(value));
        }
    }

    /** An add row with its intent, queued or handed out. */
    record AddRow(long id, AddIntent intent, Instant queuedAt, Optional<Instant> startedAt) {
    }

    private PacingJournal() {
    }

    static Account account(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT online_since, next_add_at, paused_until, risk_strikes, next_answer_at"
                        + " FROM pacing_accounts WHERE app_id = ?")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Account.fresh(appId);
                }
                return new Account(appId, instant(r, 1), instant(r, 2), instant(r, 3), r.getInt(4), instant(r, 5));
            }
        }
    }

    static void save(Connection c, Account a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO pacing_accounts (app_id, online_since, next_add_at, paused_until, risk_strikes,"
                        + " next_answer_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (app_id) DO UPDATE SET"
                        + " online_since = excluded.online_since, next_add_at = excluded.next_add_at,"
                        + " paused_until = excluded.paused_until, risk_strikes = excluded.risk_strikes,"
                        + " next_answer_at = excluded.next_answer_at")) {
            s.setString(1, a.appId());
            setInstant(s, 2, a.onlineSince());
            setInstant(s, 3, a.nextAddAt());
            setInstant(s, 4, a.pausedUntil());
            s.setInt(5, a.riskStrikes());
            setInstant(s, 6, a.nextAnswerAt());
            s.executeUpdate();
        }
    }

    /** Start instants of the account's counted sends after {@code after}, oldest first (future ones included). */
    static List<Instant> countedStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT started_at FROM pacing_adds WHERE app_id = ? AND state IN " + COUNTED_STATES
                        + " AND started_at > ? ORDER BY started_at")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            List<Instant> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
            return out;
        }
    }

    /** How many counted sends of the account started after {@code after} (future ones included). */
    static int countCountedStartsAfter(Connection c, String appId, Instant after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM pacing_adds WHERE app_id = ? AND state IN " + COUNTED_STATES
                        + " AND started_at > ?")) {
            s.setString(1, appId);
            s.setLong(2, after.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** The latest start of any add the account handed out, whatever became of it. */
    static Optional<Instant> lastStart(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(started_at) FROM pacing_adds WHERE app_id = ? AND started_at IS NOT NULL")) {
            s.setString(1, appId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? instant(r, 1) : Optional.empty();
            }
        }
    }

    /** The latest counted send to the target that started after {@code after}. */
    static Optional<Instant> lastCountedStartTo(Connection c, String appId, String targetKey, Instant after)
            throws SQLException {
        // By target: left to itself, SQLite walks every start of the window instead (it keeps no
        // statistics to know a target has few rows), which costs a scan of the window per /add.
        try (PreparedStatement s = c.prepareStatement(
                "SELECT MAX(started_at) FROM pacing_adds INDEXED BY pacing_adds_by_target"
                        + " WHERE app_id = ? AND target_key = ? AND state IN " + COUNTED_STATES + " AND started_at > ?")) {
            s.setString(1, appId);
            s.setString(2, targetKey);
            s.setLong(3, after.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? instant(r, 1) : Optional.empty();
            }
        }
    }

    static List<AddRow> queue(Connection c, String appId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + ADD_COLUMNS + " FROM pacing_adds WHERE state = '" + QUEUED + "' AND app_id = ? ORDER BY id")) {
            s.setString(1, appId);
            return addRows(s);
        }
    }

    static List<String> accountsWithQueue(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT app_id FROM pacing_adds WHERE state = '" + QUEUED + "' ORDER BY app_id")) {
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    static Optional<AddRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ADD_COLUMNS + " FROM pacing_adds WHERE id = ?")) {
            s.setLong(1, id);
            return addRows(s).stream().findFirst();
        }
    }

    static Optional<String> state(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM pacing_adds WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts an add, queued ({@code startedAt} empty) or in flight. */
    static long insert(Connection c, AddIntent intent, Instant queuedAt, Optional<Instant> startedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO pacing_adds (app_id, target, target_key, greeting, requested_by, reply_to, state,"
                        + " queued_at, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, intent.appId());
            s.setString(2, intent.target());
            s.setString(3, intent.targetKey());
            s.setString(4, intent.greeting().orElse(null));
            s.setString(5, intent.requestedBy());
            s.setString(6, intent.replyTo());
            s.setString(7, startedAt.isPresent() ? SendState.IN_FLIGHT.name() : QUEUED);
            s.setLong(8, queuedAt.toEpochMilli());
            setInstant(s, 9, startedAt);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT last_insert_rowid()");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Moves a queued add in flight; {@code false} when it was no longer queued. */
    static boolean start(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE pacing_adds SET state = 'IN_FLIGHT', started_at = ? WHERE id = ? AND state = '" + QUEUED + "'")) {
            s.setLong(1, now.toEpochMilli());
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Records the result of an add in flight; {@code false} when it was not in flight. */
    static boolean finish(Connection c, long id, SendState state, Instant now, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE pacing_adds SET state = ?, completed_at = ?, detail = ? WHERE id = ? AND state = 'IN_FLIGHT'")) {
            s.setString(1, state.name());
            s.setLong(2, now.toEpochMilli());
            s.setString(3, detail);
            s.setLong(4, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Turns every add in flight into a maybe-sent one. */
    static int recover(Connection c, Instant now, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE pacing_adds SET state = 'MAYBE_SENT', completed_at = ?, detail = ? WHERE state = 'IN_FLIGHT'")) {
            s.setLong(1, now.toEpochMilli());
            s.setString(2, detail);
            return s.executeUpdate();
        }
    }

    static boolean deleteQueued(Connection c, String appId, String targetKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM pacing_adds WHERE app_id = ? AND target_key = ? AND state = '" + QUEUED + "'")) {
            s.setString(1, appId);
            s.setString(2, targetKey);
            return s.executeUpdate() > 0;
        }
    }

    static List<SendRecord> recent(Connection c, String appId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, target, state, started_at, completed_at, detail FROM pacing_adds"
                        + " WHERE app_id = ? AND started_at IS NOT NULL ORDER BY started_at DESC, id DESC LIMIT ?")) {
            s.setString(1, appId);
            s.setInt(2, limit);
            List<SendRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new SendRecord(
                            r.getLong(1), appId, r.getString(2), SendState.valueOf(r.getString(3)),
                            Instant.ofEpochMilli(r.getLong(4)), instant(r, 5), r.getString(6)));
                }
            }
            return out;
        }
    }

    private static List<AddRow> addRows(PreparedStatement s) throws SQLException {
        List<AddRow> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                AddIntent intent = new AddIntent(
                        r.getString(2), r.getString(3), Optional.ofNullable(r.getString(4)), r.getString(5),
                        r.getString(6));
                out.add(new AddRow(r.getLong(1), intent, Instant.ofEpochMilli(r.getLong(7)), instant(r, 8)));
            }
        }
        return out;
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void setInstant(PreparedStatement s, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(index, value.get().toEpochMilli());
        } else {
            s.setNull(index, Types.INTEGER);
        }
    }
}
