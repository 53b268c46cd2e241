package io.gewebot.host.http;

import java.util.List;
import java.util.Objects;

/**
 * Who may reach the endpoint besides the callback secret's guard: the addresses callbacks are taken
 * from, and what {@code /metrics} asks for. {@code /health} is open to all.
 *
 * @param callbackAllow the addresses and ranges callbacks are taken from, matched against the TCP
 *     peer (never a forwarding header, which any client can write); empty for every address
 * @param metricsToken the bearer token {@code /metrics} asks for ({@code Authorization: Bearer <token>});
 *     empty: {@code /metrics} answers loopback peers only
 */
public record EndpointAccess(List<AddressRange> callbackAllow, String metricsToken) {

    /** Callbacks from every address; {@code /metrics} for loopback peers only. */
    public static final EndpointAccess DEFAULT = new EndpointAccess(List.of(), "");

    /** Checks the parts. */
    public EndpointAccess {
        callbackAllow = List.copyOf(callbackAllow);
        Objects.requireNonNull(metricsToken, "metricsToken");
    }

    /** @return a description for the start-up log, with the token hidden */
    @Override
    public String toString() {
        return "callbackAllow=" + (callbackAllow.isEmpty() ? "(every address)" : callbackAllow)
                + ", metricsToken=" + (metricsToken.isEmpty() ? "(none: loopback only)" : "***");
    }
}
