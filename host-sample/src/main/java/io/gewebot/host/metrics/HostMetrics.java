package io.gewebot.host.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
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

    /** How the meters a chat extension counts are described, by name; others get {@link #COUNTED}. */
    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "gewebot.commands", "Commands carried out, by command",
            "gewebot.friend.requests",
            "Friend requests (/add) by outcome: sent, queued, refused, failed (maybe sent included)",
            "gewebot.friend.request.answers", "Answers to friend requests, by answer, by who gave it and by outcome",
            "gewebot.risk.control.pauses", "Risk-control pauses started or extended");
    private static final String COUNTED = "Counted by a chat extension";

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
     * One event a chat extension of the account counted ({@link io.gewebot.api.chat.ChatContext#count}).
     *
     * @param appId the account
     * @param meter the meter's dotted name, such as {@code gewebot.friend.requests}
     * @param tags the event's tags; {@value #ACCOUNT} is the host's and is set to the account
     */
    public void count(String appId, String meter, Map<String, String> tags) {
        Counter.Builder counter = Counter.builder(meter).description(DESCRIPTIONS.getOrDefault(meter, COUNTED));
        tags.forEach((key, value) -> {
            if (!ACCOUNT.equals(key)) {
                counter.tag(key, value);
            }
        });
        counter.tag(ACCOUNT, appId).register(registry).increment();
    }

    /**
     * A command the host answers itself was carried out.
     *
     * @param appId the account
     * @param command the command's name, such as {@code help}; {@code unknown} for a word that names no command
     */
    public void commandCarriedOut(String appId, String command) {
        count(appId, "gewebot.commands", Map.of("command", command));
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
