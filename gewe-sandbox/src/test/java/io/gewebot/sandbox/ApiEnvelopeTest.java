package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiEnvelopeTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void baseUrlIsLoopbackWithTheSelfHostedPrefixAndDefaultIdentity() {
        assertThat(sandbox.baseUrl()).isEqualTo("http://127.0.0.1:" + sandbox.port() + "/v2/api");
        assertThat(sandbox.port()).isPositive();
        assertThat(sandbox.token()).isEqualTo("sandbox-token");
        assertThat(sandbox.appId()).isEqualTo("wx_sandbox_app");
        assertThat(sandbox.accountWxid()).isEqualTo("wxid_sandbox_bot");
    }

    @Test
    void missingTokenIsRefusedWithHttp200AndTheVendorText() {
        HttpResponse<String> response = client.post("/contacts/search",
                client.body("contactsInfo", "wxid_demo").toString(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ret\":500,\"msg\":\"X-GEWE-TOKEN 不可为空\"}");
    }

    @Test
    void wrongTokenIsRefusedWithoutEchoingAnyToken() {
        HttpResponse<String> response = client.post("/contacts/search",
                client.body("contactsInfo", "wxid_demo").toString(), "wrong-token");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"ret\":500,\"msg\":\"HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期\"}")
                .doesNotContain("wrong-token")
                .doesNotContain(sandbox.token());
    }

    @Test
    void wrongOrMissingAppIdIsRefused() {
        HttpResponse<String> wrong = client.post("/contacts/search",
                "{\"appId\":\"wx_other\",\"contactsInfo\":\"wxid_demo\"}", sandbox.token());
        HttpResponse<String> missing = client.post("/contacts/search",
                "{\"contactsInfo\":\"wxid_demo\"}", sandbox.token());

        assertThat(GeweClient.envelope(wrong).path("ret").asInt()).isEqualTo(500);
        assertThat(GeweClient.envelope(wrong).path("msg").asText()).contains("appId");
        assertThat(GeweClient.envelope(missing).path("msg").asText()).isEqualTo("appId 不可为空");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void bodyThatIsNotJsonIsRefusedWithAnEnvelope() {
        JsonNode envelope = GeweClient.envelope(client.post("/contacts/search", "{not json", sandbox.token()));

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).contains("JSON");
    }

    @Test
    void unknownPathAnswersHttp404WithAFailureEnvelope() {
        HttpResponse<String> response = client.post("/contacts/noSuchThing", client.body().toString(), sandbox.token());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"ret\":404,\"msg\":\"接口不存在\"}");
    }

    @Test
    void knownPathWithoutThePrefixIsNotServed() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(java.net.http.HttpRequest
                        .newBuilder(java.net.URI.create("http://127.0.0.1:" + sandbox.port() + "/contacts/search"))
                        .header("X-GEWE-TOKEN", sandbox.token())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(client.body().toString())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(sandbox.calls()).extracting(RecordedCall::path).containsExactly("/contacts/search");
    }

    @Test
    void hostedStylePrefixIsConfigurable() {
        try (GeweSandbox hosted = GeweSandbox.start(SandboxOptions.defaults().withPathPrefix("gewe/v2/api/"))) {
            assertThat(hosted.baseUrl()).endsWith("/gewe/v2/api");
            JsonNode envelope = new GeweClient(hosted).call("/login/checkOnline");
            assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        }
    }

    @Test
    void getTokenIdHandsOutTheTokenLikeTheSelfHostedContainer() {
        JsonNode envelope = GeweClient.envelope(client.post("/tools/getTokenId", "", null));

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(envelope.path("data").asText()).isEqualTo(sandbox.token());
    }

    @Test
    void everyCallIsRecordedInOrderWithLowerCaseHeadersIncludingFailedAuth() {
        client.post("/contacts/search", client.body("contactsInfo", "wxid_demo").toString(), "bad");
        client.call("/login/checkOnline");

        assertThat(sandbox.calls()).extracting(RecordedCall::path)
                .containsExactly("/contacts/search", "/login/checkOnline");
        RecordedCall failed = sandbox.calls("/contacts/search").get(0);
        assertThat(failed.headers()).containsEntry("x-gewe-token", "bad");
        assertThat(failed.header("X-GEWE-TOKEN")).isEqualTo("bad");
        assertThat(failed.json().path("contactsInfo").asText()).isEqualTo("wxid_demo");
        assertThat(failed.receivedAt()).isNotNull();
    }

    @Test
    void recordedCallNeverPrintsTheToken() {
        client.call("/login/checkOnline");

        assertThat(sandbox.calls().get(0).toString()).doesNotContain(sandbox.token()).contains("x-gewe-token=***");
    }

    @Test
    void optionsNeverPrintTheToken() {
        assertThat(SandboxOptions.defaults().withToken("s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void clearRecordsForgetsCallsButKeepsState() {
        client.call("/contacts/search", "contactsInfo", "wxid_demo");
        sandbox.makeFriend("wxid_demo");
        sandbox.clearRecords();

        assertThat(sandbox.calls()).isEmpty();
        assertThat(sandbox.isFriend("wxid_demo")).isTrue();
    }

    @Test
    void hugeNumbersInABodyDoNotBreakTheRequest() {
        String body = "{\"appId\":\"wx_sandbox_app\",\"contactsInfo\":\"wxid_demo\",\"extra\":14216284872728580667}";

        JsonNode envelope = GeweClient.envelope(client.post("/contacts/search", body, sandbox.token()));

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.calls().get(0).json().path("extra").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("14216284872728580667"));
    }
}
