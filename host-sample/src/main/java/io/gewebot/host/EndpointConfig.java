package io.gewebot.host;

import java.util.Objects;

/**
 * Where the host's HTTP endpoint listens, and under which path it takes callbacks.
 *
 * @param port HTTP port for callbacks and health; 0 picks a free one
 * @param bind the address the endpoint listens on: {@value #BIND_ALL}, or {@value #BIND_LOOPBACK} on
 *     the embedded sandbox, unless configured; empty until that choice is made ({@link #orBind})
 * @param callbackSecret when non-empty, callbacks are accepted only under {@code /gewe/callback/<secret>}
 */
public record EndpointConfig(int port, String bind, String callbackSecret) {

    /** Where the endpoint listens without {@code --bind}: every interface, since GeWe's server must reach it. */
    public static final String BIND_ALL = "0.0.0.0";
    /** Where it listens on the embedded sandbox without {@code --bind}: the sandbox is on loopback too. */
    public static final String BIND_LOOPBACK = "127.0.0.1";

    /**
     * Checks the parts.
     *
     * @throws InvalidSetting naming the part that breaks its rule
     */
    public EndpointConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(callbackSecret, "callbackSecret");
        if (!callbackSecret.matches("[A-Za-z0-9._~-]*")) {
            throw new InvalidSetting("callbackSecret", "may hold only letters, digits and ._~-");
        }
        if (port < 0) {
            throw new InvalidSetting("port", "must be a whole number of at least 0");
        }
        if (port > 65535) {
            throw new InvalidSetting("port", "must be at most 65535");
        }
        if (!bind.matches("[A-Za-z0-9.:%\\[\\]-]*")) {
            throw new InvalidSetting("bind", "must be an IP address or a host name, such as 127.0.0.1");
        }
    }

    /**
     * @param address where to listen when no address is configured
     * @return this endpoint, listening there unless it has an address
     */
    EndpointConfig orBind(String address) {
        return bind.isEmpty() ? new EndpointConfig(port, address, callbackSecret) : this;
    }

    /**
     * @param secret the callback secret to take callbacks under
     * @return this endpoint with that secret
     */
    EndpointConfig withCallbackSecret(String secret) {
        return new EndpointConfig(port, bind, secret);
    }
}
