package io.gewebot.host.callback;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.api.FriendRequest;
import io.gewebot.host.json.HostJson;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the body of a GeWe callback into a {@link CallbackEvent}.
 *
 * <p>Only GeWe's classic format is read: an object with {@code TypeName}, {@code Appid},
 * {@code Wxid} and {@code Data}, plus the {@code {"testMsg": ...}} probe GeWe sends when the
 * callback URL is registered. GeWe versions spell some keys differently ({@code appid},
 * {@code appId}, {@code typeName}, {@code data}, {@code newMsgId}, {@code fromUserName}, ...); each
 * is read like the classic key, and a body giving one key in two spellings is refused, as a key given twice is. The
 * flat format some hosted deployments are reported to send ({@code appid} and {@code msgType} at the
 * top, {@code fromUser}, ..., without a {@code TypeName}) is refused with a reason that says so.
 *
 * <p>What comes out:
 * <ul>
 *   <li>{@code AddMsg} with {@code MsgType 1}: a {@link CallbackEvent.TextMessage}. In a group
 *       ({@code FromUserName} ends with {@code @chatroom}) the sender and the text are split from the
 *       {@code "<wxid>:\n<text>"} prefix; without that prefix the sender is empty. A message whose
 *       sender is the account itself ({@code Wxid}) is {@code fromSelf}; WeChat files such a message
 *       under {@code FromUserName} = the account and {@code ToUserName} = the conversation, so the
 *       conversation is then taken from {@code ToUserName}.
 *   <li>{@code AddMsg} with {@code MsgType 37} from {@code fmessage}: a
 *       {@link CallbackEvent.FriendRequestReceived}, read from the XML in {@code Content}.
 *   <li>any other {@code AddMsg}: a {@link CallbackEvent.OtherMessage}.
 *   <li>{@code ModContacts}, {@code DelContacts}, {@code Offline}: the matching notice.
 * </ul>
 *
 * <p>Numbers are never read through {@code double}: {@code NewMsgId} is taken as an unsigned 64-bit
 * integer (written as a JSON number or, as some GeWe versions send long ids, as a string of digits), and other large ids in the body (such as {@code SnsBgobjectId}, beyond a signed
 * {@code long}) are read as big integers and ignored.
 *
 * <p>Anything that cannot be read ends in a {@link MalformedCallbackException} with a short reason
 * that never repeats the body; no other exception escapes. The body is read by the host's one
 * mapper ({@link HostJson}): a key given twice is refused, and nesting depth, string length, number
 * length and document size are bounded so that a hostile body costs little. Instances are immutable
 * and safe to share between threads.
 */
public final class CallbackDecoder {

    /** Longest text of an unknown {@code TypeName} quoted back in a reason. */
    private static final int MAX_QUOTED_LENGTH = 40;

    /** 9999-12-31T23:59:59Z: later {@code CreateTime}s are not plausible. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** An id written as a string: digits only, no sign, no more than an unsigned 64-bit integer can have. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

    private static final BigInteger UNSIGNED_LONG_LIMIT = BigInteger.ONE.shiftLeft(64);

    private static final String GROUP_SUFFIX = "@chatroom";

    private static final String FRIEND_REQUEST_SENDER = "fmessage";

    private static final int MSG_TYPE_TEXT = 1;

    private static final int MSG_TYPE_FRIEND_REQUEST = 37;

    /** The longest group-sender prefix taken as a wxid; longer ones are ordinary text. */
    private static final int MAX_SENDER_LENGTH = 128;

    /** The other spellings GeWe versions use for a key at the top of the body. */
    private static final Map<String, List<String>> ROOT_SPELLINGS = Map.of(
            "TypeName", List.of("typeName"),
            "Appid", List.of("appid", "appId"),
            "Wxid", List.of("wxid"),
            "Data", List.of("data"));

