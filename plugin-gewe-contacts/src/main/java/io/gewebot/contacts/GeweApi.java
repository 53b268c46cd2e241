package io.gewebot.contacts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.Relation;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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

    /** Sets the remark of a friend. */
    static final String SET_FRIEND_REMARK = "/contacts/setFriendRemark";
    /** Deletes a friend. */
    static final String DELETE_FRIEND = "/contacts/deleteFriend";
    /** Lists the account's friends, groups and official accounts by wxid; slow. */
    static final String FETCH_CONTACTS_LIST = "/contacts/fetchContactsList";
    /** The list {@link #FETCH_CONTACTS_LIST} answered last, kept by GeWe for about 10 minutes. */
    static final String FETCH_CONTACTS_LIST_CACHE = "/contacts/fetchContactsListCache";
    /** Profiles of some contacts: nickname, remark, WeChat ID, label ids. */
    static final String GET_BRIEF_INFO = "/contacts/getBriefInfo";
    /** How some people stand with the account; offered by the hosted GeWe only. */
    static final String CHECK_RELATION = "/contacts/checkRelation";
    /** The account's labels. */
    static final String LABEL_LIST = "/label/list";
    /** Creates a label; a name that exists answers the existing label. */
    static final String LABEL_ADD = "/label/add";
    /** Sets the labels of friends: it replaces each one's whole label set. */
    static final String LABEL_MODIFY_MEMBER_LIST = "/label/modifyMemberList";

    /** Lists the members of a group chat the account is in. */
    static final String GET_CHATROOM_MEMBER_LIST = "/group/getChatroomMemberList";
    /** Sends a friend request to a member of a group chat, through the group. */
    static final String ADD_GROUP_MEMBER_AS_FRIEND = "/group/addGroupMemberAsFriend";

    /** Sends a text message to a person or a group from the account. */
    static final String POST_TEXT = "/message/postText";

    /**
     * The most wxids one {@link #GET_BRIEF_INFO} or {@link #CHECK_RELATION} is given: GeWe's documented
     * limit (its brief info takes more in practice, its text says 20).
     */
    static final int MAX_WXIDS_PER_CALL = 20;

    /**
     * The wait between two batches of one read of many people: 1,000 friends' profiles take 50 calls, and
     * GeWe drives one phone's WeChat, which a burst of calls would not look like.
     */
    static final Duration BATCH_PAUSE = Duration.ofMillis(200);

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

    /** Which GeWe the base URL points at: they differ in the endpoints they offer. */
    enum Variant {
        /** The self-hosted Gewechat container: no {@link #CHECK_RELATION}. */
        SELF_HOSTED("self-hosted"),
        /** The hosted GeWe service. */
        HOSTED("hosted");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /**
         * @param settings the host's settings
         * @return the {@link ContactSettings#VARIANT} they name, empty when unset
         * @throws IllegalArgumentException when it is set to something else
         */
        static Optional<Variant> of(ContactSettings settings) {
            Optional<String> raw = settings.variant().map(v -> v.strip().toLowerCase(Locale.ROOT));
            if (raw.isEmpty()) {
                return Optional.empty();
            }
            for (Variant v : values()) {
                if (v.label.equals(raw.get())) {
                    return Optional.of(v);
                }
            }
            throw new IllegalArgumentException("setting '" + ContactSettings.VARIANT + "' must be self-hosted or hosted");
        }
    }

    /**
     * What a {@link #CHECK_RELATION} code means: 0 normal, 1 they deleted the account, 2 they blocked
     * it, 3 the account blocked them, 5 checked too often; GeWe gives others (4, 6, 7, 99) no meaning
     * the contract has.
     *
     * @param code GeWe's relation code
     * @return its kind
     */
    static Relation.Kind relationKind(int code) {
        return switch (code) {
            case 0 -> Relation.Kind.NORMAL;
            case 1 -> Relation.Kind.DELETED_YOU;
            case 2 -> Relation.Kind.BLOCKED_YOU;
            case 3 -> Relation.Kind.YOU_BLOCKED;
            case 5 -> Relation.Kind.CHECKED_TOO_OFTEN;
            default -> Relation.Kind.OTHER;
        };
    }

    /**
     * A body of the device id alone: {@code /login/checkOnline}, {@code /contacts/fetchContactsList}
     * (and its cache), {@code /label/list}.
     *
     * @param appId the device id
     */
    record DeviceRequest(String appId) {
    }

    /**
     * The body of {@code /contacts/setFriendRemark}.
     *
     * @param appId the device id
     * @param wxid the friend
     * @param remark the new remark, empty to clear it
     */
    @JsonPropertyOrder({"appId", "wxid", "remark"})
    record SetFriendRemarkRequest(String appId, String wxid, String remark) {
    }

    /**
     * The body of {@code /contacts/deleteFriend}.
     *
     * @param appId the device id
     * @param wxid the friend
     */
    @JsonPropertyOrder({"appId", "wxid"})
    record DeleteFriendRequest(String appId, String wxid) {
    }

    /**
     * The body of {@code /contacts/getBriefInfo} and {@code /contacts/checkRelation}.
     *
     * @param appId the device id
     * @param wxids at most {@link #MAX_WXIDS_PER_CALL} wxids
     */
    @JsonPropertyOrder({"appId", "wxids"})
    record WxidsRequest(String appId, List<String> wxids) {
    }

    /**
     * The body of {@code /label/add}.
     *
     * @param appId the device id
     * @param labelName the label's name
     */
    @JsonPropertyOrder({"appId", "labelName"})
    record AddLabelRequest(String appId, String labelName) {
    }

    /**
     * The body of {@code /label/modifyMemberList}.
     *
     * @param appId the device id
     * @param labelIds every label the friends are to have, as ids joined by commas ({@code "1,2"});
     *     empty for none
     * @param wxIds the friends
     */
    @JsonPropertyOrder({"appId", "labelIds", "wxIds"})
    record ModifyMemberListRequest(String appId, String labelIds, List<String> wxIds) {
    }

    /**
     * The body of {@code /message/postText}. GeWe's optional {@code ats} (whom to mention in a group)
     * is not sent.
     *
     * @param appId the device id
     * @param toWxid the person's wxid or the group's id ({@code …@chatroom})
     * @param content the text
     */
    @JsonPropertyOrder({"appId", "toWxid", "content"})
    record PostTextRequest(String appId, String toWxid, String content) {
    }

    /**
     * The body of {@code /group/getChatroomMemberList}.
     *
     * @param appId the device id
     * @param chatroomId the group's id ({@code …@chatroom})
     */
    @JsonPropertyOrder({"appId", "chatroomId"})
    record ChatroomRequest(String appId, String chatroomId) {
    }

    /**
     * The body of {@code /group/addGroupMemberAsFriend}. Every field is required by GeWe, {@code content}
     * included.
     *
     * @param appId the device id
     * @param chatroomId the group's id
     * @param memberWxid the member to add
     * @param content the greeting
     */
    @JsonPropertyOrder({"appId", "chatroomId", "memberWxid", "content"})
    record AddGroupMemberRequest(String appId, String chatroomId, String memberWxid, String content) {
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
     * The {@code data} of {@code /contacts/fetchContactsList} and its cache. Groups ({@code chatrooms})
     * and official accounts ({@code ghs}) are not friends and are not read.
     *
     * @param friends the friends' wxids; {@code null} when absent
     */
    record ContactsList(List<String> friends) {
    }

    /**
     * One profile in the {@code data} list of {@code /contacts/getBriefInfo}.
     *
     * @param userName the wxid
     * @param nickName their nickname
     * @param remark the remark the account gave them
     * @param alias their WeChat ID
     * @param labelList the ids of their labels joined by commas, {@code ""} when none
     */
    record BriefInfo(String userName, String nickName, String remark, String alias, String labelList) {
    }

    /**
     * A label, as {@code /label/add} answers it and {@code /label/list} lists it.
     *
     * @param labelId its id; GeWe sends a number, read as its text
     * @param labelName its name
     */
    record Label(String labelId, String labelName) {
    }

    /**
     * The {@code data} of {@code /label/list}.
     *
     * @param labelList the labels; {@code null} when absent
     */
    record LabelList(List<Label> labelList) {
    }

    /**
     * One entry in the {@code data} list of {@code /contacts/checkRelation}.
     *
     * @param wxid whom it concerns
     * @param relation GeWe's code ({@link #relationKind}); {@code null} when absent
     */
    record RelationEntry(String wxid, Integer relation) {
    }

    /**
     * One member in the {@code data} of {@code /group/getChatroomMemberList} (GeWe sends more).
     *
     * @param wxid the member's wxid
     * @param nickName their nickname
     * @param displayName the name they gave themselves in the group; {@code null} when none
     */
    record ChatroomMember(String wxid, String nickName, String displayName) {
    }

    /**
     * The {@code data} of {@code /group/getChatroomMemberList}.
     *
     * @param memberList the members, the account among them; {@code null} when absent
     */
    record ChatroomMembers(List<ChatroomMember> memberList) {
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
