package io.gewebot.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Pushes one account's GeWe callbacks to the token's callback URL, in the classic format (the one of the
 * vendor's samples: {@code TypeName}, {@code Appid}, {@code Wxid}, {@code Data} with {@code {"string": ...}}
 * wrappers). {@code Appid} and {@code Wxid} are the account's ({@link SandboxAccount#appId()},
 * {@link SandboxAccount#wxid()}); every account of a sandbox pushes to the same URL, as GeWe does.
 *
 * <p>Every {@code pushXxx} method posts synchronously and returns the HTTP status the receiver answered.
 * It throws {@link IllegalStateException} when no callback URL is set and
 * {@link java.io.UncheckedIOException} when the receiver cannot be reached within 5 seconds.
 * The {@code xxxJson} builders return the same JSON without sending it, so a test can post it
 * itself (e.g. twice, to see duplicates dropped). Each push gets a new positive {@code NewMsgId}.
 */
public final class Callbacks {

    /** A 64-bit unsigned id from the vendor's sample; it does not fit a {@code long}, on purpose. */
    private static final BigInteger SNS_BG_OBJECT_ID = new BigInteger("14216284872728580667");
    private static final String HEAD_IMG = "http://wx.qlogo.cn/mmhead/ver_1/sandbox/";

    /** Stand-ins for the values the shell fills in, in {@link #textCommand}. */
    private static final String TIME_SLOT = "@@CREATE_TIME@@";
    private static final String ID_SLOT = "@@NEW_MSG_ID@@";

    private final String appId;
    private final String accountWxid;
    private final AccountState state;
    private final CallbackSender sender;
    private final MessageIds ids;

    Callbacks(String appId, String accountWxid, AccountState state, CallbackSender sender, MessageIds ids) {
        this.appId = appId;
        this.accountWxid = accountWxid;
        this.state = state;
        this.sender = sender;
        this.ids = ids;
    }

    /**
     * Pushes a private-chat text from {@code fromWxid} to the account.
     *
     * @param fromWxid the sender
     * @param text     the message text
     * @return the HTTP status the callback URL answered
     */
    public int pushText(String fromWxid, String text) {
        return pushRaw(textJson(fromWxid, text, ids.nextNewMsgId()));
    }

    /**
     * Pushes a group-chat text: {@code FromUserName} is the group, {@code Content} is {@code "<sender>:\n<text>"}.
     *
     * @param groupId    the group, with or without the {@code @chatroom} suffix
     * @param senderWxid who wrote it
     * @param text       the message text
     * @return the HTTP status the callback URL answered
     */
    public int pushGroupText(String groupId, String senderWxid, String text) {
        return pushRaw(groupTextJson(groupId, senderWxid, text, ids.nextNewMsgId()));
    }

    /**
     * Makes {@code fromWxid} ask to be the account's friend: adds them to the directory as a stranger if
     * unknown, issues a v3/v4 pair, remembers a pending incoming request (replacing an older one from
     * the same person, whose tickets stop working) and pushes the {@code MsgType 37} message.
     * The request stays pending even if the push fails.
     *
     * @param fromWxid the person asking
     * @param nickname their nickname (used only when the directory does not know them)
     * @param greeting the text they wrote
     * @param scene    how they found the account (e.g. 6, 14, 15, 30)
     * @return the tickets, scene, message id and the status the callback URL answered
     */
    public IncomingRequest pushFriendRequest(String fromWxid, String nickname, String greeting, int scene) {
        Objects.requireNonNull(fromWxid, "fromWxid");
        Objects.requireNonNull(greeting, "greeting");
        String url = requireUrl();
        SandboxPerson person = state.personOrStranger(fromWxid, nickname);
        AccountState.Pending pending = state.openIncoming(fromWxid, scene, ids.nextNewMsgId());
        String json = friendRequestJson(fromWxid, person.nickname(), greeting, scene,
                pending.v3(), pending.v4(), pending.newMsgId());
        int status = sender.post(url, json);
        return new IncomingRequest(fromWxid, pending.v3(), pending.v4(), scene, pending.newMsgId(), status);
    }

    /**
     * Pushes a {@code ModContacts} for someone in the directory, as GeWe does when a contact is added or changed.
     *
     * @param wxid a person the directory knows
     * @return the HTTP status the callback URL answered
     * @throws IllegalArgumentException when the directory does not know {@code wxid}
     */
    public int pushModContacts(String wxid) {
        return pushRaw(modContactsJson(wxid));
    }

    /**
     * Pushes a {@code DelContacts} for {@code wxid}, as GeWe does when a contact leaves the account's
     * list (the account deleted a friend). It changes nothing in the directory.
     *
     * @param wxid whom the account no longer has
     * @return the HTTP status the callback URL answered
     */
    public int pushDelContacts(String wxid) {
        return pushRaw(delContactsJson(wxid));
    }

    /**
     * Pushes an {@code Offline} notice. It does not change {@link SandboxAccount#setOnline(boolean)}.
     *
     * @return the HTTP status the callback URL answered
     */
    public int pushOffline() {
        return pushRaw(offlineJson());
    }

    /**
     * Pushes any text as the callback body, e.g. a vendor sample or a malformed document.
     *
     * @param json the body to post
     * @return the HTTP status the callback URL answered
     */
    public int pushRaw(String json) {
        Objects.requireNonNull(json, "json");
        return sender.post(requireUrl(), json);
    }

    /**
     * The {@code AddMsg} JSON of a private text from {@code fromWxid}, shaped like the vendor's {@code 01-text.json}.
     *
     * @param fromWxid the sender
     * @param text     the message text
     * @param newMsgId the {@code NewMsgId} to carry
     * @return the callback body
     */
    public String textJson(String fromWxid, String text, long newMsgId) {
        Objects.requireNonNull(fromWxid, "fromWxid");
        Objects.requireNonNull(text, "text");
        String msgSource = "<msgsource>\n\t<alnode>\n\t\t<fr>1</fr>\n\t</alnode>\n\t<signature>v1_sandbox</signature>\n"
                + "\t<tmp_node>\n\t\t<publisher-id></publisher-id>\n\t</tmp_node>\n</msgsource>\n";
        return write(addMsg(fromWxid, 1, text, msgSource, nicknameOf(fromWxid) + " : " + text, newMsgId));
    }

    /**
     * A command for a POSIX shell that posts, with curl, the {@code AddMsg} of a private text from
     * {@code fromWxid} to {@code url}: what a person pastes to play GeWe pushing a chat message. The
     * message's {@code CreateTime} and {@code NewMsgId} are taken by the shell when it runs, so the
     * command can be run again, later, and still be a new, current message.
     *
     * @param url      where to post, such as the bot's callback URL
     * @param fromWxid the sender
     * @param text     the message text
     * @return the command, one line
     */
    public String textCommand(String url, String fromWxid, String text) {
        Objects.requireNonNull(url, "url");
        ObjectNode root;
        try {
            root = (ObjectNode) Json.MAPPER.readTree(textJson(fromWxid, text, 1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the JSON just written", e);
        }
        ObjectNode data = (ObjectNode) root.get("Data");
        data.put("CreateTime", TIME_SLOT);
        data.put("NewMsgId", ID_SLOT);
        String body = inDoubleQuotes(write(root))
                .replace("\\\"" + TIME_SLOT + "\\\"", "$(date +%s)")
                .replace("\\\"" + ID_SLOT + "\\\"", "$(date +%s)$$");
        return "curl -sS -X POST -H 'Content-Type: application/json' -d \"" + body + "\" '"
                + url.replace("'", "'\\''") + "'";
    }

    /** What a shell would otherwise expand or end inside "...", escaped; '!' outside the quotes. */
    private static String inDoubleQuotes(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`")
                .replace("!", "\"'!'\"");
    }

    /**
     * The {@code AddMsg} JSON of a group text: {@code FromUserName} {@code <id>@chatroom},
     * {@code Content} {@code "<sender>:\n<text>"}.
     *
     * @param groupId    the group, with or without the {@code @chatroom} suffix
     * @param senderWxid who wrote it
     * @param text       the message text
     * @param newMsgId   the {@code NewMsgId} to carry
     * @return the callback body
     */
    public String groupTextJson(String groupId, String senderWxid, String text, long newMsgId) {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(senderWxid, "senderWxid");
        Objects.requireNonNull(text, "text");
        String room = groupId.endsWith("@chatroom") ? groupId : groupId + "@chatroom";
        String msgSource = "<msgsource>\n\t<silence>0</silence>\n\t<membercount>3</membercount>\n"
                + "\t<signature>v1_sandbox</signature>\n\t<tmp_node>\n\t\t<publisher-id></publisher-id>\n"
                + "\t</tmp_node>\n</msgsource>\n";
        return write(addMsg(room, 1, senderWxid + ":\n" + text, msgSource,
                nicknameOf(senderWxid) + " : " + text, newMsgId));
    }

    /**
     * The {@code MsgType 37} JSON of a friend request, shaped like the vendor's {@code 10-friend-request.json}:
     * {@code encryptusername} carries v3, {@code ticket} carries v4; every attribute value is XML-escaped.
     * Nothing is remembered: tickets passed here are valid only if the sandbox issued them.
     *
     * @param fromWxid the person asking
     * @param nickname their nickname
     * @param greeting the text they wrote
     * @param scene    how they found the account
     * @param v3       the value of {@code encryptusername}
     * @param v4       the value of {@code ticket}
     * @param newMsgId the {@code NewMsgId} to carry
     * @return the callback body
     */
    public String friendRequestJson(String fromWxid, String nickname, String greeting, int scene,
                                    String v3, String v4, long newMsgId) {
        Objects.requireNonNull(fromWxid, "fromWxid");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(v3, "v3");
        Objects.requireNonNull(v4, "v4");
        String nick = nickname == null ? fromWxid : nickname;
        String xml = "<msg fromusername=\"" + Xml.attr(fromWxid) + "\""
                + " encryptusername=\"" + Xml.attr(v3) + "\""
                + " fromnickname=\"" + Xml.attr(nick) + "\""
                + " content=\"" + Xml.attr(greeting) + "\""
                + " fullpy=\"" + Xml.attr(nick.toLowerCase(java.util.Locale.ROOT)) + "\" shortpy=\"\""
                + " imagestatus=\"3\" scene=\"" + scene + "\" country=\"\" province=\"\" city=\"\" sign=\"\""
                + " percard=\"0\" sex=\"0\" alias=\"\" weibo=\"\" albumflag=\"3\" albumstyle=\"0\" albumbgimgid=\"\""
                + " snsflag=\"273\" snsbgimgid=\"\" snsbgobjectid=\"" + SNS_BG_OBJECT_ID + "\""
                + " mhash=\"\" mfullhash=\"\""
                + " bigheadimgurl=\"" + Xml.attr(HEAD_IMG + fromWxid + "/0") + "\""
                + " smallheadimgurl=\"" + Xml.attr(HEAD_IMG + fromWxid + "/132") + "\""
                + " ticket=\"" + Xml.attr(v4) + "\""
                + " opcode=\"2\" googlecontact=\"\" qrticket=\"\" chatroomusername=\"\" sourceusername=\"\""
                + " sourcenickname=\"\" sharecardusername=\"\" sharecardnickname=\"\" cardversion=\"\" extflag=\"0\">"
                + "<brandlist count=\"0\" ver=\"" + ids.nextMsgSeq() + "\"></brandlist></msg>";
        String msgSource = "<msgsource>\n\t<signature>v1_sandbox</signature>\n\t<tmp_node>\n"
                + "\t\t<publisher-id></publisher-id>\n\t</tmp_node>\n</msgsource>\n";
        // The vendor's friend-request sample carries no PushContent, so neither does this.
        return write(addMsg("fmessage", 37, xml, msgSource, null, newMsgId));
    }

    /**
     * The {@code ModContacts} JSON for someone in the directory, shaped like the vendor's
     * {@code 11-contact-modified.json} ({@code UserName}, {@code NickName}, {@code EncryptUserName}, ...).
     *
     * @param wxid a person the directory knows
     * @return the callback body
     * @throws IllegalArgumentException when the directory does not know {@code wxid}
     */
    public String modContactsJson(String wxid) {
        AccountState.Profile p = state.profile(wxid)
                .orElseThrow(() -> new IllegalArgumentException("no such person in the sandbox: " + wxid));
        String v3 = state.encryptUserName(wxid);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("Appid", appId);
        root.put("TypeName", "ModContacts");
        ObjectNode data = root.putObject("Data");
        data.putObject("UserName").put("string", wxid);
        data.putObject("NickName").put("string", p.person().nickname());
        data.putObject("PyInitial").put("string", "");
        data.putObject("QuanPin").put("string", p.person().nickname().toLowerCase(java.util.Locale.ROOT));
        data.put("Sex", p.sex());
        data.putObject("ImgBuf").put("iLen", 0);
        data.put("BitMask", 4294967295L);
        data.put("BitVal", 3);
        data.put("ImgFlag", 1);
        ObjectNode remark = data.putObject("Remark");
        if (p.remark() != null) {
            remark.put("string", p.remark());
        }
        data.putObject("RemarkPyinitial");
        data.putObject("RemarkQuanPin");
        data.put("ContactType", 0);
        data.put("RoomInfoCount", 0);
        data.putArray("DomainList").addObject();
        data.put("ChatRoomNotify", 0);
        data.put("AddContactScene", 0);
        data.put("Province", "");
        data.put("City", "");
        data.put("Signature", p.signature());
        data.put("PersonalCard", 0);
        data.put("HasWeiXinHdHeadImg", 1);
        data.put("VerifyFlag", 0);
        data.put("Level", 6);
        data.put("Source", 14);
        data.put("WeiboFlag", 0);
        data.put("AlbumStyle", 0);
        data.put("AlbumFlag", 3);
        ObjectNode sns = data.putObject("SnsUserInfo");
        sns.put("SnsFlag", 1);
        sns.put("SnsBgimgId", "");
        sns.put("SnsBgobjectId", SNS_BG_OBJECT_ID);
        sns.put("SnsFlagEx", 7297);
        data.put("Country", "CN");
        data.put("BigHeadImgUrl", HEAD_IMG + wxid + "/0");
        data.put("SmallHeadImgUrl", HEAD_IMG + wxid + "/132");
        data.putObject("CustomizedInfo").put("BrandFlag", 0);
        data.put("EncryptUserName", v3);
        data.putObject("AdditionalContactList").putObject("LinkedinContactItem");
        data.put("ChatroomMaxCount", 0);
        data.put("DeleteFlag", 0);
        data.put("Description", "");
        data.put("ChatroomStatus", 0);
        data.put("Extflag", 0);
        data.put("ChatRoomBusinessType", 0);
        return write(root);
    }

    /**
     * The {@code DelContacts} JSON, shaped like the vendor's {@code 29-friend-deleted.json}:
     * {@code Data.UserName} names the contact that went.
     *
     * @param wxid whom the account no longer has
     * @return the callback body
     */
    public String delContactsJson(String wxid) {
        Objects.requireNonNull(wxid, "wxid");
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("TypeName", "DelContacts");
        root.put("Appid", appId);
        root.put("Wxid", accountWxid);
        ObjectNode data = root.putObject("Data");
        data.putObject("UserName").put("string", wxid);
        data.put("DeleteContactScen", 0);
        return write(root);
    }

    /**
     * The {@code Offline} JSON, shaped like the vendor's {@code 31-offline.json}.
     *
     * @return the callback body
     */
    public String offlineJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("TypeName", "Offline");
        root.put("Appid", appId);
        root.put("Wxid", accountWxid);
        return write(root);
    }

    private ObjectNode addMsg(String from, int msgType, String content, String msgSource, String pushContent,
                              long newMsgId) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("TypeName", "AddMsg");
        root.put("Appid", appId);
        root.put("Wxid", accountWxid);
        ObjectNode data = root.putObject("Data");
        data.put("MsgId", ids.nextMsgId());
        data.putObject("FromUserName").put("string", from);
        data.putObject("ToUserName").put("string", accountWxid);
        data.put("MsgType", msgType);
        data.putObject("Content").put("string", content);
        data.put("Status", 3);
        data.put("ImgStatus", 1);
        data.putObject("ImgBuf").put("iLen", 0);
        data.put("CreateTime", System.currentTimeMillis() / 1000);
        data.put("MsgSource", msgSource);
        if (pushContent != null) {
            data.put("PushContent", pushContent);
        }
        data.put("NewMsgId", newMsgId);
        data.put("MsgSeq", ids.nextMsgSeq());
        return root;
    }

    private String nicknameOf(String wxid) {
        return state.person(wxid).map(SandboxPerson::nickname).orElse(wxid);
    }

    private String requireUrl() {
        String url = sender.callbackUrl();
        if (url == null) {
            throw new IllegalStateException("no callback URL set: call setCallbackUrl first");
        }
        return url;
    }

    private static String write(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write callback JSON", e);
        }
    }
}
