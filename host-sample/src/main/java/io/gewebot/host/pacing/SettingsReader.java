package io.gewebot.host.pacing;

import io.gewebot.host.Durations;
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
 * Reads an account's settings as text, each value by its key: what a host hands its chat extension. Every
 * refusal names the key and shows a value that would do.
 */
final class SettingsReader {

    private final Map<String, String> settings;

    SettingsReader(Map<String, String> settings) {
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
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    Duration duration(String key, Duration fallback) {
        try {
            return durationOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    int count(String key, int fallback) {
        try {
            return countOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    boolean flag(String key, boolean fallback) {
        try {
            return flagOf(key, fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the key when its value cannot be read
     */
    Optional<Instant> instant(String key) {
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
