package io.gewebot.sandbox;

/**
 * A friend request the account sent through {@code /contacts/addContacts} with {@code option: 2}.
 *
 * @param toWxid   the person it was sent to
 * @param scene    the scene the caller gave
 * @param greeting the {@code content} the caller gave
 */
public record OutgoingRequest(String toWxid, int scene, String greeting) {
}
