package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static io.gewebot.host.hardening.Rig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.Fault;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The host is killed (SIGKILL) while a friend request and an accept are at GeWe and their answers
 * are still pending. Restarted on the same data, it never sends either again, says so, shows them in
 * {@code /history}, and still has its inbox.
 */
class CrashIT extends RigTest {

    @Test
    void killedWhileAnAddAndAnAcceptAwaitGeweItSendsNeitherAgainAfterARestartAndKeepsItsInbox() throws Exception {
        // The hosts' own temporary folder: a killed host must leave nothing behind in it when SQLite's
        // library is extracted to a private folder, the documented way (org.sqlite.tmpdir).
        Path tmp = java.nio.file.Files.createDirectory(dir.resolve("tmp"));
        Path sqlite = java.nio.file.Files.createDirectory(dir.resolve("sqlite"));
        Map<String, String> tmpEnv = Map.of("JAVA_TOOL_OPTIONS",
                "-Djava.io.tmpdir=" + tmp + " -Dorg.sqlite.tmpdir=" + sqlite);
        rig.start(tmpEnv, HostProcess.NO_PACING);
        int mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_alice", "Alice", "hi", 6);
        gewe.callbacks().pushFriendRequest("wxid_carol", "Carol", "remember me", 14);
        rig.awaitText(mark, ADMIN, "Carol (wxid_carol)");

        // GeWe acts on both at once but holds the answers back until long after the crash.
        gewe.faults().once("/contacts/addContacts", Fault.delay(Duration.ofSeconds(60)));
        gewe.faults().once("/contacts/addContacts", Fault.delay(Duration.ofSeconds(60)));
        rig.admin("/accept wxid_alice welcome");
        await("the accept reached GeWe").atMost(WAIT).pollInterval(Rig.POLL).until(() -> rig.addContacts(3).size() == 1);
        rig.admin("/add wxid_demo");
        await("the friend request reached GeWe").atMost(WAIT).pollInterval(Rig.POLL)
                .until(() -> rig.addContacts(2).size() == 1);
        assertThat(gewe.outgoingRequests()).hasSize(1);

        rig.host().kill();
        try (var left = java.nio.file.Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).isEmpty();
        }
        try (var extracted = java.nio.file.Files.list(sqlite)) {
            assertThat(extracted.map(p -> p.getFileName().toString())).anyMatch(name -> name.contains("sqlite"));
        }
        mark = rig.mark();
        HostProcess restarted = rig.start(tmpEnv, HostProcess.NO_PACING);
        restarted.awaitOutput("2 command(s) were interrupted by the last stop (1 of them friend requests); "
                + "they may have gone out and will not be re-sent", WAIT);

        String history = rig.ask("/history", "Recent commands");
        assertThat(history).containsPattern("/add wxid_demo by " + ADMIN + ": MAYBE_SENT \\(interrupted by a restart\\)");
        assertThat(history).containsPattern("/accept wxid_alice by " + ADMIN + ": MAYBE_SENT \\(interrupted by a restart\\)");

        assertThat(rig.ask("/add wxid_demo", "wxid_demo"))
                .startsWith("A friend request to wxid_demo was already sent at ")
                .endsWith("; it is not sent twice within 7d.");
        assertThat(rig.ask("/accept wxid_alice", "wxid_alice")).isEqualTo("Accepting wxid_alice: the outcome is not known "
                + "(/accept already sent). The request may have gone out, so it will not be sent again.");
        String requests = rig.ask("/requests", "Pending friend requests");
        assertThat(requests).contains("wxid_carol (Carol)").contains("\"remember me\"");

        // The pacing scheduler runs every second: over a few of its turns nothing goes out again.
        Rig.never("a second addContacts", Duration.ofSeconds(3), () -> gewe.calls("/contacts/addContacts").size() > 2);
        assertThat(rig.addContacts(2)).hasSize(1);
        assertThat(rig.addContacts(3)).hasSize(1);
        assertThat(gewe.outgoingRequests()).hasSize(1);
        assertThat(rig.textsSince(mark)).noneMatch(t -> t.content().startsWith("Friend request sent"));

        // The untouched request can still be answered.
        rig.ask("/accept wxid_carol", "Accepted the friend request from Carol (wxid_carol).");
        assertThat(rig.addContacts(3)).hasSize(2);
    }
}
