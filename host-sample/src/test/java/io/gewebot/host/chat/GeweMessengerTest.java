package io.gewebot.host.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's own GeWe calls, against the sandbox over real HTTP: what GeWe receives, what the host reads. */
class GeweMessengerTest {

    private static final String TOKEN = "tok-messenger-7f3a";

    private GeweSandbox sandbox;
    private GeweMessenger messenger;

    @BeforeEach
    void start() {
        sandbox = GeweSandbox.start(SandboxOptions.defaults().withPort(0).withToken(TOKEN));
        messenger = new GeweMessenger(sandbox.baseUrl() + "/", TOKEN, sandbox.appId(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void postTextSendsGeWeExactlyOneRequestWithTheTokenAndTheText() {
        GeweMessenger.Answer answer = messenger.postText("wxid_admin", "Friend request sent to 张三 (wxid_z).\n\"ok\"");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.ok()).isTrue();
        List<RecordedCall> calls = sandbox.calls("/message/postText");
        assertThat(calls).hasSize(1);
        RecordedCall call = calls.get(0);
        assertThat(call.headers()).containsEntry("x-gewe-token", TOKEN);
        assertThat(call.headers().get("content-type")).startsWith("application/json");
        assertThat(call.body()).isEqualTo("{\"appId\":\"" + sandbox.appId() + "\",\"toWxid\":\"wxid_admin\","
                + "\"content\":\"Friend request sent to 张三 (wxid_z).\\n\\\"ok\\\"\"}");
        assertThat(sandbox.postedTexts())
                .containsExactly(new PostedText("wxid_admin", "Friend request sent to 张三 (wxid_z).\n\"ok\"", null));
    }

    @Test
    void checkOnlineReadsTheAccountsState() {
        assertThat(messenger.checkOnline().data().map(d -> d.asBoolean(false))).contains(true);
        sandbox.setOnline(false);
        GeweMessenger.Answer offline = messenger.checkOnline();
        assertThat(offline.ok()).isTrue();
        assertThat(offline.data().map(d -> d.asBoolean(true))).contains(false);
        assertThat(sandbox.calls("/login/checkOnline")).hasSize(2)
                .allSatisfy(c -> assertThat(c.body()).isEqualTo("{\"appId\":\"" + sandbox.appId() + "\"}"));
    }

    @Test
    void anHttpErrorIsReportedAndTheNextCallStillGoesThrough() {
        sandbox.faults().once("/message/postText", Fault.httpStatus(502));

        GeweMessenger.Answer failed = messenger.postText("wxid_a", "one");
        GeweMessenger.Answer next = messenger.postText("wxid_a", "two");

        assertThat(failed.answered()).isFalse();
        assertThat(failed.text()).isEqualTo("GeWe answered HTTP 502");
        assertThat(next.ok()).isTrue();
        assertThat(sandbox.calls("/message/postText")).hasSize(2);
    }

    @Test
    void aSlowGeWeEndsTheCallAfterTheTimeoutWithoutSendingItAgain() {
        sandbox.faults().once("/message/postText", Fault.delay(Duration.ofMillis(2500)));

        GeweMessenger.Answer answer = messenger.postText("wxid_a", "slow");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("GeWe did not answer within 1 s");
        assertThat(sandbox.calls("/message/postText")).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsReportedAndThePostIsNotRepeated() {
        // Warm a keep-alive connection first: a stale pooled connection is where a client would retry.
        assertThat(messenger.postText("wxid_a", "first").ok()).isTrue();
        sandbox.faults().once("/message/postText", Fault.connectionReset());

        GeweMessenger.Answer answer = messenger.postText("wxid_a", "second");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).startsWith("GeWe could not be reached (");
        // The sandbox dropped the second call unanswered and unacted on; it was not sent again.
        assertThat(sandbox.calls("/message/postText")).hasSize(2);
        assertThat(sandbox.postedTexts()).extracting(PostedText::content).containsExactly("first");
        assertThat(messenger.postText("wxid_a", "third").ok()).isTrue();
        assertThat(sandbox.postedTexts()).extracting(PostedText::content).containsExactly("first", "third");
    }

    @Test
    void aBrokenEnvelopeIsNotTakenForAnAnswer() {
        sandbox.faults().once("/message/postText", Fault.malformedJson());

        GeweMessenger.Answer answer = messenger.postText("wxid_a", "x");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("GeWe's answer is not a JSON object");
    }

    @Test
    void geWesFailureTextIsPassedOnWithTheTokenMasked() {
        sandbox.faults().once("/message/postText", Fault.ret500("token " + TOKEN + " 操作过于频繁"));

        GeweMessenger.Answer answer = messenger.postText("wxid_a", "x");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.text()).isEqualTo("token *** 操作过于频繁").doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableGeWeIsReportedWithoutTheToken() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        GeweMessenger nowhere = new GeweMessenger("http://127.0.0.1:" + closedPort + "/v2/api", TOKEN, "app",
                Duration.ofSeconds(1));

        GeweMessenger.Answer answer = nowhere.checkOnline();

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("GeWe could not be reached (ConnectException)");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedBeforeAnyCall() {
        GeweMessenger odd = new GeweMessenger("ftp://127.0.0.1/v2/api", TOKEN, "app", Duration.ofSeconds(1));

        assertThat(odd.checkOnline().text()).isEqualTo("cannot build the request to /login/checkOnline");
    }
}
