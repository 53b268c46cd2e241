package io.gewebot.commands.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The people one account looked up lately, by the text they were typed as: a second {@code /add} or
 * {@code /cancel} of the same text within {@link #REUSE} takes the earlier answer instead of
 * searching again, since searching strangers is itself watched by risk control. Only people found
 * are kept, never a failure (the next try may well succeed). Kept in memory: after a restart the
 * first use searches again. Thread-safe.
 */
public final class LookupCache {

    /**
     * How long a lookup is reused: no longer than {@link FriendRequestPacer#MAX_TICKET_AGE}, so that a
     * request sent at once with a reused lookup never goes out with tickets that are too old.
     */
    public static final Duration REUSE = FriendRequestPacer.MAX_TICKET_AGE;

    /** Far more people than a day's searches; beyond it the expired entries go, then all. */
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, Identity> byText = new ConcurrentHashMap<>();

    /**
     * @param target the text typed
     * @param now the time now
     * @return the person looked up for that text (letter case and surrounding space aside) less than
     *     {@link #REUSE} ago
     */
    public Optional<Identity> get(String target, Instant now) {
        Objects.requireNonNull(now, "now");
        Identity found = byText.get(AddIntent.keyOf(target));
        return found != null && fresh(found, now) ? Optional.of(found) : Optional.empty();
    }

    /**
     * Remembers whom a text stands for.
     *
     * @param target the text typed
     * @param identity whom a lookup found for it
     */
    public void put(String target, Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (byText.size() >= MAX_ENTRIES) {
            for (Iterator<Identity> it = byText.values().iterator(); it.hasNext();) {
                if (!fresh(it.next(), identity.lookedUpAt())) {
                    it.remove();
                }
            }
            if (byText.size() >= MAX_ENTRIES) {
                byText.clear();
            }
        }
        byText.put(AddIntent.keyOf(target), identity);
    }

    private static boolean fresh(Identity identity, Instant now) {
        return identity.lookedUpAt().plus(REUSE).isAfter(now);
    }
}
