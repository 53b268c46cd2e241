package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.OutgoingRequest;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code /addlist} on the built host, beside {@code /add} and {@code /addgroup}: a list with repeats, a
 * friend, a number nobody has, someone a group's request already reached by wxid (here typed by phone) and
 * someone an {@code /add} reached (here typed by WeChat ID). What is known at once is skipped at once; the
 * rest is looked up when its turn comes and skipped there without a slot; the daily cap holds across the
 * three routes, and the queue keeps across a restart.
 */
class AddListIT extends RigTest {

    private static final String UNKNOWN = "+8613000000000";
    private static final List<String> SLOW = List.of("--add-interval", "1h", "--add-jitter", "0s", "--add-daily-cap",
            "4", "--search-interval", "0s", "--skip-warmup", "--online-since", "2020-01-01");
    private static final List<String> FAST = List.of("--add-interval", "1s", "--add-jitter", "0s", "--add-daily-cap",
            "4", "--search-interval", "0s", "--skip-warmup", "--online-since", "2020-01-01");

    private List<String> outgoing() {
        return gewe.outgoingRequests().stream().map(OutgoingRequest::toWxid).toList();
    }

    @Test
    void aListIsQueuedWithoutRepeatsFriendsOrQueuedOnesAndEachIsLookedUpAtItsTurnUnderOneCapWithAddAndAddgroup()
            throws Exception {
        gewe.addPerson("wxid_x1", null, null, "X One");
        gewe.addPerson("wxid_x2", null, null, "X Two");
        HostProcess host = rig.start(HostProcess.NO_PACING);
        assertThat(rig.ask("/add " + GeweSandbox.DEMO_ALIAS_WXID, GeweSandbox.DEMO_ALIAS_WXID))
                .isEqualTo("Friend request sent to Demo By Alias (wxid_demo_alias).");
        assertThat(host.terminate()).isZero();
        // An hour's interval from now on: what follows waits in the queue.
        host = rig.start(SLOW);
        assertThat(rig.ask("/addgroup " + GeweSandbox.DEMO_GROUP, "Group")).startsWith("Group " + GeweSandbox.DEMO_GROUP
                + ": 4 members besides the account. Friends already: 1; asked before: 1; already queued: 0; queued now: 2.");

        String reply = rig.ask("/addlist Hi from the list\nwxid_demo\n" + GeweSandbox.DEMO_PHONE + "\nWXID_DEMO\n\n"
                + GeweSandbox.DEMO_FRIEND + "\n" + UNKNOWN + "\n" + GeweSandbox.DEMO_ALIAS + "\nwxid_x1\nwxid_x2\nwxid_x1",
                "List of");
        assertThat(reply).startsWith("List of 7: queued 5; skipped at once: 1 friends, 0 asked before, 1 already queued.\n"
                + "The last is expected to go out at ");
        assertThat(rig.ask("/queue", "Waiting")).startsWith("Waiting friend requests (7):\nGroup " + GeweSandbox.DEMO_GROUP
                + ": 2 waiting, the next at ").contains("\nLists: 5 waiting, the next at ");
        assertThat(host.terminate()).isZero();

        // After a restart, one a second until the cap of 4 in 24 hours, /add and /addgroup included: the group's two,
        // then of the list the phone number (the group's member, recognised), the unknown number and the WeChat ID
        // (the /add's person) end without a slot, and wxid_x1 takes the last one.
        rig.start(FAST);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> outgoing().size() >= 4);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("sent: " + outgoing() + "\nhost output:\n" + rig.host().output(), e);
        }
        Rig.never("a request beyond the daily cap", Duration.ofSeconds(3), () -> outgoing().size() > 4);
        assertThat(outgoing()).containsExactly(GeweSandbox.DEMO_ALIAS_WXID, GeweSandbox.DEMO_STRANGER,
                GeweSandbox.DEMO_PHONE_WXID, "wxid_x1");
        assertThat(gewe.outgoingRequests().get(3).greeting()).isEqualTo("Hi from the list");
        assertThat(gewe.calls("/group/addGroupMemberAsFriend")).hasSize(2);

        String history = rig.ask("/history", "Recent");
        assertThat(history).contains("/add " + GeweSandbox.DEMO_PHONE + " by " + ADMIN + ": REFUSED (already sent at ")
                .contains("/add " + UNKNOWN + " by " + ADMIN + ": FAILED (no WeChat user is found for it)")
                .contains("/add " + GeweSandbox.DEMO_ALIAS + " by " + ADMIN + ": REFUSED (already sent at ")
                .contains("/add wxid_x1 by " + ADMIN + ": DONE");
        assertThat(rig.ask("/queue", "Waiting")).startsWith("Waiting friend requests (1):\nLists: 1 waiting, the next at ");
        assertThat(rig.ask("/cancel list", "Removed")).isEqualTo("Removed 1 waiting friend requests from lists.");
        assertThat(rig.ask("/cancel list", "No friend")).isEqualTo("No friend requests from lists are waiting.");
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
    }
}
