package io.gewebot.commands.pacing;

import java.util.Objects;

/**
 * What became of an operation that was handed out: the state it ends in, whether the platform's
 * answer pauses the account (risk control), and what was said, for {@code /history}.
 *
 * @param state the final state: {@link RequestState#DONE}, {@link RequestState#REFUSED},
 *     {@link RequestState#FAILED} or {@link RequestState#MAYBE_SENT}
 * @param pausesAccount whether the platform answered with risk control: the account's adds pause
 * @param detail what the plugin or the platform said; empty for nothing
 */
public record Settlement(RequestState state, boolean pausesAccount, String detail) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the state is not a final one
     */
    public Settlement {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        if (state == RequestState.QUEUED || state == RequestState.IN_FLIGHT || state == RequestState.CANCELLED) {
            throw new IllegalArgumentException(state + " is not a settlement");
        }
    }

    /**
     * @param detail what was said
     * @return the platform accepted it
     */
    public static Settlement done(String detail) {
        return new Settlement(RequestState.DONE, false, detail);
    }

    /**
     * @param detail why
     * @return nothing was sent, on purpose (for example the person is already a friend)
     */
    public static Settlement refused(String detail) {
        return new Settlement(RequestState.REFUSED, false, detail);
    }

    /**
     * @param detail what failed
     * @return it certainly did not reach the platform; a new {@code /add} may try again
     */
    public static Settlement notSent(String detail) {
        return new Settlement(RequestState.FAILED, false, detail);
    }

    /**
     * @param detail what was lost
     * @return it may have reached the platform; it counts as sent and is never sent again
     */
    public static Settlement maybeSent(String detail) {
        return new Settlement(RequestState.MAYBE_SENT, false, detail);
    }

    /**
     * @param detail the platform's text
     * @return the platform said the account acts too often: counts as maybe sent, and pauses the account
     */
    public static Settlement rateLimited(String detail) {
        return new Settlement(RequestState.MAYBE_SENT, true, detail);
    }
}