    /** The other spellings GeWe versions use for a key of {@code Data}. */
    private static final Map<String, List<String>> DATA_SPELLINGS = Map.of(
            "NewMsgId", List.of("newMsgId", "newmsgid"),
            "MsgId", List.of("msgId"),
            "FromUserName", List.of("fromUserName"),
            "ToUserName", List.of("toUserName"),
            "Content", List.of("content"),
            "CreateTime", List.of("createTime"),
            "MsgType", List.of("msgType"),
            "PushContent", List.of("pushContent"));

    /** Creates a decoder. */
    public CallbackDecoder() {
    }

    /**
     * Decodes a callback body.
     *
     * @param body the body as received, normally UTF-8; {@code null} counts as empty
     * @return the event
     * @throws MalformedCallbackException when the body is not a callback this decoder can read; the
     *     message is a short reason fit for an HTTP 400 answer
     */
    public CallbackEvent decode(byte[] body) throws MalformedCallbackException {
        if (body == null || body.length == 0) {
            throw new MalformedCallbackException("body is empty");
        }
        return decodeTree(read(() -> HostJson.reader().readTree(body)));
    }

    /**
     * Decodes a callback body that was already read as text.
     *
     * @param body the body; {@code null} counts as empty
     * @return the event
     * @throws MalformedCallbackException when the body is not a callback this decoder can read
     */
    public CallbackEvent decode(String body) throws MalformedCallbackException {
        if (body == null || body.isEmpty()) {
            throw new MalformedCallbackException("body is empty");
        }
        return decodeTree(read(() -> HostJson.reader().readTree(body)));
    }

    /** One of the reader's {@code readTree} overloads. */
    @FunctionalInterface
    private interface TreeRead {
        JsonNode read() throws IOException;
    }

    private static JsonNode read(TreeRead treeRead) throws MalformedCallbackException {
        try {
            return treeRead.read();
        } catch (StreamConstraintsException e) {
            throw new MalformedCallbackException("body exceeds the size or nesting limits", e);
        } catch (IOException e) {
            throw new MalformedCallbackException("body is not valid JSON", e);
        }
    }

    private static CallbackEvent decodeTree(JsonNode root) throws MalformedCallbackException {
        if (root == null || root.isMissingNode()) {
            throw new MalformedCallbackException("body is empty");
        }
        if (!root.isObject()) {
            throw new MalformedCallbackException("callback is not a JSON object");
        }
        if (!root.hasNonNull("TypeName") && !root.hasNonNull("typeName")) {
            if (root.has("testMsg")) {
                return new CallbackEvent.Probe();
            }
            if (root.has("appid") || root.has("msgType") || root.has("fromUser")) {
                throw new MalformedCallbackException(
                        "unsupported callback format: the flat hosted format is not supported");
            }
        }
        classic((ObjectNode) root, ROOT_SPELLINGS, "");
        if (root.get("Data") instanceof ObjectNode data) {
            // Read whatever the kind: a Data with one key in two spellings is refused for every kind.
            classic(data, DATA_SPELLINGS, "Data.");
        }
        String typeName = requiredText(root, "TypeName", "TypeName");
        String appId = requiredText(root, "Appid", "Appid");
        String wxid = optionalText(root, "Wxid", "Wxid");
        switch (typeName) {
            case "AddMsg":
                if (wxid.isBlank()) {
                    // Without the account's wxid, the bot could not tell its own messages apart.
                    throw new MalformedCallbackException("missing Wxid");
                }
                return message(appId, wxid, data(root));
            case "ModContacts": {
                JsonNode data = data(root);
                return new CallbackEvent.ContactModified(
                        appId,
                        requiredWrapped(data, "UserName"),
                        optionalWrapped(data, "NickName"),
                        optionalText(data, "EncryptUserName", "Data.EncryptUserName"));
            }
            case "DelContacts":
                return new CallbackEvent.ContactDeleted(appId, requiredWrapped(data(root), "UserName"));
            case "Offline":
                return new CallbackEvent.AccountOffline(appId, wxid);
            default:
                throw new MalformedCallbackException("unknown TypeName '" + quote(typeName) + "'");
        }
    }

