package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GeWe may push the same message again (a retry, a history sync): the same {@code Appid} and
 * {@code NewMsgId} is processed once, also when it comes back after a restart.
 */
class DuplicatesIT extends RigTest {

    @Test
    void aMessagePushedAgainIsProcessedOnceEvenAfterARestart() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        String add = gewe.callbacks().textJson(ADMIN, "/add wxid_demo", 4_242_001L);
        String history = gewe.callbacks().textJson(ADMIN, "/history", 4_242_002L);
        String request = gewe.callbacks().friendRequestJson("wxid_twice", "Twice", "hi", 6, "v3_twice@stranger",
                "v4_twice", 4_242_003L);
        List<String> callbacks = List.of(add, history, request);
        for (int round = 0; round < 2; round++) {
            assertThat(host.post("/gewe/callback", add).statusCode()).isEqualTo(200);
        }
        // An /add is in the ledger once its target was looked up: /history comes after its reply.
        rig.awaitText(0, ADMIN, "Friend request sent");
        for (int round = 0; round < 2; round++) {
            for (String body : List.of(history, request)) {
                assertThat(host.post("/gewe/callback", body).statusCode()).isEqualTo(200);
            }
        }
        rig.ask("/help", "Commands:");
        assertProcessedOnce();

        assertThat(host.terminate()).isZero();
        host = rig.start(HostProcess.NO_PACING);
        for (String body : callbacks) {
            assertThat(host.post("/gewe/callback", body).statusCode()).isEqualTo(200);
        }
        // The same /help text under a new id is a new message, and is answered again.
        rig.ask("/help", "Commands:");
        assertProcessedOnce();
        assertThat(gewe.postedTexts().stream().filter(t -> t.content().startsWith("Commands:"))).hasSize(2);
    }

    void assertProcessedOnce() {
        List<PostedText> texts = gewe.postedTexts();
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);
        assertThat(texts.stream().filter(t -> t.toWxid().equals(ADMIN) && t.content().startsWith("Friend request sent")))
                .hasSize(1);
        assertThat(texts.stream().filter(t -> t.toWxid().equals(ADMIN) && t.content().startsWith("Recent commands")))
                .hasSize(1);
        assertThat(texts.stream().filter(t -> t.toWxid().equals(ADMIN) && t.content().contains("Twice (wxid_twice)")))
                .hasSize(1);
    }
}
