package io.gewebot.host.pacing;

import java.util.Objects;

/**
 * A wish to answer one friend request, as an {@code /accept} or {@code /reject} expressed it.
 *
 * @param appId the account that received the request
 * @param operation {@link LedgerEntry.Operation#ACCEPT} or {@link LedgerEntry.Operation#REJECT}
 * @param wxid whose request
 * @param requestedBy who asked for the answer
 * @param replyTo the conversation to report the outcome to
 */
public record AnswerIntent(String appId, LedgerEntry.Operation operation, String wxid, String requestedBy,
        String replyTo) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the operation is not an answer
     */
    public AnswerIntent {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(replyTo, "replyTo");
        if (operation == LedgerEntry.Operation.ADD) {
            throw new IllegalArgumentException("an add is not an answer");
        }
    }
}
