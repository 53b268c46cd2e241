package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * Permission to send one friend request now. It is journaled as in flight before it is handed
 * out, so a crash between here and {@link FriendRequestPacer#complete} can never lead to the
 * request being sent again; hand it back through {@code complete} once the plugin has answered.
 *
 * @param id the journal id of this add (the same id it had while queued)
 * @param intent what to send
 * @param startedAt when the send was allowed
 */
public record SendTicket(long id, AddIntent intent, Instant startedAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public SendTicket {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
