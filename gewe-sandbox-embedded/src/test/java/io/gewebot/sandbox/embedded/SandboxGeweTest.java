package io.gewebot.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gewebot.host.spi.EmbeddedGewe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxGeweTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedGewe loaded() {
        List<EmbeddedGewe> found = ServiceLoader.load(EmbeddedGewe.class).stream().map(ServiceLoader.Provider::get)
                .toList();
        assertThat(found).hasSize(1).first().isInstanceOf(SandboxGewe.class);
        return found.get(0);
    }

    private HttpResponse<String> checkOnline(EmbeddedGewe gewe) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gewe.baseUrl() + "/login/checkOnline"))
                .header("X-GEWE-TOKEN", gewe.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"appId\":\"" + gewe.appId() + "\"}"))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void serviceLoaderFindsTheSandboxAndItAnswersOnLoopbackWithItsTokenAndAppId() throws Exception {
        try (EmbeddedGewe gewe = loaded()) {
            gewe.start();

            assertThat(gewe.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/v2/api");
            HttpResponse<String> answer = checkOnline(gewe);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"ret\":200").contains("\"data\":true");
        }
    }

    @Test
    void callbacksGoToTheUrlTheHostGives() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/gewe/callback", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        try (SandboxGewe gewe = (SandboxGewe) loaded()) {
            gewe.start();
            gewe.deliverCallbacksTo("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/gewe/callback");

            gewe.running().callbacks().pushText("wxid_demo_friend", "/help");

            String callback = received.poll(10, TimeUnit.SECONDS);
            assertThat(callback).isNotNull().contains("/help").contains(gewe.appId());
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void theDemoAdminIsAFriendAndTheDemoFriendRequestArrivesAfterTheDelayWithUsableTickets() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/gewe/callback", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        try (SandboxGewe gewe = (SandboxGewe) loaded()) {
            gewe.start();
            assertThat(gewe.running().isFriend(gewe.demoAdmin())).isTrue();
            gewe.deliverCallbacksTo("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/gewe/callback");

            long asked = System.nanoTime();
            gewe.pushDemoFriendRequest(Duration.ofMillis(300));

            String callback = received.poll(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(callback).isNotNull().contains("\"MsgType\":37").contains("wxid_demo_asker");
            assertThat(gewe.running().pendingIncomingRequests()).singleElement()
                    .satisfies(r -> assertThat(callback).contains(r.v3()).contains(r.v4()));
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void theDemoTextCommandIsOneCurlLineToTheGivenUrlHoldingNoToken() {
        try (SandboxGewe gewe = (SandboxGewe) loaded()) {
            gewe.start();

            String command = gewe.demoTextCallbackCommand("http://127.0.0.1:8080/gewe/callback", "wxid_demo_friend",
                    "/help");

            assertThat(command).startsWith("curl ").endsWith("'http://127.0.0.1:8080/gewe/callback'")
                    .contains("/help").contains(gewe.appId()).doesNotContain("\n").doesNotContain(gewe.token());
        }
    }

    @Test
    void closedItNoLongerListensAndCannotBeStartedAgain() throws Exception {
        EmbeddedGewe gewe = loaded();
        gewe.start();
        String baseUrl = gewe.baseUrl();
        gewe.close();
        gewe.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login/checkOnline"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
        assertThatThrownBy(gewe::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void beforeStartNothingIsReachable() {
        EmbeddedGewe gewe = new SandboxGewe();

        assertThatThrownBy(gewe::baseUrl).isInstanceOf(IllegalStateException.class).hasMessage("not started");
        gewe.close();
    }
}
