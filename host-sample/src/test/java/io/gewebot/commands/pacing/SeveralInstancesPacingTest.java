package io.gewebot.commands.pacing;

import io.gewebot.common.settings.PacingPolicy;

import io.gewebot.host.store.Databases;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.commands.pacing.AddDecision.Duplicate;
import io.gewebot.commands.pacing.AddDecision.Queued;
import io.gewebot.commands.pacing.AddDecision.SendNow;
import io.gewebot.common.store.Database;
import io.gewebot.host.store.DatabaseKind;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.commands.store.Instances;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three host instances on one PostgreSQL database, each with its own connection pool and its own
 * pacer, racing for one account: the account's caps and intervals hold for the account as a whole,
 * each queued request is handed to exactly one of them, and what a killed instance had in flight is
 * settled as maybe sent by the others once its lease ran out, never before, and never sent again.
 */
class SeveralInstancesPacingTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx_app1";
    private static final int INSTANCES = 3;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<Database> databases = new ArrayList<>();
    private final List<FriendRequestPacer> pacers = new ArrayList<>();
    private final List<Instances> leases = new ArrayList<>();

    /** Five a day, none apart, for an account long online. */
    private final PacingPolicy policy = PacingPolicy.defaults().withAddInterval(Duration.ZERO).withAddJitter(Duration.ZERO)
            .withAddDailyCap(5).withOnlineSince(T0.minus(Duration.ofDays(30)));

    @BeforeEach
    void open() {
        start(policy);
    }

    private void start(PacingPolicy p) {
        start(p, clock);
    }

    private void start(PacingPolicy p, java.time.Clock time) {
        DatabaseSettings where = DatabaseKind.POSTGRESQL.newDatabase(dir);
        for (int i = 0; i < INSTANCES; i++) {
            Database db = Databases.open(where);
            databases.add(db);
            String id = "instance-" + i;
            Instances lease = new Instances(db, time, id);
            lease.renew();
            leases.add(lease);
            pacers.add(new FriendRequestPacer(db, p, time, new Random(i), new CommandMeters((meter, tags) -> { }), id));
        }
    }

    /** The instances again, on a new database, with other pacing or another clock. */
    private void restart(PacingPolicy p, java.time.Clock time) {
        close();
        databases.clear();
        pacers.clear();
        leases.clear();
        start(p, time);
    }

    @AfterEach
    void close() {
        databases.forEach(Database::close);
    }

    private static AddIntent add(String target) {
        return new AddIntent(APP, target, Optional.of("hello"), "wxid_admin", "wxid_admin");
    }

    /** Runs {@code perInstance} calls on each instance's pacer at once, all threads let go together. */
    private <T> List<T> race(int perInstance, java.util.function.Function<FriendRequestPacer, T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * 2);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < INSTANCES * perInstance; i++) {
                FriendRequestPacer pacer = pacers.get(i % INSTANCES);
                Callable<T> work = () -> {
                    gate.await();
                    return call.apply(pacer);
                };
                futures.add(pool.submit(work));
            }
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> future : futures) {
                out.add(future.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void addsRacingOnThreeInstancesNeverExceedTheAccountsDailyCap() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<AddDecision> decisions = race(10, pacer -> pacer.submit(add("wxid_" + next.getAndIncrement())));

        assertThat(decisions).filteredOn(SendNow.class::isInstance).hasSize(5);
        assertThat(decisions).filteredOn(Queued.class::isInstance).hasSize(25)
                .extracting(d -> ((Queued) d).position()).doesNotHaveDuplicates();
        // and none of the queue is due before a day has passed, whichever instance asks
        assertThat(race(4, pacer -> pacer.takeDue(APP))).allMatch(Optional::isEmpty);
    }

    @Test
    void anIntervalHoldsAcrossInstances() throws Exception {
        restart(policy.withAddInterval(Duration.ofMinutes(30)).withAddDailyCap(100), clock);
        AtomicInteger next = new AtomicInteger();

        List<AddDecision> decisions = race(4, pacer -> pacer.submit(add("wxid_" + next.getAndIncrement())));

        assertThat(decisions).filteredOn(SendNow.class::isInstance).hasSize(1);
        clock.advance(Duration.ofMinutes(30));
        assertThat(race(4, pacer -> pacer.takeDue(APP))).filteredOn(Optional::isPresent).hasSize(1);
    }

    @Test
    void withoutAnIntervalRacingAddsAllGoOutAtOnceOnTheRealClock() throws Exception {
        // The clock moves while a decision waits for another's lock: one that read it before waiting
        // would find the other's later send booked after its own "now", and queue behind it.
        restart(policy.withAddDailyCap(1_000).withOnlineSince(Instant.now().minus(Duration.ofDays(30))),
                java.time.Clock.systemUTC());
        AtomicInteger next = new AtomicInteger();

        List<AddDecision> decisions = race(10, pacer -> pacer.submit(add("wxid_" + next.getAndIncrement())));

        assertThat(decisions).allMatch(SendNow.class::isInstance);
    }

    @Test
    void eachQueuedRequestIsHandedToExactlyOneInstance() throws Exception {
        FriendRequestPacer first = pacers.get(0);
        for (int i = 0; i < 5; i++) {
            first.submit(add("wxid_sent_" + i));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(first.submit(add("wxid_queued_" + i))).isInstanceOf(Queued.class);
        }
        clock.advance(PacingPolicy.CAP_WINDOW.plusMinutes(1));

        // each instance takes what is due until it finds nothing (or the account busy with another's take)
        List<String> taken = new ArrayList<>();
        race(3, pacer -> {
            Optional<SendTicket> ticket;
            List<String> mine = new ArrayList<>();
            while ((ticket = pacer.takeDue(APP)).isPresent()) {
                mine.add(ticket.get().intent().target());
            }
            return mine;
        }).forEach(taken::addAll);
        // the next round of the pacing scheduler, on whichever instance, takes what the skips left
        for (int round = 0; round < 4; round++) {
            pacers.forEach(pacer -> pacer.takeDue(APP).ifPresent(t -> taken.add(t.intent().target())));
        }

        assertThat(taken).containsExactlyInAnyOrder("wxid_queued_0", "wxid_queued_1", "wxid_queued_2", "wxid_queued_3");
    }

    @Test
    void whatAKilledInstanceHadInFlightIsSettledOnceItsLeaseRanOutAndNeverSentAgain() {
        FriendRequestPacer killed = pacers.get(0);
        SendTicket inFlight = ((SendNow) killed.submit(add("wxid_a"))).ticket();
        FriendRequestPacer survivor = pacers.get(1);

        clock.advance(Instances.LEASE.minusSeconds(1));
        leases.get(1).renew();
        assertThat(survivor.recoverAbandoned().operations()).as("the sender still holds its lease").isZero();
        assertThat(pacers.get(2).recoverAfterCrash().operations()).as("an instance starting meanwhile").isZero();

        clock.advance(Duration.ofSeconds(2));
        leases.get(1).renew();
        FriendRequestPacer.Recovered settled = survivor.recoverAbandoned();

        assertThat(settled).isEqualTo(new FriendRequestPacer.Recovered(1, 1));
        assertThat(survivor.recentSends(APP, 5)).singleElement().satisfies(entry -> {
            assertThat(entry.state()).isEqualTo(RequestState.MAYBE_SENT);
            assertThat(entry.detail()).isEqualTo(FriendRequestPacer.ABANDONED_DETAIL);
        });
        assertThat(pacers.get(2).recoverAbandoned().operations()).as("settled once").isZero();
        assertThat(survivor.submit(add("wxid_a"))).isEqualTo(new Duplicate(T0));
        // the killed instance's late answer, had it one, changes nothing
        killed.complete(inFlight, Settlement.notSent("connection refused"));
        assertThat(survivor.recentSends(APP, 5)).singleElement()
                .extracting(LedgerEntry::state).isEqualTo(RequestState.MAYBE_SENT);
    }
}
