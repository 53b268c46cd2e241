package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one account stands against its limits, as {@code /limits} shows it. Every count is of the
 * rolling 24 hours before now.
 *
 * @param adds friend requests that count (in flight, done or maybe sent)
 * @param addCap the most allowed
 * @param nextAddAt the earliest a friend request may go out (interval, cap, pause and warm-up all
 *     considered), never before now
 * @param queued friend requests waiting in the queue
 * @param searches searches for people made or booked
 * @param searchCap the most allowed
 * @param nextSearchAt the earliest a search may be made
 * @param answers accepts and rejects that count
 * @param answerCap the most allowed
 * @param pausedUntil when the risk-control pause ends; empty when there is none
 * @param warmupEndsAt when the warm-up ends or ended; empty when it is skipped or the account has
 *     not been seen online yet
 */
public record AccountLimits(int adds, int addCap, Instant nextAddAt, int queued, int searches, int searchCap,
        Instant nextSearchAt, int answers, int answerCap, Optional<Instant> pausedUntil,
        Optional<Instant> warmupEndsAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public AccountLimits {
        Objects.requireNonNull(nextAddAt, "nextAddAt");
        Objects.requireNonNull(nextSearchAt, "nextSearchAt");
        Objects.requireNonNull(pausedUntil, "pausedUntil");
        Objects.requireNonNull(warmupEndsAt, "warmupEndsAt");
    }
}
