package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link FriendRequestPacer#bookSearch} decided about one search for a person: search at an
 * instant (now, or once the search interval has passed), or not at all today.
 */
public sealed interface SearchDecision {

    /**
     * The search is booked: make it at {@code at}, not before.
     *
     * @param at when it may be made
     */
    record Granted(Instant at) implements SearchDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Granted {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Refused: the account made as many searches in the last 24 hours as the cap allows.
     *
     * @param cap the cap
     * @param freeAt when the oldest of them leaves the 24 hours, so that one more search is allowed
     */
    record CapReached(int cap, Instant freeAt) implements SearchDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public CapReached {
            Objects.requireNonNull(freeAt, "freeAt");
        }
    }
}