    private static CallbackEvent message(String appId, String accountWxid, JsonNode data)
            throws MalformedCallbackException {
        int msgType = msgType(data);
        long newMsgId = newMsgId(data);
        Instant createTime = createTime(data);
        String from = requiredWrapped(data, "FromUserName");
        String to = optionalWrapped(data, "ToUserName");
        String content = optionalWrapped(data, "Content");
        if (msgType == MSG_TYPE_TEXT) {
            if (!data.hasNonNull("Content")) {
                throw new MalformedCallbackException("missing Data.Content");
            }
            return text(appId, accountWxid, newMsgId, createTime, from, to, content);
        }
        if (msgType == MSG_TYPE_FRIEND_REQUEST && FRIEND_REQUEST_SENDER.equals(from)) {
            FriendRequest request = FriendRequestXml.parse(content, createTime);
            return new CallbackEvent.FriendRequestReceived(appId, accountWxid, newMsgId, request);
        }
        return new CallbackEvent.OtherMessage(appId, newMsgId, msgType);
    }

    private static CallbackEvent text(
            String appId, String accountWxid, long newMsgId, Instant sentAt, String from, String to, String content) {
        if (from.equals(accountWxid)) {
            // Sent by the account (from another device): the conversation is the receiver.
            String conversation = to.isBlank() ? from : to;
            return new CallbackEvent.TextMessage(
                    appId, accountWxid, newMsgId, conversation, from, content, sentAt, isGroup(conversation), true);
        }
        if (!isGroup(from)) {
            return new CallbackEvent.TextMessage(
                    appId, accountWxid, newMsgId, from, from, content, sentAt, false, false);
        }
        String sender = "";
        String text = content;
        int colon = content.indexOf(":\n");
        if (colon > 0 && colon <= MAX_SENDER_LENGTH && isPlausibleWxid(content, colon)) {
            sender = content.substring(0, colon);
            text = content.substring(colon + 2);
        }
        return new CallbackEvent.TextMessage(
                appId, accountWxid, newMsgId, from, sender, text, sentAt, true, sender.equals(accountWxid));
    }

