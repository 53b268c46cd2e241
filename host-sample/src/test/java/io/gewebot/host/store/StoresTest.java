package io.gewebot.host.store;

import io.gewebot.commands.store.FriendRequestInbox;

import io.gewebot.common.store.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.FriendRequest;
import java.nio.file.Path;
import java.util.List;
import io.gewebot.commands.pacing.AddDecision;
import io.gewebot.commands.pacing.AddIntent;
import io.gewebot.commands.pacing.AnswerIntent;
import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.LedgerEntry;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.commands.pacing.RequestState;
import io.gewebot.commands.pacing.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.gewebot.commands.pacing.LedgerEntry.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class StoresTest {

    @Parameter
    DatabaseKind kind;


    @TempDir
    Path dir;

    /** This test's database: reopening it is a restart. */
    private DatabaseSettings where;

    @BeforeEach
    void newDatabase() {
        where = kind.newDatabase(dir);
    }

    private static FriendRequest request(String wxid, String v3, String v4) {
        return new FriendRequest(wxid, "Nick " + wxid, "hello", 6, v3, v4, Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void inboxKeepsRequestsAcrossReopeningTheDatabase() {
        try (Database db = Databases.open(where)) {
            new FriendRequestInbox(db).put("app", request("wxid_a", "v3_a", "v4_a"));
        }
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            assertThat(inbox.list("app")).extracting(p -> p.request().v3()).containsExactly("v3_a");
            assertThat(inbox.list("other-app")).isEmpty();
        }
    }

    @Test
    void aNewerRequestReplacesTheTicketsOfTheOlderOne() {
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.put("app", request("wxid_a", "v3_old", "v4_old"));
            inbox.put("app", request("wxid_a", "v3_new", "v4_new"));
            assertThat(inbox.find("app", "wxid_a").orElseThrow().request().v4()).isEqualTo("v4_new");
        }
    }

    @Test
    void aRequestBeingAnsweredIsNeverHandedOutTwiceNorOverwritten() {
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.put("app", request("wxid_a", "v3_a", "v4_a"));
            assertThat(inbox.beginAnswer("app", "wxid_a", Operation.ACCEPT)).isPresent();
            assertThat(inbox.beginAnswer("app", "wxid_a", Operation.ACCEPT)).isEmpty();
            inbox.put("app", request("wxid_a", "v3_b", "v4_b"));
            assertThat(inbox.find("app", "wxid_a").orElseThrow().request().v3()).isEqualTo("v3_a");
            assertThat(inbox.find("app", "wxid_a").orElseThrow().answering()).contains(Operation.ACCEPT);
            inbox.abandonAnswer("app", "wxid_a");
            assertThat(inbox.beginAnswer("app", "wxid_a", Operation.REJECT)).isPresent();
        }
    }

    @Test
    void anAnswerBeingGivenIsKeptAsTheCommandsNameWhichEarlierReleasesWroteAndRead() {
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.put("app", request("wxid_a", "v3_a", "v4_a"));
            inbox.put("app", request("wxid_b", "v3_b", "v4_b"));
            inbox.beginAnswer("app", "wxid_a", Operation.REJECT);
            db.transaction(c -> {
                try (var s = c.prepareStatement("UPDATE inbox SET answering = 'accept' WHERE from_wxid = 'wxid_b'")) {
                    s.executeUpdate();
                }
                return null;
            });
            String written = db.transaction(c -> {
                try (var s = c.prepareStatement("SELECT answering FROM inbox WHERE from_wxid = 'wxid_a'");
                        var r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            });
            assertThat(written).isEqualTo("reject");
            assertThat(inbox.find("app", "wxid_b").orElseThrow().answering()).contains(Operation.ACCEPT);
            assertThatThrownBy(() -> inbox.beginAnswer("app", "wxid_b", Operation.ADD))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anExpectedContactIsReportedOnceWhenItArrives() {
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            inbox.expectContact("app", "wxid_a");
            assertThat(inbox.contactArrived("app", "wxid_a")).isTrue();
            assertThat(inbox.contactArrived("app", "wxid_a")).isFalse();
            assertThat(inbox.contactArrived("app", "wxid_unknown")).isFalse();
        }
    }

    @Test
    void anAcceptedRequestsContactIsReportedWhateverMomentItArrivesAt() throws Exception {
        try (Database db = Databases.open(where)) {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                for (int i = 0; i < 100; i++) {
                    String wxid = "wxid_" + i;
                    inbox.put("app", request(wxid, "v3_" + i, "v4_" + i));
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<?> accepted = two.submit(() -> {
                        together.await();
                        inbox.accepted("app", wxid);
                        return null;
                    });
                    Future<Boolean> arrived = two.submit(() -> {
                        together.await();
                        return inbox.contactArrived("app", wxid);
                    });
                    accepted.get(10, TimeUnit.SECONDS);
                    assertThat(arrived.get(10, TimeUnit.SECONDS)).as("the contact of %s is reported", wxid).isTrue();
                    assertThat(inbox.find("app", wxid)).isEmpty();
                }
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void duplicateMessageIdsAreRecognisedAfterReopening() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks d = new DeliveredCallbacks(db, clock, Duration.ofDays(3), 100);
            assertThat(Deliveries.first(d, "app:1")).isTrue();
            assertThat(Deliveries.first(d, "app:1")).isFalse();
        }
        try (Database db = Databases.open(where)) {
            assertThat(Deliveries.first(new DeliveredCallbacks(db, clock, Duration.ofDays(3), 100), "app:1")).isFalse();
        }
    }

    @Test
    void deliveredIdsArePrunedByAgeAndByCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks d = new DeliveredCallbacks(db, clock, Duration.ofDays(3), 5);
            Deliveries.first(d, "app:old");
            clock.advance(Duration.ofDays(4));
            for (int i = 0; i < 7; i++) {
                Deliveries.first(d, "app:" + i);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(d.prune()).isEqualTo(3);
            assertThat(d.size()).isEqualTo(5);
            assertThat(Deliveries.first(d, "app:6")).isFalse();
            assertThat(Deliveries.first(d, "app:old")).isTrue();
        }
    }

    @Test
    void theLedgerTurnsInterruptedAddsAndAnswersIntoMaybeSentAfterACrashAndShowsThemInHistory() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        PacingPolicy policy = PacingPolicy.defaults().withSkipWarmup(true);
        try (Database db = Databases.open(where)) {
            FriendRequestPacer pacer = new FriendRequestPacer(db, policy, clock, new java.util.Random(1), new CommandMeters((meter, tags) -> { }));
            AddDecision.SendNow first = (AddDecision.SendNow) pacer.submit(
                    new AddIntent("app", "wxid_a", Optional.empty(), "wxid_admin", "wxid_admin"));
            pacer.complete(first.ticket(), Settlement.done("done"));
            pacer.beginAnswer(new AnswerIntent("app", LedgerEntry.Operation.ACCEPT, "wxid_b", "wxid_admin", "room"));
            pacer.refuse(new AddIntent("app", "wxid_c", Optional.empty(), "@console", "@console"), "account offline");
        }
        try (Database db = Databases.open(where)) {
            FriendRequestPacer pacer = new FriendRequestPacer(db, policy, clock, new java.util.Random(1), new CommandMeters((meter, tags) -> { }));
            assertThat(pacer.recoverAfterCrash()).isEqualTo(new FriendRequestPacer.Recovered(1, 0));
            assertThat(pacer.history("app", 10))
                    .extracting(LedgerEntry::operation, LedgerEntry::target, LedgerEntry::requestedBy, LedgerEntry::state,
                            LedgerEntry::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ADD, "wxid_c", "@console",
                                    RequestState.REFUSED, "account offline"),
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ACCEPT, "wxid_b", "wxid_admin",
                                    RequestState.MAYBE_SENT, kind == DatabaseKind.POSTGRESQL
                                            // instances share it: what the stopped one left, once its lease ran out
                                            ? "#detail.instanceStopped" : "interrupted by a restart"),
                            org.assertj.core.groups.Tuple.tuple(LedgerEntry.Operation.ADD, "wxid_a", "wxid_admin",
                                    RequestState.DONE, "done"));
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
