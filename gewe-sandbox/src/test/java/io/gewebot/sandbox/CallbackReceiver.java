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
                notifyAll();
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
    synchronized List<JsonNode> await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bodies.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " callbacks, got " + bodies);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return bodies.stream().map(CallbackReceiver::parse).toList();
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
