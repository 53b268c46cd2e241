package io.gewebot.host.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
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
        messenger.close();
        sandbox.close();
    }

    @Test
    void postTextSendsGeWeExactlyOneRequestWithTheTokenAndTheText() {
        GeweMessenger.Answer<GeweMessenger.SentText> answer =
                messenger.postText("wxid_admin", "Friend request sent to 张三 (wxid_z).\n\"ok\"");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.ok()).isTrue();
        assertThat(answer.data()).get().extracting(GeweMessenger.SentText::toWxid, GeweMessenger.SentText::type)
                .containsExactly("wxid_admin", 1);
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
        assertThat(messenger.checkOnline().data()).contains(true);
        sandbox.setOnline(false);
        GeweMessenger.Answer<Boolean> offline = messenger.checkOnline();
        assertThat(offline.ok()).isTrue();
        assertThat(offline.data()).contains(false);
        assertThat(sandbox.calls("/login/checkOnline")).hasSize(2)
                .allSatisfy(c -> assertThat(c.body()).isEqualTo("{\"appId\":\"" + sandbox.appId() + "\"}"));
    }

    @Test
    void reconnectAsksGeWeForTheDeviceAndReadsTheOutcome() {
        sandbox.setOnline(false);

        GeweMessenger.Answer<?> back = messenger.reconnect();

        assertThat(back.ok()).isTrue();
        assertThat(sandbox.isOnline()).isTrue();
        assertThat(sandbox.calls("/login/reconnection")).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo("{\"appId\":\"" + sandbox.appId() + "\"}"));
        sandbox.faults().once("/login/reconnection", Fault.ret500("refused"));
        GeweMessenger.Answer<?> refused = messenger.reconnect();
        assertThat(refused.answered()).isTrue();
        assertThat(refused.ok()).isFalse();
        assertThat(refused.text()).isEqualTo("refused");
    }

    @Test
    void setCallbackSendsTheTokenInTheHeaderAndTheBodyToTheVariantsPath() throws Exception {
        HttpServer bot = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bot.createContext("/gewe/callback", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bot.start();
        try (GeweMessenger slow = new GeweMessenger(sandbox.baseUrl(), TOKEN, sandbox.appId(), Duration.ofSeconds(10))) {
            String url = "http://127.0.0.1:" + bot.getAddress().getPort() + "/gewe/callback";

            assertThat(slow.setCallback(url, false).ok()).isTrue();
            assertThat(slow.setCallback(url, true).ok()).isTrue();

            assertThat(sandbox.callbackUrl()).isEqualTo(url);
            String body = "{\"token\":\"" + TOKEN + "\",\"callbackUrl\":\"" + url + "\"}";
            assertThat(sandbox.calls("/tools/setCallback")).singleElement().satisfies(c -> {
                assertThat(c.body()).isEqualTo(body);
                assertThat(c.headers()).containsEntry("x-gewe-token", TOKEN);
            });
            assertThat(sandbox.calls("/login/setCallback")).singleElement()
                    .satisfies(c -> assertThat(c.body()).isEqualTo(body));
        } finally {
            bot.stop(0);
        }
    }

    @Test
    void anHttpErrorIsReportedAndTheNextCallStillGoesThrough() {
        sandbox.faults().once("/message/postText", Fault.httpStatus(502));

        GeweMessenger.Answer<?> failed = messenger.postText("wxid_a", "one");
        GeweMessenger.Answer<?> next = messenger.postText("wxid_a", "two");

        assertThat(failed.answered()).isFalse();
        assertThat(failed.text()).isEqualTo("GeWe answered HTTP 502");
        assertThat(next.ok()).isTrue();
        assertThat(sandbox.calls("/message/postText")).hasSize(2);
    }

    @Test
    void aSlowGeWeEndsTheCallAfterTheTimeoutWithoutSendingItAgain() {
        sandbox.faults().once("/message/postText", Fault.delay(Duration.ofMillis(2500)));

        GeweMessenger.Answer<?> answer = messenger.postText("wxid_a", "slow");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("GeWe did not answer within 1 s");
        assertThat(sandbox.calls("/message/postText")).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsReportedAndThePostIsNotRepeated() {
        // Warm a keep-alive connection first: a stale pooled connection is where a client would retry.
        assertThat(messenger.postText("wxid_a", "first").ok()).isTrue();
        sandbox.faults().once("/message/postText", Fault.connectionReset());

        GeweMessenger.Answer<?> answer = messenger.postText("wxid_a", "second");

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

        GeweMessenger.Answer<?> answer = messenger.postText("wxid_a", "x");

        assertThat(answer.answered()).isFalse();
        assertThat(answer.text()).isEqualTo("GeWe's answer is not a JSON object");
    }

    @Test
    void geWesFailureTextIsPassedOnWithTheTokenMasked() {
        sandbox.faults().once("/message/postText", Fault.ret500("token " + TOKEN + " 操作过于频繁"));

        GeweMessenger.Answer<?> answer = messenger.postText("wxid_a", "x");

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
        try (GeweMessenger nowhere = new GeweMessenger("http://127.0.0.1:" + closedPort + "/v2/api", TOKEN, "app",
                Duration.ofSeconds(1))) {

            GeweMessenger.Answer<?> answer = nowhere.checkOnline();

            assertThat(answer.answered()).isFalse();
            assertThat(answer.text()).isEqualTo("GeWe could not be reached (ConnectException)");
        }
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedBeforeAnyCall() {
        try (GeweMessenger odd = new GeweMessenger("ftp://127.0.0.1/v2/api", TOKEN, "app", Duration.ofSeconds(1))) {
            assertThat(odd.checkOnline().text()).isEqualTo("cannot build the request to /login/checkOnline");
        }
    }

    @Test
    void aPostWhoseConnectionDropsAfterItWasSentIsNotSentAgain() throws IOException {
        try (ScriptedGewe gewe = ScriptedGewe.hangingUp();
                GeweMessenger dropped = new GeweMessenger(gewe.baseUrl(), TOKEN, "app_1", Duration.ofSeconds(2))) {

            GeweMessenger.Answer<?> answer = dropped.postText("wxid_a", "once");

            assertThat(answer.answered()).isFalse();
            assertThat(answer.ok()).isFalse();
            assertThat(answer.text()).startsWith("GeWe could not be reached (").doesNotContain(TOKEN);
            // The server read the whole request before hanging up: a second copy would be here too.
            assertThat(gewe.requests()).hasSize(1);
            assertThat(gewe.requests().get(0)).startsWith("POST /v2/api/message/postText HTTP/1.1\r\n")
                    .containsIgnoringCase("x-gewe-token: " + TOKEN + "\r\n")
                    .endsWith("\r\n\r\n{\"appId\":\"app_1\",\"toWxid\":\"wxid_a\",\"content\":\"once\"}");
        }
    }

    @Test
    void aResultCodeGivenAsTextCountsLikeTheNumber() throws IOException {
        try (ScriptedGewe gewe = ScriptedGewe.answering("{\"ret\":\"200\",\"msg\":\"操作成功\",\"data\":true}");
                GeweMessenger textual = new GeweMessenger(gewe.baseUrl(), TOKEN, "app_1", Duration.ofSeconds(2))) {

            GeweMessenger.Answer<Boolean> answer = textual.checkOnline();

            assertThat(answer.answered()).isTrue();
            assertThat(answer.ok()).isTrue();
            assertThat(answer.text()).isEqualTo("操作成功");
            assertThat(answer.data()).contains(true);
            assertThat(gewe.requests()).singleElement().asString()
                    .startsWith("POST /v2/api/login/checkOnline HTTP/1.1\r\n")
                    .endsWith("\r\n\r\n{\"appId\":\"app_1\"}");
        }
    }

    @Test
    void anIdBeyondSixtyFourBitsInTheAnswerIsReadExactly() throws IOException {
        try (ScriptedGewe gewe = ScriptedGewe.answering("{\"ret\":200,\"msg\":\"操作成功\",\"data\":{\"toWxid\":\"wxid_a\","
                + "\"createTime\":1703841160,\"msgId\":0,\"newMsgId\":14216284872728580667123,\"type\":1,\"extra\":[1.5]}}");
                GeweMessenger big = new GeweMessenger(gewe.baseUrl(), TOKEN, "app_1", Duration.ofSeconds(2))) {

            GeweMessenger.Answer<GeweMessenger.SentText> answer = big.postText("wxid_a", "hi");

            assertThat(answer.ok()).isTrue();
            assertThat(answer.data()).contains(new GeweMessenger.SentText("wxid_a", 1703841160L, BigInteger.ZERO,
                    new BigInteger("14216284872728580667123"), 1));
        }
    }

    @Test
    void aFailuresDetailIsAddedToItsText() throws IOException {
        try (ScriptedGewe gewe = ScriptedGewe.answering(
                "{\"ret\":500,\"msg\":\"发送失败\",\"data\":{\"code\":\"-1\",\"msg\":\"微信已离线\"}}");
                GeweMessenger failing = new GeweMessenger(gewe.baseUrl(), TOKEN, "app_1", Duration.ofSeconds(2))) {

            GeweMessenger.Answer<GeweMessenger.SentText> answer = failing.postText("wxid_a", "hi");

            assertThat(answer.answered()).isTrue();
            assertThat(answer.ok()).isFalse();
            assertThat(answer.text()).isEqualTo("发送失败: 微信已离线");
            assertThat(answer.data()).isEmpty();
        }
    }

    @Test
    void anAnswerLargerThanAnyEnvelopeIsNotRead() throws IOException {
        String huge = "{\"ret\":200,\"msg\":\"" + "x".repeat((1 << 20) + 1) + "\"}";
        try (ScriptedGewe gewe = ScriptedGewe.answering(huge);
                GeweMessenger flooded = new GeweMessenger(gewe.baseUrl(), TOKEN, "app_1", Duration.ofSeconds(2))) {

            GeweMessenger.Answer<?> answer = flooded.postText("wxid_a", "hi");

            assertThat(answer.answered()).isFalse();
            assertThat(answer.text()).isEqualTo("GeWe's answer is too large");
        }
    }

    /**
     * A GeWe stand-in on a raw socket: it reads each request whole (headers and declared body), keeps
     * it, then either answers with a fixed JSON body or hangs up without a word.
     */
    private static final class ScriptedGewe implements AutoCloseable {
        private final ServerSocket server;
        private final String answer;
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        private ScriptedGewe(String answer) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.answer = answer;
            this.acceptor = new Thread(this::serve, "scripted-gewe");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static ScriptedGewe hangingUp() throws IOException {
            return new ScriptedGewe(null);
        }

        static ScriptedGewe answering(String json) throws IOException {
            return new ScriptedGewe(json);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/v2/api";
        }

        List<String> requests() {
            return requests;
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    String request;
                    while ((request = readRequest(in)) != null) {
                        requests.add(request);
                        if (answer == null) {
                            break;
                        }
                        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException e) {
                    // Closed by the test, or the client went away: the next connection is served.
                }
            }
        }

        /** @return the request as text, or null at the end of the stream */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String headers = head.toString(StandardCharsets.UTF_8);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring("content-length:".length()).strip());
                }
            }
            return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
