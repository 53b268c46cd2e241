package io.gewebot.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings a host hands to a {@link ContactAction}: a plain, immutable key/value view with typed
 * accessors for the keys every contact plugin needs.
 *
 * <p>Values whose key names a secret (it contains {@code token}, {@code secret} or {@code password})
 * are never shown by {@link #toString()}.
 */
public final class ContactSettings {

    /** The platform's base URL, including its path prefix. */
    public static final String BASE_URL = "baseUrl";
    /** The platform token. Secret. */
    public static final String TOKEN = "token";
    /** The account's device id on the platform. */
    public static final String APP_ID = "appId";
    /** How long to wait for a connection, in milliseconds. */
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
    /** How long to wait for an answer, in milliseconds. */
    public static final String RESPONSE_TIMEOUT_MS = "responseTimeoutMs";
    /** The greeting sent with a friend request when the user gives none. */
    public static final String DEFAULT_GREETING = "defaultGreeting";
    /**
     * Which variant of the platform the base URL points at, when the platform has several that differ
     * in what they offer (for GeWe: {@code self-hosted} or {@code hosted}); unset when unknown.
     */
    public static final String VARIANT = "variant";

    /** Used when {@link #CONNECT_TIMEOUT_MS} is not set. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Used when {@link #RESPONSE_TIMEOUT_MS} is not set. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, String> values;

    private ContactSettings(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Settings holding a copy of {@code values}.
     *
     * @param values keys and values; neither may be {@code null}
     * @return the settings
     */
    public static ContactSettings of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of " + key)));
        return new ContactSettings(Collections.unmodifiableMap(copy));
    }

    /**
     * The value of a key.
     *
     * @param key the key
     * @return its value, or empty when unset or blank
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * The value of a key that must be set.
     *
     * @param key the key
     * @return its value
     * @throws IllegalArgumentException when it is unset or blank
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException("setting '" + key + "' is required"));
    }

    /**
     * A duration given in milliseconds.
     *
     * @param key the key
     * @param fallback the value when unset
     * @return the duration
     * @throws IllegalArgumentException when the value is not a positive whole number
     */
    public Duration millis(String key, Duration fallback) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(raw.get().strip());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a positive number of milliseconds");
        }
    }

    /** @return {@link #BASE_URL}, required */
    public String baseUrl() {
        return require(BASE_URL);
    }

    /** @return {@link #TOKEN}, required */
    public String token() {
        return require(TOKEN);
    }

    /** @return {@link #APP_ID}, required */
    public String appId() {
        return require(APP_ID);
    }

    /** @return {@link #CONNECT_TIMEOUT_MS}, or {@link #DEFAULT_CONNECT_TIMEOUT} */
    public Duration connectTimeout() {
        return millis(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT);
    }

    /** @return {@link #RESPONSE_TIMEOUT_MS}, or {@link #DEFAULT_RESPONSE_TIMEOUT} */
    public Duration responseTimeout() {
        return millis(RESPONSE_TIMEOUT_MS, DEFAULT_RESPONSE_TIMEOUT);
    }

    /** @return {@link #DEFAULT_GREETING}, or empty */
    public String defaultGreeting() {
        return get(DEFAULT_GREETING).orElse("");
    }

    /** @return {@link #VARIANT}, or empty when unknown */
    public Optional<String> variant() {
        return get(VARIANT);
    }

    /** @return every key and value, unmodifiable; contains secrets, so never log it */
    public Map<String, String> asMap() {
        return values;
    }

    /** @return the keys and values with every secret value replaced by {@code ***} */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("ContactSettings{");
        String sep = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.append(sep).append(e.getKey()).append('=').append(isSecret(e.getKey()) ? "***" : e.getValue());
            sep = ", ";
        }
        return out.append('}').toString();
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("token") || k.contains("secret") || k.contains("password");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactSettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
