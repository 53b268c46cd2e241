package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code /addgroup} on the built host: a group of 30 (the account, friends, someone asked before by phone
 * number, someone asked before by wxid, someone queued by {@code /add}, a member who turned off adding
 * from groups); exactly the right members queued, each sent through {@code addGroupMemberAsFriend} with the
 * group's id one per interval, never one twice, the daily cap holding across {@code /add} and
 * {@code /addgroup}, the queue kept across a restart, {@code /queue} and {@code /cancel <chatroomId>}.
 */
class AddGroupIT extends RigTest {

    private static final String GROUP = "20261207@chatroom";
    private static final String ADD_MEMBER = "/group/addGroupMemberAsFriend";
    private static final String PHONE = "13900000004";
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    /** Pacing of the first run: every request after the first waits an hour, so that all stay queued. */
    private static final List<String> SLOW = List.of("--add-interval", "1h", "--add-jitter", "0s", "--add-daily-cap",
            "12", "--search-interval", "0s", "--search-daily-cap", "1000", "--skip-warmup", "--online-since", "2020-01-01");
    /** Pacing after the restart: one a second, at most 12 in 24 hours. */
    private static final List<String> FAST = List.of("--add-interval", "1s", "--add-jitter", "0s", "--add-daily-cap",
            "12", "--search-interval", "0s", "--search-daily-cap", "1000", "--skip-warmup", "--online-since", "2020-01-01");

    private static String member(int n) {
        return String.format("wxid_g%02d", n);
    }

    private List<String> sentMembers() {
        return gewe.calls(ADD_MEMBER).stream().map(c -> c.json().path("memberWxid").asText()).toList();
    }

    @Test
    void aGroupsMembersAreQueuedOnceAndSentThroughTheGroupOnePerIntervalWithinTheCapAcrossRoutesAndARestart()
            throws Exception {
        List<String> members = new ArrayList<>();
        members.add(gewe.accountWxid());
        for (int n = 1; n <= 29; n++) {
            gewe.addPerson(member(n), null, n == 4 ? PHONE : null, "Member " + n);
            members.add(member(n));
        }
        gewe.addGroup(GROUP, members);
        gewe.makeFriend(member(1));
        gewe.makeFriend(member(2));
        gewe.makeFriend(member(3));
        gewe.forbidAddFromGroup(member(7));

        // Earlier: member 4 asked by phone number, member 6 by wxid.
        HostProcess host = rig.start(HostProcess.NO_PACING);
        assertThat(rig.ask("/add " + PHONE, PHONE)).isEqualTo("Friend request sent to Member 4 (" + PHONE + ").");
        assertThat(rig.ask("/add " + member(6), member(6))).isEqualTo("Friend request sent to Member 6 (wxid_g06).");
        assertThat(host.terminate()).isZero();

        // Member 5 waits in the queue when the group is added.
        host = rig.start(SLOW);
        assertThat(rig.ask("/add " + member(5), member(5))).startsWith("Friend request to Member 5 (wxid_g05) queued (position 1)");
        String reply = rig.ask("/addgroup " + GROUP + " Hello from the group", "Group " + GROUP);
        // Member 4 is not known to be the one asked by phone until a search just before their turn.
        assertThat(reply).startsWith("Group " + GROUP + ": 29 members besides the account. Friends already: 3; "
                + "asked before: 1; already queued: 1; queued now: 24.\nThe last is expected to go out at ")
                .endsWith(" (one friend request every 1h to 1h, at most 12 in 24 hours, /add included).");
        String queue = rig.ask("/queue", "Waiting");
        assertThat(queue).startsWith("Waiting friend requests (25):\n1. Member 5 (wxid_g05), expected at ")
                .contains("\nGroup " + GROUP + ": 24 waiting, the next at ");
        assertThat(gewe.calls(ADD_MEMBER)).isEmpty();
        assertThat(host.terminate()).isZero();

        // After a restart the rest goes out, one a second, until the cap of 12 holds: 2 earlier, member 5, then
        // members 8 to 16 (member 4 is recognised and skipped without a slot; member 7 refuses, which counts not).
        rig.start(FAST);
        List<String> expected = new ArrayList<>(List.of(member(7)));
        IntStream.rangeClosed(8, 16).forEach(n -> expected.add(member(n)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sentMembers().size() >= expected.size());
        Rig.never("a request beyond the daily cap", Duration.ofSeconds(3), () -> sentMembers().size() > expected.size());
        assertThat(sentMembers()).containsExactlyElementsOf(expected);
        List<RecordedCall> calls = gewe.calls(ADD_MEMBER);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.json().path("chatroomId").asText()).isEqualTo(GROUP);
            assertThat(call.json().path("content").asText()).isEqualTo("Hello from the group");
        });
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).receivedAt(), calls.get(i).receivedAt()))
                    .as("the gap before the request to %s", sentMembers().get(i))
                    .isGreaterThanOrEqualTo(INTERVAL.minusMillis(50));
        }
        // Member 5 went out as the /add it was, through addContacts; nobody was asked twice.
        assertThat(rig.addContacts(2)).hasSize(3);
        assertThat(gewe.outgoingRequests()).extracting(r -> r.toWxid()).doesNotHaveDuplicates()
                .doesNotContain(member(1), member(2), member(3), gewe.accountWxid());

        String history = rig.ask("/history", "Recent");
        assertThat(history).contains("/add wxid_g04 by " + ADMIN + ": REFUSED (already sent at ")
                .contains("/add wxid_g07 by " + ADMIN + ": FAILED (the platform refused it)")
                .contains("/add wxid_g16 by " + ADMIN + ": DONE");
        assertThat(rig.ask("/queue", "Waiting")).startsWith("Waiting friend requests (13):\nGroup " + GROUP
                + ": 13 waiting, the next at ");

        // A member who accepts is announced as any new contact.
        int mark = rig.mark();
        gewe.acceptOutgoingRequest(member(8));
        assertThat(rig.awaitText(mark, ADMIN, member(8)).content()).isEqualTo("Member 8 (wxid_g08) is now a contact.");

        assertThat(rig.ask("/cancel " + GROUP, "Removed"))
                .isEqualTo("Removed 13 waiting friend requests to members of " + GROUP + ".");
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
        assertThat(rig.ask("/cancel " + GROUP, "No friend")).isEqualTo("No friend requests to members of " + GROUP
                + " are waiting.");
    }

    @Test
    void hereIsTheGroupTheCommandIsWrittenInAndElsewhereItIsExplained() throws Exception {
        rig.start(HostProcess.NO_PACING);
        assertThat(rig.ask("/addgroup here", "here")).isEqualTo(
                "/addgroup here works in a group chat only; elsewhere give the group id (…@chatroom).");

        gewe.addGroup(GROUP, List.of(member(1), gewe.accountWxid(), ADMIN));
        gewe.addPerson(member(1), null, null, "Member 1");
        int mark = rig.mark();
        gewe.callbacks().pushGroupText(GROUP, ADMIN, "/addgroup here");
        String reply = rig.awaitText(mark, GROUP, "Group").content();
        assertThat(reply).startsWith("Group " + GROUP + ": 2 members besides the account. Friends already: 0; "
                + "asked before: 0; already queued: 0; queued now: 2.");
        await().atMost(Duration.ofSeconds(30)).until(() -> sentMembers().size() == 2);
        assertThat(sentMembers()).containsExactly(member(1), ADMIN);
    }
}
