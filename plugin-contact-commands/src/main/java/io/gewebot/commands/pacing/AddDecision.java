package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link FriendRequestPacer#submit} decided about one {@code /add}: send it now, queue it,
 * or turn it away and say why.
 */
public sealed interface AddDecision {

    /**
     * Send it now; the ticket is already journaled as in flight.
     *
     * @param ticket what to send, to be handed back to {@link FriendRequestPacer#complete}
     */
    record SendNow(SendTicket ticket) implements AddDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public SendNow {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * Queued (persistently) until the interval or the daily cap lets it go; the host gets it from
     * {@link FriendRequestPacer#takeDue} when its turn comes.
     *
     * @param entry the queued add with its expected send time
     * @param position its place in the account's queue, 1 for the next to go
     */
    record Queued(QueuedAdd entry, int position) implements AddDecision {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when the entry is {@code null}
         * @throws IllegalArgumentException when the position is below 1
         */
        public Queued {
            Objects.requireNonNull(entry, "entry");
            if (position < 1) {
                throw new IllegalArgumentException("position must be at least 1, got " + position);
            }
        }
    }

    /**
     * Refused: this account sent (or may have sent) the same target a request within the
     * duplicate window.
     *
     * @param lastSentAt when that request went out
     */
    record Duplicate(Instant lastSentAt) implements AddDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Duplicate {
            Objects.requireNonNull(lastSentAt, "lastSentAt");
        }
    }

    /**
     * Refused: a request to the same target is already waiting in the queue.
     *
     * @param entry the waiting request
     */
    record AlreadyQueued(QueuedAdd entry) implements AddDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public AlreadyQueued {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * Refused: the account has not been online long enough to send friend requests.
     *
     * @param until when the warm-up ends
     */
    record WarmingUp(Instant until) implements AddDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public WarmingUp {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Refused: the platform reported risk control and the account's adds are paused.
     *
     * @param until when the pause ends, unless {@link FriendRequestPacer#resume} ends it earlier
     */
    record Paused(Instant until) implements AddDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Paused {
            Objects.requireNonNull(until, "until");
        }
    }
}
