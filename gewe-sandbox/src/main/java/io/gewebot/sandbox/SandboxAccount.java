package io.gewebot.sandbox;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One WeChat account (one device, one {@code appId}) of a {@link GeweSandbox}'s token, and everything
 * that is its own: its wxid, friends, remarks, labels, friend requests both ways, issued tickets,
 * posted texts, online state, login QR codes, faults and callbacks. The people it can find and add are
 * the sandbox's, shared by every account; a friendship, a remark or a label is one account's only, and
 * so is a search ticket (another account's {@code addContacts} refuses it as GeWe refuses a foreign ticket).
 *
 * <pre>{@code
 * try (GeweSandbox gewe = GeweSandbox.start(SandboxOptions.defaults()
 *         .withMoreAccounts(new SandboxOptions.Account("wx_b", "wxid_b")))) {
 *     SandboxAccount b = gewe.account("wx_b");
 *     b.faults().always("/contacts/addContacts", Fault.ret500("操作过于频繁"));   // b only
 *     b.callbacks().pushText(GeweSandbox.DEMO_FRIEND, "/add wxid_demo");        // "Appid": "wx_b"
 *     List<PostedText> replies = b.awaitPostedTexts(1, Duration.ofSeconds(5));  // what b posted
 * }
 * }</pre>
 *
 * <p>Made by {@link GeweSandbox#start(SandboxOptions)} and {@link GeweSandbox#addAccount(String, String)};
 * found with {@link GeweSandbox#account(String)}. Thread-safe.
 */
public final class SandboxAccount {

    private final String appId;
    private final String wxid;
    private final AccountState state;
    private final Faults faults = new Faults();
    private final LoginDesk login = new LoginDesk();
    private final Callbacks callbacks;
    private final CallLog log;
    private final LaterPushes pushes;

    SandboxAccount(String appId, String wxid, Directory directory, CallLog log, CallbackSender sender,
                   MessageIds ids, LaterPushes pushes) {
        this.appId = requireText(appId, "appId");
        this.wxid = requireText(wxid, "wxid");
        this.state = new AccountState(directory);
        this.callbacks = new Callbacks(appId, wxid, state, sender, ids);
        this.log = log;
        this.pushes = pushes;
    }

    /** @return the device id requests for this account carry as {@code appId}, and its callbacks as {@code Appid} */
    public String appId() {
        return appId;
    }

    /** @return the account's own wxid: {@code loginInfo.wxid} of a login, {@code Wxid} of its callbacks */
    public String wxid() {
        return wxid;
    }

    /**
     * Makes someone already in the directory the account's friend, closing any pending request from them.
     *
     * @param wxid a person the directory knows
     * @throws IllegalArgumentException when it does not
     */
    public void makeFriend(String wxid) {
        state.makeFriend(wxid);
    }

    /**
     * Makes someone the account's friend, adding them to the directory with that nickname first when it
     * does not know them yet.
     *
     * @param wxid     their wxid
     * @param nickname their nickname, used only when they are new to the directory
     */
    public void makeFriend(String wxid, String nickname) {
        state.personOrStranger(Objects.requireNonNull(wxid, "wxid"), Objects.requireNonNull(nickname, "nickname"));
        state.makeFriend(wxid);
    }

    /**
     * @param wxid a wxid
     * @return whether that person is this account's friend
     */
    public boolean isFriend(String wxid) {
        return state.isFriend(wxid);
    }

    /**
     * Sets the remark the account gave a friend, as {@code /contacts/setFriendRemark} does.
     *
     * @param wxid   a person the directory knows
     * @param remark the remark, {@code ""} for none
     */
    public void setRemark(String wxid, String remark) {
        state.setRemark(wxid, Objects.requireNonNull(remark, "remark"));
    }

    /**
     * @param wxid a person the directory knows
     * @return the remark the account gave them, {@code ""} when none
     */
    public String remarkOf(String wxid) {
        return state.profile(wxid).map(p -> p.remark() == null ? "" : p.remark())
                .orElseThrow(() -> new IllegalArgumentException("no such person in the sandbox: " + wxid));
    }

    /**
     * Files someone under exactly these labels of the account, creating those that do not exist yet (in
     * this order), as {@code /label/add} and {@code /label/modifyMemberList} would.
     *
     * @param wxid   a person the directory knows
     * @param labels label names; empty takes every label off
     * @throws IllegalArgumentException when the directory does not know {@code wxid} (no label is created then)
     */
    public void setLabels(String wxid, List<String> labels) {
        if (state.person(wxid).isEmpty()) {
            throw new IllegalArgumentException("no such person in the sandbox: " + wxid);
        }
        List<Integer> labelIds = labels.stream().map(name -> state.addLabel(name).id()).toList();
        state.setLabels(wxid, labelIds);
    }

    /**
     * @param wxid a person the directory knows
     * @return the names of the labels the account filed them under, in GeWe's order (that of their {@code labelList})
     */
    public List<String> labelsOf(String wxid) {
        return state.profile(wxid)
                .orElseThrow(() -> new IllegalArgumentException("no such person in the sandbox: " + wxid))
                .labelIds().stream().map(id -> state.label(id).map(AccountState.Label::name).orElseThrow()).toList();
    }

    /**
     * @param name a label name
     * @return its id, if the account has such a label
     */
    public OptionalInt labelId(String name) {
        return state.labels().stream().filter(l -> l.name().equals(name)).mapToInt(AccountState.Label::id).findFirst();
    }

    /** @return the names of every label the account has, oldest first */
    public List<String> labelNames() {
        return state.labels().stream().map(AccountState.Label::name).toList();
    }

    /**
     * Sets what {@code /contacts/checkRelation} answers this account for someone: 0 normal, 1 they
     * deleted the account, 2 they blocked it, 3 the account blocked them, 5 checked too often, others as
     * GeWe's. Unset, a friend answers 0 and anyone else 99.
     *
     * @param wxid a person the directory knows
     * @param code the relation code
     */
    public void setRelation(String wxid, int code) {
        state.setRelationCode(wxid, code);
    }

    /**
     * How long {@code /contacts/fetchContactsListCache} answers the list {@code fetchContactsList}
     * answered this account last: about 10 minutes on GeWe. After it, or before any fetch, the cache call fails.
     *
     * @param lifetime a duration, zero for a cache that never answers
     */
    public void setContactsCacheLifetime(Duration lifetime) {
        state.setContactsCacheLifetime(lifetime);
    }

    /**
     * Plays the other side accepting a request the account sent: makes {@code wxid} a friend and,
     * when a callback URL is set, pushes a {@code ModContacts} for them (on a background thread).
     *
     * @param wxid a person the directory knows
     */
    public void acceptOutgoingRequest(String wxid) {
        state.makeFriend(wxid);
        pushModContactsLater(wxid);
    }

    /**
     * Plays {@value GeweSandbox#DEMO_ASKER} asking to be this account's friend: issues their tickets,
     * remembers the request as pending and pushes it, as {@link Callbacks#pushFriendRequest} does.
     * Answering it with those tickets works; accepting makes them a friend. Asking again replaces the request.
     *
     * @return the request as pushed
     * @throws IllegalStateException when no callback URL is set
     * @throws UncheckedIOException when the receiver cannot be reached
     */
    public IncomingRequest pushDemoFriendRequest() {
        return callbacks.pushFriendRequest(GeweSandbox.DEMO_ASKER, "Demo Asker", GeweSandbox.DEMO_ASKER_GREETING,
                GeweSandbox.DEMO_ASKER_SCENE);
    }

    /**
     * Remembers, without pushing anything, a friend request someone made before this sandbox started,
     * with the tickets GeWe issued for it then: what GeWe still holds when a host comes back on the data
     * of an earlier run. Answering it with those tickets works as for a pushed request; asking again
     * replaces it.
     *
     * @param fromWxid who asked
     * @param nickname their nickname, used only when the directory does not know them
     * @param v3       the request's v3, as the earlier callback carried it
     * @param v4       the request's v4, as the earlier callback carried it
     * @param scene    how they found the account
     * @return the request as held ({@code newMsgId} and {@code status} are 0: nothing was pushed)
     */
    public IncomingRequest holdFriendRequest(String fromWxid, String nickname, String v3, String v4, int scene) {
        requireText(v3, "v3");
        requireText(v4, "v4");
        state.personOrStranger(Objects.requireNonNull(fromWxid, "fromWxid"), Objects.requireNonNull(nickname, "nickname"));
        AccountState.Pending held = state.holdIncoming(fromWxid, v3, v4, scene);
        return new IncomingRequest(held.wxid(), held.v3(), held.v4(), held.scene(), held.newMsgId(), 0);
    }

    /** @return the friend requests this account sent with {@code addContacts option 2}, in order */
    public List<OutgoingRequest> outgoingRequests() {
        return state.outgoing();
    }

    /**
     * @return the incoming friend requests of this account neither accepted nor rejected yet, oldest
     *         first ({@code status} is 0: it is the push's status, not known here)
     */
    public List<IncomingRequest> pendingIncomingRequests() {
        return state.pendingIncoming().stream()
                .map(p -> new IncomingRequest(p.wxid(), p.v3(), p.v4(), p.scene(), p.newMsgId(), 0)).toList();
    }

    /** @return the requests whose body named this account's {@code appId}, in arrival order, including failed ones */
    public List<RecordedCall> calls() {
        return log.calls(appId, null);
    }

    /**
     * @param path a path without the base prefix, e.g. {@code /contacts/addContacts}
     * @return the requests on it whose body named this account's {@code appId}, in arrival order
     */
    public List<RecordedCall> calls(String path) {
        return log.calls(appId, Objects.requireNonNull(path, "path"));
    }

    /**
     * Returns the first call on {@code path} for this account since the sandbox started or records were
     * last cleared, waiting for it if none has arrived yet.
     *
     * @param path    a path without the base prefix
     * @param timeout how long to wait at most
     * @return the first call on that path whose body named this account's {@code appId}
     * @throws IllegalStateException when none arrives in time
     */
    public RecordedCall awaitCall(String path, Duration timeout) {
        return awaitCalls(path, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} calls for this account were recorded on {@code path}.
     *
     * @param path    a path without the base prefix
     * @param count   how many calls to wait for
     * @param timeout how long to wait at most
     * @return all calls for this account on that path so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
        return log.awaitCalls(appId, Objects.requireNonNull(path, "path"), count, timeout);
    }

    /** @return the texts {@code /message/postText} accepted for this account, in order */
    public List<PostedText> postedTexts() {
        return log.texts(appId);
    }

    /**
     * Waits until this account posted at least {@code count} texts.
     *
     * @param count   how many texts to wait for
     * @param timeout how long to wait at most
     * @return all texts this account posted so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<PostedText> awaitPostedTexts(int count, Duration timeout) {
        return log.awaitTexts(appId, count, timeout);
    }

    /**
     * Puts the account on- or offline. Offline, its contact and message calls fail with
     * {@code {"ret":500,"msg":"微信已离线，请重新登录"}} and {@code /login/checkOnline} answers {@code false};
     * the other accounts are not touched. Nothing is pushed; use {@link Callbacks#pushOffline()} for that.
     *
     * @param online the new state
     */
    public void setOnline(boolean online) {
        state.setOnline(online);
    }

    /** @return whether the account is online */
    public boolean isOnline() {
        return state.online();
    }

    /**
     * Plays the phone scanning this account's login QR code: the next poll of its waiting code answers
     * status 1 (scanned), the one after it 2 (logged in).
     */
    public void scanLoginQrCode() {
        login.scanNow();
    }

    /**
     * Makes every login QR code of this account scan itself after this many polls answered status 0.
     *
     * @param polls polls before the scan; negative: only when {@link #scanLoginQrCode()} is called (the default)
     */
    public void scanLoginQrCodeAfterPolls(int polls) {
        login.scanAfterPolls(polls);
    }

    /**
     * How long a login QR code of this account stays valid after it is issued: about 150 s on GeWe.
     *
     * @param lifetime a positive duration
     */
    public void setLoginQrCodeLifetime(Duration lifetime) {
        login.lifetime(Objects.requireNonNull(lifetime, "lifetime"));
    }

    /** @return the {@code qrData} of the login QR code issued last for this account, if any */
    public Optional<String> latestLoginQrData() {
        return login.latest().map(code -> code.qrData);
    }

    /**
     * The faults armed on this account: they act on the calls whose body names its {@code appId}, so one
     * account can be under risk control, slow or failing while the others are fine.
     *
     * @return this account's faults
     */
    public Faults faults() {
        return faults;
    }

    /** @return the pusher of this account's callbacks ({@code Appid} and {@code Wxid} are this account's) */
    public Callbacks callbacks() {
        return callbacks;
    }

    /** Names the account, for test failures. */
    @Override
    public String toString() {
        return "SandboxAccount[appId=" + appId + ", wxid=" + wxid + "]";
    }

    AccountState state() {
        return state;
    }

    LoginDesk login() {
        return login;
    }

    void pushModContactsLater(String friendWxid) {
        pushes.push("ModContacts", friendWxid, () -> callbacks.pushModContacts(friendWxid));
    }

    void pushDelContactsLater(String friendWxid) {
        pushes.push("DelContacts", friendWxid, () -> callbacks.pushDelContacts(friendWxid));
    }

    private static String requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
