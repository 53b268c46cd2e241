package io.gewebot.host.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The address GeWe reaches the host at ({@code --public-url}), as a router in front of it would be:
 * the host's port is known only once it listens (it is picked at start), so the first request waits
 * for it. Relays POSTs and answers with the host's status.
 */
public final class PublicAddress implements AutoCloseable {

    /** What the public address relayed to the host: the body GeWe sent and the host's answer. */
    public record Relayed(String path, String body, int status) {
    }

    /** Complete it with the host's port once it listens. */
    public final CompletableFuture<Integer> hostPort = new CompletableFuture<>();
    /** Every request relayed, in order. */
    public final List<Relayed> relayed = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PublicAddress() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            try {
                int port = hostPort.get(4, TimeUnit.SECONDS);
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + exchange.getRequestURI().getPath()))
                        .timeout(Duration.ofSeconds(4)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = answer.statusCode();
            } catch (Exception e) {
                status = 502;
            }
            relayed.add(new Relayed(exchange.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8),
                    status));
            exchange.sendResponseHeaders(status, -1);
            try (OutputStream ignored = exchange.getResponseBody()) {
                // No body.
            }
        });
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>}, the public URL to give the host */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
