package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static io.gewebot.host.hardening.Rig.OTHER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An {@code Offline} callback: every admin is told, friend requests are held back (refused, or left
 * in the queue) with no call to GeWe, and a message written after it ends that.
 */
class OfflineIT extends RigTest {

    static final String OFFLINE_NOTICE =
            "The WeChat account wxid_sandbox_bot went offline. Friend requests and replies fail until it logs in again.";
    static final String REFUSED = "The WeChat account is offline; /add is refused until it is online again.";

    final ObjectMapper json = new ObjectMapper();
    long msgId = 5_000;

    @Test
    void adminsAreToldAndAnAddIsRefusedWithoutAContactCallUntilANewerMessageArrives() throws Exception {
        rig.start(withoutReconnection(HostProcess.NO_PACING));
        int mark = rig.mark();
        assertThat(gewe.callbacks().pushOffline()).isEqualTo(200);
        assertThat(rig.awaitText(mark, ADMIN, "went offline").content()).isEqualTo(OFFLINE_NOTICE);
        assertThat(rig.awaitText(mark, OTHER_ADMIN, "went offline").content()).isEqualTo(OFFLINE_NOTICE);
        long offlineSecond = Instant.now().getEpochSecond();

        // An /add written before the account went offline, pushed late by GeWe.
        mark = rig.mark();
        pushWritten(ADMIN, "/add wxid_demo", Instant.now().minusSeconds(120));
        assertThat(rig.awaitText(mark, ADMIN, "offline").content()).isEqualTo(REFUSED);
        assertThat(rig.ask("/history", "Recent commands")).contains("/add wxid_demo by " + ADMIN + ": REFUSED (account offline)");
        assertThat(gewe.calls("/contacts/search")).isEmpty();
        assertThat(gewe.calls("/contacts/addContacts")).isEmpty();

        // A message written after the Offline notice (not a command) shows the account is back.
        await("a new second").atMost(Duration.ofSeconds(3)).pollInterval(Rig.POLL)
                .until(() -> Instant.now().getEpochSecond() > offlineSecond);
        mark = rig.mark();
        pushWritten("wxid_friend", "good morning", Instant.now());
        pushWritten(ADMIN, "/add wxid_demo", Instant.now().minusSeconds(120));
        assertThat(rig.awaitText(mark, ADMIN, "wxid_demo").content())
                .isEqualTo("Friend request sent to Demo Friend-to-be (wxid_demo).");
        assertThat(rig.addContacts(2)).hasSize(1);
    }

    @Test
    void queuedFriendRequestsWaitWhileTheAccountIsOfflineAndGoOutOnceItIsBack() throws Exception {
        // No search interval: the second /add must be queued within the first one's 3 s.
        rig.start(withoutReconnection(List.of("--add-interval", "3s", "--add-jitter", "0s", "--online-since",
                "2020-01-01", "--search-interval", "0s")));
        rig.ask("/add wxid_demo", "Friend request sent");
        String queued = rig.ask("/add " + GeweSandbox.DEMO_ALIAS, GeweSandbox.DEMO_ALIAS);
        assertThat(queued).startsWith("Friend request to Demo By Alias (demo_alias) queued (position 1); "
                + "expected to go out at ");

        int mark = rig.mark();
        gewe.callbacks().pushOffline();
        rig.awaitText(mark, ADMIN, "went offline");
        long offlineSecond = Instant.now().getEpochSecond();
        // Its turn comes three seconds after the first; the scheduler looks every second.
        Rig.never("a friend request while offline", Duration.ofSeconds(5), () -> rig.addContacts(2).size() > 1);
        await("a new second").atMost(Duration.ofSeconds(3)).pollInterval(Rig.POLL)
                .until(() -> Instant.now().getEpochSecond() > offlineSecond);

        // Still waiting: asked of /health, as any message (an admin's /queue too) would show the account is back.
        assertThat(new ObjectMapper().readTree(rig.host().get("/health").body()).path("friendRequests").path("waiting")
                .asInt()).isEqualTo(1);
        mark = rig.mark();
        pushWritten("wxid_friend", "back again?", Instant.now());
        assertThat(rig.awaitText(mark, ADMIN, "demo_alias").content())
                .isEqualTo("Friend request sent to Demo By Alias (demo_alias).");
        assertThat(rig.addContacts(2)).hasSize(2);
    }

    /** The arguments with the first reconnection attempt out of the test's reach: only a message brings the account back. */
    static List<String> withoutReconnection(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--reconnect-waits", "10m"));
        return all;
    }

    /** Pushes a private text with a given CreateTime. */
    void pushWritten(String from, String text, Instant writtenAt) throws Exception {
        ObjectNode body = (ObjectNode) json.readTree(gewe.callbacks().textJson(from, text, ++msgId));
        ((ObjectNode) body.get("Data")).put("CreateTime", writtenAt.getEpochSecond());
        assertThat(gewe.callbacks().pushRaw(body.toString())).isEqualTo(200);
    }
}
