package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import io.gewebot.testkit.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The next release opens the data the previous release (e59489a) left behind, an SQLite data folder
 * and a PostgreSQL database, and an admin finds everything where it was: {@code /history}, never-twice
 * (also for another spelling of someone already asked), the queue, the pending friend requests with
 * the tickets GeWe issued for them, and the rules' counts; the same again after a restart. The data
 * are the fixtures in {@code src/test/resources/earlier-release/e59489a} (see its README): each test
 * would fail on an empty database, where the refused {@code /add} would go out and there would be no
 * pending request to accept.
 */
class EarlierReleaseDataIT extends RigTest {

    private static final Path FIXTURE = Path.of("src/test/resources/earlier-release/e59489a");
    private static final String FIXTURE_ADMIN = "wxid_fixture_admin";
    private static final String ASKER = "wxid_demo_asker";
    private static final String WAITING = "wxid_fixture_waiting";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** An instant as the earlier release wrote it into a ledger detail ({@code #detail.alreadySent <instant>}). */
    private static final Pattern TEXT_INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    /**
     * Every column holding an instant, as epoch milliseconds (the schema of version 3); instants written
     * as text are in {@code ledger.detail}. {@code flyway_schema_history} is left as it was.
     */
    private static final Map<String, List<String>> TIME_COLUMNS = Map.ofEntries(
            Map.entry("awaiting_contact", List.of("since")),
            Map.entry("contacts", List.of("updated_at")),
            Map.entry("contacts_filled", List.of("filled_at")),
            Map.entry("delivered", List.of("seen_at")),
            Map.entry("inbox", List.of("received_at")),
            Map.entry("instances", List.of("started_at", "lease_until")),
            Map.entry("ledger", List.of("queued_at", "started_at", "completed_at", "looked_up_at")),
            Map.entry("pacing_accounts", List.of("online_since", "next_add_at", "paused_until", "next_answer_at")),
            Map.entry("pending_deletes", List.of("asked_at")),
            Map.entry("relation_check_pause", List.of("paused_until")),
            Map.entry("rule_decisions", List.of("decided_at")),
            Map.entry("searches", List.of("searched_at")),
            Map.entry("welcomed_friends", List.of("welcomed_at")));

    /**
     * What the previous release showed before its last stop (the fixtures' EXPECTED.md), a time slot
     * {@code {name}} for each instant, which the shift moves: the times of each fixture are below.
     */
    private static final String HISTORY = """
            {refusedDemo} /add wxid_demo by wxid_fixture_admin: REFUSED (already sent at {demoSent})
            {refusedPhone} /add wxid_demo_phone by wxid_fixture_admin: REFUSED (already queued as 13800138000)
            {queuedPhone} /add 13800138000 by wxid_fixture_admin: QUEUED
            {spam} /reject wxid_fixture_spammer by rule “spam”: DONE
            {joiner} /accept wxid_fixture_joiner by rule “keyword”: DONE
            {rejected} /reject wxid_fixture_rejected by wxid_fixture_admin: DONE
            {accepted} /accept wxid_fixture_accepted by wxid_fixture_admin: DONE
            {refusedAlias} /add wxid_demo_alias by wxid_fixture_admin: REFUSED (already sent at {aliasSent})
            {aliasSent} /add demo_alias by wxid_fixture_admin: DONE
            {demoSent} /add wxid_demo by wxid_fixture_admin: DONE""";
    private static final String QUEUE = """
            Waiting friend requests (1):
            1. Demo By Phone (13800138000), expected at {phoneDue}""";
    private static final String ASKER_PENDING = """
            wxid_demo_asker (Demo Asker), {askerAsked}: "Hi, I found you through the quick start"  \
            -> /accept wxid_demo_asker or /reject wxid_demo_asker""";
    private static final String WAITING_PENDING = """
            wxid_fixture_waiting (小王 Fixture Waiting), {waitingAsked}: "你好，我是小王 (waiting for an answer)"  \
            -> /accept wxid_fixture_waiting or /reject wxid_fixture_waiting""";
    private static final String LIMITS = """
            Limits of account wx_sandbox_app (counts are of the last 24 hours):
            Friend requests: 2 of 10, at least 30m apart plus up to 10m at random
            The next friend request may go out at {phoneDue} (1 waiting in the queue)
            Searches for people: 5 of 30, at least 10s apart
            Answers (accept and reject): 4 of 100, at least 5s apart
            The same person is never sent a second request within 7d
            Not paused
            Warm-up: ended at 2026-11-04 00:00:00""";
    private static final String RULES = """
            Friend-request rules (2; the first that matches a request decides; counts are of the last 24 hours):
            1. “keyword”: accept; matched 1, answered 1, left to the admins 0
            2. “spam”: reject; matched 1, answered 1, left to the admins 0
            Automatic answers: 2 of 50 (autoAnswerDailyCap)""";

    /** The times (UTC, 2026-12-07) each fixture's replies showed, by slot. */
    private static final Map<String, String> SQLITE_TIMES = slots("15:12:39", "15:12:36", "15:12:26", "15:11:51",
            "15:11:40", "15:11:30", "15:11:16", "15:11:07", "15:10:57", "15:10:47", "15:40:57", "15:12:01", "15:12:04");
    private static final Map<String, String> POSTGRESQL_TIMES = slots("15:16:02", "15:15:58", "15:15:48",
            "15:15:06", "15:14:55", "15:14:44", "15:14:29", "15:14:19", "15:14:09", "15:13:59", "15:44:09",
            "15:15:17", "15:15:22");

    /** The tickets of the friend requests the fixture keeps pending, by who asked. */
    private final Map<String, Tickets> heldTickets = new LinkedHashMap<>();

    private record Tickets(String v3, String v4) {
    }

    @Override
    SandboxOptions sandboxOptions() {
        // The fixtures were made on the hosted variant (/check exists there); appId, account and demo
        // people are the defaults, the ones the earlier run served.
        return SandboxOptions.defaults().withVariant(SandboxOptions.Variant.HOSTED);
    }

    @Test
    void theSqliteDataFolderOfTheEarlierReleaseKeepsNeverTwiceTheQueueAndThePendingRequestsOverTwoStarts()
            throws Exception {
        Path db = Files.createDirectories(rig.data).resolve("host.db");
        Files.copy(FIXTURE.resolve("host.db"), db);
        Duration shift;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            shift = shiftToAMinuteAgo(c);
            meetTheSamePeople(c);
        }
        assertTheEarlierDataIsThere(Map.of(), List.of(), SQLITE_TIMES, shift);
    }

    @Test
    void thePostgresqlDatabaseOfTheEarlierReleaseKeepsNeverTwiceTheQueueAndThePendingRequestsOverTwoStarts()
            throws Exception {
        TestPostgres.Db db = TestPostgres.freshDatabase();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            replay(FIXTURE.resolve("dump.sql"), c);
        }
        Duration shift;
        // A new connection: the dump left the replaying one with an empty search_path.
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            shift = shiftToAMinuteAgo(c);
            meetTheSamePeople(c);
        }
        assertTheEarlierDataIsThere(Map.of("BOT_DATABASE_USER", db.user(), "BOT_DATABASE_PASSWORD", db.password()),
                List.of("--database-url", db.jdbcUrl()), POSTGRESQL_TIMES, shift);
        assertThat(Files.exists(rig.data.resolve("host.db"))).as("no SQLite file beside").isFalse();
    }

    /**
     * Starts the host twice on the data and asks what an admin would. The pacing is the default (30
     * minutes between friend requests), so the queued request, due 30 minutes after the last one sent,
     * stays queued throughout.
     */
    private void assertTheEarlierDataIsThere(Map<String, String> env, List<String> databaseArgs,
            Map<String, String> times, Duration shift) throws Exception {
        HostProcess host = start(env, databaseArgs);

        assertThat(rig.ask("/history", "Recent commands")).isEqualTo(
                "Recent commands:\n" + shown(HISTORY, times, shift));
        assertThat(rig.ask("/queue", "Waiting friend requests")).isEqualTo(shown(QUEUE, times, shift));
        assertThat(rig.ask("/requests", "Pending friend requests")).isEqualTo("Pending friend requests (2):\n"
                + shown(ASKER_PENDING, times, shift) + "\n" + shown(WAITING_PENDING, times, shift));
        assertThat(rig.ask("/limits", "Limits of account")).isEqualTo(shown(LIMITS, times, shift));
        assertThat(rig.ask("/rules", "Friend-request rules")).isEqualTo(RULES);

        assertNeverTwice(times, shift);
        assertThat(rig.ask("/add wxid_demo Again", "to wxid_demo was")).isEqualTo(
                shown("A friend request to wxid_demo was already sent at {demoSent}; it is not sent twice within 7d.",
                        times, shift));
        assertThat(rig.ask("/add wxid_demo_phone Same person under the wxid", "is the same person as")).isEqualTo(
                shown("Demo By Phone (wxid_demo_phone) is the same person as Demo By Phone (13800138000), whose "
                        + "friend request is already queued; expected to go out at {phoneDue}.", times, shift));

        int mark = rig.mark();
        rig.admin("/accept " + ASKER);
        // Two texts whose order is not fixed: GeWe's notice of the new contact may be handled first.
        assertThat(rig.awaitText(mark, Rig.ADMIN, "Accepted the friend request").content()).isEqualTo(
                "Accepted the friend request from Demo Asker (wxid_demo_asker).");
        assertThat(rig.awaitText(mark, Rig.ADMIN, "is now a contact").content()).isEqualTo(
                "Demo Asker (wxid_demo_asker) is now a contact.");
        assertThat(rig.addContacts(3)).hasSize(1);
        JsonNode accept = rig.addContacts(3).get(0).json();
        assertThat(accept.path("appId").asText()).isEqualTo("wx_sandbox_app");
        assertThat(accept.path("scene").asInt()).isEqualTo(6);
        assertThat(accept.path("v3").asText()).isEqualTo(heldTickets.get(ASKER).v3());
        assertThat(accept.path("v4").asText()).isEqualTo(heldTickets.get(ASKER).v4());
        assertThat(gewe.isFriend(ASKER)).isTrue();
        assertThat(rig.ask("/requests", "Pending friend requests")).isEqualTo(
                "Pending friend requests (1):\n" + shown(WAITING_PENDING, times, shift));
        assertThat(host.terminate()).isZero();

        host = start(env, databaseArgs);
        assertNeverTwice(times, shift);
        assertThat(rig.ask("/requests", "Pending friend requests")).isEqualTo(
                "Pending friend requests (1):\n" + shown(WAITING_PENDING, times, shift));
        assertThat(rig.ask("/queue", "Waiting friend requests")).isEqualTo(shown(QUEUE, times, shift));
        assertThat(rig.ask("/history", "Recent commands")).endsWith("\n" + shown(HISTORY, times, shift));
        assertThat(host.terminate()).isZero();

        assertThat(gewe.outgoingRequests()).as("friend requests GeWe was asked to send").isEmpty();
        assertThat(rig.addContacts(3)).as("accepts GeWe received").hasSize(1);
        assertThat(gewe.pendingIncomingRequests()).extracting(r -> r.fromWxid()).containsExactly(WAITING);
    }

    /** Another spelling of someone the earlier release sent a request to is refused, and GeWe gets nothing. */
    private void assertNeverTwice(Map<String, String> times, Duration shift) {
        assertThat(rig.ask("/add wxid_demo_alias Second try under the wxid", "Demo By Alias")).isEqualTo(
                shown("A friend request to Demo By Alias (wxid_demo_alias) was already sent at {aliasSent}; "
                        + "it is not sent twice within 7d.", times, shift));
        assertThat(rig.addContacts(2)).as("friend requests GeWe received").isEmpty();
    }

    /**
     * Gives the sandbox the memory GeWe would have kept while the host was stopped: the v3 WeChat gave
     * for each stranger the earlier release looked up (it stands for who they are, and never-twice
     * compares people by it), and the friend requests still pending, with the tickets the earlier
     * release stored for them.
     */
    private void meetTheSamePeople(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet people = s.executeQuery("SELECT DISTINCT person_wxid, person_key FROM ledger"
                     + " WHERE person_wxid IS NOT NULL AND person_key LIKE 'v3%'")) {
            while (people.next()) {
                gewe.setSearchV3(people.getString(1), people.getString(2));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet inbox = s.executeQuery("SELECT from_wxid, nickname, v3, v4, scene FROM inbox ORDER BY from_wxid")) {
            while (inbox.next()) {
                gewe.accounts().get(0).holdFriendRequest(inbox.getString(1), inbox.getString(2), inbox.getString(3),
                        inbox.getString(4), inbox.getInt(5));
                heldTickets.put(inbox.getString(1), new Tickets(inbox.getString(3), inbox.getString(4)));
            }
        }
        assertThat(heldTickets).containsOnlyKeys(ASKER, WAITING);
    }

    private HostProcess start(Map<String, String> env, List<String> databaseArgs) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(env);
        // Replies show times in the host's zone; the fixtures' texts are in UTC.
        all.put("TZ", "UTC");
        all.put("BOT_ADMINS", Rig.ADMIN + "," + FIXTURE_ADMIN);
        List<String> args = new ArrayList<>(databaseArgs);
        args.addAll(List.of("--config", FIXTURE.resolve("bot.yaml").toAbsolutePath().toString(),
                "--online-since", "2026-11-01", "--gewe-variant", "hosted"));
        HostProcess host = rig.start(all, args);
        host.awaitHealthy(BuiltHost.START_LIMIT, Rig.POLL, true);
        return host;
    }

    /**
     * Moves every instant of the fixture forward by one whole number of seconds, so that the last thing
     * the earlier release did (the last callback it took) was a minute ago. The fixture was written on
     * 2026-12-07 and this runs on any later day: unmoved, its 7-day never-twice window and the 24-hour
     * counts would have run out, and the queued request would be long overdue. Moved together, every
     * interval between them, and every time still ahead of them (the queued request's due time, the
     * /check pause), stays as the earlier release left it.
     *
     * @return how far the instants moved
     */
    private static Duration shiftToAMinuteAgo(Connection c) throws SQLException {
        long last;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(seen_at) FROM delivered")) {
            r.next();
            last = r.getLong(1);
        }
        long target = Instant.now().minus(Duration.ofMinutes(1)).toEpochMilli();
        long delta = (target - last) / 1000 * 1000;
        assertThat(delta).as("the fixture lies in the past").isPositive();
        c.setAutoCommit(false);
        for (Map.Entry<String, List<String>> table : TIME_COLUMNS.entrySet()) {
            for (String column : table.getValue()) {
                try (PreparedStatement u = c.prepareStatement("UPDATE " + table.getKey() + " SET " + column + " = "
                        + column + " + ? WHERE " + column + " IS NOT NULL")) {
                    u.setLong(1, delta);
                    u.executeUpdate();
                }
            }
        }
        Map<Long, String> details = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, detail FROM ledger")) {
            while (r.next()) {
                details.put(r.getLong(1), r.getString(2));
            }
        }
        for (Map.Entry<Long, String> detail : details.entrySet()) {
            Matcher m = TEXT_INSTANT.matcher(detail.getValue());
            String moved = m.replaceAll(found -> Instant.parse(found.group()).plusMillis(delta).toString());
            if (!moved.equals(detail.getValue())) {
                try (PreparedStatement u = c.prepareStatement("UPDATE ledger SET detail = ? WHERE id = ?")) {
                    u.setString(1, moved);
                    u.setLong(2, detail.getKey());
                    u.executeUpdate();
                }
            }
        }
        c.commit();
        c.setAutoCommit(true);
        return Duration.ofMillis(delta);
    }

    /** Replays a {@code pg_dump --inserts} file statement by statement: each ends with ";" at a line's end. */
    private static void replay(Path dump, Connection c) throws IOException, SQLException {
        StringBuilder statement = new StringBuilder();
        try (Statement s = c.createStatement()) {
            for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
                if (statement.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.endsWith(";")) {
                    s.execute(statement.toString());
                    statement.setLength(0);
                }
            }
        }
        assertThat(statement.toString()).as("the dump's last statement is complete").isBlank();
    }

    /** A text of the earlier release with each time slot filled with that time, moved by the shift. */
    private static String shown(String text, Map<String, String> times, Duration shift) {
        String filled = text;
        for (Map.Entry<String, String> slot : times.entrySet()) {
            LocalDateTime then = LocalDateTime.parse("2026-12-07T" + slot.getValue());
            filled = filled.replace("{" + slot.getKey() + "}",
                    SHOWN.format(then.toInstant(ZoneOffset.UTC).plus(shift).atOffset(ZoneOffset.UTC)));
        }
        assertThat(filled).as("every slot filled").doesNotContain("{");
        return filled;
    }

    private static Map<String, String> slots(String... times) {
        List<String> names = List.of("refusedDemo", "refusedPhone", "queuedPhone", "spam", "joiner", "rejected",
                "accepted", "refusedAlias", "aliasSent", "demoSent", "phoneDue", "askerAsked", "waitingAsked");
        Map<String, String> slots = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            slots.put(names.get(i), times[i]);
        }
        return slots;
    }
}
