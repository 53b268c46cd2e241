package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.Fault;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** SIGTERM with work under way: the queues drain, the plugins stop, the process exits 0. */
class ShutdownIT extends RigTest {

    @Test
    void sigtermFinishesTheCommandInFlightAndEveryQueuedReplyThenStopsThePluginsAndExitsZero() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        // A friend request GeWe answers slowly, and chat replies that take GeWe a while each.
        gewe.faults().once("/contacts/addContacts", Fault.delay(Duration.ofSeconds(2)));
        gewe.faults().always("/message/postText", Fault.delay(Duration.ofMillis(100)));
        rig.admin("/add wxid_demo");
        await("the friend request at GeWe").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> !gewe.calls("/contacts/addContacts").isEmpty());
        int mark = rig.mark();
        for (int i = 0; i < 30; i++) {
            rig.admin("/cancel wxid_q" + i);
        }

        assertThat(host.terminate()).isZero();

        assertThat(rig.textsSince(0)).filteredOn(t -> t.toWxid().equals(ADMIN))
                .extracting(t -> t.content())
                .contains("Friend request sent to Demo Friend-to-be (wxid_demo).")
                .containsAll(IntStream.range(0, 30).mapToObj(i -> "No queued friend request to wxid_q" + i + ".").toList());
        assertThat(rig.textsSince(mark)).hasSize(31);
        String output = host.output();
        assertThat(output).contains("Stopping: draining").contains("Stop plugin 'gewe-contacts@").contains("Stopped");
        assertThat(output).doesNotContain("Work still running").doesNotContain("dropped");
    }
}
