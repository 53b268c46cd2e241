package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FriendRequestPacer#submitAll} decided about the adds of one {@code /addgroup} or
 * {@code /addlist}: each queued, or left out because its target was asked before or waits already; or
 * none of them, while the account may send no friend request at all.
 */
public sealed interface BulkDecision {

    /**
     * The adds were queued, but for those left out.
     *
     * @param queued the adds queued now, in their order in the queue
     * @param askedBefore those sent a request within the never-twice window, by any route
     * @param alreadyQueued those already waiting in the queue, by any route (or twice in this batch)
     * @param lastExpectedAt when the last of the account's queue is expected to go out; empty when nothing waits
     */
    record Queued(List<QueuedAdd> queued, List<AddIntent> askedBefore, List<AddIntent> alreadyQueued,
            Optional<Instant> lastExpectedAt) implements BulkDecision {
        /**
         * Copies the lists.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Queued {
            queued = List.copyOf(queued);
            askedBefore = List.copyOf(askedBefore);
            alreadyQueued = List.copyOf(alreadyQueued);
            Objects.requireNonNull(lastExpectedAt, "lastExpectedAt");
        }
    }

    /**
     * Nothing was queued: the account is warming up or paused.
     *
     * @param refusal {@link AddDecision.WarmingUp} or {@link AddDecision.Paused}
     */
    record HeldBack(AddDecision refusal) implements BulkDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public HeldBack {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
