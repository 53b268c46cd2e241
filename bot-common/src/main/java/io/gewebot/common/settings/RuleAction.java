package io.gewebot.common.settings;

/** What a friend-request rule does with a request it matches. */
public enum RuleAction {
    /** Accept it without an admin. */
    ACCEPT,
    /** Reject it without an admin. */
    REJECT,
    /** Leave it to the admins, as when no rule matches; stops later rules from matching. */
    ASK
}
