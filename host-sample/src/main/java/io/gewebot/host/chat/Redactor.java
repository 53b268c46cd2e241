package io.gewebot.host.chat;

import java.util.List;
import java.util.Objects;

/** Replaces every secret (the GeWe token, the callback secret) in a text with {@code ***}. */
public final class Redactor {

    private final List<String> secrets;

    /** @param secrets the secret values; blank ones are ignored */
    public Redactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 3).toList();
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
            out = out.replace(secret, "***");
        }
        return out;
    }
}
