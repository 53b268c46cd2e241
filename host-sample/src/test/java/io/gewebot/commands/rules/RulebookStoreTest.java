package io.gewebot.commands.rules;

import io.gewebot.host.store.Databases;

import io.gewebot.common.settings.FriendRequestRules;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.FriendRequest;
import io.gewebot.commands.pacing.MutableClock;
import io.gewebot.commands.rules.Rulebook.Counts;
import io.gewebot.commands.rules.Rulebook.Decision;
import io.gewebot.commands.rules.Rulebook.Outcome;
import io.gewebot.commands.rules.Rulebook.Pending;
import io.gewebot.common.store.Database;
import io.gewebot.host.store.DatabaseKind;
import io.gewebot.host.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the rules decided and the welcomes they claimed are kept in the database, on each kind. */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class RulebookStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private DatabaseSettings where;

    @BeforeEach
    void newDatabase() {
        where = kind.newDatabase(dir);
    }

    private Rulebook rulebook(Database db) {
        return new Rulebook(FriendRequestRules.none(), db, ZoneOffset.UTC, clock);
    }

    private static FriendRequest request(String wxid, String v4) {
        return new FriendRequest(wxid, "Nick", "hello", 3, "v3_" + wxid, v4, T0);
    }

    @Test
    void aRequestIsDecidedOnceEvenWhenPushedAgainAfterARestart() {
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            assertThat(book.decide("app", request("wxid_a", "v4_a"), "keyword", Outcome.PENDING)).isEmpty();
            assertThat(book.decide("app", request("wxid_a", "v4_a"), "other", Outcome.LEFT))
                    .contains(new Decision("keyword", Outcome.PENDING));
        }
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            assertThat(book.decide("app", request("wxid_a", "v4_a"), "other", Outcome.LEFT))
                    .contains(new Decision("keyword", Outcome.PENDING));
            assertThat(book.decide("app", request("wxid_a", "v4_new"), "other", Outcome.LEFT))
                    .as("a new request of the same person").isEmpty();
            assertThat(book.decide("other-app", request("wxid_a", "v4_a"), "keyword", Outcome.LEFT)).isEmpty();
        }
    }

    @Test
    void pendingDecisionsSurviveARestartOldestFirstUntilSettled() {
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            book.decide("app", request("wxid_b", "v4_b"), "keyword", Outcome.PENDING);
            clock.advance(Duration.ofSeconds(1));
            book.decide("app", request("wxid_a", "v4_a"), "keyword", Outcome.PENDING);
            book.decide("app", request("wxid_c", "v4_c"), "ask", Outcome.LEFT);
        }
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            assertThat(book.pending("app")).containsExactly(new Pending("wxid_b", "v4_b", "keyword"),
                    new Pending("wxid_a", "v4_a", "keyword"));
            book.settle("app", "wxid_b", "v4_b", Outcome.ANSWERED);
            assertThat(book.pending("app")).containsExactly(new Pending("wxid_a", "v4_a", "keyword"));
        }
    }

    @Test
    void countsAreByRuleOverTheLast24HoursAndDecisionsAreForgottenAfter30Days() {
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            book.decide("app", request("wxid_old", "v4_old"), "keyword", Outcome.ANSWERED);
            clock.advance(Duration.ofDays(2));
            book.decide("app", request("wxid_a", "v4_a"), "keyword", Outcome.PENDING);
            book.settle("app", "wxid_a", "v4_a", Outcome.ANSWERED);
            book.decide("app", request("wxid_b", "v4_b"), "keyword", Outcome.LEFT);
            book.decide("app", request("wxid_c", "v4_c"), "ask", Outcome.LEFT);
            assertThat(book.counts("app")).isEqualTo(Map.of("keyword", new Counts(2, 1, 1), "ask", new Counts(1, 0, 1)));
            assertThat(book.counts("other-app")).isEmpty();

            clock.advance(Duration.ofDays(29));
            // Deciding prunes: the first decision, 31 days old, is forgotten and may be decided again.
            assertThat(book.decide("app", request("wxid_old", "v4_old"), "keyword", Outcome.LEFT)).isEmpty();
            assertThat(book.decide("app", request("wxid_a", "v4_a"), "keyword", Outcome.LEFT))
                    .contains(new Decision("keyword", Outcome.ANSWERED));
        }
    }

    @Test
    void aFriendIsWelcomedOnceEverAcrossRestarts() {
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            assertThat(book.claimWelcome("app", "wxid_a")).isTrue();
            assertThat(book.claimWelcome("app", "wxid_a")).isFalse();
        }
        try (Database db = Databases.open(where)) {
            Rulebook book = rulebook(db);
            assertThat(book.claimWelcome("app", "wxid_a")).isFalse();
            assertThat(book.claimWelcome("app", "wxid_b")).isTrue();
            assertThat(book.claimWelcome("other-app", "wxid_a")).isTrue();
        }
    }
}
