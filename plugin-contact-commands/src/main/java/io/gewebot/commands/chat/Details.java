package io.gewebot.commands.chat;

import io.gewebot.common.text.Messages;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The host's own words about an operation (why it was refused, how it failed), as the ledger keeps
 * them: a code, not a sentence, so that {@code /history} and the replies show them in the admin's
 * language at the time they are shown. A platform's text is kept as it came and shown unchanged.
 *
 * <p>A code is {@value #PREFIX} and a name, then optionally a space and one argument: an instant
 * or a duration in ISO-8601, or a text. It is shown through the bundle key {@code detail.<name>};
 * the argument fills its {@code {0}}. An argument the text has no place for (a plugin's own words
 * about a refusal, kept by earlier releases) is not shown: the admin reads the reason in words.
 */
final class Details {

    static final String PREFIX = "#detail.";

    /** What the ledger has said about restarts and cancellations since before it kept codes. */
    private static final String RESTART = "interrupted by a restart";
    private static final String CANCELLED_BY = "cancelled by ";

    private Details() {
    }

    /**
     * @param name the detail's name, such as {@code offline}
     * @return its code
     */
    static String code(String name) {
        return PREFIX + name;
    }

    /**
     * @param name the detail's name, such as {@code alreadySent}
     * @param argument an {@link Instant}, a {@link Duration} or a text; an empty text is left out
     * @return its code
     */
    static String code(String name, Object argument) {
        String text = String.valueOf(argument);
        return text.isEmpty() ? code(name) : PREFIX + name + " " + text;
    }

    /**
     * @param messages the chat texts
     * @param detail a ledger detail: a code, or a platform's text
     * @return it as the admin reads it
     */
    static String render(Messages messages, String detail) {
        if (detail.equals(RESTART)) {
            return render(messages, code("restart"));
        }
        if (detail.startsWith(CANCELLED_BY)) {
            return render(messages, code("cancelled", detail.substring(CANCELLED_BY.length())));
        }
        if (!detail.startsWith(PREFIX)) {
            return detail;
        }
        int space = detail.indexOf(' ');
        String key = "detail." + (space < 0 ? detail.substring(PREFIX.length()) : detail.substring(PREFIX.length(), space));
        Optional<String> argument = space < 0 ? Optional.empty() : Optional.of(detail.substring(space + 1));
        if (!messages.has(key)) {
            return detail;
        }
        if (argument.isEmpty()) {
            return messages.get(key);
        }
        // An argument may be a code itself (looking up again: why the search failed): shown in words too.
        String shown = argument.get().startsWith(PREFIX) ? render(messages, argument.get()) : argument.get();
        String pattern = messages.get(key);
        return pattern.contains("{0}") ? messages.get(key, shown.equals(argument.get()) ? value(shown) : shown)
                : pattern;
    }

    private static Object value(String argument) {
        try {
            return Instant.parse(argument);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return argument.startsWith("PT") || argument.startsWith("P") ? Duration.parse(argument) : argument;
            } catch (DateTimeParseException notADuration) {
                return argument;
            }
        }
    }
}
