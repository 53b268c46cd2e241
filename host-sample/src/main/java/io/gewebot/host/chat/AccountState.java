package io.gewebot.host.chat;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Whether the WeChat account is online, as the host last learned it: an {@code Offline} callback or a
 * GeWe answer saying so takes it offline; a message written after that brings it back.
 *
 * <p>Only a message written after the account went offline proves it is back: GeWe may push a message
 * written earlier late (a retry, or out of order with the {@code Offline} notice), and that says
 * nothing about now. WeChat's {@code CreateTime} has whole seconds, so a message of the same second
 * counts as newer.
 */
public final class AccountState {

    private final Clock clock;
    private Instant offlineSince;

    /** @param clock tells when the account went offline */
    public AccountState(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records that the account went offline (now).
     *
     * @return whether it was online until now
     */
    public synchronized boolean markOffline() {
        boolean wasOnline = offlineSince == null;
        offlineSince = clock.instant();
        return wasOnline;
    }

    /**
     * Records that a message for the account arrived; one written after the account went offline
     * proves it is online again.
     *
     * @param writtenAt the message's {@code CreateTime}
     * @return whether it was offline until now
     */
    public synchronized boolean messageArrived(Instant writtenAt) {
        if (offlineSince == null || writtenAt.isBefore(offlineSince.truncatedTo(ChronoUnit.SECONDS))) {
            return false;
        }
        offlineSince = null;
        return true;
    }

    /** @return whether the account is known to be offline */
    public synchronized boolean offline() {
        return offlineSince != null;
    }
}
