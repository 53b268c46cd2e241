package io.gewebot.api.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A text written in one of the account's conversations, as a host routes it to a {@link ChatExtension}.
 *
 * @param conversation where it was written and where a reply goes: a wxid for a private chat, a group's
 *     id, or whatever the host names its own channels (a console)
 * @param sender who wrote it (in a group, the member)
 * @param fromAdmin whether the host counts the sender as an admin of this account: its decision alone
 * @param text the text as written
 * @param writtenAt when it was written, as the platform says
 */
public record IncomingText(String conversation, String sender, boolean fromAdmin, String text, Instant writtenAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public IncomingText {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
