package io.gewebot.host.callback;

import io.gewebot.api.FriendRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * One callback from GeWe, decoded. Messages ({@code TypeName "AddMsg"}) carry a {@code NewMsgId}
 * and so a {@link #dedupKey()}; contact and account notices do not.
 */
public sealed interface CallbackEvent {

    /** @return the device id ({@code Appid}) the callback is for; empty for a {@link Probe} */
    String appId();

    /** @return {@code Appid + ":" + NewMsgId} for messages, empty otherwise */
    default Optional<String> dedupKey() {
        return Optional.empty();
    }

    /** The probe GeWe sends when the callback URL is registered ({@code testMsg}). */
    record Probe() implements CallbackEvent {
        @Override
        public String appId() {
            return "";
        }
    }

    /**
     * A text message (MsgType 1), private or in a group.
     *
     * @param appId the device id
     * @param accountWxid the account's own wxid ({@code Wxid})
     * @param newMsgId the message id
     * @param conversationId where to answer: the sender's wxid, or the group id ({@code …@chatroom})
     * @param senderWxid who wrote it (in a group, taken from the {@code "<wxid>:\n"} prefix)
     * @param text the text, without the group prefix
     * @param sentAt {@code CreateTime}
     * @param inGroup whether it came from a group
     * @param fromSelf whether the account sent it itself
     */
    record TextMessage(
            String appId,
            String accountWxid,
            long newMsgId,
            String conversationId,
            String senderWxid,
            String text,
            Instant sentAt,
            boolean inGroup,
            boolean fromSelf)
            implements CallbackEvent {
        @Override
        public Optional<String> dedupKey() {
            return Optional.of(appId + ":" + Long.toUnsignedString(newMsgId));
        }
    }

    /**
     * A friend request (MsgType 37 from {@code fmessage}).
     *
     * @param appId the device id
     * @param accountWxid the account's own wxid
     * @param newMsgId the message id
     * @param request the request, with v3 from {@code encryptusername} and v4 from {@code ticket}
     */
    record FriendRequestReceived(String appId, String accountWxid, long newMsgId, FriendRequest request)
            implements CallbackEvent {
        @Override
        public Optional<String> dedupKey() {
            return Optional.of(appId + ":" + Long.toUnsignedString(newMsgId));
        }
    }

    /**
     * Any other message kind (image, voice, link, system notice, ...), which the bot ignores.
     *
     * @param appId the device id
     * @param newMsgId the message id
     * @param msgType the MsgType number
     */
    record OtherMessage(String appId, long newMsgId, int msgType) implements CallbackEvent {
        @Override
        public Optional<String> dedupKey() {
            return Optional.of(appId + ":" + Long.toUnsignedString(newMsgId));
        }
    }

    /**
     * A contact was added or changed ({@code ModContacts}), for example after a request was accepted.
     *
     * @param appId the device id
     * @param wxid the contact's wxid ({@code UserName})
     * @param nickname their nickname, may be empty
     * @param v3 their {@code EncryptUserName}, may be empty
     */
    record ContactModified(String appId, String wxid, String nickname, String v3) implements CallbackEvent {
        /** @return whether the contact is a group chat (its id ends in {@code @chatroom}), not a person */
        public boolean group() {
            return wxid.endsWith("@chatroom");
        }
    }

    /**
     * A contact was deleted ({@code DelContacts}).
     *
     * @param appId the device id
     * @param wxid the contact's wxid
     */
    record ContactDeleted(String appId, String wxid) implements CallbackEvent {
    }

    /**
     * The account went offline ({@code Offline}).
     *
     * @param appId the device id
     * @param accountWxid the account's wxid
     */
    record AccountOffline(String appId, String accountWxid) implements CallbackEvent {
    }
}
