package io.gewebot.host.store;

import io.gewebot.commands.store.FriendRequestInbox;

import io.gewebot.common.store.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.gewebot.api.FriendRequest;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.commands.pacing.AddDecision;
import io.gewebot.commands.pacing.AddIntent;
import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.LedgerEntry;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.commands.pacing.RequestState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code host.db} of a version before Flyway (its tables, no history) is migrated in place when the
 * host opens it: every row is kept, never-twice holds across the upgrade, and the file has Flyway's
 * history afterwards.
 */
class EarlierSqliteMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
    private static final long SENT_AT = CLOCK.millis() - 3_600_000;

    /** The ledger before people were looked up: no person columns. */
    private static final String LEDGER_WITHOUT_PEOPLE = """
            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, operation TEXT NOT NULL,
                target TEXT NOT NULL, target_key TEXT NOT NULL, greeting TEXT, requested_by TEXT NOT NULL,
                reply_to TEXT NOT NULL, state TEXT NOT NULL, queued_at INTEGER NOT NULL, started_at INTEGER,
                completed_at INTEGER, detail TEXT NOT NULL DEFAULT '')""";

    @TempDir
    Path dir;

    private static FriendRequestPacer pacer(Database db) {
        return new FriendRequestPacer(db, PacingPolicy.defaults().withSkipWarmup(true), CLOCK, new Random(1),
                new CommandMeters((meter, tags) -> { }));
    }

    private static AddIntent add(String target) {
        return new AddIntent("app", target, Optional.empty(), "wxid_admin", "wxid_admin");
    }

    private static String sent(String table, String target, String state) {
        return "INSERT INTO " + table + " (app_id, " + (table.equals("ledger") ? "operation, " : "") + "target, target_key,"
                + " requested_by, reply_to, state, queued_at, started_at, completed_at) VALUES ('app', "
                + (table.equals("ledger") ? "'ADD', " : "") + "'" + target + "', '" + target + "', 'wxid_admin',"
                + " 'wxid_admin', '" + state + "', " + SENT_AT + ", " + SENT_AT + ", " + SENT_AT + ")";
    }

    /** Flyway's history of the commands' tables in the file: version and description of each migration, in order. */
    private static List<String> history(Database db) {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT version, description, success FROM contact_commands_history ORDER BY installed_rank")) {
                while (r.next()) {
                    out.add(r.getString(1) + " " + r.getString(2) + (r.getBoolean(3) ? "" : " (failed)"));
                }
            }
            return out;
        });
    }

    private static List<String> tables(Database db) {
        return db.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        });
    }

    @Test
    void theOldestFileHasItsSendsCarriedIntoTheLedgerSoNeverTwiceHolds() throws Exception {
        EarlierSqlite.write(dir, List.of("""
                CREATE TABLE pacing_adds (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL,
                  target TEXT NOT NULL, target_key TEXT NOT NULL, greeting TEXT, requested_by TEXT NOT NULL,
                  reply_to TEXT NOT NULL, state TEXT NOT NULL, queued_at INTEGER NOT NULL, started_at INTEGER,
                  completed_at INTEGER, detail TEXT NOT NULL DEFAULT '')""",
                sent("pacing_adds", "wxid_a", "SENT"),
                sent("pacing_adds", "wxid_r", "RISK_CONTROL"),
                "CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL)"));

        try (Database db = Databases.open(dir)) {
            FriendRequestPacer pacer = pacer(db);
            assertThat(pacer.recentSends("app", 10)).extracting(LedgerEntry::target, LedgerEntry::state)
                    .containsExactlyInAnyOrder(tuple("wxid_a", RequestState.DONE), tuple("wxid_r", RequestState.MAYBE_SENT));
            assertThat(pacer.submit(add("WXID_A"))).isInstanceOf(AddDecision.Duplicate.class);
            assertThat(pacer.submit(add("wxid_r"))).isInstanceOf(AddDecision.Duplicate.class);
            assertThat(tables(db)).doesNotContain("pacing_adds", "journal").contains("ledger", "inbox", "delivered");
            assertThat(history(db)).containsExactly("0 schema before Flyway", "1 Schema", "2 instances", "3 pending deletes", "4 add routes");
        }
    }

    @Test
    void aFileWhoseLedgerLacksThePersonColumnsKeepsEveryRowAndGetsTheColumns() throws Exception {
        EarlierSqlite.write(dir, List.of(
                LEDGER_WITHOUT_PEOPLE,
                sent("ledger", "13800138000", "DONE"),
                """
                CREATE TABLE inbox (
                  app_id TEXT NOT NULL, from_wxid TEXT NOT NULL, nickname TEXT NOT NULL, greeting TEXT NOT NULL,
                  scene INTEGER NOT NULL, v3 TEXT NOT NULL, v4 TEXT NOT NULL, received_at INTEGER NOT NULL,
                  answering TEXT, PRIMARY KEY (app_id, from_wxid))""",
                "INSERT INTO inbox VALUES ('app', 'wxid_asker', 'Asker', 'hi', 6, 'v3_x', 'v4_x', " + SENT_AT + ", NULL)",
                "CREATE TABLE delivered (msg_key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL)",
                "INSERT INTO delivered VALUES ('app:42', " + SENT_AT + ")"));

        try (Database db = Databases.open(dir)) {
            assertThat(pacer(db).submit(add("13800138000"))).isEqualTo(new AddDecision.Duplicate(Instant.ofEpochMilli(SENT_AT)));
            assertThat(new FriendRequestInbox(db).list("app")).extracting(p -> p.request())
                    .containsExactly(new FriendRequest("wxid_asker", "Asker", "hi", 6, "v3_x", "v4_x",
                            Instant.ofEpochMilli(SENT_AT)));
            assertThat(Deliveries.first(new DeliveredCallbacks(db, CLOCK, Duration.ofDays(3), 100), "app:42")).isFalse();
            List<String> personKeys = db.transaction(c -> {
                List<String> out = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT person_key FROM ledger ORDER BY id")) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            });
            assertThat(personKeys).as("an old row is for its target as typed").startsWith("13800138000");
            assertThat(history(db)).containsExactly("0 schema before Flyway", "1 Schema", "2 instances", "3 pending deletes", "4 add routes");
        }
    }

    @Test
    void aMigratedFileOpensAgainWithoutMigratingAgain() throws Exception {
        EarlierSqlite.write(dir, List.of(LEDGER_WITHOUT_PEOPLE, sent("ledger", "wxid_a", "DONE")));
        List<String> migrated;
        try (Database db = Databases.open(dir)) {
            migrated = history(db);
        }
        try (Database db = Databases.open(dir)) {
            assertThat(history(db)).isEqualTo(migrated)
                    .containsExactly("0 schema before Flyway", "1 Schema", "2 instances", "3 pending deletes", "4 add routes");
            assertThat(pacer(db).recentSends("app", 10)).extracting(LedgerEntry::target).containsExactly("wxid_a");
        }
    }

    @Test
    void aNewFileIsCreatedByTheMigrationWithoutABaseline() {
        try (Database db = Databases.open(dir)) {
            assertThat(history(db)).containsExactly("1 Schema", "2 instances", "3 pending deletes", "4 add routes");
            assertThat(tables(db)).contains("delivered", "inbox", "awaiting_contact", "contacts", "contacts_filled",
                    "relation_check_pause", "ledger", "pacing_accounts", "searches", "rule_decisions",
                    "welcomed_friends");
        }
    }
}
