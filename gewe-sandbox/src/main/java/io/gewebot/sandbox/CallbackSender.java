package io.gewebot.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts callback JSON to a URL the way GeWe's server does, with bounded timeouts, and keeps the one
 * callback URL of the token: every account of the token is pushed there.
 */
final class CallbackSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private volatile String callbackUrl;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @return where the token's callbacks go, or {@code null} when none is set */
    String callbackUrl() {
        return callbackUrl;
    }

    void setCallbackUrl(String url) {
        callbackUrl = url;
    }

    /**
     * Posts {@code json} and returns the HTTP status the receiver answered.
     *
     * @throws UncheckedIOException when the receiver cannot be reached or does not answer in time
     */
    int post(String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException first) {
                // A kept-alive connection the receiver closed while idle (as servers do) fails the post
                // before anything was read; GeWe pushes such a callback again, so the sandbox does too,
                // once, on a new connection. A receiver that is really down fails again.
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("callback to " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException("interrupted while posting a callback to " + url, new IOException(e));
        }
    }
}
