package io.gewebot.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer of an operation that reads a list from the platform: {@link Listed} with the items, or
 * {@link NotListed} with the {@link ContactOutcome.Refused refusal} or {@link ContactOutcome.Failed
 * failure} that kept it from answering.
 *
 * @param <T> what is listed
 */
public sealed interface Listing<T> permits Listing.Listed, Listing.NotListed {

    /**
     * The platform answered.
     *
     * @param items what it listed, in its order; may be empty
     * @param <T> what is listed
     */
    record Listed<T>(List<T> items) implements Listing<T> {
        /**
         * Copies the items.
         *
         * @throws NullPointerException when the list or an item is {@code null}
         */
        public Listed {
            items = List.copyOf(items);
        }
    }

    /**
     * Nothing was listed.
     *
     * @param outcome why: a {@link ContactOutcome.Refused} or a {@link ContactOutcome.Failed}
     * @param <T> what would have been listed
     */
    record NotListed<T>(ContactOutcome outcome) implements Listing<T> {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         * @throws IllegalArgumentException when it is a success
         */
        public NotListed {
            Objects.requireNonNull(outcome, "outcome");
            if (!(outcome instanceof ContactOutcome.Refused) && !(outcome instanceof ContactOutcome.Failed)) {
                throw new IllegalArgumentException("a listing that failed needs a refusal or a failure");
            }
        }
    }

    /**
     * The answer of an extension that does not offer the operation.
     *
     * @param operation what was asked, for people
     * @param <T> what would have been listed
     * @return {@link NotListed} with {@link ContactOutcome.Reason#UNSUPPORTED}
     */
    static <T> Listing<T> unsupported(String operation) {
        return new NotListed<>(ContactOutcome.unsupported(operation));
    }
}
