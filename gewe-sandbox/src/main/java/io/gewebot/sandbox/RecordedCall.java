package io.gewebot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request the sandbox received, recorded before authentication, faults or validation,
 * so a test sees exactly what a client sent.
 *
 * @param path       the request path without the sandbox's prefix (e.g. {@code /contacts/addContacts});
 *                   the full path when it did not start with the prefix
 * @param headers    the request headers, names in lower case; several values of one name joined by {@code ","}
 * @param body       the raw body as UTF-8 text ({@code ""} when empty)
 * @param receivedAt when the request arrived
 */
public record RecordedCall(String path, Map<String, String> headers, String body, Instant receivedAt) {

    /** Copies the headers into an immutable map keyed by lower-case names. */
    public RecordedCall {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Map<String, String> lower = new TreeMap<>();
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
    }

    /**
     * The body parsed as JSON; integers too big for a {@code long} come back as big integers.
     *
     * @return the body as a JSON tree
     * @throws IllegalStateException when the body is not JSON
     */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body.isEmpty() ? "null" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("body of " + path + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A header by name, in any case.
     *
     * @param name the header name
     * @return its value, or {@code null} when absent
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Masks the {@code X-GEWE-TOKEN} header so a failing assertion never prints a token. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(headers);
        shown.computeIfPresent("x-gewe-token", (k, v) -> "***");
        return "RecordedCall[path=" + path + ", headers=" + shown + ", body=" + body + ", receivedAt=" + receivedAt + "]";
    }
}
