package io.gewebot.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful stand-in for the GeWe HTTP API, listening over real HTTP (loopback by default) and
 * speaking GeWe's wire format: {@code POST <baseUrl><path>} with a JSON body, header
 * {@code X-GEWE-TOKEN}, answers in the {@code {"ret":200,"msg":"操作成功","data":...}} envelope.
 *
 * <pre>{@code
 * try (GeweSandbox gewe = GeweSandbox.start()) {
 *     // point a client at gewe.baseUrl(), gewe.token(), gewe.appId()
 *     gewe.setCallbackUrl("http://127.0.0.1:8080/callback");
 *     IncomingRequest request = gewe.callbacks().pushFriendRequest("wxid_demo", "Demo", "hi", 6);
 *     RecordedCall accept = gewe.awaitCall("/contacts/addContacts", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code /contacts/search}, {@code /contacts/addContacts}, {@code /contacts/deleteFriend}
 * (which pushes a {@code DelContacts} for a friend deleted), {@code /contacts/getBriefInfo} and
 * {@code /contacts/getDetailInfo} (with {@code remark}, {@code alias} and {@code labelList}, the label
 * ids as {@code "1,2"} or {@code ""}), {@code /contacts/setFriendRemark},
 * {@code /contacts/fetchContactsList}, {@code /contacts/fetchContactsListCache} (the list
 * {@code fetchContactsList} answered last, for 10 minutes: {@link #setContactsCacheLifetime}),
 * {@code /contacts/checkRelation} (only with {@link SandboxOptions.Variant#HOSTED}; the self-hosted
 * variant answers it as an unknown path; codes from {@link #setRelation}), {@code /label/add} (an
 * existing name answers the existing label), {@code /label/list}, {@code /label/delete},
 * {@code /label/modifyMemberList} (which replaces each friend's whole label set, as GeWe's does),
 * {@code /message/postText}, {@code /login/checkOnline},
 * {@code /tools/getTokenId}, {@code /tools/setCallback}, {@code /login/setCallback},
 * {@code /login/getLoginQrCode}, {@code /login/checkLogin} and {@code /login/reconnection} (which puts
 * the account back online unless a fault is armed on it).
 *
 * <p>Logging in: {@code getLoginQrCode} (with {@code appId} {@code ""} for a new device, which becomes the
 * first account not online, or the first account; or an account's appId) issues a code whose {@code qrData} is
 * {@code http://weixin.qq.com/x/<uuid>} and whose {@code qrImgBase64} is a PNG of it. {@code checkLogin}
 * answers status 0 (waiting) until the code is scanned, by {@link #scanLoginQrCode()} or after
 * {@link #scanLoginQrCodeAfterPolls(int)} polls, then 1 (scanned) once, then 2 (logged in, the account
 * online); {@code expiredTime} counts down from the code's lifetime ({@link #setLoginQrCodeLifetime}).
 * Failures come as GeWe sends them: HTTP 200 and {@code ret: 500}. A wrong token is answered with
 * the vendor's text, {@code X-GEWE-TOKEN=xxx} literally, so no token is ever echoed. An unknown path
 * gets HTTP 404 with {@code {"ret":404,"msg":"接口不存在"}}.
 *
 * <p>Several accounts: GeWe lets one token hold several devices, each named by its {@code appId} in
 * requests and by {@code Appid} in callbacks, all pushed to the token's one callback URL. A sandbox holds
 * the accounts of {@link SandboxOptions#accounts()} and those {@link #addAccount(String, String)} adds; each
 * is a {@link SandboxAccount} ({@link #account(String)}) with its own wxid, friends, remarks, labels, friend
 * requests, tickets, posted texts, online state, login QR codes, faults and callbacks. The people of the
 * directory (and the v3 a search gives for each) are shared. A request whose {@code appId} names no
 * account of the token fails with {@code {"ret":500,"msg":"appId 不可用或已过期"}}. This class's own
 * per-account methods ({@link #makeFriend(String)}, {@link #faults()}, {@link #callbacks()},
 * {@link #postedTexts()}, ...) act on the first account, {@link #appId()}; {@link #calls()} and the other
 * records of requests are every account's.
 *
 * <p>With demo people the directory starts with {@value #DEMO_STRANGER} ("Demo Friend-to-be", a stranger),
 * {@value #DEMO_FRIEND} (already a friend), {@value #DEMO_PHONE_WXID} (found by phone {@value #DEMO_PHONE})
 * and {@value #DEMO_ALIAS_WXID} (found by WeChat ID {@value #DEMO_ALIAS}), and {@value #DEMO_ASKER}
 * ("Demo Asker", a stranger who asks to be a friend when {@link #pushDemoFriendRequest()} is called);
 * and the group chats {@value #DEMO_GROUP} and {@value #DEMO_BIG_GROUP} ({@value #DEMO_BIG_GROUP_SIZE} members);
 * {@value #DEMO_FRIEND} is a friend of every account.
 *
 * <p>Every request is recorded before anything else, including ones that fail authentication. Thread-safe;
 * requests are served by a small pool, so a delayed answer does not hold up others.
 */
public final class GeweSandbox implements AutoCloseable {

    /** A stranger in the demo directory, nickname "Demo Friend-to-be". */
    public static final String DEMO_STRANGER = "wxid_demo";
    /** A demo person who is already the friend of every account. */
    public static final String DEMO_FRIEND = "wxid_demo_friend";
    /** A demo stranger found by phone number {@link #DEMO_PHONE}. */
    public static final String DEMO_PHONE_WXID = "wxid_demo_phone";
    /** The phone number of {@link #DEMO_PHONE_WXID}. */
    public static final String DEMO_PHONE = "13800138000";
    /** A demo stranger found by WeChat ID {@link #DEMO_ALIAS}. */
    public static final String DEMO_ALIAS_WXID = "wxid_demo_alias";
    /** The WeChat ID (alias) of {@link #DEMO_ALIAS_WXID}. */
    public static final String DEMO_ALIAS = "demo_alias";
    /** A demo stranger who asks to be the account's friend when {@link #pushDemoFriendRequest()} is called. */
    public static final String DEMO_ASKER = "wxid_demo_asker";
    /** What {@link #DEMO_ASKER} writes with the request. */
    public static final String DEMO_ASKER_GREETING = "Hi, I found you through the quick start";
    /** The scene of the demo request: 6, as in the vendor's friend-request sample. */
    public static final int DEMO_ASKER_SCENE = 6;
    /**
     * A demo group chat: every account of the options, {@value #DEMO_FRIEND}, {@value #DEMO_STRANGER},
     * {@value #DEMO_PHONE_WXID} and {@value #DEMO_ALIAS_WXID}.
     */
    public static final String DEMO_GROUP = "demo_group@chatroom";
    /** A demo group chat of {@value #DEMO_BIG_GROUP_SIZE} members: every account of the options and strangers. */
    public static final String DEMO_BIG_GROUP = "demo_big_group@chatroom";
    /** How many members {@link #DEMO_BIG_GROUP} has, the accounts among them. */
    public static final int DEMO_BIG_GROUP_SIZE = 520;
    /** The nickname every account of the sandbox has, as a login reports it. */
    public static final String ACCOUNT_NICKNAME = "Sandbox Bot";
    /** The port {@link #main(String[])} listens on unless told otherwise, the self-hosted container's port. */
    public static final int DEFAULT_MAIN_PORT = 2531;

    private static final int HANDLER_THREADS = 8;

    private final SandboxOptions options;
    private final Directory directory = new Directory();
    private final CallLog log = new CallLog();
    private final MessageIds ids = new MessageIds();
    private final CallbackSender sender = new CallbackSender();
    private final Accounts accounts = new Accounts();
    private final LaterPushes pushes;
    private final ExecutorService handlers;
    private final HttpServer server;

    private GeweSandbox(SandboxOptions options) {
        this.options = options;
        if (options.demoPeople()) {
            seedDemoPeople();
        }
        this.pushes = new LaterPushes(sender, daemonThreads("gewe-sandbox-push"));
        options.accounts().forEach(account -> addAccount(account.appId(), account.wxid()));
        if (options.demoPeople()) {
            seedDemoGroups();
        }
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("gewe-sandbox-http"));
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            handlers.shutdownNow();
            pushes.close();
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        server.setExecutor(handlers);
        server.createContext("/", new ApiHandler(options, accounts, log, ids, sender));
        server.start();
    }

    /**
     * Starts a sandbox with {@link SandboxOptions#defaults()}: 127.0.0.1, a free port, demo people, one account.
     *
     * @return the running sandbox; close it when done
     */
    public static GeweSandbox start() {
        return start(SandboxOptions.defaults());
    }

    /**
     * Starts a sandbox with these options.
     *
     * @param options where to listen and which devices the token holds
     * @return the running sandbox; close it when done
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static GeweSandbox start(SandboxOptions options) {
        return new GeweSandbox(Objects.requireNonNull(options, "options"));
    }

    /** @return the options this sandbox was started with (accounts added later are not in them: see {@link #accounts()}) */
    public SandboxOptions options() {
        return options;
    }

    /** @return the base URL a GeWe client is configured with, e.g. {@code http://127.0.0.1:40123/v2/api} */
    public String baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + options.pathPrefix();
    }

    /** @return the port actually bound */
    public int port() {
        return server.getAddress().getPort();
    }

    /** @return the token the sandbox accepts in {@code X-GEWE-TOKEN}: the one token all its accounts are under */
    public String token() {
        return options.token();
    }

    /** @return the device id of the first account, which requests for it carry as {@code appId} */
    public String appId() {
        return first().appId();
    }

    /** @return the first account's own wxid (the {@code Wxid} of its callbacks) */
    public String accountWxid() {
        return first().wxid();
    }

    /**
     * Adds an account (a device) to the token: from now on requests naming {@code appId} are served as
     * that account's, online, with no friends but {@value #DEMO_FRIEND} when the sandbox has demo people.
     * Its callbacks go to the token's one callback URL.
     *
     * @param appId the device id; no other account of the sandbox may have it
     * @param wxid  the wxid of the WeChat account on it; no other account of the sandbox may have it
     * @return the new account
     * @throws IllegalArgumentException when either is blank or already an account's
     */
    public SandboxAccount addAccount(String appId, String wxid) {
        SandboxAccount account = accounts.add(new SandboxAccount(appId, wxid, directory, log, sender, ids, pushes));
        if (options.demoPeople()) {
            account.makeFriend(DEMO_FRIEND);
        }
        return account;
    }

    /**
     * @param appId an account's device id
     * @return that account
     * @throws IllegalArgumentException when the sandbox has no account with that appId
     */
    public SandboxAccount account(String appId) {
        return accounts.byAppId(Objects.requireNonNull(appId, "appId"))
                .orElseThrow(() -> new IllegalArgumentException("the sandbox has no account with appId " + appId));
    }

    /** @return every account of the token, in the order they were added, the first (that of {@link #appId()}) first */
    public List<SandboxAccount> accounts() {
        return accounts.all();
    }

    /**
     * Adds a stranger to the directory every account searches (or replaces the details of someone
     * already there, keeping every account's relation to them).
     *
     * @param wxid     their wxid
     * @param alias    their WeChat ID, or {@code null}
     * @param phone    their phone number, or {@code null}
     * @param nickname their nickname
     * @return the person as stored
     */
    public SandboxPerson addPerson(String wxid, String alias, String phone, String nickname) {
        return directory.add(new SandboxPerson(wxid, alias, phone, nickname));
    }

    /**
     * Makes (or replaces) a group chat, shared by every account of the token: GeWe's
     * {@code /group/getChatroomMemberList} lists its members for an account that is among them, and
     * {@code /group/addGroupMemberAsFriend} sends a member a friend request (scene 8) unless
     * {@link #forbidAddFromGroup} was called for them. Members the directory does not know join it as
     * strangers named after their wxid; an account is in the group when its wxid is listed.
     *
     * @param chatroomId the group's id, such as {@code 34757816141@chatroom}
     * @param members    the members' wxids, the owner first
     */
    public void addGroup(String chatroomId, List<String> members) {
        directory.putGroup(chatroomId, members);
    }

    /**
     * Plays a person who turned off "add me from a group": {@code /group/addGroupMemberAsFriend} to them fails
     * with {@code {"ret":500,"msg":"添加好友失败","data":{"code":"-24","msg":"对方已关闭通过群聊添加好友"}}}.
     *
     * @param wxid the person
     */
    public void forbidAddFromGroup(String wxid) {
        directory.forbidAddFromGroup(wxid);
    }

    /**
     * Makes every later search give this v3 for someone while they are a stranger, as WeChat gave it to an
     * earlier run: a stranger's v3 stands for who they are and stays the same when the host or GeWe's
     * stand-in starts again, so a host started on the data of an earlier run recognises the people that
     * run looked up.
     *
     * @param wxid a person the directory knows
     * @param v3   the v3 searches give for them from now on
     * @throws IllegalArgumentException when the directory does not know {@code wxid}
     */
    public void setSearchV3(String wxid, String v3) {
        directory.setSearchV3(wxid, v3);
    }

    /**
     * @param wxid a wxid
     * @return the person, if the directory knows them
     */
    public Optional<SandboxPerson> person(String wxid) {
        return directory.person(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#makeFriend(String)}.
     *
     * @param wxid a person the directory knows
     * @throws IllegalArgumentException when it does not
     */
    public void makeFriend(String wxid) {
        first().makeFriend(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#isFriend(String)}.
     *
     * @param wxid a wxid
     * @return whether that person is the first account's friend
     */
    public boolean isFriend(String wxid) {
        return first().isFriend(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#makeFriend(String, String)}.
     *
     * @param wxid     their wxid
     * @param nickname their nickname, used only when they are new to the directory
     */
    public void makeFriend(String wxid, String nickname) {
        first().makeFriend(wxid, nickname);
    }

    /**
     * The first account's {@link SandboxAccount#setRemark(String, String)}.
     *
     * @param wxid   a person the directory knows
     * @param remark the remark, {@code ""} for none
     */
    public void setRemark(String wxid, String remark) {
        first().setRemark(wxid, remark);
    }

    /**
     * The first account's {@link SandboxAccount#remarkOf(String)}.
     *
     * @param wxid a person the directory knows
     * @return the remark the first account gave them, {@code ""} when none
     */
    public String remarkOf(String wxid) {
        return first().remarkOf(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#setLabels(String, List)}.
     *
     * @param wxid   a person the directory knows
     * @param labels label names; empty takes every label off
     * @throws IllegalArgumentException when the directory does not know {@code wxid} (no label is created then)
     */
    public void setLabels(String wxid, List<String> labels) {
        first().setLabels(wxid, labels);
    }

    /**
     * The first account's {@link SandboxAccount#labelsOf(String)}.
     *
     * @param wxid a person the directory knows
     * @return the names of the labels they are filed under, in GeWe's order (that of their {@code labelList})
     */
    public List<String> labelsOf(String wxid) {
        return first().labelsOf(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#labelId(String)}.
     *
     * @param name a label name
     * @return its id, if the first account has such a label
     */
    public OptionalInt labelId(String name) {
        return first().labelId(name);
    }

    /** @return the names of every label the first account has, oldest first ({@link SandboxAccount#labelNames()}) */
    public List<String> labelNames() {
        return first().labelNames();
    }

    /**
     * The first account's {@link SandboxAccount#setRelation(String, int)}.
     *
     * @param wxid a person the directory knows
     * @param code the relation code
     */
    public void setRelation(String wxid, int code) {
        first().setRelation(wxid, code);
    }

    /**
     * The first account's {@link SandboxAccount#setContactsCacheLifetime(Duration)}.
     *
     * @param lifetime a duration, zero for a cache that never answers
     */
    public void setContactsCacheLifetime(Duration lifetime) {
        first().setContactsCacheLifetime(lifetime);
    }

    /**
     * The first account's {@link SandboxAccount#acceptOutgoingRequest(String)}.
     *
     * @param wxid a person the directory knows
     */
    public void acceptOutgoingRequest(String wxid) {
        first().acceptOutgoingRequest(wxid);
    }

    /**
     * The first account's {@link SandboxAccount#pushDemoFriendRequest()}: {@value #DEMO_ASKER} asks.
     *
     * @return the request as pushed
     * @throws IllegalStateException when no callback URL is set
     * @throws UncheckedIOException when the receiver cannot be reached
     */
    public IncomingRequest pushDemoFriendRequest() {
        return first().pushDemoFriendRequest();
    }

    /** @return the friend requests the first account sent, in order ({@link SandboxAccount#outgoingRequests()}) */
    public List<OutgoingRequest> outgoingRequests() {
        return first().outgoingRequests();
    }

    /** @return the first account's pending incoming friend requests ({@link SandboxAccount#pendingIncomingRequests()}) */
    public List<IncomingRequest> pendingIncomingRequests() {
        return first().pendingIncomingRequests();
    }

    /** @return every request received, for any account or none, in arrival order, including failed ones */
    public List<RecordedCall> calls() {
        return log.calls();
    }

    /**
     * @param path a path without the base prefix, e.g. {@code /contacts/addContacts}
     * @return the requests received on it for any account, in arrival order
     */
    public List<RecordedCall> calls(String path) {
        return log.calls(null, Objects.requireNonNull(path, "path"));
    }

    /**
     * How long each request took the sandbox, for telling a client's own time from the sandbox's.
     * Requests cut short by an armed fault (other than a delay) are not listed.
     *
     * @return the requests answered, in the order their answers were begun
     */
    public List<ServedCall> servedCalls() {
        return log.served();
    }

    /** @return the texts {@code /message/postText} accepted for the first account ({@link SandboxAccount#postedTexts()}) */
    public List<PostedText> postedTexts() {
        return first().postedTexts();
    }

    /**
     * Returns the first call recorded on {@code path} (for any account) since the sandbox started or
     * records were last cleared, waiting for it if none has arrived yet. Calling it again returns the
     * same call; use {@link #awaitCalls(String, int, Duration)} to wait for later ones, and
     * {@link SandboxAccount#awaitCall(String, Duration)} for one account's.
     *
     * @param path    a path without the base prefix
     * @param timeout how long to wait at most
     * @return the first call on that path
     * @throws IllegalStateException when none arrives in time
     */
    public RecordedCall awaitCall(String path, Duration timeout) {
        return awaitCalls(path, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} calls (for any account) were recorded on {@code path}.
     *
     * @param path    a path without the base prefix
     * @param count   how many calls to wait for
     * @param timeout how long to wait at most
     * @return all calls on that path so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
        return log.awaitCalls(null, Objects.requireNonNull(path, "path"), count, timeout);
    }

    /**
     * The first account's {@link SandboxAccount#awaitPostedTexts(int, Duration)}.
     *
     * @param count   how many texts to wait for
     * @param timeout how long to wait at most
     * @return all texts the first account posted so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<PostedText> awaitPostedTexts(int count, Duration timeout) {
        return first().awaitPostedTexts(count, timeout);
    }

    /** Forgets recorded calls, posted texts (of every account) and served calls; people, relations and tickets stay. */
    public void clearRecords() {
        log.clear();
    }

    /**
     * The first account's {@link SandboxAccount#setOnline(boolean)}. Offline, its contact and message
     * calls fail with {@code {"ret":500,"msg":"微信已离线，请重新登录"}}.
     *
     * @param online the new state
     */
    public void setOnline(boolean online) {
        first().setOnline(online);
    }

    /** @return whether the first account is online */
    public boolean isOnline() {
        return first().isOnline();
    }

    /** The first account's {@link SandboxAccount#scanLoginQrCode()}. */
    public void scanLoginQrCode() {
        first().scanLoginQrCode();
    }

    /**
     * The first account's {@link SandboxAccount#scanLoginQrCodeAfterPolls(int)}.
     *
     * @param polls polls before the scan; negative: only when {@link #scanLoginQrCode()} is called (the default)
     */
    public void scanLoginQrCodeAfterPolls(int polls) {
        first().scanLoginQrCodeAfterPolls(polls);
    }

    /**
     * The first account's {@link SandboxAccount#setLoginQrCodeLifetime(Duration)}.
     *
     * @param lifetime a positive duration
     */
    public void setLoginQrCodeLifetime(Duration lifetime) {
        first().setLoginQrCodeLifetime(lifetime);
    }

    /** @return the {@code qrData} of the login QR code issued last for the first account, if any */
    public Optional<String> latestLoginQrData() {
        return first().latestLoginQrData();
    }

    /**
     * The first account's faults ({@link SandboxAccount#faults()}). They also act on the calls that name
     * no account of the token (no {@code appId}, an unknown one, {@code /tools/getTokenId}, the callback
     * calls), as they did on every call when a sandbox had one account.
     *
     * @return the faults armed on the first account
     */
    public Faults faults() {
        return first().faults();
    }

    /**
     * Sets where the callbacks of every account are pushed, without the test message
     * {@code /tools/setCallback} sends: one URL per token, as on GeWe.
     *
     * @param url an http URL, or {@code null} to push nowhere
     */
    public void setCallbackUrl(String url) {
        sender.setCallbackUrl(url);
    }

    /** @return where the callbacks of every account are pushed, or {@code null} */
    public String callbackUrl() {
        return sender.callbackUrl();
    }

    /** @return the pusher of the first account's callbacks ({@link SandboxAccount#callbacks()}) */
    public Callbacks callbacks() {
        return first().callbacks();
    }

    /** Stops listening at once and stops background pushes. */
    @Override
    public void close() {
        pushes.close();
        server.stop(0);
        handlers.shutdownNow();
    }

    /**
     * Runs a sandbox until the process is killed. Options: {@code --port N} (default 2531),
     * {@code --host H}, {@code --prefix P}, {@code --token T}, {@code --app-id A}, {@code --account-wxid W},
     * {@code --accounts appId=wxid,...} (more accounts under the same token), {@code --callback-url U},
     * {@code --no-demo-people}, {@code --logged-out}, {@code --scan-after-polls N},
     * {@code --variant self-hosted|hosted},
     * {@code --help}. Prints the base URL, token and every appId.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        LaunchConfig config;
        try {
            config = LaunchConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LaunchConfig.USAGE);
            System.exit(2);
            return;
        }
        if (config.help()) {
            System.out.println(LaunchConfig.USAGE);
            return;
        }
        GeweSandbox sandbox = start(config.options());
        if (config.callbackUrl() != null) {
            sandbox.setCallbackUrl(config.callbackUrl());
        }
        for (SandboxAccount account : sandbox.accounts()) {
            account.setOnline(!config.loggedOut());
            account.scanLoginQrCodeAfterPolls(config.scanAfterPolls());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "gewe-sandbox-shutdown"));
        sandbox.showPostedTexts(System.out);
        sandbox.printBanner(System.out);
        // Standard input plays the people writing to the account; it may be closed (run in the background).
        Thread console = new Thread(() -> new SandboxConsole(sandbox, System.out)
                .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))), "gewe-sandbox-console");
        console.setDaemon(true);
        console.start();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Shows on {@code out} every text an account is asked to send, whole, as it is asked: on a real
     * GeWe the phone shows them; standalone, nothing else would.
     */
    void showPostedTexts(PrintStream out) {
        log.onText((appId, text) -> {
            StringBuilder shown = new StringBuilder("[" + appId + "] to " + text.toWxid()
                    + (text.ats() == null ? "" : " (mentioning " + text.ats() + ")") + ":");
            text.content().lines().forEach(line -> shown.append(System.lineSeparator()).append("  ").append(line));
            synchronized (out) {
                out.println(shown);
                out.flush();
            }
        });
    }

    void printBanner(PrintStream out) {
        out.println("GeWe sandbox listening");
        out.println("  base URL : " + baseUrl());
        // The sandbox's own token: printing it is how an operator configures a client for it.
        out.println("  token    : " + token());
        out.println("  appId    : " + appId());
        out.println("  account  : " + accountWxid());
        for (SandboxAccount more : accounts().subList(1, accounts().size())) {
            out.println("  also     : appId " + more.appId() + ", account " + more.wxid());
        }
        out.println("  variant  : " + options.variant().label());
        out.println("  callback : " + (callbackUrl() == null ? "(none; set with /tools/setCallback)" : callbackUrl()));
        out.println("  texts the accounts send are shown here; type a line to play a person:");
        SandboxConsole.USAGE.lines().forEach(line -> out.println("    " + line));
        out.flush();
    }

    private SandboxAccount first() {
        return accounts.first();
    }

    private void seedDemoPeople() {
        directory.add(new SandboxPerson(DEMO_STRANGER, null, null, "Demo Friend-to-be"));
        directory.add(new SandboxPerson(DEMO_FRIEND, "demo_friend", null, "Demo Friend"));
        directory.add(new SandboxPerson(DEMO_PHONE_WXID, null, DEMO_PHONE, "Demo By Phone"));
        directory.add(new SandboxPerson(DEMO_ALIAS_WXID, DEMO_ALIAS, null, "Demo By Alias"));
        directory.add(new SandboxPerson(DEMO_ASKER, null, null, "Demo Asker"));
    }

    private void seedDemoGroups() {
        List<String> accountWxids = options.accounts().stream().map(SandboxOptions.Account::wxid).toList();
        List<String> small = new ArrayList<>(accountWxids);
        small.addAll(List.of(DEMO_FRIEND, DEMO_STRANGER, DEMO_PHONE_WXID, DEMO_ALIAS_WXID));
        directory.putGroup(DEMO_GROUP, small);
        List<String> big = new ArrayList<>(accountWxids);
        for (int i = 1; big.size() < DEMO_BIG_GROUP_SIZE; i++) {
            String wxid = String.format("wxid_demo_member_%03d", i);
            directory.personOrStranger(wxid, "Demo Member " + i);
            big.add(wxid);
        }
        directory.putGroup(DEMO_BIG_GROUP, big);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
