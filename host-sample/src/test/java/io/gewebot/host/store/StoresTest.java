package io.gewebot.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.FriendRequest;
import io.gewebot.host.metrics.HostMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import io.gewebot.host.pacing.AddDecision;
import io.gewebot.host.pacing.AddIntent;
import io.gewebot.host.pacing.AnswerIntent;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.LedgerEntry;
import io.gewebot.host.pacing.PacingPolicy;
import io.gewebot.host.pacing.RequestState;
import io.gewebot.host.pacing.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    @TempDir
    Path dir;

    private static FriendRequest request(String wxid, String v3, String v4) {
        return new FriendRequest(wxid, "Nick " + wxid, "hello", 6, v3, v4, Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void inboxKeepsRequestsAcrossReopeningTheDatabase() {
        try (Database db = Database.open(dir)) {
            new FriendRequestInbox(db).put("app", request("wxid_a", "v3_a", "v4_a"));
        }
        try (Database db = Database.open(dir)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            assertThat(inbox.list("app")).extracting(p -> p.request().v3()).containsExactly("v3_a");
            assertThat(inbox.list("other-app")).isEmpty();
        }
    }

    @Test
    void aNewerRequestReplacesTheTicketsOfTheOlderOne() {
        try (Database db = Database.open(dir)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.put("app", request("wxid_a", "v3_old", "v4_old"));
            inbox.put("app", request("wxid_a", "v3_new", "v4_new"));
            assertThat(inbox.find("app", "wxid_a").orElseThrow().request().v4()).isEqualTo("v4_new");
        }
    }

    @Test
    void aRequestBeingAnsweredIsNeverHandedOutTwiceNorOverwritten() {
        try (Database db = Database.open(dir)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.put("app", request("wxid_a", "v3_a", "v4_a"));
            assertThat(inbox.beginAnswer("app", "wxid_a", "accept")).isPresent();
            assertThat(inbox.beginAnswer("app", "wxid_a", "accept")).isEmpty();
            inbox.put("app", request("wxid_a", "v3_b", "v4_b"));
            assertThat(inbox.find("app", "wxid_a").orElseThrow().request().v3()).isEqualTo("v3_a");
            assertThat(inbox.find("app", "wxid_a").orElseThrow().answering()).contains("accept");
            inbox.abandonAnswer("app", "wxid_a");
            assertThat(inbox.beginAnswer("app", "wxid_a", "reject")).isPresent();
        }
    }

    @Test
    void anExpectedContactIsReportedOnceWhenItArrives() {
        try (Database db = Database.open(dir)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.expectContact("app", "wxid_a");
            assertThat(inbox.contactArrived("app", "wxid_a")).isTrue();
            assertThat(inbox.contactArrived("app", "wxid_a")).isFalse();
            assertThat(inbox.contactArrived("app", "wxid_unknown")).isFalse();
        }
    }

    @Test
    void duplicateMessageIdsAreRecognisedAfterReopening() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.open(dir)) {
            DeliveredCallbacks d = new DeliveredCallbacks(db, clock, Duration.ofDays(3), 100);
            assertThat(d.firstDelivery("app:1")).isTrue();
            assertThat(d.firstDelivery("app:1")).isFalse();
        }
        try (Database db = Database.open(dir)) {
            assertThat(new DeliveredCallbacks(db, clock, Duration.ofDays(3), 100).firstDelivery("app:1")).isFalse();
        }
    }

    @Test
    void deliveredIdsArePrunedByAgeAndByCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        try (Database db = Database.open(dir)) {
            DeliveredCallbacks d = new DeliveredCallbacks(db, clock, Duration.ofDays(3), 5);
            d.firstDelivery("app:old");
            clock.advance(Duration.ofDays(4));
            for (int i = 0; i < 7; i++) {
                d.firstDelivery("app:" + i);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(d.prune()).isEqualTo(3);
            assertThat(d.size()).isEqualTo(5);
            assertThat(d.firstDelivery("app:6")).isFalse();
            assertThat(d.firstDelivery("app:old")).isTrue();
        }
    }

    @Test
    void theLedgerTurnsInterruptedAddsAndAnswersIntoMaybeSentAfterACrashAndShowsThemInHistory() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        PacingPolicy policy = PacingPolicy.defaults().withSkipWarmup(true);
        try (Database db = Database.open(dir)) {
            FriendRequestPacer pacer = new FriendRequestPacer(db, policy, clock, new java.util.Random(1), new HostMetrics(new SimpleMeterRegistry()));
            AddDecision.SendNow first = (AddDecision.SendNow) pacer.submit(
                    new AddIntent("app", "wxid_a", Optional.empty(), "wxid_admin", "wxid_admin"));
            pacer.complete(first.ticket(), Settlement.done("done"));
            pacer.beginAnswer(new AnswerIntent("app", LedgerEntry.Operation.ACCEPT, "wxid_b", "wxid_admin", "room"));
            pacer.refuse(new AddIntent("app", "wxid_c", Optional.empty(), "@console", "@console"), "account offline");
        }
        try (Database db = Database.open(dir)) {
            FriendRequestPacer pacer = new FriendRequestPacer(db, policy, clock, new java.util.Random(1), new HostMetrics(new SimpleMeterRegistry()));
            assertThat(pacer.recoverAfterCrash()).isEqualTo(new FriendRequestPacer.Recovered(1, 0));
            assertThat(pacer.history("app", 10))
                    .extracting(LedgerEntry::operation, LedgerEntry::target, LedgerEntry::requestedBy, LedgerEntry::state,
                            LedgerEntry::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ADD, "wxid_c", "@console",
                                    RequestState.REFUSED, "account offline"),
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ACCEPT, "wxid_b", "wxid_admin",
                                    RequestState.MAYBE_SENT, "interrupted by a restart"),
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ADD, "wxid_a", "wxid_admin",
                                    RequestState.DONE, "done"));
        }
    }

    @Test
    void aDatabaseOfTheEarlierVersionIsCarriedIntoTheLedgerSoNeverTwiceHolds() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        long sentAt = clock.millis() - 3_600_000;
        try (Database db = Database.open(dir)) {
            db.ensureSchema("""
                    CREATE TABLE pacing_adds (id INTEGER PRIMARY KEY AUTOINCREMENT, app_id TEXT NOT NULL,
                      target TEXT NOT NULL, target_key TEXT NOT NULL, greeting TEXT, requested_by TEXT NOT NULL,
                      reply_to TEXT NOT NULL, state TEXT NOT NULL, queued_at INTEGER NOT NULL, started_at INTEGER,
                      completed_at INTEGER, detail TEXT NOT NULL DEFAULT '')""",
                    "INSERT INTO pacing_adds (app_id, target, target_key, requested_by, reply_to, state, queued_at,"
                            + " started_at, completed_at) VALUES ('app', 'wxid_a', 'wxid_a', 'wxid_admin', 'wxid_admin',"
                            + " 'SENT', " + sentAt + ", " + sentAt + ", " + sentAt + ")",
                    "INSERT INTO pacing_adds (app_id, target, target_key, requested_by, reply_to, state, queued_at,"
                            + " started_at, completed_at) VALUES ('app', 'wxid_r', 'wxid_r', 'wxid_admin', 'wxid_admin',"
                            + " 'RISK_CONTROL', " + sentAt + ", " + sentAt + ", " + sentAt + ")",
                    "CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL)");
        }
        try (Database db = Database.open(dir)) {
            FriendRequestPacer pacer = new FriendRequestPacer(db, PacingPolicy.defaults().withSkipWarmup(true), clock,
                    new java.util.Random(1), new HostMetrics(new SimpleMeterRegistry()));
            assertThat(pacer.recentSends("app", 10)).extracting(LedgerEntry::target, LedgerEntry::state)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("wxid_a", RequestState.DONE),
                            org.assertj.core.groups.Tuple.tuple("wxid_r", RequestState.MAYBE_SENT));
            assertThat(pacer.submit(new AddIntent("app", "WXID_A", Optional.empty(), "wxid_admin", "wxid_admin")))
                    .isInstanceOf(AddDecision.Duplicate.class);
            assertThat(pacer.submit(new AddIntent("app", "wxid_r", Optional.empty(), "wxid_admin", "wxid_admin")))
                    .isInstanceOf(AddDecision.Duplicate.class);
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
