package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private static final String SEARCH = "/contacts/search";

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    private String searchBody() {
        return client.body("contactsInfo", "wxid_demo").toString();
    }

    @Test
    void ret500AnswersTheGivenFailureTextWithHttp200() {
        sandbox.faults().once(SEARCH, Fault.ret500("操作过于频繁"));

        HttpResponse<String> response = client.post(SEARCH, searchBody(), sandbox.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ret\":500,\"msg\":\"操作过于频繁\"}");
    }

    @Test
    void ret500WithNullMessageAnswersMsgNull() {
        sandbox.faults().once(SEARCH, Fault.ret500(null));

        assertThat(client.post(SEARCH, searchBody(), sandbox.token()).body()).isEqualTo("{\"ret\":500,\"msg\":null}");
    }

    @Test
    void httpStatusAnswersThatStatusWithAnHtmlPage() {
        sandbox.faults().once(SEARCH, Fault.httpStatus(502));

        HttpResponse<String> response = client.post(SEARCH, searchBody(), sandbox.token());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(response.body()).contains("<html>").contains("502");
    }

    @Test
    void malformedJsonAnswers200WithABodyNoJsonParserAccepts() {
        sandbox.faults().once(SEARCH, Fault.malformedJson());

        HttpResponse<String> response = client.post(SEARCH, searchBody(), sandbox.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"ret\":200");
        assertThatThrownBy(() -> GeweClient.MAPPER.readTree(response.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void connectionResetGivesTheJdkClientAnIoErrorAndNoResponse() {
        sandbox.faults().once(SEARCH, Fault.connectionReset());

        assertThatThrownBy(() -> client.send(SEARCH, searchBody(), sandbox.token(), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.calls(SEARCH)).hasSize(1);
    }

    @Test
    void connectionResetEndsARawSocketWithoutAStatusLine() throws IOException {
        sandbox.faults().once(SEARCH, Fault.connectionReset());
        byte[] body = searchBody().getBytes(StandardCharsets.UTF_8);
        String head = "POST /v2/api" + SEARCH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-GEWE-TOKEN: " + sandbox.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";

        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            int first;
            try {
                first = in.read();
            } catch (java.net.SocketException reset) {
                first = -1;
            }
            assertThat(first).as("bytes before the connection ended").isEqualTo(-1);
        }
    }

    @Test
    void delayedCallTakesEffectButTheAnswerComesTooLateForAShortTimeout() {
        JsonNode tickets = client.call(SEARCH, "contactsInfo", "wxid_demo").path("data");
        sandbox.faults().once("/contacts/addContacts", Fault.delay(Duration.ofSeconds(30)));
        String add = client.body("scene", 3, "option", 2, "v3", tickets.path("v3").asText(),
                "v4", tickets.path("v4").asText(), "content", "hi").toString();

        assertThatThrownBy(() -> client.send("/contacts/addContacts", add, sandbox.token(), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sandbox.outgoingRequests()).extracting(OutgoingRequest::toWxid).containsExactly("wxid_demo");
    }

    @Test
    void shortDelayStillAnswersNormally() {
        sandbox.faults().once(SEARCH, Fault.delay(Duration.ofMillis(50)));

        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void aDelayedAnswerDoesNotHoldUpOtherCalls() {
        sandbox.faults().once(SEARCH, Fault.delay(Duration.ofSeconds(30)));
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
                () -> client.post(SEARCH, searchBody(), sandbox.token(), Duration.ofSeconds(60)));
        sandbox.awaitCall(SEARCH, Duration.ofSeconds(5));

        assertThat(client.call("/login/checkOnline").path("data").asBoolean()).isTrue();
        assertThat(held).isNotDone();
        held.cancel(true);
    }

    @Test
    void onceAppliesToTheNextMatchingCallOnly() {
        sandbox.faults().once(SEARCH, Fault.ret500("频繁"));

        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(500);
        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void onceFaultsOfOnePathAreUsedInOrder() {
        sandbox.faults().once(SEARCH, Fault.ret500("first")).once(SEARCH, Fault.ret500("second"));

        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("msg").asText()).isEqualTo("first");
        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("msg").asText()).isEqualTo("second");
    }

    @Test
    void onceForAnotherPathDoesNotTouchThisOne() {
        sandbox.faults().once("/message/postText", Fault.ret500("x"));

        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void alwaysAppliesUntilClearedAndOnceTakesPrecedence() {
        sandbox.faults().always(SEARCH, Fault.ret500("always")).once(SEARCH, Fault.ret500("once"));

        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("msg").asText()).isEqualTo("once");
        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("msg").asText()).isEqualTo("always");
        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("msg").asText()).isEqualTo("always");
        sandbox.faults().clear();
        assertThat(client.call(SEARCH, "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void starMatchesEveryPath() {
        sandbox.faults().always("*", Fault.httpStatus(503));

        assertThat(client.post(SEARCH, searchBody(), sandbox.token()).statusCode()).isEqualTo(503);
        assertThat(client.post("/login/checkOnline", client.body().toString(), sandbox.token()).statusCode()).isEqualTo(503);
    }

    @Test
    void faultedCallsAreRecordedButHaveNoEffect() {
        sandbox.faults().once("/message/postText", Fault.ret500("x"));

        client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "hi");

        assertThat(sandbox.calls("/message/postText")).hasSize(1);
        assertThat(sandbox.postedTexts()).isEmpty();
    }

    @Test
    void faultArgumentsAreChecked() {
        assertThatThrownBy(() -> Fault.httpStatus(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.delay(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
