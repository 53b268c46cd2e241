package io.gewebot.contacts;

import io.gewebot.api.ContactOutcome.Failed;
import java.util.Objects;
import java.util.Optional;

/**
 * What one GeWe call came to: GeWe said {@code ret 200} ({@link Success}), or it did not, or no usable
 * answer arrived ({@link Failure}).
 *
 * @param <T> the type of the {@code data} a successful call carries
 */
sealed interface GeweReply<T> permits GeweReply.Success, GeweReply.Failure {

    /**
     * GeWe answered {@code ret 200}.
     *
     * @param data the answer's {@code data}, empty when it had none
     * @param <T> its type
     */
    record Success<T>(Optional<T> data) implements GeweReply<T> {
        public Success {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * GeWe refused the call, or no usable answer came.
     *
     * @param failed the failure, every text already free of the token
     * @param unknownEndpoint whether the answer says GeWe has no such endpoint (a variant without it)
     * @param <T> the data type the call would have carried
     */
    record Failure<T>(Failed failed, boolean unknownEndpoint) implements GeweReply<T> {
        public Failure {
            Objects.requireNonNull(failed, "failed");
        }

        /** A failure of an endpoint GeWe has. */
        Failure(Failed failed) {
            this(failed, false);
        }
    }
}
