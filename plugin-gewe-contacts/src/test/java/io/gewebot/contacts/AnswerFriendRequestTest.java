package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.FriendRequest;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.IncomingRequest;
import io.gewebot.sandbox.RecordedCall;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accepting and rejecting friend requests the sandbox pushed, checking exactly what GeWe received. */
class AnswerFriendRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADD = "/contacts/addContacts";

    private GeweSandbox gewe;
    private CallbackSink sink;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        sink = new CallbackSink();
        gewe.setCallbackUrl(sink.url());
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe));
    }

    @AfterEach
    void stop() {
        action.close();
        sink.close();
        gewe.close();
    }

    @Test
    void acceptingSendsOption3WithTheRequestsSceneAndTicketsAndTheMessage() {
        IncomingRequest pushed = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "I'm Bob", 30);

        ContactOutcome outcome = action.accept(received(pushed, "Bob"), "Welcome, Bob");

        assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_bob"), Optional.of("Bob")));
        RecordedCall call = onlyCall();
        assertThat(call.json()).isEqualTo(body(30, 3, pushed.v3(), pushed.v4(), "Welcome, Bob"));
        assertThat(call.header("X-GEWE-TOKEN")).isEqualTo(gewe.token());
        assertThat(gewe.isFriend("wxid_bob")).isTrue();
        assertThat(gewe.calls("/contacts/search")).isEmpty();
    }

    @Test
    void acceptingWithoutAMessageSendsAnEmptyContent() {
        IncomingRequest pushed = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "hi", 6);

        ContactOutcome outcome = action.accept(received(pushed, "Bob"), null);

        assertThat(outcome).isInstanceOf(Done.class);
        assertThat(onlyCall().json()).isEqualTo(body(6, 3, pushed.v3(), pushed.v4(), ""));
    }

    @Test
    void rejectingSendsOption4WithTheRequestsSceneAndTickets() {
        IncomingRequest pushed = gewe.callbacks().pushFriendRequest("wxid_carol", "Carol", "hello", 15);

        ContactOutcome outcome = action.reject(received(pushed, ""), "");

        assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_carol"), Optional.empty()));
        assertThat(onlyCall().json()).isEqualTo(body(15, 4, pushed.v3(), pushed.v4(), ""));
        assertThat(gewe.isFriend("wxid_carol")).isFalse();
        assertThat(gewe.pendingIncomingRequests()).isEmpty();
    }

    @Test
    void aStaleTicketFailsWithGewesTextsAndIsNotPossiblyDelivered() {
        IncomingRequest first = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "hi", 6);
        gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "hi again", 6);

        ContactOutcome outcome = action.accept(received(first, "Bob"), "");

        assertThat(outcome).isEqualTo(new Failed(FailureKind.TICKET_INVALID, Optional.of(500), Optional.of("添加好友失败"),
                Optional.of("-2"), Optional.of("user ticket invalid"), false));
    }

    private RecordedCall onlyCall() {
        List<RecordedCall> calls = gewe.calls(ADD);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static FriendRequest received(IncomingRequest pushed, String nickname) {
        return new FriendRequest(pushed.fromWxid(), nickname, "", pushed.scene(), pushed.v3(), pushed.v4(),
                Instant.now());
    }

    private static ObjectNode body(int scene, int option, String v3, String v4, String content) {
        ObjectNode expected = JSON.createObjectNode();
        expected.put("appId", "wx_sandbox_app");
        expected.put("scene", scene);
        expected.put("option", option);
        expected.put("v3", v3);
        expected.put("v4", v4);
        expected.put("content", content);
        return expected;
    }
}
