package io.gewebot.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The callbacks a host answered and has not handled yet: recorded in batches, marked as begun before they
 * are handled, let go after; a re-delivery is told apart; what a stopped run left is taken by the next,
 * once, and what it had begun is never handled twice.
 */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class PendingCallbacksTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @Parameter
    DatabaseKind kind;

    @TempDir
    Path dir;

    private DatabaseSettings where;

    @BeforeEach
    void database() {
        where = kind.newDatabase(dir);
    }

    private static DeliveredCallbacks run(Database db, String owner) {
        return new DeliveredCallbacks(db, CLOCK, Duration.ofDays(3), 1_000, owner);
    }

    private static DeliveredCallbacks.Arrival arrival(String key) {
        return new DeliveredCallbacks.Arrival(key, "app", ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBatchIsRecordedOnceAndEachIsHandledOnceThenLetGo() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks host = run(db, "run-1");
            assertThat(host.record(List.of(arrival("app:1"), arrival("app:2"), arrival("app:1"))))
                    .containsExactly(true, true, false);
            assertThat(host.record(List.of(arrival("app:2")))).as("pushed again").containsExactly(false);
            assertThat(host.pending()).isEqualTo(2);

            assertThat(host.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
            assertThat(host.begin("app:1")).as("begun already").isEqualTo(DeliveredCallbacks.Begin.DUPLICATE);
            host.finished("app:1");
            assertThat(host.begin("app:2")).isEqualTo(DeliveredCallbacks.Begin.GO);
            assertThat(host.pending()).as("app:1 let go with app:2's mark").isEqualTo(1);
            host.finished("app:2");
            host.letGo();
            assertThat(host.pending()).isZero();
            assertThat(host.record(List.of(arrival("app:2")))).as("still known once handled").containsExactly(false);
        }
    }

    @Test
    void onceIdleThoseHandledAreLetGoAtOnceOrWithTheNextRecordOrSweepAndAReDeliveryStaysADuplicate() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks host = run(db, "run-1");
            assertThat(host.record(List.of(arrival("app:1")))).containsExactly(true);
            assertThat(host.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
            host.finished("app:1");
            host.idle();
            // SQLite lets go at once; PostgreSQL keeps it for the next statement that writes anyway
            assertThat(host.pending()).isEqualTo(kind == DatabaseKind.SQLITE ? 0 : 1);
            assertThat(host.begin("app:1")).as("handled, kept or not").isEqualTo(DeliveredCallbacks.Begin.DUPLICATE);
            assertThat(host.record(List.of(arrival("app:1"), arrival("app:2")))).containsExactly(false, true);
            assertThat(host.pending()).as("app:1 let go with app:2's record").isEqualTo(1);
            assertThat(host.begin("app:2")).isEqualTo(DeliveredCallbacks.Begin.GO);
            host.finished("app:2");
            host.idle();
            assertThat(host.orphans(List.of("app"), Long.MAX_VALUE, 10, o -> true)).as("its own").isEmpty();
            assertThat(host.pending()).as("app:2 let go with the sweep").isZero();
        }
    }

    @Test
    void aStopLetsGoOfThoseHandledSoThatTheNextRunFindsNoneItMayHaveBeenHandling() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks stopping = run(db, "run-1");
            assertThat(stopping.record(List.of(arrival("app:1"), arrival("app:2")))).containsExactly(true, true);
            assertThat(stopping.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
            stopping.finished("app:1");
            stopping.idle();
            // what the account does once its queue is drained at a stop
            stopping.letGo();
            assertThat(stopping.pending()).as("app:2, never begun").isEqualTo(1);
            List<DeliveredCallbacks.Orphan> left = run(db, "run-2").orphans(List.of("app"), Long.MAX_VALUE, 10, o -> true);
            assertThat(left).extracting(DeliveredCallbacks.Orphan::key).containsExactly("app:2");
            assertThat(left).noneMatch(DeliveredCallbacks.Orphan::started);
        }
    }

    @Test
    void theIdOfACallbackStillWaitingIsNeverPrunedSoItsRePushStaysADuplicate() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks host = run(db, "run-1");
            assertThat(host.record(List.of(arrival("app:waiting")))).containsExactly(true);
            assertThat(Deliveries.first(host, "app:handled")).isTrue();
            // four days on, past the ids' retention of three
            DeliveredCallbacks later = new DeliveredCallbacks(db, Clock.offset(CLOCK, Duration.ofDays(4)),
                    Duration.ofDays(3), 1_000, "run-1");
            assertThat(later.prune()).as("the handled one's id").isEqualTo(1);
            assertThat(later.record(List.of(arrival("app:waiting")))).as("pushed again").containsExactly(false);
            assertThat(later.pending()).isEqualTo(1);
        }
    }

    @Test
    void aMessageNeverRecordedIsHandledOnceAsBefore() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks host = run(db, "run-1");
            assertThat(host.begin("app:9")).isEqualTo(DeliveredCallbacks.Begin.GO);
            assertThat(host.begin("app:9")).isEqualTo(DeliveredCallbacks.Begin.DUPLICATE);
            assertThat(Deliveries.first(host, "app:9")).isFalse();
        }
    }

    @Test
    void whatAStoppedRunLeftIsTakenOnceAndWhatItHadBegunIsNeverHandledAgain() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks stopped = run(db, "run-1");
            stopped.record(List.of(arrival("app:1"), arrival("app:2"), arrival("app:3")));
            assertThat(stopped.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
        }
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks next = run(db, "run-2");
            List<DeliveredCallbacks.Orphan> room = new ArrayList<>();
            List<DeliveredCallbacks.Orphan> taken = next.orphans(List.of("app"), Long.MAX_VALUE, 100, orphan -> {
                room.add(orphan);
                return room.size() <= 1;
            });
            assertThat(taken).extracting(DeliveredCallbacks.Orphan::key, DeliveredCallbacks.Orphan::started)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("app:1", true),
                            org.assertj.core.groups.Tuple.tuple("app:2", false));
            assertThat(new String(taken.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":\"app:2\"}");
            assertThat(next.begin("app:2")).isEqualTo(DeliveredCallbacks.Begin.GO);
            assertThat(next.begin("app:1")).as("begun by the stopped run").isEqualTo(DeliveredCallbacks.Begin.DUPLICATE);

            // app:3 had no room: left, and taken the next time; nobody else's run takes app:2 from run-2 now.
            DeliveredCallbacks third = run(db, "run-3");
            assertThat(third.orphans(List.of("app"), CLOCK.millis() - 1, 100, o -> true)).as("none stale yet").isEmpty();
            assertThat(next.orphans(List.of("app"), Long.MAX_VALUE, 100, o -> true))
                    .extracting(DeliveredCallbacks.Orphan::key).containsExactly("app:3");
            assertThat(third.begin("app:3")).as("taken by run-2").isEqualTo(DeliveredCallbacks.Begin.TAKEN);
        }
    }

    @Test
    void aCallbackGivenBackAtAStopIsHandledByTheNextRun() {
        try (Database db = Databases.open(where)) {
            DeliveredCallbacks stopping = run(db, "run-1");
            stopping.record(List.of(arrival("app:1")));
            assertThat(stopping.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
            stopping.release("app:1");
            DeliveredCallbacks next = run(db, "run-2");
            assertThat(next.orphans(List.of("app"), Long.MAX_VALUE, 100, o -> true))
                    .extracting(DeliveredCallbacks.Orphan::started).containsExactly(false);
            assertThat(next.begin("app:1")).isEqualTo(DeliveredCallbacks.Begin.GO);
        }
    }
}
