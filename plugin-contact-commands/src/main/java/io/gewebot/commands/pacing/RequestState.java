package io.gewebot.commands.pacing;

/**
 * Where one contact operation (an {@code /add}, {@code /accept} or {@code /reject}) stands in the
 * {@linkplain FriendRequestPacer ledger}: the one vocabulary that the queue, never-twice,
 * {@code /history} and crash recovery all read.
 */
public enum RequestState {
    /** Waiting in the pacing queue for its turn (friend requests only). */
    QUEUED,
    /** Handed to the plugin; its result is not known yet. Counts as sent. */
    IN_FLIGHT,
    /** The platform accepted it. Counts as sent. */
    DONE,
    /** Not sent on purpose (duplicate, warm-up, pause, offline, already a friend, ...). */
    REFUSED,
    /** Certainly not delivered: it failed before reaching the platform, or the platform refused it. */
    FAILED,
    /**
     * Its answer was lost (timeout, crash) or the platform answered with risk control: it may have
     * gone out. Counts as sent, and is never sent again.
     */
    MAYBE_SENT,
    /** Removed from the queue by an admin before it went out. */
    CANCELLED;

    /**
     * Whether an operation in this state may have reached the platform, so that it counts toward the
     * daily cap and blocks a second request to the same person.
     *
     * @return {@code true} for {@link #IN_FLIGHT}, {@link #DONE} and {@link #MAYBE_SENT}
     */
    public boolean countsAsSent() {
        return this == IN_FLIGHT || this == DONE || this == MAYBE_SENT;
    }

    /** The states a counted operation can be in, as an SQL list. */
    static final String COUNTED_SQL = "('IN_FLIGHT', 'DONE', 'MAYBE_SENT')";
}
