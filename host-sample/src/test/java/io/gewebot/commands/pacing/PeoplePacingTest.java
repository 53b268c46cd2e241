package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import io.gewebot.host.store.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gewebot.api.Person;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.commands.pacing.AddDecision.AlreadyQueued;
import io.gewebot.commands.pacing.AddDecision.Duplicate;
import io.gewebot.commands.pacing.AddDecision.Queued;
import io.gewebot.commands.pacing.AddDecision.SendNow;
import io.gewebot.common.store.Database;
import io.gewebot.host.store.DatabaseKind;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.host.store.EarlierSqlite;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The pacer knows people by who they are; searches and answers have caps of their own. */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class PeoplePacingTest {

    @Parameter
    DatabaseKind kind;


    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String APP = "wx_app1";
    private static final String V3 = "v3_020b3826fd03010000000000aa@stranger";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final PacingPolicy policy = PacingPolicy.defaults().withOnlineSince(T0.minus(Duration.ofDays(30)));
    private Database db;

    /** This test's database: reopening it is a restart. */
    private DatabaseSettings where;

    @BeforeEach
    void open() {
        where = kind.newDatabase(dir);
        db = Databases.open(where);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FriendRequestPacer pacer() {
        return new FriendRequestPacer(db, policy, clock, new Random(3), new CommandMeters((meter, tags) -> { }));
    }

    /** An add typed as {@code target} that the plugin found to be the stranger with {@code v3}. */
    private AddIntent found(String target, String v3) {
        Person person = new Person(v3, Optional.empty(), "Demo Phone", false, v3, "v4_" + target + "@stranger",
                OptionalInt.of(15));
        return typed(target).withIdentity(new Identity(person, clock.instant()));
    }

    private static AddIntent typed(String target) {
        return new AddIntent(APP, target, Optional.empty(), "wxid_admin", "wxid_admin");
    }

    @Test
    void theSamePersonTypedAnotherWayIsADuplicateAcrossARestart() {
        FriendRequestPacer pacer = pacer();
        SendNow sent = (SendNow) pacer.submit(found("13800138000", V3));
        pacer.complete(sent.ticket(), Settlement.done("done"));
        clock.advance(Duration.ofDays(1));

        assertThat(pacer.submit(found("wxid_demo_phone", V3))).isEqualTo(new Duplicate(T0));
        db.close();
        db = Databases.open(where);
        assertThat(pacer().submit(found("WXID_demo_phone", V3))).isEqualTo(new Duplicate(T0));
        assertThat(pacer().submit(found("someone_else", "v3_other@stranger"))).isInstanceOf(SendNow.class);
    }

    @Test
    void theVerySameTextIsRefusedBeforeAnyLookup() {
        FriendRequestPacer pacer = pacer();
        SendNow sent = (SendNow) pacer.submit(found("13800138000", V3));
        pacer.complete(sent.ticket(), Settlement.done("done"));

        assertThat(pacer.precheck(typed(" 13800138000 "))).contains(new Duplicate(T0));
        assertThat(pacer.precheck(typed("wxid_demo_phone"))).isEmpty();
    }

    @Test
    void aPersonQueuedUnderOneSpellingIsNotQueuedAgainUnderAnother() {
        FriendRequestPacer pacer = pacer();
        pacer.submit(found("wxid_first", "v3_first@stranger"));
        Queued queued = (Queued) pacer.submit(found("13800138000", V3));

        AddDecision again = pacer.submit(found("demo_phone_alias", V3));

        assertThat(again).isEqualTo(new AlreadyQueued(queued.entry()));
        assertThat(((AlreadyQueued) again).entry().intent().target()).isEqualTo("13800138000");
        assertThat(pacer.precheck(typed("13800138000"))).contains(new AlreadyQueued(queued.entry()));
    }

    @Test
    void aQueuedAddKeepsWhoItIsForAcrossARestartAndIsCancelledByPerson() {
        FriendRequestPacer pacer = pacer();
        pacer.submit(found("wxid_first", "v3_first@stranger"));
        pacer.submit(found("13800138000", V3));
        db.close();
        db = Databases.open(where);

        FriendRequestPacer after = pacer();
        QueuedAdd waiting = after.queued(APP).get(0);
        assertThat(waiting.intent().identity().orElseThrow().person())
                .isEqualTo(new Person(V3, Optional.empty(), "Demo Phone", false, V3, "v4_13800138000@stranger",
                        OptionalInt.of(15)));
        assertThat(after.cancel(APP, "wxid_demo_phone", "wxid_admin")).isFalse();
        assertThat(after.cancelPerson(APP, V3, "wxid_admin")).containsExactly("13800138000");
        assertThat(after.queued(APP)).isEmpty();
        assertThat(after.cancelPerson(APP, V3, "wxid_admin")).isEmpty();
    }

    @Test
    void ticketsOlderThanTheMaximumAgeAreStale() {
        Identity identity = found("13800138000", V3).identity().orElseThrow();

        assertThat(identity.stale(T0.plus(FriendRequestPacer.MAX_TICKET_AGE))).isFalse();
        assertThat(identity.stale(T0.plus(FriendRequestPacer.MAX_TICKET_AGE).plusMillis(1))).isTrue();
        assertThat(new Identity(Person.asTyped("x"), T0).stale(T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void searchesAreSpacedByTheIntervalAndRefusedBeyondTheCapUntilTheOldestLeavesTheDay() {
        FriendRequestPacer pacer = pacer();
        assertThat(pacer.bookSearch(APP, true)).isEqualTo(new SearchDecision.Granted(T0));
        assertThat(pacer.bookSearch(APP, true)).isEqualTo(new SearchDecision.Granted(T0.plusSeconds(10)));
        clock.advance(Duration.ofMinutes(1));
        for (int i = 2; i < 30; i++) {
            assertThat(pacer.bookSearch(APP, true)).isInstanceOf(SearchDecision.Granted.class);
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(pacer.bookSearch(APP, true)).isEqualTo(new SearchDecision.CapReached(30, T0.plus(Duration.ofDays(1))));
        assertThat(pacer.bookSearch(APP, false)).isInstanceOf(SearchDecision.Granted.class);
        assertThat(pacer.bookSearch("wx_other", true)).isInstanceOf(SearchDecision.Granted.class);
        db.close();
        db = Databases.open(where);
        // the refresh search counted too: one more than the oldest must leave the day
        clock.set(T0.plus(Duration.ofDays(1)).plusMillis(1));
        assertThat(pacer().bookSearch(APP, true)).isInstanceOf(SearchDecision.CapReached.class);
        clock.set(T0.plus(Duration.ofDays(1)).plusSeconds(10).plusMillis(1));
        assertThat(pacer().bookSearch(APP, true)).isInstanceOf(SearchDecision.Granted.class);
    }

    @Test
    void answersBeyondTheDailyCapAreRefusedUntilTheOldestLeavesTheDay() {
        PacingPolicy three = policy.withAnswerDailyCap(3).withAnswerInterval(Duration.ZERO);
        FriendRequestPacer pacer = new FriendRequestPacer(db, three, clock, new Random(3), new CommandMeters((meter, tags) -> { }));
        List<AnswerTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tickets.add(pacer.beginAnswerWithinCap(answer("wxid_" + i)).orElseThrow());
            clock.advance(Duration.ofMinutes(1));
        }
        pacer.completeAnswer(tickets.get(2), Settlement.done("done"));

        assertThat(pacer.beginAnswerWithinCap(answer("wxid_3"))).isEmpty();
        assertThat(pacer.answerCapFreeAt(APP)).contains(T0.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> pacer.beginAnswer(answer("wxid_3"))).isInstanceOf(IllegalStateException.class);

        // an answer that certainly did not go out leaves room
        pacer.completeAnswer(tickets.get(0), Settlement.notSent("connection refused"));
        assertThat(pacer.beginAnswerWithinCap(answer("wxid_3"))).isPresent();
    }

    private static AnswerIntent answer(String wxid) {
        return new AnswerIntent(APP, LedgerEntry.Operation.ACCEPT, wxid, "wxid_admin", "wxid_admin");
    }

    @Test
    void limitsCountEachCapAndTellWhenTheNextRequestMayGoOut() {
        FriendRequestPacer pacer = pacer();
        pacer.bookSearch(APP, true);
        SendNow sent = (SendNow) pacer.submit(found("13800138000", V3));
        pacer.complete(sent.ticket(), Settlement.done("done"));
        pacer.submit(found("wxid_b", "v3_b@stranger"));
        pacer.beginAnswerWithinCap(answer("wxid_x"));

        AccountLimits limits = pacer.limits(APP);

        assertThat(limits.adds()).isEqualTo(1);
        assertThat(limits.addCap()).isEqualTo(10);
        assertThat(limits.nextAddAt()).isBetween(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(40)));
        assertThat(limits.queued()).isEqualTo(1);
        assertThat(limits.searches()).isEqualTo(1);
        assertThat(limits.searchCap()).isEqualTo(30);
        assertThat(limits.nextSearchAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(limits.answers()).isEqualTo(1);
        assertThat(limits.answerCap()).isEqualTo(100);
        assertThat(limits.pausedUntil()).isEmpty();
        assertThat(limits.warmupEndsAt()).contains(T0.minus(Duration.ofDays(27)));

        Instant until = pacer.reportRiskControl(APP);
        assertThat(pacer.limits(APP).pausedUntil()).contains(until);
        assertThat(pacer.limits(APP).nextAddAt()).isEqualTo(until);
    }

    @Test
    void aLedgerFromBeforePeopleHadKeysGetsTheColumnsAndKeepsNeverTwiceByText() throws Exception {
        assumeTrue(kind == DatabaseKind.SQLITE, "only SQLite files come from before people had keys");
        long sentAt = T0.minus(Duration.ofHours(1)).toEpochMilli();
        db.close();
        EarlierSqlite.write(dir, List.of("""
                CREATE TABLE ledger (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL, operation TEXT NOT NULL,
                    target TEXT NOT NULL, target_key TEXT NOT NULL, greeting TEXT, requested_by TEXT NOT NULL,
                    reply_to TEXT NOT NULL, state TEXT NOT NULL, queued_at INTEGER NOT NULL, started_at INTEGER,
                    completed_at INTEGER, detail TEXT NOT NULL DEFAULT '')""",
                "INSERT INTO ledger (app_id, operation, target, target_key, requested_by, reply_to, state, queued_at,"
                        + " started_at, completed_at) VALUES ('" + APP + "', 'ADD', '13800138000', '13800138000',"
                        + " 'wxid_admin', 'wxid_admin', 'DONE', " + sentAt + ", " + sentAt + ", " + sentAt + ")"));
        db = Databases.open(dir);

        FriendRequestPacer pacer = pacer();
        pacer();

        List<String> columns = db.transaction(c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(ledger)")) {
                while (r.next()) {
                    names.add(r.getString("name"));
                }
            }
            return names;
        });
        assertThat(columns).contains("person_key", "person_v3", "person_v4", "looked_up_at");
        assertThat(pacer.submit(found("13800138000", V3))).isEqualTo(new Duplicate(Instant.ofEpochMilli(sentAt)));
        assertThat(pacer.precheck(typed("13800138000"))).contains(new Duplicate(Instant.ofEpochMilli(sentAt)));
    }
}
