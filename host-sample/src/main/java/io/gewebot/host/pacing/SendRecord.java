package io.gewebot.host.pacing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One friend request that was handed out, as the journal remembers it.
 *
 * @param id the journal id
 * @param appId the account that sent it
 * @param target whom it was for, as typed
 * @param state where it stands
 * @param startedAt when it was handed out
 * @param completedAt when its result was recorded, empty while in flight
 * @param detail what the plugin or the platform said, empty when nothing
 */
public record SendRecord(
        long id, String appId, String target, SendState state, Instant startedAt,
        Optional<Instant> completedAt, String detail) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public SendRecord {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(detail, "detail");
    }
}
