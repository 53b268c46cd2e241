package io.gewebot.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A friend request this account received, as WeChat delivered it.
 *
 * <p>{@code v3} (WeChat's {@code encryptusername}) and {@code v4} (its {@code ticket}) are two
 * different tickets; both are needed to answer the request and must never be swapped or merged.
 *
 * @param fromWxid the wxid of the person asking
 * @param nickname their nickname, may be empty
 * @param greeting the text they sent with the request, may be empty
 * @param scene how they found this account (WeChat's scene number), sent back when answering
 * @param v3 the {@code encryptusername} ticket
 * @param v4 the {@code ticket} ticket
 * @param receivedAt when the request arrived
 */
public record FriendRequest(
        String fromWxid, String nickname, String greeting, int scene, String v3, String v4, Instant receivedAt) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     * @throws IllegalArgumentException when the wxid or a ticket is blank
     */
    public FriendRequest {
        Objects.requireNonNull(fromWxid, "fromWxid");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(v3, "v3");
        Objects.requireNonNull(v4, "v4");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (fromWxid.isBlank()) {
            throw new IllegalArgumentException("fromWxid is blank");
        }
        if (v3.isBlank() || v4.isBlank()) {
            throw new IllegalArgumentException("a friend request needs both the v3 and the v4 ticket");
        }
    }
}
