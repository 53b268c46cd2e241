package io.gewebot.host;

import java.time.Duration;
import java.util.Objects;

/**
 * What the host's HTTP endpoint takes at once.
 *
 * @param queueCapacity callbacks waiting to be processed before new ones get 503; at least 1
 * @param maxCallbackBytes the largest callback body accepted; at least 1024
 * @param requestTimeout how long one HTTP request may take to arrive (and an idle connection stay open);
 *     longer than 0
 * @param maxConnections HTTP connections open at once, in all; at least 1
 * @param maxConnectionsPerAddress HTTP connections open at once from one address; at least 1
 */
public record HttpLimits(int queueCapacity, int maxCallbackBytes, Duration requestTimeout, int maxConnections,
        int maxConnectionsPerAddress) {

    /**
     * Checks the parts.
     *
     * @throws InvalidSetting naming the part that breaks its rule
     */
    public HttpLimits {
        atLeast("queueCapacity", queueCapacity, 1);
        atLeast("maxCallbackBytes", maxCallbackBytes, 1024);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new InvalidSetting("requestTimeout", "must be longer than 0");
        }
        atLeast("maxConnections", maxConnections, 1);
        atLeast("maxConnectionsPerAddress", maxConnectionsPerAddress, 1);
    }

    private static void atLeast(String part, int value, int min) {
        if (value < min) {
            throw new InvalidSetting(part, "must be a whole number of at least " + min);
        }
    }
}
