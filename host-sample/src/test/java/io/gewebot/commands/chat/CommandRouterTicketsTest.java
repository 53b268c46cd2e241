package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Person;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued friend request goes out with the tickets of its lookup while they are young enough, and
 * is looked up again first when they are older than {@link FriendRequestPacer#MAX_TICKET_AGE}.
 */
class CommandRouterTicketsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    /** What the stub was asked: "lookup <target>" and "add <target> <v4>". */
    static final Queue<String> ASKED = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger TICKETS = new AtomicInteger();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock();
    private RouterRig rig;

    /** Finds everybody as a stranger keyed by the text, with a new v4 at every lookup. */
    public static final class TicketStub implements ContactAction {
        /** Found by {@link java.util.ServiceLoader}. */
        public TicketStub() {
        }

        @Override
        public String name() {
            return "ticket-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome lookup(String target) {
            ASKED.add("lookup " + target);
            if (target.startsWith("often") || target.startsWith("gone") && ASKED.stream()
                    .filter(("lookup " + target)::equals).count() > 1) {
                FailureKind kind = target.startsWith("often") ? FailureKind.RATE_LIMITED : FailureKind.NOT_FOUND;
                return ContactOutcome.Failed.platform(kind, 500, "no luck", null, null);
            }
            return new ContactOutcome.Found(new Person("v3_" + target, Optional.empty(), "Nick " + target, false,
                    "v3_" + target, "v4_" + TICKETS.incrementAndGet(), OptionalInt.of(3)));
        }

        @Override
        public ContactOutcome add(AddRequest request, Person person) {
            ASKED.add("add " + request.target() + " " + person.v4());
            return new ContactOutcome.Done(Optional.empty(), Optional.of(person.nickname()));
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new AssertionError("the host sends with the looked-up person");
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }
    }

    /** A clock tests move by hand. */
    static final class SettableClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }
    }

    @BeforeEach
    void reset() {
        ASKED.clear();
        TICKETS.set(0);
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private CommandRouter router(Duration interval) throws Exception {
        rig = new RouterRig(dir, TicketStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                .withAddInterval(interval).withAddJitter(Duration.ZERO).withSearchInterval(Duration.ZERO), "en", clock);
        return rig.router;
    }

    private String run(CommandRouter router, String text) {
        return rig.run(Origin.console(), text);
    }

    @Test
    void aRequestThatWaitedLongerThanTheTicketAgeIsLookedUpAgainBeforeItGoesOut() throws Exception {
        CommandRouter router = router(Duration.ofHours(1));
        assertThat(run(router, "/add wxid_a")).contains("Friend request sent to Nick wxid_a (wxid_a).");
        assertThat(run(router, "/add wxid_b")).contains("Friend request to Nick wxid_b (wxid_b) queued (position 1)");

        clock.advance(Duration.ofHours(1));
        assertThat(router.sendDue()).isEqualTo(1);

        assertThat(ASKED).containsExactly("lookup wxid_a", "add wxid_a v4_1", "lookup wxid_b", "lookup wxid_b",
                "add wxid_b v4_3");
    }

    @Test
    void aRequestWhoseTicketsAreYoungEnoughGoesOutWithThemWithoutAnotherSearch() throws Exception {
        CommandRouter router = router(FriendRequestPacer.MAX_TICKET_AGE);
        run(router, "/add wxid_a");
        run(router, "/add wxid_b");

        clock.advance(FriendRequestPacer.MAX_TICKET_AGE);
        assertThat(router.sendDue()).isEqualTo(1);

        assertThat(ASKED).containsExactly("lookup wxid_a", "add wxid_a v4_1", "lookup wxid_b", "add wxid_b v4_2");
    }

    @Test
    void aRequestWhoseSecondLookupFindsNobodyIsNotSentAndCountsForNothing() throws Exception {
        CommandRouter router = router(Duration.ofHours(1));
        run(router, "/add wxid_a");
        run(router, "/add gone_b");

        clock.advance(Duration.ofHours(1));
        router.sendDue();

        assertThat(ASKED).containsExactly("lookup wxid_a", "add wxid_a v4_1", "lookup gone_b", "lookup gone_b");
        assertThat(run(router, "/history"))
                .contains("/add gone_b by @console: FAILED (looking up again: no WeChat user is found for it)");
    }

    @Test
    void riskControlOnASearchPausesFriendRequestsAndSendsNothing() throws Exception {
        CommandRouter router = router(Duration.ZERO);

        assertThat(run(router, "/add often_a")).contains("Friend request to often_a failed: rate-limited")
                .contains("All friend requests are paused until ");
        assertThat(run(router, "/add wxid_b")).contains("Friend requests are paused until ");
        assertThat(ASKED).containsExactly("lookup often_a");
    }
}
