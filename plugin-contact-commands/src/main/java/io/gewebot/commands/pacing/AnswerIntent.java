package io.gewebot.commands.pacing;

import java.util.Objects;

/**
 * A wish to answer one friend request, as an {@code /accept} or {@code /reject} expressed it, or a
 * friend-request rule ({@link #byRule}).
 *
 * @param appId the account that received the request
 * @param operation {@link LedgerEntry.Operation#ACCEPT} or {@link LedgerEntry.Operation#REJECT}
 * @param wxid whose request
 * @param requestedBy who asked for the answer: an admin's wxid, {@code @console}, or
 *     {@value #RULE_PREFIX} and the rule's name
 * @param replyTo the conversation to report the outcome to
 */
public record AnswerIntent(String appId, LedgerEntry.Operation operation, String wxid, String requestedBy,
        String replyTo) {

    /**
     * What {@code requestedBy} starts with for an answer a rule gave: the rule's name follows. No wxid
     * holds a colon, nor does {@code @console}, so this never names a person.
     */
    public static final String RULE_PREFIX = "rule:";

    /** Where the outcome of a rule's answer is told: to every admin, not to a conversation. */
    public static final String TO_ADMINS = "@admins";

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

    /**
     * An answer a friend-request rule gives without an admin.
     *
     * @param appId the account that received the request
     * @param operation {@link LedgerEntry.Operation#ACCEPT} or {@link LedgerEntry.Operation#REJECT}
     * @param wxid whose request
     * @param rule the rule's name
     * @return the intent, requested by {@value #RULE_PREFIX}{@code <rule>}
     */
    public static AnswerIntent byRule(String appId, LedgerEntry.Operation operation, String wxid, String rule) {
        return new AnswerIntent(appId, operation, wxid, RULE_PREFIX + Objects.requireNonNull(rule, "rule"), TO_ADMINS);
    }
}
