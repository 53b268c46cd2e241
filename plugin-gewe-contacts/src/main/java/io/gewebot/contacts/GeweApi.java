package io.gewebot.contacts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The GeWe endpoints this plugin calls, and the exact shape of what goes over the wire.
 *
 * <p>Every body is a record, written by {@link GeweJson} under GeWe's keys in the order GeWe
 * documents them; every answer is read into a record that ignores what it does not know.
 */
final class GeweApi {

    /** Looks a person up by wxid, WeChat ID or phone number; answers with their v3 and v4 tickets. */
    static final String SEARCH = "/contacts/search";
    /** Sends, accepts or rejects a friend request. */
    static final String ADD_CONTACTS = "/contacts/addContacts";

    /** Asks whether the account is logged in; answers {@code data: true} or {@code false}. */
    static final String CHECK_ONLINE = "/login/checkOnline";

    /** The header that carries the token. */
    static final String TOKEN_HEADER = "X-GEWE-TOKEN";

    /** The {@code ret} of a successful call. */
    static final BigInteger RET_OK = BigInteger.valueOf(200);

    /** Scene of a friend request to someone found by wxid or WeChat ID. */
    static final int SCENE_WECHAT_ID = 3;
    /** Scene of a friend request to someone found by phone number. */
    static final int SCENE_PHONE = 15;

    /** A search result whose v3 starts like this is a stranger; a friend's v3 is their plain wxid. */
    static final String STRANGER_V3_PREFIX = "v3_";

    private GeweApi() {
    }

    /** What {@code /contacts/addContacts} is asked to do. */
    enum Option {
        /** Send a friend request. */
        ADD(2),
        /** Accept a friend request. */
        ACCEPT(3),
        /** Reject a friend request. */
        REJECT(4);

        private final int code;

        Option(int code) {
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /**
     * The body of {@code /contacts/search}.
     *
     * @param appId the device id
     * @param contactsInfo a wxid, WeChat ID or phone number
     */
    @JsonPropertyOrder({"appId", "contactsInfo"})
    record SearchRequest(String appId, String contactsInfo) {
    }

    /**
     * The body of {@code /login/checkOnline}.
     *
     * @param appId the device id
     */
    record CheckOnlineRequest(String appId) {
    }

    /**
     * The body of {@code /contacts/addContacts}. Every field is required by GeWe, {@code content}
     * included (empty when there is nothing to say).
     *
     * @param appId the device id
     * @param scene how the person was found, or the scene of the request being answered
     * @param option {@link Option#code()}
     * @param v3 the {@code encryptusername} ticket
     * @param v4 the {@code ticket} ticket
     * @param content the greeting or answer text
     */
    @JsonPropertyOrder({"appId", "scene", "option", "v3", "v4", "content"})
    record AddContactsRequest(String appId, int scene, int option, String v3, String v4, String content) {
    }

    /**
     * The envelope of every answer. {@code ret} is a big integer so that no value can fail the read;
     * {@code data} stays a JSON tree because its shape depends on {@code ret}.
     *
     * @param ret the result code, 200 on success; {@code null} when missing
     * @param msg a text for people, may be {@code null}
     * @param data the payload or the failure detail, as sent; {@code null} when absent
     */
    record Envelope(BigInteger ret, String msg, JsonNode data) {

        /** @return {@code data} when it is an object, the only shape that has fields to read */
        Optional<JsonNode> dataObject() {
            return data != null && data.isObject() ? Optional.of(data) : Optional.empty();
        }
    }

    /**
     * The {@code data} of a successful search (GeWe sends more; only these matter here).
     *
     * @param v3 a stranger's {@code v3_…} ticket, or a friend's plain wxid
     * @param v4 the {@code v4_…} ticket
     * @param nickName the nickname
     */
    record SearchedContact(String v3, String v4, String nickName) {
    }

    /**
     * The {@code data} of a failed call, when GeWe gives one.
     *
     * @param code a detailed code such as {@code "-4"}; GeWe sends it as a string or a number
     * @param msg a detailed text such as {@code 用户不存在}
     */
    record FailureDetail(String code, String msg) {
        /** No detail: GeWe sent none, or one of an odd shape. */
        static final FailureDetail NONE = new FailureDetail(null, null);
    }
}
