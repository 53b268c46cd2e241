package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact operation as the ledger remembers it: the record that the queue, never-twice,
 * {@code /history} and crash recovery all read.
 *
 * @param id its number, in the order operations arrived
 * @param appId the account it is for
 * @param operation what it is
 * @param target whom it concerns, as typed
 * @param requestedBy who asked for it (an admin's wxid, {@code @console}, or a rule: see {@link #rule()})
 * @param state where it stands
 * @param at when it arrived
 * @param startedAt when it was handed to the plugin, empty while queued or when refused
 * @param completedAt when its result was recorded, empty while open
 * @param detail what the plugin or the platform said, or why it was refused; empty for nothing
 */
public record LedgerEntry(long id, String appId, Operation operation, String target, String requestedBy,
        RequestState state, Instant at, Optional<Instant> startedAt, Optional<Instant> completedAt, String detail) {

    /** The contact operations the ledger records. */
    public enum Operation {
        /** {@code /add}: a friend request to someone. */
        ADD,
        /** {@code /accept}: accepting someone's friend request. */
        ACCEPT,
        /** {@code /reject}: rejecting someone's friend request. */
        REJECT;

        /** @return the chat command's name, such as {@code add} */
        public String command() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public LedgerEntry {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * @return the name of the friend-request rule that gave this answer, when a rule gave it (its
     *     {@code requestedBy} is {@value AnswerIntent#RULE_PREFIX} and the name)
     */
    public Optional<String> rule() {
        return requestedBy.startsWith(AnswerIntent.RULE_PREFIX)
                ? Optional.of(requestedBy.substring(AnswerIntent.RULE_PREFIX.length())) : Optional.empty();
    }
}
