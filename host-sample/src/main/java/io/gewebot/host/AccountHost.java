package io.gewebot.host;

import io.gewebot.common.text.Messages;

import io.gewebot.common.settings.Durations;
import io.gewebot.common.work.Lane;
import io.gewebot.common.work.SharedThreads;

import io.gewebot.api.ContactSettings;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.common.chat.AccountState;
import io.gewebot.api.chat.IncomingText;
import io.gewebot.host.chat.ChatOutput;
import io.gewebot.api.chat.ChatExtension;
import io.gewebot.host.chat.HostCommands;
import io.gewebot.host.chat.EventProcessor;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.common.chat.Origin;
import io.gewebot.host.chat.Reconnector;
import io.gewebot.common.text.Redactor;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.runtime.NoChatExtension;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.store.HostDatabase;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account of the host: its chat extension (the contact commands, started through the same contract
 * any bot host uses), its state, admins and health, and lanes of its own (callbacks, replies, the
 * health checks and reconnection) over threads every account shares ({@link Threads}), so that a pause, an
 * offline account or a slow GeWe of one account never holds up another's work, and a thousand accounts need
 * no more threads than one. What the accounts share (the database, the plugins, the HTTP endpoint, the
 * meters, the threads) is {@link BotHost}'s.
 */
final class AccountHost {

    private static final Logger LOG = LoggerFactory.getLogger(AccountHost.class);
    /** Replies and notices that may wait to be sent. */
    private static final int REPLY_CAPACITY = 10_000;
    /** Questions about the account and reconnection attempts that may wait; one more is not asked. */
    private static final int CHECK_CAPACITY = 16;

    final AccountConfig account;
    final String appId;
    final String baseUrl;
    final String token;
    final Redactor redactor;
    final HealthReport health;
    final GeweMessenger messenger;
    private final HostConfig config;
    private final Clock clock;
    private final PluginRuntime plugins;
    private final boolean ownsPlugins;
    private final Lane events;
    private final ChatExtension commands;
    private final ChatOutput out;
    private final HostCommands hostCommands;
    private final Lane replies;
    private final Lane checks;
    private final GeweMessenger healthProbe;
    private final Reconnector reconnector;
    private final EventProcessor processor;
    /** The account's own wxid: as its login saved it, then as GeWe's messages name it. */
    private final AtomicReference<String> ownWxid = new AtomicReference<>();

    /** What the accounts share, made by the host. */
    record Shared(HostConfig config, HostDatabase db, DeliveredCallbacks delivered, DatabaseHealth database,
            HostMetrics counts, PluginRuntime plugins, Clock clock, boolean onSandbox, Threads threads,
            GeweMessenger.Connections gewe) {
    }

    /**
     * The threads every account's lanes share: a fixed number, whatever the number of accounts. An account
     * holds at most one of each pool at a time (its lanes are one wide), so one account whose GeWe or plugin
     * hangs leaves the others the rest.
     *
     * @param callbacks handle callbacks
     * @param replies send the replies and notices
     * @param checks ask GeWe about the accounts and bring dropped ones back; they may hang in a plugin, so
     *     they leave the JVM free to exit
     * @param timer counts the waits (the health checks' period, reconnection's waits) and hands the work to
     *     the accounts' lanes; it never waits for GeWe itself
     */
    record Threads(ExecutorService callbacks, ExecutorService replies, ExecutorService checks,
            ScheduledExecutorService timer) {

        /** Callback handlers: a callback waits for the database at most, never for GeWe. */
        static final int CALLBACK_THREADS = 4;
        /** Reply senders: each may wait up to GeWe's response timeout for one account. */
        static final int REPLY_THREADS = 8;
        /** Account checks: a thousand accounts asked at start are answered within a few seconds. */
        static final int CHECK_THREADS = 16;

        /** @return the threads, made as work arrives and ended when idle a while */
        static Threads start() {
            return new Threads(SharedThreads.pool("callback", CALLBACK_THREADS, false),
                    SharedThreads.pool("reply", REPLY_THREADS, false),
                    SharedThreads.pool("account-check", CHECK_THREADS, true), SharedThreads.timer("health", true));
        }

        /** Stops the threads once the accounts have drained their lanes. */
        void close() {
            timer.shutdownNow();
            checks.shutdownNow();
            callbacks.shutdown();
            replies.shutdown();
        }
    }

