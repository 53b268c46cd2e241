package io.gewebot.common.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BiFunction;

/** Reads and writes durations the way people type them: {@code 90s}, {@code 5m}, {@code 2h}, {@code 3d}. */
public final class Durations {

    private Durations() {
    }

    /** What a duration must look like, as every refusal of one says it. */
    public static final String EXPECTED = "must be a duration such as 250ms, 90s, 5m, 2h, 3d or PT1H";
    /** The refusal of a number without a unit; it does not quote the number, which may come from the environment. */
    public static final String BARE_NUMBER = "must be a duration with its unit, such as 30m or 90s, not a bare number "
            + "(0 alone means none)";

    /**
     * Parses {@code <number><unit>} with unit ms, s, m, h or d, or an ISO-8601 duration such as {@code PT1H}.
     * A number without a unit is refused, {@code 0} alone excepted: {@code 30} meant as minutes and read
     * as seconds paces sixty times faster than intended, so the reader is never left to guess.
     *
     * @param text the text
     * @return the duration, zero or positive
     * @throws IllegalArgumentException when it cannot be read; the message is what the text must be
     *     ({@value #EXPECTED}, or how to write a bare number), ready to follow the name of a flag or key
     */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            Duration d;
            try {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(EXPECTED, e);
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(EXPECTED);
            }
            return d;
        }
        int split = 0;
        while (split < t.length() && Character.isDigit(t.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw new IllegalArgumentException(EXPECTED);
        }
        long n = Long.parseLong(t.substring(0, split));
        return switch (t.substring(split)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "" -> {
                if (n != 0) {
                    throw new IllegalArgumentException(BARE_NUMBER);
                }
                yield Duration.ZERO;
            }
            default -> throw new IllegalArgumentException(EXPECTED);
        };
    }

    /**
     * Formats a duration compactly for people: {@code 1d 2h}, {@code 5m 3s}, {@code 800ms}.
     *
     * @param d the duration
     * @return the text
     */
    public static String format(Duration d) {
        return format(d, (n, unit) -> n + unit);
    }

    /**
     * Formats a duration compactly, each part worded by {@code unit}: at most the two largest parts
     * among days, hours, minutes and seconds (days with hours, hours with minutes, minutes with
     * seconds), or milliseconds below a second.
     *
     * @param d the duration
     * @param unit words one part from its number and its unit ({@code d}, {@code h}, {@code m},
     *     {@code s} or {@code ms}), such as {@code 7d} or {@code 7 天}
     * @return the parts, separated by a space
     */
    public static String format(Duration d, BiFunction<Long, String, String> unit) {
        if (d.isNegative() || d.isZero()) {
            return unit.apply(0L, "s");
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return unit.apply(d.toMillis(), "ms");
        }
        long s = d.toSeconds();
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(unit.apply(days, "d")).append(' ');
        }
        if (hours > 0) {
            out.append(unit.apply(hours, "h")).append(' ');
        }
        if (minutes > 0 && days == 0) {
            out.append(unit.apply(minutes, "m")).append(' ');
        }
        if (seconds > 0 && days == 0 && hours == 0) {
            out.append(unit.apply(seconds, "s")).append(' ');
        }
        return out.toString().strip();
    }
}
