package io.gewebot.common.text;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces every secret (the GeWe token, the callback secret) in a text with {@code ***}.
 *
 * <p>The rule: a secret is masked where it stands as a whole token, that is where neither the
 * character before it nor the one after it continues a word (a letter, a digit or {@code _})
 * that the secret's own first or last character would be part of; the start and the end of the
 * text count as such a boundary. So a one-letter token {@code t} is masked in {@code token=t} and
 * in {@code "t"}, but {@code Connection refused} keeps its letters. A secret of
 * {@value #ANYWHERE_LENGTH} or more characters is masked wherever it occurs, even inside a longer
 * word: such a text cannot appear there by chance, and showing it would leak it.
 */
public final class Redactor {

    /** From this length on, a secret is masked even inside a word. */
    static final int ANYWHERE_LENGTH = 8;

    private static final String MASK = "***";

    private final List<String> secrets;

    /** @param secrets the secret values; empty ones are ignored */
    public Redactor(List<String> secrets) {
        // Longest first, so that a secret holding another is masked whole.
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * @param text any text, may be {@code null}
     * @return the text without secrets, never {@code null}
     */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            out = mask(out, secret);
        }
        return out;
    }

    private static String mask(String text, String secret) {
        int at = text.indexOf(secret);
        if (at < 0) {
            return text;
        }
        boolean anywhere = secret.length() >= ANYWHERE_LENGTH;
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (at >= 0) {
            int end = at + secret.length();
            if (anywhere || standsAlone(text, at, end)) {
                out.append(text, copied, at).append(MASK);
                copied = end;
                at = text.indexOf(secret, end);
            } else {
                at = text.indexOf(secret, at + 1);
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Whether {@code text[start, end)} is not glued to a word on either side. */
    private static boolean standsAlone(String text, int start, int end) {
        boolean leftOpen = start == 0 || !isWord(text.codePointBefore(start)) || !isWord(text.codePointAt(start));
        boolean rightOpen = end == text.length() || !isWord(text.codePointAt(end)) || !isWord(text.codePointBefore(end));
        return leftOpen && rightOpen;
    }

    private static boolean isWord(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || codePoint == '_';
    }
}