    /**
     * Wires one account; everything it opens is pushed onto {@code opened}, to be closed in reverse
     * should the start fail.
     *
     * @param shared what the accounts share
     * @param account the account's configuration
     * @param gewe its GeWe: base URL, token and appId
     * @param first whether it is the host's first account: it uses the plugins as the host loaded them
     * @param console where its notices and the console's replies are printed; empty for any but the first
     * @param opened what the start has opened so far
     */
    AccountHost(Shared shared, AccountConfig account, Gewe gewe, boolean first, Optional<PrintStream> console,
            Deque<AutoCloseable> opened) {
        HostConfig config = shared.config();
        Clock clock = shared.clock();
        this.config = config;
        this.clock = clock;
        this.account = account;
        this.ownWxid.set(account.accountWxid());
        this.appId = gewe.appId();
        this.baseUrl = gewe.baseUrl();
        this.token = gewe.token();
        this.redactor = new Redactor(List.of(token, config.endpoint().callbackSecret()));
        HostMetrics counts = shared.counts();
        ContactSettings settings = gewe.contactSettings(account, config.link().responseTimeout());
        this.ownsPlugins = !first;
        this.plugins = first ? shared.plugins() : shared.plugins().forAccount(settings);
        if (ownsPlugins) {
            opened.push(plugins::close);
            plugins.start();
        }
        Threads threads = shared.threads();
        this.replies = new Lane(appId + " replies", threads.replies(), 1, REPLY_CAPACITY);
        opened.push(replies::shutdownNow);
        this.events = new Lane(appId + " callbacks", threads.callbacks(), 1, config.limits().queueCapacity());
        opened.push(events::shutdownNow);
        // The account checks and reconnection attempts, each waiting for GeWe: one at a time.
        this.checks = new Lane(appId + " checks", threads.checks(), 1, CHECK_CAPACITY);
        opened.push(checks::shutdownNow);

        Messages messages = Messages.of(account.language(), ZoneId.systemDefault());
        // Over the connections every account shares: a thousand accounts keep a few open, not two each.
        this.messenger = new GeweMessenger(baseUrl, token, appId, config.link().responseTimeout(), shared.gewe());
        this.healthProbe = new GeweMessenger(baseUrl, token, appId, Duration.ofSeconds(3), shared.gewe());
        AccountState state = new AccountState(clock);
        this.out = new ChatOutput(messenger, replies, console, new ArrayList<>(account.admins()), redactor);
        HostChatContext context = new HostChatContext(appId, plugins,
                HostChatContext.settingsOf(account, shared.onSandbox(), config.plugins().timeout()), shared.db(),
                config.storage().dataDir(), out, counts, () -> Optional.ofNullable(ownWxid.get()).filter(w -> !w.isBlank()));
        this.commands = chatExtension(plugins, appId);
        this.commands.start(context);
        opened.push(commands::close);
        this.hostCommands = new HostCommands(appId, messages, plugins, List.of(commands), out, redactor, counts);
        this.reconnector = new Reconnector(messenger, state, out, messages, config.link().reconnectWaits(),
                threads.timer(), checks);
        state.onChange(now -> commands.onAccountStatus(now.contractStatus(), now.reason()));
        this.processor = new EventProcessor(appId, account.admins(), shared.delivered(), state,
                reconnector::accountDropped, out, messages, commands, hostCommands, counts, shared.database());
        this.health = new HealthReport(new HealthReport.Sources(plugins, healthProbe, shared.onSandbox(),
                !token.isEmpty(), appId, commands, redactor, shared.database()), state, events,
                config.limits().queueCapacity(), clock, checks);
        counts.queueDepth(appId, () -> reported(commands.status().get("friendRequests"), "waiting"));
        counts.pendingFriendRequests(appId, () -> reported(commands.status(), "pendingFriendRequests"));
        opened.push(health::close);
    }

    /**
     * Where an account's GeWe is.
     *
     * @param baseUrl the base URL
     * @param token the token (secret)
     * @param appId the device id
     */
    record Gewe(String baseUrl, String token, String appId) {

        /**
         * What the account's contact extensions are configured with: this GeWe and the account's settings.
         *
         * @param account the account
         * @param responseTimeout how long one GeWe call may take
         * @return the settings
         */
        ContactSettings contactSettings(AccountConfig account, Duration responseTimeout) {
            return ContactSettings.of(Map.of(
                    ContactSettings.BASE_URL, baseUrl,
                    ContactSettings.TOKEN, token,
                    ContactSettings.APP_ID, appId,
                    ContactSettings.RESPONSE_TIMEOUT_MS, Long.toString(responseTimeout.toMillis()),
                    ContactSettings.DEFAULT_GREETING, account.defaultGreeting(),
                    ContactSettings.VARIANT, account.variant().label()));
        }

