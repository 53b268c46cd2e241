package io.gewebot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A bot's webhook stand-in: records every body POSTed to it and answers a chosen status. */
final class CallbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new ArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/callback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                bodies.add(body);
            }
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    void answerWith(int status) {
        answer.set(status);
    }

    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Waits until at least {@code count} bodies arrived; returns them all, parsed. */
    List<JsonNode> await(int count, Duration timeout) {
        List<String> arrived;
        try {
            arrived = Awaitility.await(count + " callbacks").atMost(timeout).pollInterval(Duration.ofMillis(10))
                    .until(this::bodies, b -> b.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("expected " + count + " callbacks, got " + bodies(), e);
        }
        return arrived.stream().map(CallbackReceiver::parse).toList();
    }

    static JsonNode parse(String json) {
        try {
            return GeweClient.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
