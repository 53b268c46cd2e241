package io.gewebot.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.FriendRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    void journalTurnsInterruptedCommandsIntoMaybeSentAfterACrash() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.open(dir)) {
            CommandJournal journal = new CommandJournal(db, clock);
            long done = journal.begin("wxid_admin", "/add wxid_a", CommandJournal.State.IN_FLIGHT);
            journal.update(done, CommandJournal.State.DONE, "done");
            journal.begin("wxid_admin", "/add wxid_b", CommandJournal.State.IN_FLIGHT);
        }
        try (Database db = Database.open(dir)) {
            CommandJournal journal = new CommandJournal(db, clock);
            assertThat(journal.recoverAfterCrash()).isEqualTo(1);
            assertThat(journal.recent(10)).extracting(CommandJournal.Entry::command, CommandJournal.Entry::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("/add wxid_b", CommandJournal.State.MAYBE_SENT),
                            org.assertj.core.groups.Tuple.tuple("/add wxid_a", CommandJournal.State.DONE));
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
