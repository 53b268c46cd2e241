package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import io.gewebot.host.store.Databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.commands.pacing.AddDecision.AlreadyQueued;
import io.gewebot.commands.pacing.AddDecision.Duplicate;
import io.gewebot.commands.pacing.AddDecision.Paused;
import io.gewebot.commands.pacing.AddDecision.Queued;
import io.gewebot.commands.pacing.AddDecision.SendNow;
import io.gewebot.commands.pacing.AddDecision.WarmingUp;
import io.gewebot.common.store.Database;
import io.gewebot.host.store.DatabaseKind;
import io.gewebot.host.store.DatabaseSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DatabaseKind.class)
class FriendRequestPacerTest {

    @Parameter
    DatabaseKind kind;


    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx_app1";
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MILLI = Duration.ofMillis(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    /** What the pacers of a test counted. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Database db;

    /**
     * The pacing these tests were written for (one request a minute plus up to 30 s, 20 a day; the
     * rest as by default), for an account that came online long ago.
     */
    private final PacingPolicy policy = PacingPolicy.defaults().withAddInterval(MINUTE).withAddJitter(Duration.ofSeconds(30))
            .withAddDailyCap(20).withOnlineSince(T0.minus(Duration.ofDays(30)));

    /** Without jitter, so that exact times can be asserted. */
    private final PacingPolicy exact = policy.withAddJitter(Duration.ZERO);

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

    private FriendRequestPacer pacer(PacingPolicy p) {
        return new FriendRequestPacer(db, p, clock, new Random(7),
                new CommandMeters((meter, tags) -> new HostMetrics(meters).count(APP, meter, tags)));
    }

    /** Closes the database and opens it again, as a restart of the host would. */
    private void restart() {
        db.close();
        db = Databases.open(where);
    }

    private static AddIntent add(String target) {
        return add(APP, target);
    }

    private static AddIntent add(String appId, String target) {
        return new AddIntent(appId, target, Optional.of("hello from the bot"), "wxid_admin", "wxid_admin");
    }

    private static AnswerIntent answer(String appId) {
        return new AnswerIntent(appId, LedgerEntry.Operation.ACCEPT, "wxid_stranger", "wxid_admin", "wxid_admin");
    }

    private static AnswerIntent byRule(String wxid) {
        return AnswerIntent.byRule(APP, LedgerEntry.Operation.ACCEPT, wxid, "keyword");
    }

    private static <T extends AddDecision> T as(Class<T> type, AddDecision decision) {
        assertThat(decision).isInstanceOf(type);
        return type.cast(decision);
    }

    private static SendTicket sendNow(FriendRequestPacer pacer, AddIntent intent) {
        return as(SendNow.class, pacer.submit(intent)).ticket();
    }

    private static Queued queue(FriendRequestPacer pacer, AddIntent intent) {
        return as(Queued.class, pacer.submit(intent));
    }

    @Nested
    class Counts {

        private double count(String name, String... tags) {
            Counter counter = meters.find(name).tags(tags).counter();
            return counter == null ? 0 : counter.count();
        }

        private double outcome(String outcome) {
            return count("gewebot.friend.requests", "account", APP, "outcome", outcome);
        }

        @Test
        void eachFriendRequestIsCountedOnceByWhatTheLedgerSettledItAs() {
            FriendRequestPacer pacer = pacer(exact);
            SendTicket sent = sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wxid_b"));
            pacer.complete(sent, Settlement.done(""));
            // A result reported twice is ignored by the ledger, and so by the count.
            pacer.complete(sent, Settlement.notSent("late"));
            pacer.refuse(add("wxid_c"), "offline");

            assertThat(outcome("sent")).isEqualTo(1);
            assertThat(outcome("queued")).isEqualTo(1);
            assertThat(outcome("refused")).isEqualTo(1);
            assertThat(outcome("failed")).isZero();
        }

        @Test
        void maybeSentAndRiskControlCountAsFailedAndARiskControlAnswerCountsAPause() {
            FriendRequestPacer pacer = pacer(exact);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.maybeSent("timed out"));
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.rateLimited("操作过于频繁"));

            assertThat(outcome("failed")).isEqualTo(2);
            assertThat(count("gewebot.risk.control.pauses", "account", APP)).isEqualTo(1);
        }

