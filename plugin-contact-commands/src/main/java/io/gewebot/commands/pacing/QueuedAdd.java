package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * A friend request waiting for its turn.
 *
 * @param id the journal id of this add
 * @param intent what is to be sent
 * @param queuedAt when it was queued
 * @param expectedAt when it is expected to go out, if no risk-control pause intervenes: the next
 *     request's exact turn, and for those behind it the latest their turn can come (each counted a
 *     full {@code addInterval + addJitter} after the one before, and after the daily cap lets it)
 */
public record QueuedAdd(long id, AddIntent intent, Instant queuedAt, Instant expectedAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public QueuedAdd {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(expectedAt, "expectedAt");
    }
}
