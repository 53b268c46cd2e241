package io.gewebot.common.text;

import io.gewebot.common.settings.Durations;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Every text the bot says in chat, from the {@code messages} bundles in English and Chinese.
 * Instants are shown in the host's time zone as {@code yyyy-MM-dd HH:mm:ss}; durations in the
 * language's units ({@code duration.*}).
 */
public final class Messages {

    private static final String BUNDLE = "io.gewebot.common.text.messages";

    private final ResourceBundle bundle;
    private final Locale locale;
    private final DateTimeFormatter time;

    private Messages(ResourceBundle bundle, Locale locale, ZoneId zone) {
        this.bundle = bundle;
        this.locale = locale;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", locale).withZone(zone);
    }

    /**
     * The messages of a language.
     *
     * @param language {@code en} or {@code zh}
     * @param zone the zone instants are shown in
     * @return the messages
     */
    public static Messages of(String language, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Locale locale = "zh".equals(language) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        // No fallback to the JVM's default locale: "en" must mean the base bundle on every machine.
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Messages(bundle, locale, zone);
    }

    /**
     * The text of a key with its arguments filled in; {@link Instant} and {@link Duration} arguments are
     * formatted for people.
     *
     * @param key the key
     * @param args the arguments
     * @return the text
     * @throws MissingResourceException when the key is unknown
     */
    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        // Formatted with or without arguments, so that '' is one quote in every text.
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = show(args[i]);
        }
        return new MessageFormat(pattern, locale).format(shown);
    }

    /**
     * @param key a key
     * @return whether the bundle has it
     */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * @param instant an instant
     * @return it as people read it here
     */
    public String time(Instant instant) {
        return time.format(instant);
    }

    /**
     * @param duration a duration
     * @return it as people read it in this language, such as {@code 7d} or {@code 7 天}
     */
    public String duration(Duration duration) {
        return Durations.format(duration, (n, unit) -> get("duration." + unit, n));
    }

    private Object show(Object arg) {
        if (arg instanceof Instant i) {
            return time(i);
        }
        if (arg instanceof Duration d) {
            return duration(d);
        }
        if (arg instanceof Number n) {
            return n.toString();
        }
        return arg == null ? "" : arg.toString();
    }
}
