package io.gewebot.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

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
 * sandbox's own, or the sandbox's appId) issues a code whose {@code qrData} is
 * {@code http://weixin.qq.com/x/<uuid>} and whose {@code qrImgBase64} is a PNG of it. {@code checkLogin}
 * answers status 0 (waiting) until the code is scanned, by {@link #scanLoginQrCode()} or after
 * {@link #scanLoginQrCodeAfterPolls(int)} polls, then 1 (scanned) once, then 2 (logged in, the account
 * online); {@code expiredTime} counts down from the code's lifetime ({@link #setLoginQrCodeLifetime}).
 * Failures come as GeWe sends them: HTTP 200 and {@code ret: 500}. A wrong token is answered with
 * the vendor's text, {@code X-GEWE-TOKEN=xxx} literally, so no token is ever echoed. An unknown path
 * gets HTTP 404 with {@code {"ret":404,"msg":"接口不存在"}}.
 *
 * <p>With demo people the directory starts with {@value #DEMO_STRANGER} ("Demo Friend-to-be", a stranger),
 * {@value #DEMO_FRIEND} (already a friend), {@value #DEMO_PHONE_WXID} (found by phone {@value #DEMO_PHONE})
 * and {@value #DEMO_ALIAS_WXID} (found by WeChat ID {@value #DEMO_ALIAS}), and {@value #DEMO_ASKER}
 * ("Demo Asker", a stranger who asks to be a friend when {@link #pushDemoFriendRequest()} is called).
 *
 * <p>Every request is recorded before anything else, including ones that fail authentication. Thread-safe;
 * requests are served by a small pool, so a delayed answer does not hold up others.
 */
public final class GeweSandbox implements AutoCloseable {

    /** A stranger in the demo directory, nickname "Demo Friend-to-be". */
    public static final String DEMO_STRANGER = "wxid_demo";
    /** A demo person who is already the account's friend. */
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
    /** The nickname of the sandbox's own account, as a login reports it. */
    public static final String ACCOUNT_NICKNAME = "Sandbox Bot";
    /** The port {@link #main(String[])} listens on unless told otherwise, the self-hosted container's port. */
    public static final int DEFAULT_MAIN_PORT = 2531;

    private static final int HANDLER_THREADS = 8;

    private final SandboxOptions options;
    private final AccountState state = new AccountState();
    private final CallLog log = new CallLog();
    private final Faults faults = new Faults();
    private final MessageIds ids = new MessageIds();
    private final LoginDesk login = new LoginDesk();
    private final CallbackSender sender = new CallbackSender();
    private final Callbacks callbacks;
    private final ExecutorService handlers;
    private final ExecutorService pushes;
    private final HttpServer server;
    private volatile boolean closed;

    private GeweSandbox(SandboxOptions options) {
        this.options = options;
        this.callbacks = new Callbacks(options, state, sender, ids);
        if (options.demoPeople()) {
            seedDemoPeople();
        }
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemonThreads("gewe-sandbox-http"));
        this.pushes = Executors.newSingleThreadExecutor(daemonThreads("gewe-sandbox-push"));
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            handlers.shutdownNow();
            pushes.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        server.setExecutor(handlers);
        server.createContext("/", new ApiHandler(options, state, log, faults, ids, sender,
                this::pushModContactsLater, this::pushDelContactsLater, login));
        server.start();
    }

    /**
     * Starts a sandbox with {@link SandboxOptions#defaults()}: 127.0.0.1, a free port, demo people.
     *
     * @return the running sandbox; close it when done
     */
    public static GeweSandbox start() {
        return start(SandboxOptions.defaults());
    }

    /**
     * Starts a sandbox with these options.
     *
     * @param options where to listen and which device to be
     * @return the running sandbox; close it when done
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static GeweSandbox start(SandboxOptions options) {
        return new GeweSandbox(Objects.requireNonNull(options, "options"));
    }

    /** @return the options this sandbox runs with */
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

    /** @return the token the sandbox accepts in {@code X-GEWE-TOKEN} */
    public String token() {
        return options.token();
    }

    /** @return the device id requests must carry as {@code appId} */
    public String appId() {
        return options.appId();
    }

    /** @return the account's own wxid (the {@code Wxid} of callbacks) */
    public String accountWxid() {
        return options.accountWxid();
    }

    /**
     * Adds a stranger to the directory (or replaces the details of someone already there, keeping
     * their relation).
     *
     * @param wxid     their wxid
     * @param alias    their WeChat ID, or {@code null}
     * @param phone    their phone number, or {@code null}
     * @param nickname their nickname
     * @return the person as stored
     */
    public SandboxPerson addPerson(String wxid, String alias, String phone, String nickname) {
        return state.add(new SandboxPerson(wxid, alias, phone, nickname));
    }

    /**
     * @param wxid a wxid
     * @return the person, if the directory knows them
     */
    public Optional<SandboxPerson> person(String wxid) {
        return state.person(wxid);
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
     * @param wxid a wxid
     * @return whether that person is the account's friend
     */
    public boolean isFriend(String wxid) {
        return state.isFriend(wxid);
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
     * Files someone under exactly these labels, creating those that do not exist yet (in this order),
     * as {@code /label/add} and {@code /label/modifyMemberList} would.
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
     * @return the names of the labels they are filed under, in GeWe's order (that of their {@code labelList})
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
     * Sets what {@code /contacts/checkRelation} answers for someone: 0 normal, 1 they deleted the
     * account, 2 they blocked it, 3 the account blocked them, 5 checked too often, others as GeWe's.
     * Unset, a friend answers 0 and anyone else 99.
     *
     * @param wxid a person the directory knows
     * @param code the relation code
     */
    public void setRelation(String wxid, int code) {
        state.setRelationCode(wxid, code);
    }

    /**
     * How long {@code /contacts/fetchContactsListCache} answers the list {@code fetchContactsList}
     * answered last: about 10 minutes on GeWe. After it, or before any fetch, the cache call fails.
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
     * Plays {@value #DEMO_ASKER} asking to be the account's friend: issues their tickets, remembers the
     * request as pending and pushes it, as {@link Callbacks#pushFriendRequest} does. Answering it with
     * those tickets works; accepting makes them a friend. Asking again replaces the request.
     *
     * @return the request as pushed
     * @throws IllegalStateException when no callback URL is set
     * @throws UncheckedIOException when the receiver cannot be reached
     */
    public IncomingRequest pushDemoFriendRequest() {
        return callbacks.pushFriendRequest(DEMO_ASKER, "Demo Asker", DEMO_ASKER_GREETING, DEMO_ASKER_SCENE);
    }

    /** @return the friend requests the account sent with {@code addContacts option 2}, in order */
    public List<OutgoingRequest> outgoingRequests() {
        return state.outgoing();
    }

    /**
     * @return the incoming friend requests neither accepted nor rejected yet, oldest first
     *         ({@code status} is 0: it is the push's status, not known here)
     */
    public List<IncomingRequest> pendingIncomingRequests() {
        return state.pendingIncoming().stream()
                .map(p -> new IncomingRequest(p.wxid(), p.v3(), p.v4(), p.scene(), p.newMsgId(), 0)).toList();
    }

    /** @return every request received, in arrival order, including failed ones */
    public List<RecordedCall> calls() {
        return log.calls();
    }

    /**
     * @param path a path without the base prefix, e.g. {@code /contacts/addContacts}
     * @return the requests received on it, in arrival order
     */
    public List<RecordedCall> calls(String path) {
        return log.calls(path);
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

    /** @return the texts {@code /message/postText} accepted, in order */
    public List<PostedText> postedTexts() {
        return log.texts();
    }

    /**
     * Returns the first call recorded on {@code path} since the sandbox started or records were last
     * cleared, waiting for it if none has arrived yet. Calling it again returns the same call; use
     * {@link #awaitCalls(String, int, Duration)} to wait for later ones.
     *
     * @param path    a path without the base prefix
     * @param timeout how long to wait at most
     * @return the first call on that path
     * @throws IllegalStateException when none arrives in time
     */
    public RecordedCall awaitCall(String path, Duration timeout) {
        return log.awaitCalls(path, 1, timeout).get(0);
    }

    /**
     * Waits until at least {@code count} calls were recorded on {@code path}.
     *
     * @param path    a path without the base prefix
     * @param count   how many calls to wait for
     * @param timeout how long to wait at most
     * @return all calls on that path so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<RecordedCall> awaitCalls(String path, int count, Duration timeout) {
        return log.awaitCalls(path, count, timeout);
    }

    /**
     * Waits until at least {@code count} texts were posted.
     *
     * @param count   how many texts to wait for
     * @param timeout how long to wait at most
     * @return all texts posted so far (at least {@code count})
     * @throws IllegalStateException when fewer arrive in time
     */
    public List<PostedText> awaitPostedTexts(int count, Duration timeout) {
        return log.awaitTexts(count, timeout);
    }

    /** Forgets recorded calls, posted texts and served calls; people, relations and tickets stay. */
    public void clearRecords() {
        log.clear();
    }

    /**
     * Puts the account on- or offline. Offline, contact and message calls fail with
     * {@code {"ret":500,"msg":"微信已离线，请重新登录"}} and {@code /login/checkOnline} answers {@code false}.
     * Nothing is pushed; use {@link Callbacks#pushOffline()} for that.
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
     * Plays the phone scanning the login QR code: the next poll of the waiting code answers status 1
     * (scanned), the one after it 2 (logged in).
     */
    public void scanLoginQrCode() {
        login.scanNow();
    }

    /**
     * Makes every login QR code scan itself after this many polls answered status 0.
     *
     * @param polls polls before the scan; negative: only when {@link #scanLoginQrCode()} is called (the default)
     */
    public void scanLoginQrCodeAfterPolls(int polls) {
        login.scanAfterPolls(polls);
    }

    /**
     * How long a login QR code stays valid after it is issued: about 150 s on GeWe.
     *
     * @param lifetime a positive duration
     */
    public void setLoginQrCodeLifetime(Duration lifetime) {
        login.lifetime(Objects.requireNonNull(lifetime, "lifetime"));
    }

    /** @return the {@code qrData} of the login QR code issued last, if any */
    public Optional<String> latestLoginQrData() {
        return login.latest().map(code -> code.qrData);
    }

    /** @return the faults armed on this sandbox */
    public Faults faults() {
        return faults;
    }

    /**
     * Sets where callbacks are pushed, without the test message {@code /tools/setCallback} sends.
     *
     * @param url an http URL, or {@code null} to push nowhere
     */
    public void setCallbackUrl(String url) {
        state.setCallbackUrl(url);
    }

    /** @return where callbacks are pushed, or {@code null} */
    public String callbackUrl() {
        return state.callbackUrl();
    }

    /** @return the pusher of callbacks to the callback URL */
    public Callbacks callbacks() {
        return callbacks;
    }

    /** Stops listening at once and stops background pushes. */
    @Override
    public void close() {
        closed = true;
        server.stop(0);
        handlers.shutdownNow();
        pushes.shutdownNow();
    }

    /**
     * Runs a sandbox until the process is killed. Options: {@code --port N} (default 2531),
     * {@code --host H}, {@code --prefix P}, {@code --token T}, {@code --app-id A}, {@code --account-wxid W},
     * {@code --callback-url U}, {@code --no-demo-people}, {@code --logged-out}, {@code --scan-after-polls N},
     * {@code --variant self-hosted|hosted},
     * {@code --help}. Prints the base URL, token and appId.
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
        sandbox.setOnline(!config.loggedOut());
        sandbox.scanLoginQrCodeAfterPolls(config.scanAfterPolls());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "gewe-sandbox-shutdown"));
        sandbox.printBanner(System.out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void printBanner(PrintStream out) {
        out.println("GeWe sandbox listening");
        out.println("  base URL : " + baseUrl());
        // The sandbox's own token: printing it is how an operator configures a client for it.
        out.println("  token    : " + token());
        out.println("  appId    : " + appId());
        out.println("  account  : " + accountWxid());
        out.println("  variant  : " + options.variant().label());
        out.println("  callback : " + (callbackUrl() == null ? "(none; set with /tools/setCallback)" : callbackUrl()));
        out.flush();
    }

    void pushModContactsLater(String wxid) {
        pushLater("ModContacts", wxid, () -> callbacks.pushModContacts(wxid));
    }

    void pushDelContactsLater(String wxid) {
        pushLater("DelContacts", wxid, () -> callbacks.pushDelContacts(wxid));
    }

    private void pushLater(String typeName, String wxid, IntSupplier push) {
        if (state.callbackUrl() == null) {
            return;
        }
        try {
            pushes.execute(() -> {
                try {
                    int status = push.getAsInt();
                    if (status != 200 && !closed) {
                        System.err.println("gewe-sandbox: " + typeName + " push for " + wxid + " answered HTTP " + status);
                    }
                } catch (RuntimeException e) {
                    // A receiver that is down loses this push, as it would with GeWe; closing cuts pushes short quietly.
                    if (!closed) {
                        System.err.println("gewe-sandbox: " + typeName + " push for " + wxid + " failed: " + e.getMessage());
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // Closing; nothing more is pushed.
        }
    }

    private void seedDemoPeople() {
        state.add(new SandboxPerson(DEMO_STRANGER, null, null, "Demo Friend-to-be"));
        state.add(new SandboxPerson(DEMO_FRIEND, "demo_friend", null, "Demo Friend"));
        state.makeFriend(DEMO_FRIEND);
        state.add(new SandboxPerson(DEMO_PHONE_WXID, null, DEMO_PHONE, "Demo By Phone"));
        state.add(new SandboxPerson(DEMO_ALIAS_WXID, DEMO_ALIAS, null, "Demo By Alias"));
        state.add(new SandboxPerson(DEMO_ASKER, null, null, "Demo Asker"));
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
