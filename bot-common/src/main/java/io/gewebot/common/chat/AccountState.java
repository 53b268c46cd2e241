package io.gewebot.common.chat;

import io.gewebot.api.chat.AccountStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The WeChat account's state as the host last learned it, one of {@link Status}, with the time it
 * changed: what {@code /health} shows and what {@code /add} checks first.
 *
 * <p>It is learned from GeWe's answers about the account (at start, then regularly), from an
 * {@code Offline} callback, and from messages. Only a message written after the account went offline
 * proves it is back: GeWe may push a message written earlier late (a retry, or out of order with the
 * {@code Offline} notice), and that says nothing about now. WeChat's {@code CreateTime} has whole
 * seconds, so a message of the same second counts as newer. A message says nothing about the token,
 * so it never ends {@link Status#TOKEN_INVALID}.
 */
public final class AccountState {

    /** The account's state; {@link #label()} is how {@code /health} names it. */
    public enum Status {
        /** GeWe says the account is logged in, or a message proved it. */
        ONLINE,
        /** GeWe says it is not logged in, or it went offline. */
        OFFLINE,
        /** GeWe refuses the host's token, or no token is configured: nothing can work until it is fixed. */
        TOKEN_INVALID,
        /** Not known: not asked yet, or GeWe could not say. */
        UNKNOWN;

        /** @return the state as {@code /health} names it: {@code online}, {@code token-invalid}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The state at one moment.
     *
     * @param status the state
     * @param since when it took this state (the host's start for the first one)
     * @param reason why, for people: GeWe's text or what went wrong; empty when there is nothing to say
     * @param noToken whether the host has no token at all (then {@code status} is {@link Status#TOKEN_INVALID})
     */
    public record Snapshot(Status status, Instant since, String reason, boolean noToken) {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Snapshot {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(reason, "reason");
        }

        /** @return the state as the chat contract names it */
        public AccountStatus contractStatus() {
            return switch (status) {
                case ONLINE -> AccountStatus.ONLINE;
                case OFFLINE -> AccountStatus.OFFLINE;
                case TOKEN_INVALID -> noToken ? AccountStatus.NO_TOKEN : AccountStatus.TOKEN_INVALID;
                case UNKNOWN -> AccountStatus.UNKNOWN;
            };
        }
    }

    private final Clock clock;
    private Snapshot current;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Object telling = new Object();

    /** @param clock tells when the state changed */
    public AccountState(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new Snapshot(Status.UNKNOWN, clock.instant(), "", false);
    }

    /**
     * Hears of the state now, then of every change (of its status, reason or token), on the thread that
     * made it.
     *
     * @param listener told the state after each change; it must return at once
     */
    public void onChange(Consumer<Snapshot> listener) {
        synchronized (telling) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            listener.accept(snapshot());
        }
    }

    /**
     * Tells the listener when the state moved from {@code before}. One at a time, each with the state as it
     * is when told, so that whatever the order of two changes at once, the last one told is the state now.
     */
    private void changedFrom(Snapshot before) {
        synchronized (telling) {
            Snapshot now = snapshot();
            if (now.status() != before.status() || !now.reason().equals(before.reason())
                    || now.noToken() != before.noToken()) {
                listeners.forEach(listener -> listener.accept(now));
            }
        }
    }

    /**
     * Records that the account went offline (now).
     *
     * @return whether it was not known to be offline until now
     */
    public boolean markOffline() {
        Snapshot before;
        synchronized (this) {
            before = current;
            // A repeated notice moves the time: a message must be newer than the latest one to count.
            current = new Snapshot(Status.OFFLINE, clock.instant(), "", false);
        }
        changedFrom(before);
        return before.status() != Status.OFFLINE;
    }

    /**
     * Records that a message for the account arrived; one written after the account went offline
     * proves it is online again.
     *
     * @param writtenAt the message's {@code CreateTime}
     * @return whether it was offline until now
     */
    public boolean messageArrived(Instant writtenAt) {
        Snapshot before;
        synchronized (this) {
            before = current;
            if (current.status() != Status.OFFLINE
                    || writtenAt.isBefore(current.since().truncatedTo(ChronoUnit.SECONDS))) {
                return false;
            }
            current = new Snapshot(Status.ONLINE, clock.instant(), "", false);
        }
        changedFrom(before);
        return true;
    }

    /**
     * Records what GeWe answered about the account. The time changes only when the state does.
     *
     * @param status the state it says
     * @param reason its text, or what went wrong; empty for none
     * @return the state before
     */
    public Snapshot observe(Status status, String reason) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Snapshot before;
        synchronized (this) {
            before = current;
            Instant since = before.status() == status && !before.noToken() ? before.since() : clock.instant();
            current = new Snapshot(status, since, reason, false);
        }
        changedFrom(before);
        return before;
    }

    /** Records that the host has no token to send: the state stays {@link Status#TOKEN_INVALID} for good. */
    public void markNoToken() {
        Snapshot before;
        synchronized (this) {
            before = current;
            current = new Snapshot(Status.TOKEN_INVALID, clock.instant(), "", true);
        }
        changedFrom(before);
    }

    /** @return the state now */
    public synchronized Snapshot snapshot() {
        return current;
    }

    /** @return whether the account is known to be offline */
    public synchronized boolean offline() {
        return current.status() == Status.OFFLINE;
    }
}
