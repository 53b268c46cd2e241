package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.http.CallbackServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The callback endpoint in-process: a full queue answers 503, and a callback secret guards the path. */
class CallbackServerTest {

    static final String SECRET = "s3cret-Value_1";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    CallbackServer server;
    ThreadPoolExecutor worker;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    static String text(long newMsgId, String content) {
        return "{\"TypeName\":\"AddMsg\",\"Appid\":\"wx_app\",\"Wxid\":\"wxid_bot\",\"Data\":{\"MsgId\":1,"
                + "\"FromUserName\":{\"string\":\"wxid_admin\"},\"ToUserName\":{\"string\":\"wxid_bot\"},\"MsgType\":1,"
                + "\"Content\":{\"string\":\"" + content + "\"},\"CreateTime\":1700000000,\"NewMsgId\":" + newMsgId + "}}";
    }

    void start(String secret, Consumer<CallbackEvent> sink) throws IOException {
        start(secret, sink, () -> Map.of("status", "UP"));
    }

    void start(String secret, Consumer<CallbackEvent> sink, Supplier<Map<String, Object>> health) throws IOException {
        server = CallbackServer.start(new CallbackServer.Settings(0, secret, 1 << 20, new CallbackDecoder(), sink,
                health));
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSinkThatRejectsMakesTheCallbackA503SoThatGewePushesItAgain() throws Exception {
        start("", event -> {
            throw new RejectedExecutionException("full");
        });
        HttpResponse<String> response = post("/gewe/callback", text(1, "/help"));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\":\"busy, retry later\"}");
    }

    @Test
    void withABoundedQueueFullEveryCallbackAnswered200IsProcessedAndTheOneBeyondGets503() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Long> processed = new CopyOnWriteArrayList<>();
        // One worker and room for one more waiting: the shape of the host's callback queue.
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
        start("", event -> worker.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processed.add(((CallbackEvent.TextMessage) event).newMsgId());
        }));

        assertThat(post("/gewe/callback", text(1, "one")).statusCode()).isEqualTo(200);
        assertThat(post("/gewe/callback", text(2, "two")).statusCode()).isEqualTo(200);
        HttpResponse<String> third = post("/gewe/callback", text(3, "three"));
        assertThat(third.statusCode()).isEqualTo(503);

        release.countDown();
        worker.shutdown();
        assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(processed).containsExactly(1L, 2L);
    }

    @Test
    void withASecretOnlyTheExactSecretPathIsACallbackEndpoint() throws Exception {
        List<CallbackEvent> taken = new CopyOnWriteArrayList<>();
        start(SECRET, taken::add);

        assertThat(post("/gewe/callback/" + SECRET, text(1, "hi")).statusCode()).isEqualTo(200);
        // Same length, one character off (first and last position), a prefix, a longer one, none at all.
        String firstOff = "X" + SECRET.substring(1);
        String lastOff = SECRET.substring(0, SECRET.length() - 1) + "2";
        for (String path : List.of("/gewe/callback/" + firstOff, "/gewe/callback/" + lastOff,
                "/gewe/callback/" + SECRET.substring(0, 5), "/gewe/callback/" + SECRET + "0",
                "/gewe/callback/" + SECRET + "/", "/gewe/callback/", "/gewe/callback", "/gewe/callback/x/" + SECRET,
                "/" + SECRET)) {
            HttpResponse<String> response = post(path, text(2, "hi"));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain(SECRET);
        }
        assertThat(taken).hasSize(1);
    }

    @Test
    void healthAndRefusalsAreAnsweredAsJsonDocumentsInTheirBuiltOrder() throws Exception {
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("id", "gewe-contacts");
        plugin.put("version", "1.0.0");
        plugin.put("state", "STARTED");
        Map<String, Object> gewe = new LinkedHashMap<>();
        gewe.put("answered", true);
        gewe.put("online", false);
        gewe.put("detail", "操作成功 \"ok\"\n");
        Map<String, Object> queue = new LinkedHashMap<>();
        queue.put("waiting", 0);
        queue.put("capacity", 1_000);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "UP");
        doc.put("plugins", List.of(plugin));
        doc.put("extensions", List.of());
        doc.put("gewe", gewe);
        doc.put("accountOffline", false);
        doc.put("queue", queue);
        start("", event -> { }, () -> doc);

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = post("/gewe/callback", "{\"TypeName\":\"Offline\",\"Appid\":\"a\",\"Appid\":\"b\"}");
        HttpResponse<String> accepted = post("/gewe/callback", text(1, "/help"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"plugins\":[{\"id\":\"gewe-contacts\","
                + "\"version\":\"1.0.0\",\"state\":\"STARTED\"}],\"extensions\":[],\"gewe\":{\"answered\":true,"
                + "\"online\":false,\"detail\":\"操作成功 \\\"ok\\\"\\n\"},\"accountOffline\":false,"
                + "\"queue\":{\"waiting\":0,\"capacity\":1000}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("{\"error\":\"body is not valid JSON\"}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("{\"ok\":true}");
    }
}
