package io.gewebot.common.settings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an account's settings as text, each value by its key: what a host hands its chat extension
 * ({@link io.gewebot.api.chat.ChatContext#settings()}). A missing or blank key takes the fallback given;
 * every refusal names the key and says what would do.
 */
public final class SettingsReader {

    private final Map<String, String> settings;

    /**
     * @param settings the settings
     */
    public SettingsReader(Map<String, String> settings) {
        this.settings = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    }

    private Duration durationOf(String key, Duration fallback) {
        return text(key).map(Durations::parse).orElse(fallback);
    }

    private int countOf(String key, int fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number");
        }
    }

    private boolean flagOf(String key, boolean fallback) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private Optional<Instant> instantOf(String key) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.get().length() == 10
                    ? LocalDate.parse(text.get()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time such as 2026-11-01T00:00:00Z or 2026-11-01");
        }
    }

    /**
     * A duration: ISO-8601 ({@code PT30M}) or a number with its unit ({@code 30m}, {@code 90s}); {@code 0}
     * alone is the only number without one.
     *
     * @param key the key
     * @param fallback the value when it is missing
     * @return the duration
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    public Duration duration(String key, Duration fallback) {
        try {
            return durationOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A whole number.
     *
     * @param key the key
     * @param fallback the value when it is missing
     * @return the number
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    public int count(String key, int fallback) {
        try {
            return countOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param key the key
     * @param fallback the value when it is missing
     * @return the flag
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    public boolean flag(String key, boolean fallback) {
        try {
            return flagOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A time: ISO-8601 ({@code 2026-11-01T00:00:00Z}) or a date ({@code 2026-11-01}, midnight UTC).
     *
     * @param key the key
     * @return the time, or empty when it is missing
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    public Optional<Instant> instant(String key) {
        try {
            return instantOf(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> text(String key) {
        return Optional.ofNullable(settings.get(key)).map(String::strip).filter(t -> !t.isEmpty());
    }
}
