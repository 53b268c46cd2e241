package io.gewebot.common.chat;

import java.util.Objects;

/**
 * Where a command came from, and so where its reply goes.
 *
 * @param replyTo the conversation to answer in: a wxid, a group id, or {@link #CONSOLE}
 * @param sender who typed the command ({@link #CONSOLE} for the operator at the console)
 */
public record Origin(String replyTo, String sender) {

    /** The console's conversation and sender name; no wxid can take this form. */
    public static final String CONSOLE = "@console";

    /** @return the console operator */
    public static Origin console() {
        return new Origin(CONSOLE, CONSOLE);
    }

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public Origin {
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(sender, "sender");
    }

    /** @return whether this is the console */
    public boolean isConsole() {
        return CONSOLE.equals(replyTo);
    }
}
