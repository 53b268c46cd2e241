package io.gewebot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain GeWe client for tests: real HTTP to the sandbox, bodies built as JSON trees. */
final class GeweClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final GeweSandbox sandbox;
    private final String appId;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    GeweClient(GeweSandbox sandbox) {
        this(sandbox, sandbox.appId());
    }

    /** A client for the account {@code appId} of the sandbox's token (or for an appId it does not hold). */
    GeweClient(GeweSandbox sandbox, String appId) {
        this.sandbox = sandbox;
        this.appId = appId;
    }

    /** A body with the client's appId and then {@code key, value} pairs. */
    ObjectNode body(Object... keyValues) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("appId", appId);
        for (int i = 0; i < keyValues.length; i += 2) {
            body.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return body;
    }

    /** Posts {@code body(keyValues)} with the right token and returns the parsed envelope. */
    JsonNode call(String path, Object... keyValues) {
        return envelope(post(path, body(keyValues).toString(), sandbox.token()));
    }

    HttpResponse<String> post(String path, String body, String token) {
        return post(path, body, token, Duration.ofSeconds(10));
    }

    HttpResponse<String> post(String path, String body, String token, Duration timeout) {
        try {
            return send(path, body, token, timeout);
        } catch (IOException e) {
            throw new AssertionError("request to " + path + " failed: " + e, e);
        }
    }

    /** Like {@link #post} but lets an I/O failure through, for tests that expect one. */
    HttpResponse<String> send(String path, String body, String token, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-GEWE-TOKEN", token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode envelope(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