        @Test
        void answersAreCountedByAnswerAndByWhetherAnAdminOrARuleGaveThem() {
            FriendRequestPacer pacer = pacer(exact);
            AnswerTicket byAdmin = pacer.beginAnswer(answer(APP));
            pacer.completeAnswer(byAdmin, Settlement.done(""));
            pacer.completeAnswer(byAdmin, Settlement.done(""));
            RuleAnswerDecision.Granted byRuleGranted = (RuleAnswerDecision.Granted) pacer.beginRuleAnswer(
                    byRule("wxid_r"), 5);
            pacer.completeAnswer(byRuleGranted.ticket(), Settlement.notSent("connection refused"));

            assertThat(count("gewebot.friend.request.answers", "account", APP, "answer", "accept", "by", "admin",
                    "outcome", "sent")).isEqualTo(1);
            assertThat(count("gewebot.friend.request.answers", "account", APP, "answer", "accept", "by", "rule",
                    "outcome", "failed")).isEqualTo(1);
            assertThat(outcome("sent")).as("answers are not friend requests").isZero();
        }
    }

    @Nested
    class Interval {

        @Test
        void aSecondAddWithinTheIntervalWaitsExactlyUntilTheBookedInstant() {
            FriendRequestPacer pacer = pacer(policy);
            SendTicket first = sendNow(pacer, add("wxid_a"));
            assertThat(first.startedAt()).isEqualTo(T0);

            Queued second = queue(pacer, add("wxid_b"));
            Instant turn = second.entry().expectedAt();
            assertThat(second.position()).isEqualTo(1);
            assertThat(turn).isBetween(T0.plus(MINUTE), T0.plus(MINUTE).plusSeconds(30));
            assertThat(pacer.nextWakeUp()).contains(turn);

            clock.set(turn.minus(MILLI));
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(turn);
            SendTicket ticket = pacer.takeDue().orElseThrow();
            assertThat(ticket.intent()).isEqualTo(add("wxid_b"));
            assertThat(ticket.startedAt()).isEqualTo(turn);
            assertThat(pacer.nextWakeUp()).isEmpty();
        }

        @Test
        void sendsAreAlwaysMinIntervalPlusAJitterWithinBoundsApartAndTheJitterVaries() {
            FriendRequestPacer pacer = pacer(policy);
            List<Instant> starts = new ArrayList<>();
            starts.add(sendNow(pacer, add("wxid_0")).startedAt());
            for (int i = 1; i < 10; i++) {
                queue(pacer, add("wxid_" + i));
            }
            for (int i = 1; i < 10; i++) {
                Instant wake = pacer.nextWakeUp().orElseThrow();
                clock.set(wake.minus(MILLI));
                assertThat(pacer.takeDue()).as("one millisecond before its turn").isEmpty();
                clock.set(wake);
                SendTicket ticket = pacer.takeDue().orElseThrow();
                pacer.complete(ticket, Settlement.done(""));
                starts.add(ticket.startedAt());
            }
            Set<Duration> gaps = new HashSet<>();
            for (int i = 1; i < starts.size(); i++) {
                Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
                assertThat(gap).isBetween(MINUTE, MINUTE.plusSeconds(30));
                gaps.add(gap);
            }
            assertThat(gaps).as("distinct gaps").hasSizeGreaterThan(1);
        }

        @Test
        void withoutJitterTheNextAddGoesExactlyMinIntervalLater() {
            FriendRequestPacer pacer = pacer(exact);
            sendNow(pacer, add("wxid_a"));
            assertThat(queue(pacer, add("wxid_b")).entry().expectedAt()).isEqualTo(T0.plus(MINUTE));
        }

        @Test
        void anAddAfterTheIntervalGoesAtOnce() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            clock.advance(MINUTE.plusSeconds(30));
            assertThat(sendNow(pacer, add("wxid_b")).startedAt()).isEqualTo(T0.plus(MINUTE).plusSeconds(30));
        }

        @Test
        void theIntervalStaysBookedWhateverTheResult() {
            FriendRequestPacer pacer = pacer(exact);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.notSent("connection refused"));
            assertThat(queue(pacer, add("wxid_b")).entry().expectedAt()).isEqualTo(T0.plus(MINUTE));
        }
    }

    @Nested
    class DailyCap {

        private final PacingPolicy capOfThree = exact.withAddDailyCap(3);

        @Test
        void anAddBeyondTheCapWaitsUntilTheOldestSendLeavesTheRollingWindow() {
            FriendRequestPacer pacer = pacer(capOfThree);
            sendNow(pacer, add("wxid_a"));
            clock.advance(MINUTE);
            sendNow(pacer, add("wxid_b"));
            clock.advance(MINUTE);
            sendNow(pacer, add("wxid_c"));
            clock.advance(MINUTE);

            Queued fourth = queue(pacer, add("wxid_d"));
            assertThat(fourth.entry().expectedAt()).isEqualTo(T0.plus(DAY));

            clock.set(T0.plus(DAY).minus(MILLI));
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(T0.plus(DAY));
            assertThat(pacer.takeDue().orElseThrow().intent().target()).isEqualTo("wxid_d");
        }

        @Test
        void queuedAddsBeyondTheCapGetOrderedPositionsAndTimesFromTheWindowAndTheInterval() {
            FriendRequestPacer pacer = pacer(exact.withAddDailyCap(2));
            sendNow(pacer, add("wxid_a"));
            clock.advance(MINUTE);
            sendNow(pacer, add("wxid_b"));
            clock.advance(MINUTE);

            Queued c = queue(pacer, add("wxid_c"));
            Queued d = queue(pacer, add("wxid_d"));
            Queued e = queue(pacer, add("wxid_e"));

            assertThat(List.of(c.position(), d.position(), e.position())).containsExactly(1, 2, 3);
            // c when a leaves the window, d when b does (and a minute after c), e when c does
            assertThat(pacer.queued(APP))
                    .extracting(QueuedAdd::intent, QueuedAdd::expectedAt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(add("wxid_c"), T0.plus(DAY)),
                            org.assertj.core.groups.Tuple.tuple(add("wxid_d"), T0.plus(DAY).plus(MINUTE)),
                            org.assertj.core.groups.Tuple.tuple(add("wxid_e"), T0.plus(DAY).plus(DAY)));
        }

        @Test
        void notSentAndRefusedAddsDoNotCount() {
            FriendRequestPacer pacer = pacer(exact.withAddDailyCap(2));
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.notSent("connection refused"));
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.refused("already a friend"));
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_c")), Settlement.done(""));
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_d")), Settlement.done(""));
            clock.advance(MINUTE);

            assertThat(queue(pacer, add("wxid_e")).entry().expectedAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)).plus(DAY));
        }

        @Test
        void inFlightMaybeSentAndRiskControlledAddsCount() {
            FriendRequestPacer pacer = pacer(exact.withAddDailyCap(3).withBackoffBase(SECOND));
            sendNow(pacer, add("wxid_a")); // never completed: still in flight
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.maybeSent("timed out"));
            clock.advance(MINUTE);
            pacer.complete(sendNow(pacer, add("wxid_c")), Settlement.rateLimited("操作过于频繁"));
            clock.advance(MINUTE);

            assertThat(queue(pacer, add("wxid_d")).entry().expectedAt()).isEqualTo(T0.plus(DAY));
        }
    }

    @Nested
    class Duplicates {

        @Test
        void theSameTargetInAnotherCaseOrWithSpacesIsADuplicateWithinTheWindow() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_Alice")), Settlement.done(""));
            clock.advance(DAY);

            assertThat(pacer.submit(add("  WXID_alice "))).isEqualTo(new Duplicate(T0));
            clock.set(T0.plus(Duration.ofDays(7)).minus(MILLI));
            assertThat(pacer.submit(add("wxid_alice"))).isEqualTo(new Duplicate(T0));
        }

        @Test
        void theSameTargetMayBeAddedAgainOnceTheWindowHasPassed() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.done(""));
            clock.set(T0.plus(Duration.ofDays(7)));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
        }

        @Test
        void aRequestStillInFlightBlocksTheSameTarget() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            clock.advance(HOUR);
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
        }

        @Test
        void maybeSentAndRiskControlledRequestsBlockTheSameTarget() {
            FriendRequestPacer pacer = pacer(policy.withBackoffBase(SECOND));
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.maybeSent("timed out"));
            clock.advance(HOUR);
            Instant second = clock.instant();
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.rateLimited("操作过于频繁"));
            clock.advance(HOUR);

            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
            assertThat(pacer.submit(add("wxid_b"))).isEqualTo(new Duplicate(second));
        }

        @Test
        void notSentAndRefusedRequestsDoNotBlockALaterAdd() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.notSent("connection refused"));
            clock.advance(HOUR);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.refused("already a friend"));
            clock.advance(HOUR);
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
        }

        @Test
        void aTargetWaitingInTheQueueIsNotQueuedTwice() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            QueuedAdd waiting = queue(pacer, add("wxid_b")).entry();

            assertThat(pacer.submit(add("WXID_B"))).isEqualTo(new AlreadyQueued(waiting));
            assertThat(pacer.queued(APP)).hasSize(1);
        }

        @Test
        void anotherAccountMayAddTheSameTarget() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            assertThat(pacer.submit(add("wx_app2", "wxid_a"))).isInstanceOf(SendNow.class);
        }
    }

    @Nested
    class Warmup {

        private final PacingPolicy unseen = exact.withOnlineSince(Optional.empty());

        @Test
        void anAccountOnlineForLessThanTheWarmupIsToldWhenItEnds() {
            FriendRequestPacer pacer = pacer(exact.withOnlineSince(T0.minus(DAY)));
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new WarmingUp(T0.plus(Duration.ofDays(2))));
            assertThat(pacer.warmupEndsAt(APP)).contains(T0.plus(Duration.ofDays(2)));

            clock.set(T0.plus(Duration.ofDays(2)));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
        }

        @Test
        void theFirstObservationStartsTheWarmupAndLaterOnesDoNotMoveIt() {
            FriendRequestPacer pacer = pacer(unseen);
            assertThat(pacer.warmupEndsAt(APP)).isEmpty();
            pacer.observeOnline(APP);
            clock.advance(DAY);
            pacer.observeOnline(APP);

            assertThat(pacer.warmupEndsAt(APP)).contains(T0.plus(Duration.ofDays(3)));
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new WarmingUp(T0.plus(Duration.ofDays(3))));
        }

        @Test
        void anAddForAnAccountNeverSeenOnlineStartsTheWarmupAndTheAnswerStaysTheSame() {
            FriendRequestPacer pacer = pacer(unseen);
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new WarmingUp(T0.plus(Duration.ofDays(3))));
            clock.advance(HOUR);
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new WarmingUp(T0.plus(Duration.ofDays(3))));
            pacer.observeOnline(APP);
            assertThat(pacer.warmupEndsAt(APP)).contains(T0.plus(Duration.ofDays(3)));
            assertThat(pacer.queued(APP)).isEmpty();
        }

        @Test
        void eachAccountHasItsOwnWarmup() {
            FriendRequestPacer pacer = pacer(unseen);
            pacer.observeOnline(APP);
            clock.advance(Duration.ofDays(3));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
            assertThat(pacer.submit(add("wx_app2", "wxid_a"))).isEqualTo(new WarmingUp(clock.instant().plus(Duration.ofDays(3))));
        }

        @Test
        void theOperatorsOnlineSinceOverridesTheObservedStart() {
            pacer(unseen).observeOnline(APP);
            FriendRequestPacer pacer = pacer(exact.withOnlineSince(T0.minus(Duration.ofDays(5))));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
        }

        @Test
        void skipWarmupSendsAtOnce() {
            FriendRequestPacer pacer = pacer(unseen.withSkipWarmup(true));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(SendNow.class);
            assertThat(pacer.warmupEndsAt(APP)).isEmpty();
        }
    }

    @Nested
    class Backoff {

        @Test
        void riskControlPausesForTheBaseAndEachRepetitionDoublesUpToTheMaximum() {
            FriendRequestPacer pacer = pacer(policy);
            List<Duration> pauses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant start = clock.instant();
                pacer.complete(sendNow(pacer, add("wxid_" + i)), Settlement.rateLimited("操作过于频繁"));
                Instant until = pacer.pausedUntil(APP).orElseThrow();
                pauses.add(Duration.between(start, until));
                clock.set(until);
            }
            assertThat(pauses).containsExactly(
                    HOUR, Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16),
                    Duration.ofHours(32), Duration.ofHours(48), Duration.ofHours(48));
        }

        @Test
        void anAddDuringAPauseIsTurnedAwayWithItsEnd() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            clock.advance(Duration.ofMinutes(59));

            assertThat(pacer.submit(add("wxid_b"))).isEqualTo(new Paused(T0.plus(HOUR)));
            assertThat(pacer.queued(APP)).isEmpty();
            clock.set(T0.plus(HOUR));
            assertThat(pacer.pausedUntil(APP)).isEmpty();
            assertThat(pacer.submit(add("wxid_b"))).isInstanceOf(SendNow.class);
        }

        @Test
        void aSuccessfulSendEndsTheRun() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            clock.set(T0.plus(HOUR));
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.done(""));
            clock.advance(HOUR);
            Instant third = clock.instant();
            pacer.complete(sendNow(pacer, add("wxid_c")), Settlement.rateLimited("操作过于频繁"));

            assertThat(pacer.pausedUntil(APP)).contains(third.plus(HOUR));
        }

        @Test
        void otherResultsNeitherPauseNorEndTheRun() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            clock.set(T0.plus(HOUR));
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.maybeSent("timed out"));
            assertThat(pacer.pausedUntil(APP)).isEmpty();
            clock.advance(HOUR);
            Instant third = clock.instant();
            pacer.complete(sendNow(pacer, add("wxid_c")), Settlement.rateLimited("操作过于频繁"));

            assertThat(pacer.pausedUntil(APP)).contains(third.plus(Duration.ofHours(2)));
        }

        @Test
        void queuedAddsWaitForThePauseToEnd() {
            FriendRequestPacer pacer = pacer(policy);
            SendTicket first = sendNow(pacer, add("wxid_a"));
            Instant turn = queue(pacer, add("wxid_b")).entry().expectedAt();
            pacer.complete(first, Settlement.rateLimited("操作过于频繁"));

            assertThat(pacer.queued(APP)).extracting(QueuedAdd::expectedAt).containsExactly(T0.plus(HOUR));
            assertThat(pacer.nextWakeUp()).contains(T0.plus(HOUR));
            clock.set(turn);
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(T0.plus(HOUR));
            assertThat(pacer.takeDue().orElseThrow().intent().target()).isEqualTo("wxid_b");
        }

        @Test
        void resumeEndsAPauseEarlyButKeepsTheRun() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            clock.advance(Duration.ofMinutes(10));

            assertThat(pacer.resume(APP)).isTrue();
            assertThat(pacer.pausedUntil(APP)).isEmpty();
            assertThat(pacer.resume(APP)).isFalse();
            Instant second = clock.instant();
            pacer.complete(sendNow(pacer, add("wxid_b")), Settlement.rateLimited("操作过于频繁"));
            assertThat(pacer.pausedUntil(APP)).contains(second.plus(Duration.ofHours(2)));
        }

        @Test
        void resumeReleasesQueuedAddsButStillOnlyAfterTheInterval() {
            FriendRequestPacer pacer = pacer(exact);
            SendTicket first = sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wxid_b"));
            pacer.complete(first, Settlement.rateLimited("操作过于频繁"));
            pacer.resume(APP);

            assertThat(pacer.nextWakeUp()).contains(T0.plus(MINUTE));
        }

        @Test
        void aResultReportedTwiceCountsOnce() {
            FriendRequestPacer pacer = pacer(policy);
            SendTicket ticket = sendNow(pacer, add("wxid_a"));
            pacer.complete(ticket, Settlement.rateLimited("操作过于频繁"));
            clock.advance(MINUTE);
            pacer.complete(ticket, Settlement.rateLimited("操作过于频繁"));
            pacer.complete(ticket, Settlement.done(""));

            assertThat(pacer.pausedUntil(APP)).contains(T0.plus(HOUR));
            assertThat(pacer.recentSends(APP, 10)).extracting(LedgerEntry::state).containsExactly(RequestState.MAYBE_SENT);
        }

        @Test
        void aPauseOfOneAccountLeavesAnotherAlone() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            assertThat(pacer.submit(add("wx_app2", "wxid_b"))).isInstanceOf(SendNow.class);
            assertThat(pacer.pausedUntil("wx_app2")).isEmpty();
        }
    }

    @Nested
    class Persistence {

        @Test
        void theQueueAndTheBookedIntervalSurviveARestart() {
            FriendRequestPacer before = pacer(policy);
            sendNow(before, add("wxid_a"));
            queue(before, add("wxid_b"));
            queue(before, add("wxid_c"));
            List<QueuedAdd> queued = before.queued(APP);

            restart();
            // another seed: the jitter already drawn was stored, not drawn again
            FriendRequestPacer after = new FriendRequestPacer(db, policy, clock, new Random(99), new CommandMeters((meter, tags) -> { }));
            assertThat(after.queued(APP)).isEqualTo(queued);
            clock.set(queued.get(0).expectedAt());
            assertThat(after.takeDue().orElseThrow().id()).isEqualTo(queued.get(0).id());
        }

        @Test
        void sendRecordsAndDuplicatesSurviveARestart() {
            FriendRequestPacer before = pacer(policy);
            pacer(policy).complete(sendNow(before, add("wxid_a")), Settlement.done("操作成功"));

            restart();
            FriendRequestPacer after = pacer(policy);
            clock.advance(DAY);
            assertThat(after.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
            assertThat(after.recentSends(APP, 10))
                    .extracting(LedgerEntry::target, LedgerEntry::state, LedgerEntry::startedAt, LedgerEntry::detail)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("wxid_a", RequestState.DONE, Optional.of(T0), "操作成功"));
        }

        @Test
        void theDailyCountSurvivesARestart() {
            FriendRequestPacer before = pacer(exact.withAddDailyCap(1));
            sendNow(before, add("wxid_a"));

            restart();
            clock.advance(HOUR);
            assertThat(queue(pacer(exact.withAddDailyCap(1)), add("wxid_b")).entry().expectedAt()).isEqualTo(T0.plus(DAY));
        }

        @Test
        void thePauseAndItsRunSurviveARestart() {
            pacer(policy).complete(sendNow(pacer(policy), add("wxid_a")), Settlement.rateLimited("操作过于频繁"));

            restart();
            FriendRequestPacer after = pacer(policy);
            assertThat(after.pausedUntil(APP)).contains(T0.plus(HOUR));
            assertThat(after.submit(add("wxid_b"))).isEqualTo(new Paused(T0.plus(HOUR)));
            clock.set(T0.plus(HOUR));
            after.complete(sendNow(after, add("wxid_b")), Settlement.rateLimited("操作过于频繁"));
            assertThat(after.pausedUntil(APP)).contains(T0.plus(Duration.ofHours(3)));
        }

        @Test
        void theWarmupStartSurvivesARestart() {
            PacingPolicy unseen = policy.withOnlineSince(Optional.empty());
            pacer(unseen).observeOnline(APP);

            restart();
            clock.advance(DAY);
            FriendRequestPacer after = pacer(unseen);
            after.observeOnline(APP);
            assertThat(after.warmupEndsAt(APP)).contains(T0.plus(Duration.ofDays(3)));
        }

        @Test
        void theAnswerSlotSurvivesARestart() {
            pacer(policy).beginAnswer(answer(APP)).slot();

            restart();
            assertThat(pacer(policy).beginAnswer(answer(APP)).slot()).isEqualTo(T0.plus(Duration.ofSeconds(5)));
        }
    }

    @Nested
    class ClockChanges {

        @Test
        void aClockSetBackDoesNotReopenTheInterval() {
            FriendRequestPacer pacer = pacer(exact);
            sendNow(pacer, add("wxid_a"));
            clock.set(T0.minus(HOUR));

            assertThat(queue(pacer, add("wxid_b")).entry().expectedAt()).isEqualTo(T0.plus(MINUTE));
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(T0.plus(MINUTE).minus(MILLI));
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(T0.plus(MINUTE));
            assertThat(pacer.takeDue()).isPresent();
        }

        @Test
        void sendsDatedInTheFutureStillCountTowardTheCap() {
            FriendRequestPacer pacer = pacer(exact.withAddDailyCap(2));
            sendNow(pacer, add("wxid_a"));
            clock.advance(MINUTE);
            sendNow(pacer, add("wxid_b"));
            clock.set(T0.minus(Duration.ofDays(2)));

            assertThat(queue(pacer, add("wxid_c")).entry().expectedAt()).isEqualTo(T0.plus(DAY));
            assertThat(pacer.takeDue()).isEmpty();
            clock.set(T0.plus(HOUR));
            assertThat(pacer.takeDue()).isEmpty();
        }

        @Test
        void aClockSetBackAfterManySendsNeverLetsMoreThanTheCapThroughIn24Hours() {
            FriendRequestPacer pacer = pacer(exact.withAddDailyCap(3));
            List<Instant> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                starts.add(sendNow(pacer, add("wxid_" + i)).startedAt());
                clock.advance(Duration.ofHours(2));
            }
            clock.set(T0.minus(Duration.ofHours(12)));
            for (int i = 3; i < 6; i++) {
                queue(pacer, add("wxid_" + i));
            }
            // walk the clock forward in steps, taking whatever is due
            for (Instant at = clock.instant(); at.isBefore(T0.plus(Duration.ofDays(3))); at = at.plus(Duration.ofMinutes(11))) {
                clock.set(at);
                pacer.takeDue().ifPresent(ticket -> starts.add(ticket.startedAt()));
            }
            assertThat(starts).hasSize(6);
            for (Instant from : starts) {
                long inWindow = starts.stream().filter(s -> !s.isBefore(from) && s.isBefore(from.plus(DAY))).count();
                assertThat(inWindow).as("sends in the 24 h from %s", from).isLessThanOrEqualTo(3);
            }
        }

        @Test
        void aClockSetBackKeepsRecentTargetsDuplicates() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.done(""));
            // far enough back that the send lies beyond the 7-day window counted from "now"
            clock.set(T0.minus(Duration.ofDays(20)));
            assertThat(pacer.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
        }

        @Test
        void aClockSetBackKeepsThePause() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.rateLimited("操作过于频繁"));
            clock.set(T0.minus(DAY));
            assertThat(pacer.submit(add("wxid_b"))).isEqualTo(new Paused(T0.plus(HOUR)));
        }

        @Test
        void aClockJumpingForwardReleasesOnlyOneQueuedAddPerInterval() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wxid_b"));
            queue(pacer, add("wxid_c"));
            queue(pacer, add("wxid_d"));
            clock.advance(Duration.ofDays(10));
            Instant jumped = clock.instant();

            assertThat(pacer.takeDue().orElseThrow().intent().target()).isEqualTo("wxid_b");
            assertThat(pacer.takeDue()).isEmpty();
            assertThat(pacer.nextWakeUp().orElseThrow()).isBetween(jumped.plus(MINUTE), jumped.plus(MINUTE).plusSeconds(30));
        }
    }

    @Nested
    class CrashSafety {

        @Test
        void aSendNowTicketIsJournaledInFlightBeforeItIsReturned() {
            SendTicket ticket = sendNow(pacer(policy), add("wxid_a"));

            restart();
            assertThat(pacer(policy).recentSends(APP, 10))
                    .containsExactly(new LedgerEntry(ticket.id(), APP, LedgerEntry.Operation.ADD, "wxid_a", "wxid_admin", RequestState.IN_FLIGHT, T0,
                            Optional.of(T0), Optional.empty(), ""));
        }

        @Test
        void recoveryTurnsInFlightSendsIntoMaybeSentAndTheTargetIntoADuplicate() {
            FriendRequestPacer before = pacer(policy);
            sendNow(before, add("wxid_a"));
            queue(before, add("wxid_b"));
            clock.set(before.nextWakeUp().orElseThrow());
            SendTicket taken = before.takeDue().orElseThrow();

            restart();
            clock.advance(HOUR);
            FriendRequestPacer after = pacer(policy);
            assertThat(after.recoverAfterCrash().operations()).isEqualTo(2);
            // on a database instances share, what the restarted host finds is what its stopped instance left
            String interrupted = kind == DatabaseKind.POSTGRESQL ? FriendRequestPacer.ABANDONED_DETAIL
                    : FriendRequestPacer.RECOVERED_DETAIL;
            assertThat(after.recentSends(APP, 10))
                    .extracting(LedgerEntry::target, LedgerEntry::state, LedgerEntry::completedAt, LedgerEntry::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("wxid_b", RequestState.MAYBE_SENT, Optional.of(clock.instant()),
                                    interrupted),
                            org.assertj.core.groups.Tuple.tuple("wxid_a", RequestState.MAYBE_SENT, Optional.of(clock.instant()),
                                    interrupted));
            assertThat(after.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
            assertThat(after.submit(add("wxid_b"))).isEqualTo(new Duplicate(taken.startedAt()));
            assertThat(after.queued(APP)).isEmpty();
            assertThat(after.recoverAfterCrash().operations()).isZero();
        }

        @Test
        void aLateResultForARecoveredSendChangesNothing() {
            SendTicket ticket = sendNow(pacer(policy), add("wxid_a"));
            restart();
            FriendRequestPacer after = pacer(policy);
            after.recoverAfterCrash();

            after.complete(ticket, Settlement.notSent("connection refused"));
            clock.advance(HOUR);
            assertThat(after.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
        }

        @Test
        void recoveryLeavesSettledSendsAlone() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.complete(sendNow(pacer, add("wxid_a")), Settlement.refused("already a friend"));
            assertThat(pacer.recoverAfterCrash().operations()).isZero();
            assertThat(pacer.recentSends(APP, 1)).extracting(LedgerEntry::state).containsExactly(RequestState.REFUSED);
        }

        @Test
        void aTicketThisJournalNeverIssuedIsRejected() {
            FriendRequestPacer pacer = pacer(policy);
            SendTicket forged = new SendTicket(4711, add("wxid_a"), T0);
            assertThatThrownBy(() -> pacer.complete(forged, Settlement.done("")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no friend request with id 4711 for this account");
        }
    }

    @Nested
    class Queue {

        @Test
        void aNewAddNeverOvertakesTheQueueEvenWhenTheIntervalHasPassed() {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            Instant turn = queue(pacer, add("wxid_b")).entry().expectedAt();
            clock.set(turn.plus(HOUR));

            Queued c = queue(pacer, add("wxid_c"));
            assertThat(c.position()).isEqualTo(2);
            assertThat(pacer.takeDue().orElseThrow().intent().target()).isEqualTo("wxid_b");
        }

        @Test
        void cancelDropsAQueuedAddAndTheOthersMoveUp() {
            FriendRequestPacer pacer = pacer(exact);
            sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wxid_b"));
            queue(pacer, add("wxid_c"));

            assertThat(pacer.cancel(APP, " WXID_B", "wxid_admin")).isTrue();
            assertThat(pacer.cancel(APP, "wxid_b", "wxid_admin")).isFalse();
            assertThat(pacer.cancel(APP, "wxid_a", "wxid_admin")).as("already handed out").isFalse();
            assertThat(pacer.queued(APP))
                    .extracting(q -> q.intent().target(), QueuedAdd::expectedAt)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("wxid_c", T0.plus(MINUTE)));
            assertThat(queue(pacer, add("wxid_b")).position()).isEqualTo(2);
        }

        @Test
        void takeDueHandsOutTheOldestDueAddOfAnyAccount() {
            FriendRequestPacer pacer = pacer(exact);
            sendNow(pacer, add("wx_app2", "wxid_x"));
            sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wx_app2", "wxid_y"));
            queue(pacer, add("wxid_b"));
            clock.advance(MINUTE);

            assertThat(pacer.takeDue().orElseThrow().intent()).isEqualTo(add("wx_app2", "wxid_y"));
            assertThat(pacer.takeDue().orElseThrow().intent()).isEqualTo(add("wxid_b"));
            assertThat(pacer.takeDue()).isEmpty();
        }

        @Test
        void theQueueKeepsTheWholeIntent() {
            FriendRequestPacer pacer = pacer(exact);
            sendNow(pacer, add("wxid_a"));
            AddIntent noGreeting = new AddIntent(APP, "13800138000", Optional.empty(), "wxid_boss", "123@chatroom");
            queue(pacer, noGreeting);
            clock.advance(MINUTE);

            assertThat(pacer.takeDue().orElseThrow().intent()).isEqualTo(noGreeting);
        }

        @Test
        void nextWakeUpIsEmptyWithoutQueueAndNeverInThePast() {
            FriendRequestPacer pacer = pacer(exact);
            assertThat(pacer.nextWakeUp()).isEmpty();
            sendNow(pacer, add("wxid_a"));
            assertThat(pacer.nextWakeUp()).isEmpty();
            queue(pacer, add("wxid_b"));
            clock.advance(HOUR);
            assertThat(pacer.nextWakeUp()).contains(clock.instant());
        }

        @Test
        void recentSendsListsTheNewestFirstUpToTheLimit() {
            FriendRequestPacer pacer = pacer(exact);
            for (int i = 0; i < 4; i++) {
                pacer.complete(sendNow(pacer, add("wxid_" + i)), Settlement.done(""));
                clock.advance(MINUTE);
            }
            assertThat(pacer.recentSends(APP, 2)).extracting(LedgerEntry::target).containsExactly("wxid_3", "wxid_2");
            assertThat(pacer.recentSends("wx_other", 2)).isEmpty();
        }
    }

    @Nested
    class Answers {

        @Test
        void answersAreSpacedByTheAnswerInterval() {
            FriendRequestPacer pacer = pacer(policy);
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0);
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0.plusSeconds(5));
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0.plusSeconds(10));
            assertThat(pacer.beginAnswer(answer("wx_app2")).slot()).isEqualTo(T0);
            clock.advance(MINUTE);
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0.plus(MINUTE));
        }

        @Test
        void answersIgnoreThePauseTheWarmupAndTheAddInterval() {
            FriendRequestPacer pacer = pacer(policy.withOnlineSince(Optional.empty()).withSkipWarmup(false));
            assertThat(pacer.submit(add("wxid_a"))).isInstanceOf(WarmingUp.class);
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0);

            FriendRequestPacer warm = pacer(policy.withBackoffBase(HOUR));
            clock.advance(Duration.ofSeconds(5));
            warm.complete(sendNow(warm, add("wx_app2", "wxid_a")), Settlement.rateLimited("操作过于频繁"));
            assertThat(warm.beginAnswer(answer("wx_app2")).slot()).isEqualTo(clock.instant());
        }

        @Test
        void aRulesAnswerIsSpacedLikeAnAdminsAndCountedAgainstBothCaps() {
            FriendRequestPacer pacer = pacer(policy.withAnswerDailyCap(3));
            pacer.beginAnswer(answer(APP));
            RuleAnswerDecision first = pacer.beginRuleAnswer(byRule("wxid_a"), 1);

            assertThat(first).isInstanceOf(RuleAnswerDecision.Granted.class);
            assertThat(((RuleAnswerDecision.Granted) first).ticket().slot()).isEqualTo(T0.plusSeconds(5));
            assertThat(pacer.beginRuleAnswer(byRule("wxid_b"), 1))
                    .isEqualTo(new RuleAnswerDecision.RuleCapReached(1, Optional.of(T0.plus(DAY))));
            assertThat(pacer.ruleAnswers(APP)).isEqualTo(1);
            assertThat(pacer.beginAnswerWithinCap(answer(APP))).isPresent();
            assertThat(pacer.beginRuleAnswer(byRule("wxid_b"), 5))
                    .isEqualTo(new RuleAnswerDecision.AnswerCapReached(3, T0.plus(DAY)));
            assertThat(pacer.history(APP, 5)).extracting(LedgerEntry::rule)
                    .containsExactly(Optional.empty(), Optional.of("keyword"), Optional.empty());
        }

        @Test
        void aRulesAnswerThatCertainlyFailedFreesItsPlaceInTheRulesCap() {
            FriendRequestPacer pacer = pacer(policy);
            RuleAnswerDecision.Granted granted = (RuleAnswerDecision.Granted) pacer.beginRuleAnswer(byRule("wxid_a"), 1);
            pacer.completeAnswer(granted.ticket(), Settlement.notSent("no"));

            assertThat(pacer.beginRuleAnswer(byRule("wxid_b"), 1)).isInstanceOf(RuleAnswerDecision.Granted.class);
        }

        @Test
        void rulesGiveNoAnswerDuringAPauseNorWithACapOfZero() {
            FriendRequestPacer pacer = pacer(policy);
            assertThat(pacer.beginRuleAnswer(byRule("wxid_a"), 0))
                    .isEqualTo(new RuleAnswerDecision.RuleCapReached(0, Optional.empty()));
            Instant until = pacer.reportRiskControl(APP);

            assertThat(pacer.beginRuleAnswer(byRule("wxid_a"), 5)).isEqualTo(new RuleAnswerDecision.Paused(until));
            assertThat(pacer.beginAnswerWithinCap(answer(APP))).as("admins may answer during a pause").isPresent();
            assertThat(pacer.ruleAnswers(APP)).isZero();
        }

        @Test
        void aClockSetBackKeepsTheBookedAnswerSlot() {
            FriendRequestPacer pacer = pacer(policy);
            pacer.beginAnswer(answer(APP)).slot();
            clock.set(T0.minus(HOUR));
            assertThat(pacer.beginAnswer(answer(APP)).slot()).isEqualTo(T0.plusSeconds(5));
        }
    }

    @Nested
    class Threads {

        private <T> List<T> runTogether(int threads, Callable<T> work) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<T>> futures = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    futures.add(pool.submit(() -> {
                        gate.await();
                        return work.call();
                    }));
                }
                gate.countDown();
                List<T> out = new ArrayList<>();
                for (Future<T> future : futures) {
                    out.add(future.get(30, TimeUnit.SECONDS));
                }
                return out;
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void concurrentAddsLetExactlyOneThroughAndQueueTheRestInDistinctPlaces() throws Exception {
            FriendRequestPacer pacer = pacer(policy);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<AddDecision> decisions = runTogether(8, () -> pacer.submit(add("wxid_" + next.getAndIncrement())));

            assertThat(decisions).filteredOn(SendNow.class::isInstance).hasSize(1);
            assertThat(decisions).filteredOn(Queued.class::isInstance)
                    .extracting(d -> ((Queued) d).position())
                    .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
            assertThat(pacer.queued(APP)).hasSize(7);
        }

        @Test
        void concurrentTakesHandOutADueAddOnlyOnce() throws Exception {
            FriendRequestPacer pacer = pacer(policy);
            sendNow(pacer, add("wxid_a"));
            queue(pacer, add("wxid_b"));
            queue(pacer, add("wxid_c"));
            clock.advance(HOUR);

            List<Optional<SendTicket>> taken = runTogether(6, pacer::takeDue);
            assertThat(taken).filteredOn(Optional::isPresent).hasSize(1);
            assertThat(pacer.queued(APP)).hasSize(1);
        }
    }
}
