package io.gewebot.host.pacing;

/** Where a friend request that was handed out stands in the journal. */
public enum SendState {
    /** Handed out, result not yet known. Counts as sent. */
    IN_FLIGHT,
    /** The platform accepted it. */
    SENT,
    /** It failed before reaching the platform. Does not count. */
    NOT_SENT,
    /** It may have reached the platform, or the host stopped before knowing. Counts as sent. */
    MAYBE_SENT,
    /** The plugin refused it without sending anything. Does not count. */
    REFUSED,
    /** The platform reported risk control. Counts as sent. */
    RISK_CONTROL;

    /**
     * Whether a request in this state counts toward the daily cap and blocks a second request to
     * the same target: every state in which the platform may have seen it.
     *
     * @return {@code true} for {@link #IN_FLIGHT}, {@link #SENT}, {@link #MAYBE_SENT} and
     *     {@link #RISK_CONTROL}
     */
    public boolean countsAsSent() {
        return this == IN_FLIGHT || this == SENT || this == MAYBE_SENT || this == RISK_CONTROL;
    }
}