    /** A sender prefix is one word of visible characters; anything else is part of the text. */
    private static boolean isPlausibleWxid(String content, int end) {
        for (int i = 0; i < end; i++) {
            char c = content.charAt(i);
            if (c <= ' ' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGroup(String id) {
        return id.endsWith(GROUP_SUFFIX);
    }

    private static JsonNode data(JsonNode root) throws MalformedCallbackException {
        JsonNode data = root.get("Data");
        if (data == null || data.isNull()) {
            throw new MalformedCallbackException("missing Data");
        }
        if (!data.isObject()) {
            throw new MalformedCallbackException("Data is not an object");
        }
        return data;
    }

    /**
     * Renames every other spelling of a key in the object to the classic one, so that the rest of the
     * decoder reads one vocabulary. The tree is the decoder's own, read from the body, so it is changed
     * in place.
     *
     * @throws MalformedCallbackException when one key is given in two spellings: which one GeWe meant
     *     cannot be told, as with a key given twice
     */
    private static void classic(ObjectNode object, Map<String, List<String>> spellings, String path)
            throws MalformedCallbackException {
        for (Map.Entry<String, List<String>> key : spellings.entrySet()) {
            String found = object.has(key.getKey()) ? key.getKey() : null;
            for (String other : key.getValue()) {
                if (!object.has(other)) {
                    continue;
                }
                if (found != null) {
                    throw new MalformedCallbackException(path + key.getKey() + " is given twice, as " + path + found
                            + " and " + path + other);
                }
                found = other;
            }
            if (found != null && !found.equals(key.getKey())) {
                object.set(key.getKey(), object.remove(found));
            }
        }
    }

    private static int msgType(JsonNode data) throws MalformedCallbackException {
        JsonNode node = present(data, "MsgType", "Data.MsgType");
        if (!node.isIntegralNumber()) {
            throw new MalformedCallbackException("Data.MsgType is not an integer");
        }
        if (!node.canConvertToInt()) {
            throw new MalformedCallbackException("Data.MsgType is out of range");
        }
        return node.intValue();
    }

    /** Reads the id as an unsigned 64-bit integer, keeping its bits in a {@code long}. */
    private static long newMsgId(JsonNode data) throws MalformedCallbackException {
        JsonNode node = present(data, "NewMsgId", "Data.NewMsgId");
        BigInteger id;
        if (node.isIntegralNumber()) {
            id = node.bigIntegerValue();
        } else if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
            // Some GeWe versions send long ids as strings, so that JavaScript readers keep every digit.
            id = new BigInteger(node.textValue());
        } else {
            throw new MalformedCallbackException("Data.NewMsgId is not an integer");
        }
        if (id.signum() < 0 || id.compareTo(UNSIGNED_LONG_LIMIT) >= 0) {
            throw new MalformedCallbackException("Data.NewMsgId is out of range");
        }
        return id.longValue();
    }

    private static Instant createTime(JsonNode data) throws MalformedCallbackException {
        JsonNode node = present(data, "CreateTime", "Data.CreateTime");
        if (!node.isIntegralNumber()) {
            throw new MalformedCallbackException("Data.CreateTime is not an integer");
        }
        if (!node.canConvertToLong() || node.longValue() < 0 || node.longValue() > MAX_EPOCH_SECOND) {
            throw new MalformedCallbackException("Data.CreateTime is out of range");
        }
        return Instant.ofEpochSecond(node.longValue());
    }

    private static JsonNode present(JsonNode parent, String field, String path) throws MalformedCallbackException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new MalformedCallbackException("missing " + path);
        }
        return node;
    }

    private static String requiredText(JsonNode parent, String field, String path) throws MalformedCallbackException {
        String text = optionalText(parent, field, path);
        if (text.isBlank()) {
            throw new MalformedCallbackException(parent.hasNonNull(field) ? path + " is blank" : "missing " + path);
        }
        return text;
    }

    /** @return the string, or empty when the field is absent or null */
    private static String optionalText(JsonNode parent, String field, String path) throws MalformedCallbackException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new MalformedCallbackException(path + " is not a string");
        }
        return node.textValue();
    }

    private static String requiredWrapped(JsonNode data, String field) throws MalformedCallbackException {
        String text = optionalWrapped(data, field);
        if (text.isBlank()) {
            throw new MalformedCallbackException(
                    data.hasNonNull(field) ? "Data." + field + " is blank" : "missing Data." + field);
        }
        return text;
    }

    /**
     * Reads WeChat's wrapped string, {@code {"string": "..."}}; {@code {}} (as in an unset
     * {@code Remark}) counts as empty.
     *
     * @return the string, or empty when the field is absent, null or {@code {}}
     */
    private static String optionalWrapped(JsonNode data, String field) throws MalformedCallbackException {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isObject()) {
            throw new MalformedCallbackException("Data." + field + " is not {\"string\": ...}");
        }
        return optionalText(node, "string", "Data." + field + ".string");
    }

    /** Makes a value from the body safe and short enough to quote in a reason. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_QUOTED_LENGTH + 3));
        int count = 0;
        for (int i = 0; i < value.length(); i = value.offsetByCodePoints(i, 1)) {
            if (count == MAX_QUOTED_LENGTH) {
                return quoted.append("...").toString();
            }
            int cp = value.codePointAt(i);
            // Line and paragraph separators too: some log viewers break lines at them.
            boolean printable = !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.SURROGATE
                    && Character.getType(cp) != Character.LINE_SEPARATOR
                    && Character.getType(cp) != Character.PARAGRAPH_SEPARATOR
                    && cp != '\'';
            quoted.appendCodePoint(printable ? cp : '?');
            count++;
        }
        return quoted.toString();
    }
}
