package io.gewebot.sandbox;

/**
 * A friend request the sandbox pushed to the callback URL as if {@code fromWxid} had asked to be
 * the account's friend.
 *
 * @param fromWxid the person asking
 * @param v3       the ticket sent as {@code encryptusername}; accept/reject must send it back as {@code v3}
 * @param v4       the ticket sent as {@code ticket}; accept/reject must send it back as {@code v4}
 * @param scene    the scene the request came through, to be sent back on accept/reject
 * @param newMsgId the {@code NewMsgId} of the pushed message
 * @param status   the HTTP status the callback URL answered the push with
 */
public record IncomingRequest(String fromWxid, String v3, String v4, int scene, long newMsgId, int status) {
}
