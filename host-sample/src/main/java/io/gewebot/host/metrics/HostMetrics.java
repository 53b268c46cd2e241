package io.gewebot.host.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The host's counts, kept in one {@link MeterRegistry} for every account: each meter of an account is
 * tagged {@code account=<appId>}. The parts that see something happen are given this and say so; none
 * reaches for a global registry.
 *
 * <p>Names are Micrometer's dotted ones; the Prometheus registry renders {@code gewebot.callbacks.received}
 * as {@code gewebot_callbacks_received_total}.
 */
public final class HostMetrics {

    /** The tag of every meter of one account. */
    public static final String ACCOUNT = "account";

    /** What became of a friend request (an {@code /add}) in the pacer's ledger. */
    public enum FriendRequestOutcome {
        /** The platform accepted it. */
        SENT,
        /** It waits in the account's queue for its turn. */
        QUEUED,
        /** Nothing was sent, on purpose (warm-up, pause, duplicate, already a friend, ...). */
        REFUSED,
        /** It failed, or may have gone out without an answer (maybe sent, risk control). */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who gave an answer to a friend request. */
    public enum AnswerBy {
        /** An admin ({@code /accept}, {@code /reject}) or the console. */
        ADMIN,
        /** A friend-request rule, without an admin. */
        RULE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    /**
     * @param registry where the meters are kept
     */
    public HostMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * A callback for the account arrived (before duplicates are dropped).
     *
     * @param appId the account
     */
    public void callbackReceived(String appId) {
        counter("gewebot.callbacks.received", "Callbacks for the account taken from the queue, duplicates included",
                appId).increment();
    }

    /**
     * A callback was a second delivery of one already handled, and was dropped.
     *
     * @param appId the account
     */
    public void duplicateDropped(String appId) {
        counter("gewebot.callbacks.duplicates", "Callbacks dropped as repeated deliveries", appId).increment();
    }

    /**
     * The endpoint refused a callback before it reached any account.
     *
     * @param status the HTTP status answered: 400 (unreadable), 403 (from an address not allowed), 413 (too
     *     large), 503 (queue full)
     */
    public void callbackRefused(int status) {
        Counter.builder("gewebot.callbacks.refused")
                .description("Callbacks the HTTP endpoint refused, by the status it answered")
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    /**
     * A command was carried out (whatever its reply).
     *
     * @param appId the account
     * @param command the command's catalogue name, such as {@code add}; {@code unknown} for a word that
     *     names no command
     */
    public void commandCarriedOut(String appId, String command) {
        Counter.builder("gewebot.commands")
                .description("Commands carried out, by command")
                .tag(ACCOUNT, appId)
                .tag("command", command)
                .register(registry)
                .increment();
    }

    /**
     * A friend request was settled, queued or refused in the ledger.
     *
     * @param appId the account
     * @param outcome what became of it
     */
    public void friendRequest(String appId, FriendRequestOutcome outcome) {
        Counter.builder("gewebot.friend.requests")
                .description("Friend requests (/add) by outcome: sent, queued, refused, failed (maybe sent included)")
                .tag(ACCOUNT, appId)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    /**
     * An answer to a friend request was settled.
     *
     * @param appId the account
     * @param accept {@code true} for an accept, {@code false} for a reject
     * @param by who gave it
     * @param outcome {@link FriendRequestOutcome#SENT}, {@link FriendRequestOutcome#REFUSED} or
     *     {@link FriendRequestOutcome#FAILED}
     */
    public void answer(String appId, boolean accept, AnswerBy by, FriendRequestOutcome outcome) {
        Counter.builder("gewebot.friend.request.answers")
                .description("Answers to friend requests, by answer, by who gave it and by outcome")
                .tag(ACCOUNT, appId)
                .tag("answer", accept ? "accept" : "reject")
                .tag("by", by.tag())
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    /**
     * The platform answered with risk control: the account's adds pause (or their pause grows).
     *
     * @param appId the account
     */
    public void riskControlPause(String appId) {
        counter("gewebot.risk.control.pauses", "Risk-control pauses started or extended", appId).increment();
    }

    /**
     * Shows how many friend requests wait in the account's queue, read at each scrape.
     *
     * @param appId the account
     * @param depth reads the count (it may query the database: scrapes run off the network threads)
     */
    public void queueDepth(String appId, Supplier<Number> depth) {
        gauge("gewebot.friend.requests.queue.depth", "Friend requests waiting in the pacing queue", appId, depth);
    }

    /**
     * Shows how many friend requests the account received that nobody has answered yet, read at each scrape.
     *
     * @param appId the account
     * @param pending reads the count
     */
    public void pendingFriendRequests(String appId, Supplier<Number> pending) {
        gauge("gewebot.friend.requests.pending", "Received friend requests nobody has answered yet", appId, pending);
    }

    private Counter counter(String name, String description, String appId) {
        return Counter.builder(name).description(description).tag(ACCOUNT, appId).register(registry);
    }

    private void gauge(String name, String description, String appId, Supplier<Number> value) {
        Gauge.builder(name, Objects.requireNonNull(value, "value")).description(description).tag(ACCOUNT, appId)
                .strongReference(true).register(registry);
    }
}
