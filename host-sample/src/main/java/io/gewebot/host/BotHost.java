package io.gewebot.host;

import io.gewebot.api.ContactSettings;
import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.chat.AccountState;
import io.gewebot.host.chat.ChatOutput;
import io.gewebot.host.chat.CommandRouter;
import io.gewebot.host.chat.EventProcessor;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.chat.Origin;
import io.gewebot.host.chat.Redactor;
import io.gewebot.host.command.Command;
import io.gewebot.host.command.CommandParser;
import io.gewebot.host.http.CallbackServer;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.PacingPolicy;
import io.gewebot.host.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.store.Database;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.store.FriendRequestInbox;
import io.gewebot.sandbox.GeweSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: wires the stores, the plugins, the workers, the chat parts and the HTTP endpoint
 * from a {@link HostConfig}, in that order; the parts do the work ({@link CommandDispatch},
 * {@link ConsoleChannel}, {@link HealthReport}, ...). {@link #close()} stops it in order: no new callbacks, the queue drained, the
 * plugins stopped.
 */
public final class BotHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotHost.class);
    private static final Duration HEALTH_CACHE = Duration.ofSeconds(5);
    private final HostConfig config;
    private final Optional<GeweSandbox> sandbox;
    private final Path dataDir;
    private final Database db;
    private final PluginRuntime plugins;
    private final ContactCalls calls;
    private final ThreadPoolExecutor events;
    private final ThreadPoolExecutor commands;
    private final ThreadPoolExecutor replies;
    private final ScheduledExecutorService scheduler;
    private final ConsoleChannel consoleChannel;
    private final GeweMessenger messenger;
    private final GeweMessenger healthProbe;
    private final CallbackServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BotHost(HostConfig config, Clock clock, Optional<PrintStream> console) throws IOException {
        this.config = config;
        this.sandbox = config.embeddedSandbox() ? Optional.of(GeweSandbox.start()) : Optional.empty();
        String baseUrl = sandbox.map(GeweSandbox::baseUrl).orElseGet(() -> config.geweBaseUrl().orElseThrow());
        String token = sandbox.map(GeweSandbox::token).orElse(config.geweToken());
        String appId = sandbox.map(GeweSandbox::appId).orElse(config.geweAppId());
        sandbox.ifPresent(s -> LOG.info("No GeWe base URL configured: using the embedded GeWe sandbox at {}", s.baseUrl()));
        Redactor redactor = new Redactor(List.of(token, config.callbackSecret()));

        this.dataDir = config.ephemeralData() ? Files.createTempDirectory("gewe-bot-sandbox-") : config.dataDir();
        if (config.ephemeralData()) {
            LOG.info("On the embedded sandbox without a configured data folder: state is kept in {} until exit", dataDir);
        }
        this.db = Database.open(dataDir);
        FriendRequestInbox inbox;
        DeliveredCallbacks delivered;
        FriendRequestPacer pacer;
        try {
            inbox = new FriendRequestInbox(db);
            delivered = new DeliveredCallbacks(db, clock, DeliveredCallbacks.DEFAULT_RETENTION,
                    DeliveredCallbacks.DEFAULT_MAX_ENTRIES);
            pacer = new FriendRequestPacer(db, policy(config.pacing(), sandbox.isPresent()), clock, new SecureRandom());
            FriendRequestPacer.Recovered recovered = pacer.recoverAfterCrash();
            if (recovered.operations() > 0) {
                LOG.warn("{} command(s) were interrupted by the last stop ({} of them friend requests); they may have "
                        + "gone out and will not be re-sent", recovered.operations(), recovered.friendRequests());
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }

        this.plugins = new PluginRuntime(config.pluginsDir(), ContactSettings.of(Map.of(
                ContactSettings.BASE_URL, baseUrl,
                ContactSettings.TOKEN, token,
                ContactSettings.APP_ID, appId,
                ContactSettings.RESPONSE_TIMEOUT_MS, Long.toString(config.geweResponseTimeout().toMillis()),
                ContactSettings.DEFAULT_GREETING, config.defaultGreeting())), BotHost.class.getClassLoader(),
                config.contactExtension());
        try {
            plugins.start();
        } catch (RuntimeException e) {
            plugins.close();
            db.close();
            throw e;
        }
        this.calls = new ContactCalls(config.pluginTimeout(), 16);
        this.replies = worker("reply", 1, 10_000);
        this.events = worker("callback", 1, config.queueCapacity());
        this.commands = worker("command", 2, 1_000);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("pacing"));

        Messages messages = Messages.of(config.language(), ZoneId.systemDefault());
        this.messenger = new GeweMessenger(baseUrl, token, appId, config.geweResponseTimeout());
        this.healthProbe = new GeweMessenger(baseUrl, token, appId, Duration.ofSeconds(3));
        AccountState account = new AccountState(clock);
        ChatOutput out = new ChatOutput(messenger, replies, console, new ArrayList<>(config.admins()), redactor);
        CommandParser parser = new CommandParser();
        CommandRouter router = new CommandRouter(appId, messages, plugins, calls, inbox, pacer, account, out, redactor,
                clock, config.pacing().dedupWindow(), config.pacing().warmup());
        CommandDispatch dispatch = new CommandDispatch(router, commands, out, messages);
        EventProcessor processor = new EventProcessor(appId, config.admins(), delivered, inbox, pacer, account, parser,
                out, messages, dispatch::dispatch);
        this.consoleChannel = new ConsoleChannel(parser, router, closed::get);
        HealthReport health = new HealthReport(plugins, healthProbe, sandbox.isPresent(), account, events,
                config.queueCapacity(), clock);
        boolean online = health.checkGewe();

        this.server = CallbackServer.start(new CallbackServer.Settings(config.port(), config.callbackSecret(),
                config.maxCallbackBytes(), new CallbackDecoder(), event -> events.execute(() -> processor.process(event)),
                health::document, new CallbackServer.Limits(config.requestTimeout(), config.maxConnections(),
                        config.maxConnectionsPerAddress())));
        LOG.info("Listening on port {}: callbacks at {}, health at /health", server.port(),
                config.callbackSecret().isEmpty() ? server.callbackPath() : "/gewe/callback/***");
        sandbox.ifPresent(s -> s.setCallbackUrl("http://127.0.0.1:" + server.port() + server.callbackPath()));

        if (online) {
            pacer.observeOnline(appId);
        }
        scheduler.scheduleWithFixedDelay(router::sendDue, 1, 1, TimeUnit.SECONDS);
    }

    /** The pacing rules as configured; the sandbox's account has been online for as long as anyone can tell. */
    private static PacingPolicy policy(HostConfig.Pacing p, boolean onSandbox) {
        Optional<Instant> onlineSince = p.onlineSince().or(() -> onSandbox ? Optional.of(Instant.EPOCH) : Optional.empty());
        return new PacingPolicy(p.addInterval(), p.addJitter(), p.dailyCap(), p.answerInterval(), p.dedupWindow(),
                p.warmup(), onlineSince, p.skipWarmup(), p.backoffBase(), p.backoffMax());
    }

    /**
     * Starts the bot.
     *
     * @param config the configuration
     * @param clock the clock
     * @param console where console replies and admin notices are printed; empty without a console
     * @return the running bot
     * @throws IOException when the HTTP port cannot be bound
     */
    public static BotHost start(HostConfig config, Clock clock, Optional<PrintStream> console) throws IOException {
        return new BotHost(config, clock, console);
    }

    /** @return the HTTP port */
    public int port() {
        return server.port();
    }

    /** @return the embedded sandbox, when the host runs on one */
    public Optional<GeweSandbox> sandbox() {
        return sandbox;
    }

    /**
     * Reads commands from the console until its input ends. The operator at the console is an admin.
     *
     * @param in the console input
     * @param console where hints are printed
     */
    public void runConsole(InputStream in, PrintStream console) {
        consoleChannel.run(in, console);
    }

    /** Stops taking callbacks, drains the queues, stops the plugins and closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping: draining {} queued callback(s)", events.getQueue().size());
        server.close();
        drain(events, Duration.ofSeconds(30));
        scheduler.shutdownNow();
        drain(commands, config.pluginTimeout().plusSeconds(5));
        drain(replies, Duration.ofSeconds(15));
        messenger.close();
        healthProbe.close();
        calls.close();
        plugins.close();
        db.close();
        sandbox.ifPresent(GeweSandbox::close);
        if (config.ephemeralData()) {
            deleteTree(dataDir);
        }
        LOG.info("Stopped");
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", root, e.toString());
        }
    }

    private static void drain(ExecutorService pool, Duration wait) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Work still running after {}; stopping it", Durations.format(wait));
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }

    private static ThreadPoolExecutor worker(String name, int threads, int capacity) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                daemon(name), new ThreadPoolExecutor.AbortPolicy());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
    }
}
