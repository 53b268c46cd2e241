package io.gewebot.api;

import java.util.List;
import java.util.Objects;

/**
 * A friend of the account, as its address book shows them.
 *
 * @param wxid their wxid; never blank
 * @param nickname their own nickname, may be empty
 * @param remark the name the account gave them, may be empty
 * @param alias their WeChat ID, may be empty
 * @param labels the names of the labels the account filed them under, in the platform's order; empty
 *     when none
 */
public record Contact(String wxid, String nickname, String remark, String alias, List<String> labels) {

    /**
     * Checks the parts and copies the labels.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the wxid is blank
     */
    public Contact {
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(remark, "remark");
        Objects.requireNonNull(alias, "alias");
        labels = List.copyOf(labels);
        if (wxid.isBlank()) {
            throw new IllegalArgumentException("wxid is blank");
        }
    }
}
