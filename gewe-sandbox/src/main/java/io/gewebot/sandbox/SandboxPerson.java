package io.gewebot.sandbox;

import java.util.Objects;

/**
 * Someone in the sandbox's directory of WeChat users.
 *
 * @param wxid     the person's wxid (always present, unique)
 * @param alias    the WeChat ID they chose, findable by {@code /contacts/search}; may be {@code null}
 * @param phone    the phone number they can be found by; may be {@code null}
 * @param nickname the display name shown in search results and callbacks
 */
public record SandboxPerson(String wxid, String alias, String phone, String nickname) {

    /** Requires a non-blank wxid and a nickname. */
    public SandboxPerson {
        Objects.requireNonNull(wxid, "wxid");
        Objects.requireNonNull(nickname, "nickname");
        if (wxid.isBlank()) {
            throw new IllegalArgumentException("wxid must not be blank");
        }
    }
}
