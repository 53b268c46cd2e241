package io.gewebot.contacts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GeWe stand-in that answers each path with a fixed status and body, for answers the sandbox never
 * gives (odd number types, missing fields, huge numbers).
 */
final class ScriptedGewe implements AutoCloseable {

    static final String PREFIX = "/v2/api";

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    ScriptedGewe() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            Answer answer = answers.getOrDefault(path, new Answer(404, "{\"ret\":404,\"msg\":\"接口不存在\"}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code path} with HTTP 200 and this body from now on. */
    ScriptedGewe answer(String path, String body) {
        return answer(path, 200, body);
    }

    /** Answers {@code path} with this status and body from now on. */
    ScriptedGewe answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Answer(int status, String body) {
    }
}