        @Override
        public String toString() {
            return "Gewe[baseUrl=" + baseUrl + ", appId=" + appId + ", token=***]";
        }
    }

    /** @return the question about the account at start, under way */
    CompletableFuture<AccountState.Status> checkAtStart() {
        return health.startCheck();
    }

    /**
     * Goes on from GeWe's answer at start: an account offline is brought back.
     *
     * @param status the account's state after the start's question
     */
    void resume(AccountState.Status status) {
        if (status == AccountState.Status.OFFLINE) {
            reconnector.offlineAtStart();
        }
    }

    /**
     * Starts the account's timed work: asking GeWe about the account every {@link HealthReport#RECHECK}.
     *
     * @param timer the host's timer, which only hands the question to the account's own asking thread
     */
    void schedule(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(health::refresh, HealthReport.RECHECK.toSeconds(),
                HealthReport.RECHECK.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Queues a callback for this account, on its own callback thread.
     *
     * @param event the callback
     * @throws java.util.concurrent.RejectedExecutionException when its queue is full
     */
    void accept(CallbackEvent event) {
        if (event instanceof CallbackEvent.TextMessage text && !text.accountWxid().isBlank()) {
            // GeWe names the account in every message: how its own wxid is known without a login here.
            ownWxid.set(text.accountWxid());
        }
        events.execute(() -> {
            processor.process(event);
            if (events.waiting() == 0) {
                processor.idle();
            }
        });
    }

    /**
     * @param event a message for this account
     * @return whether handling it may act ({@link EventProcessor#mayAct})
     */
    boolean mayAct(CallbackEvent event) {
        return processor.mayAct(event);
    }

    /** @return how many more callbacks this account's queue takes now */
    int room() {
        return events.room();
    }

    /**
     * A line the operator typed at the console, who is an admin: to the account's chat commands first,
     * as any text, then to the host's own.
     *
     * @param line the line
     */
    void fromConsole(String line) {
        IncomingText text = new IncomingText(Origin.CONSOLE, Origin.CONSOLE, true, line, clock.instant());
        long before = out.consoleReplies();
        if (!commands.onText(text)) {
            hostCommands.onText(text);
        }
        // A terminal shows a command's reply before the next line is read, so replies keep the order typed.
        out.awaitConsoleReply(before, config.plugins().timeout().plusSeconds(5));
    }

    /** @return callbacks waiting on this account's thread */
    int waitingCallbacks() {
        return events.waiting();
    }

    /** Stops taking callbacks and lets those queued finish. */
    void drainCallbacks() {
        drain(events, Duration.ofSeconds(30));
        processor.stopped();
    }

    /** Stops the timed work, lets commands and replies finish, and closes what the account opened. */
    void close() {
        checks.shutdownNow();
        commands.close();
        drain(replies, Duration.ofSeconds(15));
        health.close();
        if (ownsPlugins) {
            plugins.close();
        }
    }

    /**
     * The account's chat extension: the first the plugins and the classpath offer (the contact commands, in
     * the plugins folder beside the GeWe plugin), or without any one that takes no text, so that the host still
     * answers its own {@code /help} and {@code /plugins}.
     */
    private static ChatExtension chatExtension(PluginRuntime plugins, String appId) {
        List<ChatExtension> found = plugins.chatExtensions();
        if (found.isEmpty()) {
            LOG.warn("Account {}: no chat extension in {} or on the classpath: only /help and /plugins are answered",
                    appId, plugins.pluginsDir());
            return NoChatExtension.INSTANCE;
        }
        for (ChatExtension unused : found.subList(1, found.size())) {
            LOG.warn("Account {}: chat extension {} is not used: {} is", appId, unused.getClass().getName(),
                    found.get(0).getClass().getName());
            unused.close();
        }
        return found.get(0);
    }

    /** A number the chat commands reported under {@code key}; zero when they reported none. */
    private static Number reported(Object status, String key) {
        return status instanceof Map<?, ?> map && map.get(key) instanceof Number n ? n : 0;
    }

    static void drain(Lane lane, Duration wait) {
        try {
            if (!lane.drain(wait)) {
                LOG.warn("{}: work still running after {}; the rest dropped", lane, Durations.format(wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lane.shutdownNow();
        }
    }
}
