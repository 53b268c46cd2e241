package io.gewebot.commands.db.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The contact commands' tables on SQLite, version 1: what PostgreSQL's {@code V1__schema.sql} creates, in SQLite's
 * words. It takes a file of any version before Flyway (baselined at 0) to the same place:
 *
 * <ul>
 *   <li>a new file gets every table;
 *   <li>tables that exist are kept as they are, with their rows ({@code IF NOT EXISTS});
 *   <li>a ledger from before people were looked up lacks the person columns: they are added (SQLite
 *       has no {@code ADD COLUMN IF NOT EXISTS}, hence a Java migration), and each old row gets its
 *       target as typed for its person key;
 *   <li>the oldest files kept sends in {@code pacing_adds} beside a command {@code journal}: the sends
 *       are carried into the ledger under today's state names, so never-twice holds across the
 *       upgrade, and both tables go.
 * </ul>
 *
 * <p>Later changes to the schema are later versions, never edits of this one.
 */
public class V1__Schema extends BaseJavaMigration {

    private static final List<String> TABLES = List.of(
            """
            CREATE TABLE IF NOT EXISTS inbox (
              app_id TEXT NOT NULL, from_wxid TEXT NOT NULL, nickname TEXT NOT NULL, greeting TEXT NOT NULL,
              scene INTEGER NOT NULL, v3 TEXT NOT NULL, v4 TEXT NOT NULL, received_at INTEGER NOT NULL,
              answering TEXT, PRIMARY KEY (app_id, from_wxid))""",
            """
            CREATE TABLE IF NOT EXISTS awaiting_contact (
              app_id TEXT NOT NULL, wxid TEXT NOT NULL, since INTEGER NOT NULL, PRIMARY KEY (app_id, wxid))""",
            """
            CREATE TABLE IF NOT EXISTS contacts (
              app_id TEXT NOT NULL, wxid TEXT NOT NULL, nickname TEXT NOT NULL, remark TEXT NOT NULL,
              alias TEXT NOT NULL, labels TEXT NOT NULL, updated_at INTEGER NOT NULL,
              PRIMARY KEY (app_id, wxid))""",
            "CREATE TABLE IF NOT EXISTS contacts_filled (app_id TEXT PRIMARY KEY, filled_at INTEGER NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS relation_check_pause (
              app_id TEXT PRIMARY KEY, paused_until INTEGER NOT NULL, strikes INTEGER NOT NULL)""",
            // The ledger in the shape before people were looked up: the person columns follow, when missing.
            """
            CREATE TABLE IF NOT EXISTS ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                app_id TEXT NOT NULL,
                operation TEXT NOT NULL,
                target TEXT NOT NULL,
                target_key TEXT NOT NULL,
                greeting TEXT,
                requested_by TEXT NOT NULL,
                reply_to TEXT NOT NULL,
                state TEXT NOT NULL,
                queued_at INTEGER NOT NULL,
                started_at INTEGER,
                completed_at INTEGER,
                detail TEXT NOT NULL DEFAULT '')""",
            "CREATE INDEX IF NOT EXISTS ledger_by_target ON ledger (app_id, target_key)",
            "CREATE INDEX IF NOT EXISTS ledger_by_state ON ledger (state, app_id, id)",
            "CREATE INDEX IF NOT EXISTS ledger_by_start ON ledger (app_id, started_at)",
            """
            CREATE TABLE IF NOT EXISTS pacing_accounts (
                app_id TEXT PRIMARY KEY,
                online_since INTEGER,
                next_add_at INTEGER,
                paused_until INTEGER,
                risk_strikes INTEGER NOT NULL DEFAULT 0,
                next_answer_at INTEGER)""",
            """
            CREATE TABLE IF NOT EXISTS searches (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                app_id TEXT NOT NULL,
                searched_at INTEGER NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS searches_by_time ON searches (app_id, searched_at)",
            """
            CREATE TABLE IF NOT EXISTS rule_decisions (
              app_id TEXT NOT NULL, wxid TEXT NOT NULL, v4 TEXT NOT NULL, rule TEXT NOT NULL,
              outcome TEXT NOT NULL, decided_at INTEGER NOT NULL, PRIMARY KEY (app_id, wxid, v4))""",
            "CREATE INDEX IF NOT EXISTS rule_decisions_by_time ON rule_decisions (app_id, decided_at)",
            """
            CREATE TABLE IF NOT EXISTS welcomed_friends (
              app_id TEXT NOT NULL, wxid TEXT NOT NULL, welcomed_at INTEGER NOT NULL, PRIMARY KEY (app_id, wxid))""");

    /** The columns that tell who an add is for, missing from a ledger of an earlier version. */
    private static final List<String[]> PERSON_COLUMNS = List.of(
            new String[] {"person_key", "TEXT"},
            new String[] {"person_wxid", "TEXT"},
            new String[] {"person_nickname", "TEXT"},
            new String[] {"person_v3", "TEXT"},
            new String[] {"person_v4", "TEXT"},
            new String[] {"person_scene", "INTEGER"},
            new String[] {"looked_up_at", "INTEGER"});

    /** The oldest files' sends, carried into the ledger under today's state names. */
    private static final List<String> EARLIER_SENDS = List.of(
            """
            CREATE TABLE IF NOT EXISTS pacing_adds (id INTEGER PRIMARY KEY, app_id TEXT NOT NULL, target TEXT NOT NULL,
                target_key TEXT NOT NULL, greeting TEXT, requested_by TEXT NOT NULL, reply_to TEXT NOT NULL,
                state TEXT NOT NULL, queued_at INTEGER NOT NULL, started_at INTEGER, completed_at INTEGER,
                detail TEXT NOT NULL DEFAULT '')""",
            """
            INSERT INTO ledger (app_id, operation, target, target_key, greeting, requested_by, reply_to, state,
                queued_at, started_at, completed_at, detail, person_key)
            SELECT app_id, 'ADD', target, target_key, greeting, requested_by, reply_to,
                CASE state WHEN 'SENT' THEN 'DONE' WHEN 'NOT_SENT' THEN 'FAILED' WHEN 'RISK_CONTROL' THEN 'MAYBE_SENT'
                    ELSE state END,
                queued_at, started_at, completed_at, detail, target_key
            FROM pacing_adds ORDER BY id""",
            "DROP TABLE pacing_adds",
            "DROP TABLE IF EXISTS journal");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            for (String sql : TABLES) {
                s.execute(sql);
            }
            Set<String> present = columns(c, "ledger");
            for (String[] column : PERSON_COLUMNS) {
                if (!present.contains(column[0])) {
                    s.execute("ALTER TABLE ledger ADD COLUMN " + column[0] + " " + column[1]);
                }
            }
            // A row from before people were looked up is for its target as typed.
            s.execute("UPDATE ledger SET person_key = target_key WHERE person_key IS NULL");
            s.execute("CREATE INDEX IF NOT EXISTS ledger_by_person ON ledger (app_id, person_key)");
            for (String sql : EARLIER_SENDS) {
                s.execute(sql);
            }
        }
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                out.add(r.getString("name"));
            }
        }
        return out;
    }
}
