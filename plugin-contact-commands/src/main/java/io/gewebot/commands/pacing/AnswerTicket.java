package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * Permission to send one answer at {@code slot}: it is in the ledger as in flight, so a crash before
 * {@link FriendRequestPacer#completeAnswer} leaves it maybe sent.
 *
 * @param id its ledger id
 * @param intent what to send
 * @param slot when it may be sent (answers are spaced apart)
 */
public record AnswerTicket(long id, AnswerIntent intent, Instant slot) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public AnswerTicket {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(slot, "slot");
    }
}
