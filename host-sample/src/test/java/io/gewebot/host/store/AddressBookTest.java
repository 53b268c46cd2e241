package io.gewebot.host.store;

import io.gewebot.commands.store.AddressBook;

import io.gewebot.common.store.Database;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Contact;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class AddressBookTest {

    @Parameter
    DatabaseKind kind;


    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Contact ALICE = new Contact("wxid_alice", "Alice", "", "alice_w", List.of("家人", "a, \"b\""));
    private static final Contact BOB = new Contact("wxid_bob", "bob", "Bobby ÄL", "", List.of());

    @TempDir
    Path dir;

    /** This test's database: reopening it is a restart. */
    private DatabaseSettings where;

    @BeforeEach
    void newDatabase() {
        where = kind.newDatabase(dir);
    }

    private static AddressBook book(Database db, Instant now) {
        return new AddressBook(db, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theFriendsAndTheFillOfAnAccountSurviveReopeningTheDatabase() {
        try (Database db = Databases.open(where)) {
            AddressBook book = book(db, T0);
            assertThat(book.filled("app")).isFalse();
            book.replaceAll("app", List.of(ALICE, BOB));
        }
        try (Database db = Databases.open(where)) {
            AddressBook book = book(db, T0);
            assertThat(book.filled("app")).isTrue();
            assertThat(book.filled("other-app")).isFalse();
            assertThat(book.find("app", "wxid_alice")).contains(ALICE);
            assertThat(book.search("app", "", 20)).isEqualTo(new AddressBook.Matches(2, List.of(ALICE, BOB)));
            assertThat(book.search("other-app", "", 20).total()).isZero();
        }
    }

    @Test
    void aRefillReplacesTheFriendsAndAChangeOrADeleteTouchesOneRow() {
        try (Database db = Databases.open(where)) {
            AddressBook book = book(db, T0);
            book.replaceAll("app", List.of(ALICE, BOB));
            book.replaceAll("app", List.of(BOB));
            assertThat(book.find("app", "wxid_alice")).isEmpty();

            Contact renamed = new Contact("wxid_bob", "Robert", "", "", List.of("work"));
            book.put("app", renamed);
            assertThat(book.find("app", "wxid_bob")).contains(renamed);
            assertThat(book.remove("app", "wxid_bob")).isTrue();
            assertThat(book.remove("app", "wxid_bob")).isFalse();
            assertThat(book.filled("app")).isTrue();
        }
    }

    @Test
    void aSearchMatchesWxidNicknameOrRemarkInAnyCaseSortedByTheShownNameAndCut() {
        try (Database db = Databases.open(where)) {
            AddressBook book = book(db, T0);
            Contact carol = new Contact("wxid_carol", "Carol", "", "", List.of());
            book.replaceAll("app", List.of(carol, BOB, ALICE));

            assertThat(book.search("app", "äl", 20).first()).containsExactly(BOB);
            assertThat(book.search("app", "AL", 20).first()).containsExactly(ALICE);
            assertThat(book.search("app", "BOB", 20).first()).containsExactly(BOB);
            assertThat(book.search("app", "CAROL", 20).first()).containsExactly(carol);
            assertThat(book.search("app", "alice_w", 20).total()).as("the alias is not searched").isZero();
            assertThat(book.search("app", "wxid", 2)).isEqualTo(new AddressBook.Matches(3, List.of(ALICE, BOB)));
        }
    }

    @Test
    void checkPausesDoubleInARowUpToTheLimitEndWithANormalAnswerAndSurviveReopening() {
        Duration hour = Duration.ofHours(1);
        try (Database db = Databases.open(where)) {
            AddressBook book = book(db, T0);
            assertThat(book.checksPausedUntil("app")).isEmpty();
            assertThat(book.pauseChecks("app", hour, Duration.ofHours(3))).isEqualTo(T0.plus(hour));
            assertThat(book.pauseChecks("app", hour, Duration.ofHours(3))).isEqualTo(T0.plusSeconds(2 * 3600));
            assertThat(book.pauseChecks("app", hour, Duration.ofHours(3))).isEqualTo(T0.plusSeconds(3 * 3600));
        }
        try (Database db = Databases.open(where)) {
            assertThat(book(db, T0).checksPausedUntil("app")).contains(T0.plusSeconds(3 * 3600));
            assertThat(book(db, T0).checksPausedUntil("other-app")).isEmpty();
            assertThat(book(db, T0.plusSeconds(3 * 3600)).checksPausedUntil("app")).as("over at its end").isEmpty();

            AddressBook later = book(db, T0.plusSeconds(4 * 3600));
            later.checksAnswered("app");
            assertThat(later.pauseChecks("app", hour, Duration.ofHours(3))).isEqualTo(T0.plusSeconds(5 * 3600));
        }
    }

    @Test
    void aDeleteWaitsForItsConfirmationAcrossAReopeningAndIsTakenOnceBySeveralInstances() {
        try (Database db = Databases.open(where)) {
            book(db, T0).askDelete("app", "wxid_alice", "wxid_admin");
        }
        try (Database one = Databases.open(where); Database other = Databases.open(where)) {
            AddressBook first = book(one, T0.plusSeconds(5));
            AddressBook second = book(other, T0.plusSeconds(5));
            AddressBook.PendingDelete pending = second.pendingDelete("app", "wxid_alice").orElseThrow();
            assertThat(pending).isEqualTo(new AddressBook.PendingDelete("wxid_admin", T0));
            assertThat(first.pendingDelete("other-app", "wxid_alice")).isEmpty();

            assertThat(first.takeDelete("app", "wxid_alice", pending)).isTrue();
            assertThat(second.takeDelete("app", "wxid_alice", pending)).as("taken already").isFalse();
            assertThat(second.pendingDelete("app", "wxid_alice")).isEmpty();

            // asked again: the new request replaces the old one, and only it can be taken
            first.askDelete("app", "wxid_bob", "wxid_admin");
            AddressBook.PendingDelete old = first.pendingDelete("app", "wxid_bob").orElseThrow();
            book(other, T0.plusSeconds(30)).askDelete("app", "wxid_bob", "wxid_other_admin");
            assertThat(first.takeDelete("app", "wxid_bob", old)).isFalse();
            assertThat(first.pendingDelete("app", "wxid_bob").orElseThrow().admin()).isEqualTo("wxid_other_admin");
        }
    }
}
