package io.gewebot.host.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.host.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's own GeWe calls: sending chat text ({@code /message/postText}) and asking whether the
 * account is online ({@code /login/checkOnline}). Contact operations are the plugin's business.
 *
 * <p>Calls go through the JDK's {@link HttpURLConnection} (keep-alive connections, blocking, one call
 * at a time per thread), which costs the host's start-up a few dozen classes where
 * {@code java.net.http} costs some 300 and a TLS set-up even for an {@code http://} GeWe. A call is
 * never repeated: the JDK's silent second try of a POST on a stale connection is switched off, so a
 * reply cannot reach a chat twice.
 */
public final class GeweMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(GeweMessenger.class);
    private static final String RETRY_POST = "sun.net.http.retryPost";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** GeWe's envelopes are small; a longer answer is not read into memory. */
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Json JSON = Json.standard();

    static {
        // Read once, when the JDK's HTTP client classes load; a value the operator set wins.
        if (System.getProperty(RETRY_POST) == null) {
            System.setProperty(RETRY_POST, "false");
        }
    }

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

    private final String baseUrl;
    private final String token;
    private final String appId;
    private final Duration timeout;

    /**
     * @param baseUrl GeWe's base URL with its path prefix
     * @param token the token (secret)
     * @param appId the device id
     * @param timeout how long GeWe may take to answer a call
     */
    public GeweMessenger(String baseUrl, String token, String appId, Duration timeout) {
        this.baseUrl = stripSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.token = Objects.requireNonNull(token, "token");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Sends a chat text.
     *
     * @param toWxid a wxid or a group id
     * @param content the text
     * @return what GeWe answered
     */
    public Answer postText(String toWxid, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("appId", appId);
        body.put("toWxid", toWxid);
        body.put("content", content);
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
        return call("/login/checkOnline", Map.of("appId", appId));
    }

    /** @return the base URL GeWe is reached at */
    public String baseUrl() {
        return baseUrl;
    }

    private Answer call(String path, Map<String, Object> body) {
        HttpURLConnection http;
        try {
            // No proxy: GeWe is reached directly, as the plugin reaches it.
            http = (HttpURLConnection) new URL(baseUrl + path).openConnection(Proxy.NO_PROXY);
        } catch (MalformedURLException | IllegalArgumentException | ClassCastException e) {
            return new Answer(false, false, "cannot build the request to " + path, Optional.empty());
        } catch (IOException e) {
            return unreachable(e);
        }
        byte[] request = JSON.write(body);
        try {
            http.setConnectTimeout(millis(CONNECT_TIMEOUT));
            http.setReadTimeout(millis(timeout));
            http.setUseCaches(false);
            http.setInstanceFollowRedirects(false);
            http.setRequestMethod("POST");
            http.setRequestProperty("Content-Type", "application/json");
            http.setRequestProperty("Accept", "application/json");
            http.setRequestProperty("X-GEWE-TOKEN", token);
            http.setDoOutput(true);
            // Not in streaming mode: for a streamed POST the JDK first probes a reused connection
            // with a read that blocks for 1 ms, on every call.
            try (OutputStream out = http.getOutputStream()) {
                out.write(request);
            }
            int status = http.getResponseCode();
            if (status != 200) {
                discard(http.getErrorStream());
                return new Answer(false, false, "GeWe answered HTTP " + status, Optional.empty());
            }
            byte[] answer;
            try (InputStream in = http.getInputStream()) {
                answer = readAnswer(in, http.getContentLengthLong());
            }
            if (answer.length > MAX_ANSWER_BYTES) {
                http.disconnect();
                return new Answer(false, false, "GeWe's answer is too large", Optional.empty());
            }
            return envelope(answer);
        } catch (SocketTimeoutException e) {
            http.disconnect();
            return new Answer(false, false, "GeWe did not answer within " + timeout.toSeconds() + " s", Optional.empty());
        } catch (IOException e) {
            http.disconnect();
            return unreachable(e);
        }
    }

    private Answer envelope(byte[] answer) {
        JsonNode envelope;
        try {
            envelope = JSON.read(answer).orElse(null);
        } catch (IOException e) {
            envelope = null;
        }
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
    }

    /** The answer's body, in a buffer of its declared length when it has one; one byte too many when too long. */
    private static byte[] readAnswer(InputStream in, long declared) throws IOException {
        if (declared < 0 || declared > MAX_ANSWER_BYTES) {
            return in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            throw new IOException("GeWe's answer ended early");
        }
        return body;
    }

    private static Answer unreachable(IOException e) {
        return new Answer(false, false, "GeWe could not be reached (" + e.getClass().getSimpleName() + ")",
                Optional.empty());
    }

    /** Reads what is left of an error answer, so that its connection can carry the next call. */
    private static void discard(InputStream in) {
        if (in == null) {
            return;
        }
        try (in) {
            in.readNBytes(MAX_ANSWER_BYTES);
        } catch (IOException ignored) {
            // The status is the answer.
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, "***");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
