package io.gewebot.api;

import java.util.Objects;

/**
 * One member of a group chat, as {@link ContactAction#groupMembers} lists them.
 *
 * @param wxid their wxid; never blank
 * @param nickname their own nickname, may be empty
 * @param displayName the name they gave themselves in the group, may be empty
 */
public record GroupMember(String wxid, String nickname, String displayName) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the wxid is blank
     */
    public GroupMember {
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(displayName, "displayName");
        if (wxid.isBlank()) {
            throw new IllegalArgumentException("wxid is blank");
        }
    }
}
