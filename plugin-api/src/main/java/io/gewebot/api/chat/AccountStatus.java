package io.gewebot.api.chat;

/**
 * The account's state as the host last learned it from the platform, which a {@link ChatExtension}
 * hears of through {@link ChatExtension#onAccountStatus}.
 */
public enum AccountStatus {
    /** The account is logged in, as the platform said or a message proved. */
    ONLINE,
    /** The account is not logged in, or went offline. */
    OFFLINE,
    /** The platform refuses the host's access (its token): nothing can work until it is fixed. */
    TOKEN_INVALID,
    /** The host has no token for the account at all. */
    NO_TOKEN,
    /** Not known: not asked yet, or the platform could not say. */
    UNKNOWN
}
