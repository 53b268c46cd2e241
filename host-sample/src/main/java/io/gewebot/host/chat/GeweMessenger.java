package io.gewebot.host.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's own GeWe calls: sending chat text ({@code /message/postText}) and asking whether the
 * account is online ({@code /login/checkOnline}). Contact operations are the plugin's business.
 */
public final class GeweMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(GeweMessenger.class);

    /**
     * What a GeWe call gave.
     *
     * @param answered whether GeWe answered with a readable envelope
     * @param ok whether that envelope said {@code ret 200}
     * @param text GeWe's text, or what went wrong
     * @param data the envelope's {@code data}, when any
     */
    public record Answer(boolean answered, boolean ok, String text, Optional<JsonNode> data) {
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String token;
    private final String appId;
    private final Duration timeout;

    /**
     * @param baseUrl GeWe's base URL with its path prefix
     * @param token the token (secret)
     * @param appId the device id
     * @param timeout how long a call may take
     * @param json the JSON mapper
     */
    public GeweMessenger(String baseUrl, String token, String appId, Duration timeout, ObjectMapper json) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.token = Objects.requireNonNull(token, "token");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.json = Objects.requireNonNull(json, "json");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends a chat text.
     *
     * @param toWxid a wxid or a group id
     * @param content the text
     * @return what GeWe answered
     */
    public Answer postText(String toWxid, String content) {
        ObjectNode body = json.createObjectNode().put("appId", appId).put("toWxid", toWxid).put("content", content);
        Answer answer = call("/message/postText", body);
        if (!answer.ok()) {
            LOG.warn("Reply to {} not delivered: {}", toWxid, answer.text());
        }
        return answer;
    }

    /**
     * Asks GeWe whether the account is online.
     *
     * @return GeWe's answer; {@code data} is {@code true} when online
     */
    public Answer checkOnline() {
        return call("/login/checkOnline", json.createObjectNode().put("appId", appId));
    }

    /** @return the base URL GeWe is reached at */
    public String baseUrl() {
        return baseUrl;
    }

    private Answer call(String path, ObjectNode body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-GEWE-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(false, false, "cannot build the request to " + path, Optional.empty());
        }
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new Answer(false, false, "GeWe answered HTTP " + response.statusCode(), Optional.empty());
            }
            JsonNode envelope = json.readTree(response.body());
            if (envelope == null || !envelope.isObject()) {
                return new Answer(false, false, "GeWe's answer is not a JSON object", Optional.empty());
            }
            int ret = envelope.path("ret").asInt(-1);
            String msg = envelope.path("msg").asText("");
            JsonNode data = envelope.get("data");
            if (ret != 200 && data != null && data.hasNonNull("msg")) {
                msg = msg + ": " + data.get("msg").asText();
            }
            return new Answer(true, ret == 200, redact(msg), Optional.ofNullable(data));
        } catch (HttpTimeoutException e) {
            return new Answer(false, false, "GeWe did not answer within " + timeout.toSeconds() + " s", Optional.empty());
        } catch (IOException e) {
            return new Answer(false, false, "GeWe could not be reached (" + e.getClass().getSimpleName() + ")",
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, false, "interrupted", Optional.empty());
        }
    }

    private String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "***");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
