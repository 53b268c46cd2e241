package io.gewebot.sandbox;

/**
 * A chat message the sandbox accepted on {@code /message/postText}.
 *
 * @param toWxid  the conversation it was sent to (a wxid or {@code <id>@chatroom})
 * @param content the text
 * @param ats     the comma-separated wxids to mention as sent, or {@code null} when the body had none
 */
public record PostedText(String toWxid, String content, String ats) {
}
