package io.gewebot.host.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.host.callback.CallbackEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each callback to the account it names ({@code Appid}): one GeWe token serves many accounts
 * through one callback URL. A callback for an appId no account of the host has is ignored; so many
 * may come (a misconfigured GeWe, a crafted flood) that they are logged at most once a minute, with
 * how many were ignored meanwhile. GeWe's test message names no account and goes to the first.
 */
public final class CallbackRouting {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRouting.class);
    /** At most {@link #LOG_LINES} lines about ignored callbacks in this long. */
    static final Duration LOG_EVERY = Duration.ofMinutes(1);
    /** Enough for an operator to see what is arriving (a few foreign appIds), too few to flood the log. */
    static final int LOG_LINES = 5;

    private final Map<String, Consumer<CallbackEvent>> accounts;
    private final Consumer<CallbackEvent> first;
    private final Clock clock;
    private Instant windowStart;
    private int linesInWindow;
    private long unlogged;
    private long ignored;

    /**
     * @param accounts where each account's callbacks go, by appId, the first first; each must return
     *     at once (and may throw {@link java.util.concurrent.RejectedExecutionException} when its queue
     *     is full, which the HTTP endpoint answers with 503)
     * @param clock when an ignored callback may be logged again
     */
    public CallbackRouting(Map<String, Consumer<CallbackEvent>> accounts, Clock clock) {
        this.accounts = new LinkedHashMap<>(accounts);
        if (this.accounts.isEmpty()) {
            throw new IllegalArgumentException("no account to route callbacks to");
        }
        this.first = this.accounts.values().iterator().next();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Hands a callback to its account, or ignores it.
     *
     * @param event the callback
     */
    public void route(CallbackEvent event) {
        if (event instanceof CallbackEvent.Probe) {
            first.accept(event);
            return;
        }
        Consumer<CallbackEvent> account = accounts.get(event.appId());
        if (account == null) {
            ignore(event);
            return;
        }
        account.accept(event);
    }

    /** @return how many callbacks were ignored for naming no account of the host */
    public synchronized long ignored() {
        return ignored;
    }

    private synchronized void ignore(CallbackEvent event) {
        ignored++;
        Instant now = clock.instant();
        if (windowStart == null || Duration.between(windowStart, now).compareTo(LOG_EVERY) >= 0) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow == LOG_LINES) {
            unlogged++;
            return;
        }
        LOG.warn("Ignored a {} callback for appId {}: no account of this host has it{}",
                event.getClass().getSimpleName(), Loggable.loggable(event.appId()),
                unlogged == 0 ? "" : " (" + unlogged + " more such callback(s) ignored since the last such line)");
        linesInWindow++;
        unlogged = 0;
    }
}
