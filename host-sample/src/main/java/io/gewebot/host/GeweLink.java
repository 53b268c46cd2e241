package io.gewebot.host;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How GeWe reaches the host, and how the host talks to GeWe and keeps the accounts online.
 *
 * @param publicUrl the address at which GeWe reaches this host ({@code http://203.0.113.5:8080}),
 *     without a trailing slash (one given is taken off); empty when the callback URL is registered by hand
 * @param reconnectWaits the waits before each reconnection attempt after an account dropped, in order;
 *     at least one
 * @param responseTimeout how long a GeWe call may take
 */
public record GeweLink(Optional<String> publicUrl, List<Duration> reconnectWaits, Duration responseTimeout) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws InvalidSetting naming the part that breaks its rule
     */
    public GeweLink {
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (publicUrl.isPresent() && !publicUrl.get().matches("(?i)https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new InvalidSetting("publicUrl",
                    "must be an http(s) URL such as http://203.0.113.5:8080, without ? or #");
        }
        publicUrl = publicUrl.map(url -> url.replaceAll("/+$", ""));
        reconnectWaits = List.copyOf(reconnectWaits);
        if (reconnectWaits.isEmpty()) {
            throw new InvalidSetting("reconnectWaits", "must name at least one wait");
        }
    }
}
