package io.gewebot.host;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;

/** Which GeWe the host talks to: the two differ in where the callback URL is registered. */
public enum GeweVariant {
    /** A Gewechat container of one's own: {@code /tools/setCallback}. */
    SELF_HOSTED("self-hosted"),
    /** The hosted GeWe service: {@code /login/setCallback}. */
    HOSTED("hosted");

    private final String label;

    GeweVariant(String label) {
        this.label = label;
    }

    /** @return the name {@code --gewe-variant} takes */
    public String label() {
        return label;
    }

    /**
     * The variant a base URL points at: the hosted service's address, or a path ending in
     * {@code /gewe/v2/api} as the hosted service's does; anything else is taken for a container.
     *
     * @param baseUrl GeWe's base URL
     * @return the variant it most likely is
     */
    static GeweVariant guess(String baseUrl) {
        return guessOf(baseUrl);
    }

    /**
     * The variant of a label, as {@code --gewe-variant} and {@code geweVariant:} take it.
     *
     * @param label {@code self-hosted} or {@code hosted}
     * @return the variant
     * @throws IllegalArgumentException for another label
     */
    static GeweVariant of(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no GeWe variant " + label));
    }

    private static GeweVariant guessOf(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            return SELF_HOSTED;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return host.equals("geweapi.com") || host.endsWith(".geweapi.com") || path.endsWith("/gewe/v2/api")
                ? HOSTED : SELF_HOSTED;
    }
}
