package io.gewebot.commands.pacing;

import io.gewebot.api.Person;
import java.time.Instant;
import java.util.Objects;

/**
 * Who an {@code /add} is for, as the contact plugin looked them up, and when: the ledger compares
 * people by {@link Person#key()}, and a request goes out with the tickets of the lookup while they
 * are younger than {@link FriendRequestPacer#MAX_TICKET_AGE}.
 *
 * @param person whom the lookup found
 * @param lookedUpAt when it found them
 */
public record Identity(Person person, Instant lookedUpAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public Identity {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(lookedUpAt, "lookedUpAt");
    }

    /**
     * @param now the time now
     * @return whether the tickets are older than {@link FriendRequestPacer#MAX_TICKET_AGE} and so are
     *     to be fetched again before a request goes out with them
     */
    public boolean stale(Instant now) {
        return person.identified() && lookedUpAt.plus(FriendRequestPacer.MAX_TICKET_AGE).isBefore(now);
    }
}
