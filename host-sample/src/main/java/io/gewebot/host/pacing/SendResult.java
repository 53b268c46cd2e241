package io.gewebot.host.pacing;

/** What became of a friend request that was handed out as a {@link SendTicket}. */
public enum SendResult {
    /** The platform accepted it. Counts as sent; ends a run of risk-control reports. */
    SENT,
    /**
     * It failed before reaching the platform (for example the connection could not be made).
     * Does not count for the cap or for duplicates; a new {@code /add} may try again.
     */
    NOT_SENT,
    /**
     * It may have reached the platform (for example the answer timed out). Counts as sent for the
     * cap, the interval and duplicates, and is never sent again.
     */
    MAYBE_SENT,
    /** The plugin refused it on purpose (for example the target is already a friend): nothing was sent. */
    REFUSED,
    /**
     * The platform said the account is doing this too often ({@code 频繁}, {@code 风控},
     * {@code 限制}). Counts as maybe sent, and starts or extends the account's pause.
     */
    RISK_CONTROL;

    SendState state() {
        return switch (this) {
            case SENT -> SendState.SENT;
            case NOT_SENT -> SendState.NOT_SENT;
            case MAYBE_SENT -> SendState.MAYBE_SENT;
            case REFUSED -> SendState.REFUSED;
            case RISK_CONTROL -> SendState.RISK_CONTROL;
        };
    }
}
