package io.gewebot.commands.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Person;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.common.store.Database;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.store.DatabaseKind;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.host.store.Databases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A group's or a list's adds in the one queue: queued together, left out when asked before or waiting by any
 * route, told who they are at their turn, ended without a turn or the cap, cancelled by route; on each database.
 */
@ParameterizedClass
@EnumSource(DatabaseKind.class)
class BulkPacingTest {

    @Parameter
    DatabaseKind kind;

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String APP = "wx_app1";
    private static final String GROUP = "1@chatroom";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final PacingPolicy policy = PacingPolicy.defaults().withAddInterval(MINUTE).withAddJitter(Duration.ZERO)
            .withAddDailyCap(3).withOnlineSince(T0.minus(Duration.ofDays(30)));
    private Database db;
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
        return new FriendRequestPacer(db, policy, clock, new Random(7),
                new CommandMeters((meter, tags) -> new HostMetrics(new SimpleMeterRegistry()).count(APP, meter, tags)));
    }

    private static AddIntent add(String target) {
        return new AddIntent(APP, target, Optional.of("hi"), "wxid_admin", "wxid_admin");
    }

    private static AddIntent member(String wxid) {
        return add(wxid).withRoute(GROUP);
    }

    private static Identity stranger(String v3) {
        return new Identity(new Person(v3, Optional.empty(), "", false, v3, "v4", OptionalInt.of(3)), T0);
    }

    @Test
    void aGroupIsQueuedBehindTheQueueLeavingOutWhoWasAskedOrWaitsByAnyRouteAndRepeats() {
        FriendRequestPacer pacer = pacer();
        SendTicket sent = ((AddDecision.SendNow) pacer.submit(add("wxid_a"))).ticket();
        pacer.complete(sent, Settlement.done("done"));
        assertThat(pacer.submit(add("wxid_b"))).isInstanceOf(AddDecision.Queued.class);

        BulkDecision decision = pacer.submitAll(APP, List.of(member("wxid_a"), member("wxid_b"), member("wxid_c"),
                member("wxid_d"), add("WXID_D").withRoute(AddIntent.LIST_ROUTE)));

        BulkDecision.Queued queued = (BulkDecision.Queued) decision;
        assertThat(queued.queued()).extracting(q -> q.intent().target()).containsExactly("wxid_c", "wxid_d");
        assertThat(queued.queued()).allSatisfy(q -> assertThat(q.intent().route()).contains(GROUP));
        assertThat(queued.askedBefore()).extracting(AddIntent::target).containsExactly("wxid_a");
        assertThat(queued.alreadyQueued()).extracting(AddIntent::target).containsExactly("wxid_b", "WXID_D");
        // One a minute, the daily cap of 3 leaving room for wxid_b and wxid_c: wxid_d waits a day after wxid_a.
        assertThat(queued.lastExpectedAt()).contains(T0.plus(Duration.ofDays(1)));
        assertThat(pacer.queued(APP)).extracting(q -> q.intent().target()).containsExactly("wxid_b", "wxid_c", "wxid_d");
    }

    @Test
    void warmUpOrAPauseHoldsBackTheWholeGroup() {
        FriendRequestPacer pacer = new FriendRequestPacer(db, policy.withOnlineSince(T0), clock, new Random(7),
                new CommandMeters((meter, tags) -> { }));

        assertThat(pacer.submitAll(APP, List.of(member("wxid_c")))).isInstanceOfSatisfying(BulkDecision.HeldBack.class,
                held -> assertThat(held.refusal()).isInstanceOf(AddDecision.WarmingUp.class));
        assertThat(pacer.queued(APP)).isEmpty();
    }

    @Test
    void aMemberFoundToBeSomeoneAskedBeforeEndsWithoutATurnOrTheCap() {
        FriendRequestPacer pacer = pacer();
        SendTicket byPhone = ((AddDecision.SendNow) pacer.submit(add("13800138000").withIdentity(stranger("v3_p"))))
                .ticket();
        pacer.complete(byPhone, Settlement.done("done"));
        pacer.submitAll(APP, List.of(member("wxid_p"), member("wxid_q")));
        clock.advance(MINUTE);

        QueuedAdd head = pacer.dueHead(APP).orElseThrow();
        assertThat(head.intent().target()).isEqualTo("wxid_p");
        assertThat(pacer.identifyQueued(head, stranger("v3_p"))).containsInstanceOf(AddDecision.Duplicate.class);
        assertThat(pacer.settleQueued(head, Settlement.refused("asked before"))).isTrue();

        // The turn is still there for the next one, identified, and it goes out through the group.
        QueuedAdd next = pacer.dueHead(APP).orElseThrow();
        assertThat(next.intent().target()).isEqualTo("wxid_q");
        assertThat(pacer.identifyQueued(next, stranger("v3_q"))).isEmpty();
        SendTicket ticket = pacer.takeDue(APP).orElseThrow();
        assertThat(ticket.intent().group()).contains(GROUP);
        assertThat(ticket.intent().identity().map(i -> i.person().key())).contains("v3_q");
        assertThat(pacer.limits(APP).adds()).isEqualTo(2);
        assertThat(pacer.history(APP, 10)).extracting(LedgerEntry::state)
                .contains(RequestState.REFUSED, RequestState.IN_FLIGHT, RequestState.DONE);
    }

    @Test
    void cancellingARouteRemovesAllThatWaitOfItAndKeepsTheRest() {
        FriendRequestPacer pacer = pacer();
        pacer.complete(((AddDecision.SendNow) pacer.submit(add("wxid_first"))).ticket(), Settlement.done("done"));
        pacer.submit(add("wxid_single"));
        pacer.submitAll(APP, IntStream.range(0, 5).mapToObj(i -> member("wxid_m" + i)).toList());
        pacer.submitAll(APP, List.of(add("wxid_l").withRoute(AddIntent.LIST_ROUTE)));

        assertThat(pacer.cancelRoute(APP, GROUP, "wxid_admin")).isEqualTo(5);
        assertThat(pacer.cancelRoute(APP, GROUP, "wxid_admin")).isZero();

        assertThat(pacer.queued(APP)).extracting(q -> q.intent().target()).containsExactly("wxid_single", "wxid_l");
        // The cancelled members of a group do not crowd /history.
        assertThat(pacer.history(APP, 20)).extracting(LedgerEntry::target)
                .containsExactly("wxid_single", "wxid_first");
    }
}
