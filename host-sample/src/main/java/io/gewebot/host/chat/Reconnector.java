package io.gewebot.host.chat;

import io.gewebot.common.chat.AccountState;

import io.gewebot.common.text.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a dropped account back without a new scan ({@link GeweMessenger#reconnect()}), as WeChat
 * allows for a while after a drop, and tells the admins how it went: after an {@code Offline}
 * callback one attempt after each of the configured, growing waits, until one works; at start a
 * single attempt. When none works the admins are told to log the account in again. Friend requests
 * keep waiting meanwhile, since the account stays offline until an attempt works.
 *
 * <p>The waits are the scheduler's, the attempts run where {@code calls} runs them, never on the callback
 * worker nor on the scheduler, which every account shares: the waits must not hold up other callbacks, and
 * a GeWe that hangs for one account must not hold up another's attempts. One round runs at a time; it stops early when the account is back by other means (a
 * newer message, GeWe's answer to the regular check).
 */
public final class Reconnector {

    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final GeweMessenger messenger;
    private final AccountState account;
    private final ChatOutput out;
    private final Messages messages;
    private final List<Duration> waits;
    private final ScheduledExecutorService scheduler;
    private final Executor calls;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param messenger asks GeWe
     * @param account the account's state, set online when an attempt works
     * @param out tells the admins
     * @param messages the chat texts
     * @param waits the wait before each attempt after a drop, in order; at least one
     * @param scheduler counts the waits
     * @param calls runs the attempts
     */
    public Reconnector(GeweMessenger messenger, AccountState account, ChatOutput out, Messages messages,
            List<Duration> waits, ScheduledExecutorService scheduler, Executor calls) {
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.account = Objects.requireNonNull(account, "account");
        this.out = Objects.requireNonNull(out, "out");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.waits = List.copyOf(waits);
        if (this.waits.isEmpty()) {
            throw new IllegalArgumentException("at least one wait is needed");
        }
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** The account dropped: starts a round of attempts, unless one is running. Returns at once. */
    public void accountDropped() {
        if (!running.compareAndSet(false, true)) {
            LOG.debug("A reconnection round is already running");
            return;
        }
        schedule(0);
    }

    /**
     * At start GeWe said the account is not logged in: one attempt, now, then the admins are told.
     *
     * @return whether the account is back
     */
    public boolean offlineAtStart() {
        GeweMessenger.Answer<?> answer = messenger.reconnect();
        if (answer.ok()) {
            account.observe(AccountState.Status.ONLINE, "");
            LOG.info("The WeChat account was not logged in at start; reconnecting it worked");
            out.notifyAdmins(messages.get("reconnect.atStart.back"));
            return true;
        }
        LOG.warn("The WeChat account is not logged in and reconnecting it failed: {}. Log it in again with "
                + "'java -jar host-sample.jar login'", answer.text());
        out.notifyAdmins(messages.get("reconnect.atStart.failed"));
        return false;
    }

    private void schedule(int attempt) {
        try {
            scheduler.schedule(() -> handOver(attempt), waits.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping: no more attempts.
            running.set(false);
        }
    }

    private void handOver(int attempt) {
        try {
            calls.execute(() -> attempt(attempt));
        } catch (RejectedExecutionException e) {
            // Stopping: no more attempts.
            running.set(false);
        }
    }

    private void attempt(int attempt) {
        try {
            if (!account.offline()) {
                LOG.info("The WeChat account is no longer offline; no more reconnection attempts");
                running.set(false);
                return;
            }
            int number = attempt + 1;
            GeweMessenger.Answer<?> answer = messenger.reconnect();
            if (answer.ok()) {
                account.observe(AccountState.Status.ONLINE, "");
                running.set(false);
                LOG.info("Reconnecting the WeChat account worked (attempt {} of {})", number, waits.size());
                out.notifyAdmins(messages.get("reconnect.back", number, waits.size()));
                return;
            }
            if (number < waits.size()) {
                LOG.warn("Reconnecting the WeChat account failed (attempt {} of {}): {}; trying again in {}", number,
                        waits.size(), answer.text(), waits.get(number));
                schedule(number);
                return;
            }
            running.set(false);
            LOG.error("Reconnecting the WeChat account failed {} times, the last: {}. Log it in again with "
                    + "'java -jar host-sample.jar login'", number, answer.text());
            out.notifyAdmins(messages.get("reconnect.failed", number));
        } catch (RuntimeException e) {
            running.set(false);
            LOG.error("Reconnecting the WeChat account failed inside the host: {}", e.toString());
        }
    }
}
