package io.gewebot.contacts;

import java.util.Objects;

/**
 * The GeWe token, kept where it cannot be printed by accident: {@link #toString()} hides it, and
 * {@link #redact(String)} removes it from any text before that text leaves the plugin (GeWe itself
 * echoes a rejected token in its error message).
 */
final class Token {

    static final String MASK = "***";

    private final String value;

    /**
     * @param value the token
     * @throws IllegalArgumentException when it is blank or holds a character an HTTP header cannot carry;
     *     the message never repeats the value
     */
    Token(String value) {
        Objects.requireNonNull(value, "token");
        if (value.isBlank()) {
            throw new IllegalArgumentException("setting 'token' is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(
                        "setting 'token' holds a character an HTTP header cannot carry (at position " + i + ")");
            }
        }
        this.value = value;
    }

    /** @return the token itself, for the one header that needs it */
    String value() {
        return value;
    }

    /**
     * @param text any text, may be {@code null}
     * @return the text with every occurrence of the token replaced by {@value #MASK}
     */
    String redact(String text) {
        return text == null ? null : text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }
}
