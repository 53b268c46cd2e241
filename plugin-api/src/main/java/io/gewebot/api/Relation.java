package io.gewebot.api;

import java.util.Objects;

/**
 * How someone stands with the account, as {@link ContactAction#checkRelations} found it.
 *
 * @param wxid whom it concerns
 * @param kind what the platform's answer means
 * @param code the platform's own relation code, for people and logs
 */
public record Relation(String wxid, Kind kind, int code) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public Relation {
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a relation code means. */
    public enum Kind {
        /** A friend both ways. */
        NORMAL,
        /** They deleted the account from their friends. */
        DELETED_YOU,
        /** They blocked the account. */
        BLOCKED_YOU,
        /** The account blocked them. */
        YOU_BLOCKED,
        /**
         * The platform refused to tell because relations were checked too often (risk control): a host
         * stops checking for a while.
         */
        CHECKED_TOO_OFTEN,
        /** Any other code. */
        OTHER
    }
}
