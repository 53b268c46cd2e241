package io.gewebot.host.login;

import java.util.Objects;

/**
 * The account a login saved: what the host needs to act as it.
 *
 * @param token the GeWe token (secret)
 * @param appId the device id, to be reused by every later login of the account
 * @param wxid the account's own wxid; empty when not known
 * @param nickname the account's nickname; empty when not known
 * @param baseUrl the base URL of the GeWe the account was logged in on, so that a host started later,
 *     from another shell, finds it as it finds the token; empty in a file saved before it was kept
 */
public record SavedAccount(String token, String appId, String wxid, String nickname, String baseUrl) {

    /** From this length on, the masked form shows the token's first characters. */
    private static final int SHOWN_FROM_LENGTH = 16;
    private static final int SHOWN = 4;

    /** Reads absent fields as empty. */
    public SavedAccount {
        token = Objects.requireNonNullElse(token, "");
        appId = Objects.requireNonNullElse(appId, "");
        wxid = Objects.requireNonNullElse(wxid, "");
        nickname = Objects.requireNonNullElse(nickname, "");
        baseUrl = Objects.requireNonNullElse(baseUrl, "");
    }

    /**
     * @param token a token
     * @return the only form in which a token is ever shown: its first four characters when it is long
     *     enough for them to give nothing away, then {@code ****}
     */
    public static String masked(String token) {
        return token.length() >= SHOWN_FROM_LENGTH ? token.substring(0, SHOWN) + "****" : "****";
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "SavedAccount[token=" + masked(token) + ", appId=" + appId + ", wxid=" + wxid + ", nickname=" + nickname + ", baseUrl=" + baseUrl + "]";
    }
}
