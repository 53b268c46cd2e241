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
import io.gewebot.host.store.CommandJournal;
import io.gewebot.host.store.Database;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.store.FriendRequestInbox;
import io.gewebot.host.spi.EmbeddedGewe;
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
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
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
 * The running bot: plugins, the HTTP endpoint, the stores and the workers, wired from a
 * {@link HostConfig}. {@link #close()} stops it in order: no new callbacks, the queue drained, the
 * plugins stopped.
 */
public final class BotHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotHost.class);
    private static final Duration HEALTH_CACHE = Duration.ofSeconds(5);

    private final HostConfig config;
    private final String appId;
    private final Optional<EmbeddedGewe> sandbox;
    private final Path dataDir;
    private final Database db;
    private final PluginRuntime plugins;
    private final ContactCalls calls;
    private final ThreadPoolExecutor events;
    private final ThreadPoolExecutor commands;
    private final ThreadPoolExecutor replies;
    private final ScheduledExecutorService scheduler;
    private final CommandRouter router;
    private final CommandParser parser;
    private final GeweMessenger healthProbe;
    private final ChatOutput out;
    private final Messages messages;
    private final AccountState account;
    private final CallbackServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Map<String, Object>> geweHealth = new AtomicReference<>();
    private volatile Instant geweCheckedAt = Instant.EPOCH;

    private BotHost(HostConfig config, Clock clock, Optional<PrintStream> console) throws IOException {
        this.config = config;
        this.sandbox = config.embeddedSandbox() ? Optional.of(startEmbeddedGewe()) : Optional.empty();
        String baseUrl = sandbox.map(EmbeddedGewe::baseUrl).orElseGet(() -> config.geweBaseUrl().orElseThrow());
        String token = sandbox.map(EmbeddedGewe::token).orElse(config.geweToken());
        this.appId = sandbox.map(EmbeddedGewe::appId).orElse(config.geweAppId());
        sandbox.ifPresent(s -> LOG.info("No GeWe base URL configured: using the embedded GeWe sandbox at {}", s.baseUrl()));
        Redactor redactor = new Redactor(List.of(token, config.callbackSecret()));

        // The plugins load on a thread of their own while the stores open: the two take about as
        // long, and neither needs the other.
        PluginRuntime runtime = new PluginRuntime(config.pluginsDir(), ContactSettings.of(Map.of(
                ContactSettings.BASE_URL, baseUrl,
                ContactSettings.TOKEN, token,
                ContactSettings.APP_ID, appId,
                ContactSettings.RESPONSE_TIMEOUT_MS, Long.toString(config.geweResponseTimeout().toMillis()),
                ContactSettings.DEFAULT_GREETING, config.defaultGreeting())), BotHost.class.getClassLoader(),
                config.contactExtension());
        FutureTask<Void> pluginsStarted = new FutureTask<>(runtime::start, null);
        Thread loader = new Thread(pluginsStarted, "plugin-start");
        loader.setDaemon(true);
        loader.start();
        Stores stores;
        try {
            stores = openStores(config, clock, sandbox.isPresent());
        } catch (RuntimeException | IOException e) {
            awaitQuietly(pluginsStarted);
            runtime.close();
            throw e;
        }
        // While the plugins finish loading: what needs neither them nor the stores, and the first
        // question to GeWe.
        GeweMessenger messenger = new GeweMessenger(baseUrl, token, appId, config.geweResponseTimeout());
        this.healthProbe = new GeweMessenger(baseUrl, token, appId, Duration.ofSeconds(3));
        this.messages = Messages.of(config.language(), ZoneId.systemDefault());
        CallbackDecoder decoder = new CallbackDecoder();
        checkGewe();
        try {
            await(pluginsStarted);
        } catch (RuntimeException e) {
            runtime.close();
            stores.db().close();
            throw e;
        }
        this.plugins = runtime;
        this.dataDir = stores.dataDir();
        this.db = stores.db();
        FriendRequestInbox inbox = stores.inbox();
        CommandJournal journal = stores.journal();
        DeliveredCallbacks delivered = stores.delivered();
        FriendRequestPacer pacer = stores.pacer();
        HostConfig.Pacing p = config.pacing();
        this.calls = new ContactCalls(config.pluginTimeout(), 16);

        this.replies = worker("reply", 1, 10_000);
        this.events = worker("callback", 1, config.queueCapacity());
        this.commands = worker("command", 2, 1_000);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("pacing"));

        this.account = new AccountState(clock);
        this.out = new ChatOutput(messenger, replies, console, new ArrayList<>(config.admins()), redactor);
        this.parser = new CommandParser();
        this.router = new CommandRouter(appId, messages, plugins, calls, inbox, journal, pacer, account, out, redactor,
                clock, p.dedupWindow(), p.warmup());
        EventProcessor processor = new EventProcessor(appId, config.admins(), delivered, inbox, pacer, account, parser,
                out, messages, this::dispatch);

        this.server = CallbackServer.start(new CallbackServer.Settings(config.port(), config.callbackSecret(),
                config.maxCallbackBytes(), decoder, event -> events.execute(() -> processor.process(event)),
                this::health));
        LOG.info("Listening on port {}: callbacks at {}, health at /health", server.port(),
                config.callbackSecret().isEmpty() ? server.callbackPath() : "/gewe/callback/***");
        sandbox.ifPresent(s -> s.deliverCallbacksTo("http://127.0.0.1:" + server.port() + server.callbackPath()));

        if (Boolean.TRUE.equals(geweHealth.get().get("online"))) {
            pacer.observeOnline(appId);
        }
        scheduler.scheduleWithFixedDelay(router::sendDue, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * The GeWe of the quick start: found at run time, the way a plugin is, so the host never compiles
     * against it (the runnable jar bundles the sandbox's; a deployment with a real GeWe needs none).
     */
    private static EmbeddedGewe startEmbeddedGewe() {
        EmbeddedGewe gewe;
        try {
            gewe = ServiceLoader.load(EmbeddedGewe.class, BotHost.class.getClassLoader()).findFirst().orElse(null);
            if (gewe != null) {
                gewe.start();
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            // A broken jar: say so at start, as any other start failure.
            throw new IllegalStateException("the embedded GeWe on the classpath cannot be started: " + e, e);
        }
        if (gewe == null) {
            throw new IllegalStateException("no GeWe base URL is configured (--gewe-base-url / GEWE_BASE_URL) and no "
                    + "embedded GeWe (" + EmbeddedGewe.class.getName() + ") is on the classpath");
        }
        return gewe;
    }

    /** The host's state on disk, opened. */
    private record Stores(Path dataDir, Database db, FriendRequestInbox inbox, CommandJournal journal,
            DeliveredCallbacks delivered, FriendRequestPacer pacer) {
    }

    private static Stores openStores(HostConfig config, Clock clock, boolean onSandbox) throws IOException {
        Path dataDir = config.ephemeralData() ? Files.createTempDirectory("gewe-bot-sandbox-") : config.dataDir();
        if (config.ephemeralData()) {
            LOG.info("On the embedded sandbox without a configured data folder: state is kept in {} until exit", dataDir);
        }
        Database db = Database.open(dataDir);
        try {
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            CommandJournal journal = new CommandJournal(db, clock);
            DeliveredCallbacks delivered = new DeliveredCallbacks(db, clock, DeliveredCallbacks.DEFAULT_RETENTION,
                    DeliveredCallbacks.DEFAULT_MAX_ENTRIES);
            HostConfig.Pacing p = config.pacing();
            // The sandbox's account has been online for as long as anyone can tell.
            Optional<Instant> onlineSince = p.onlineSince().or(() -> onSandbox ? Optional.of(Instant.EPOCH) : Optional.empty());
            FriendRequestPacer pacer = new FriendRequestPacer(db, new PacingPolicy(p.addInterval(), p.addJitter(),
                    p.dailyCap(), p.answerInterval(), p.dedupWindow(), p.warmup(), onlineSince, p.skipWarmup(),
                    p.backoffBase(), p.backoffMax()), clock, new SecureRandom());
            // Every command is journaled, friend requests in the pacer as well: count commands once.
            int interrupted = journal.recoverAfterCrash();
            int adds = pacer.recoverAfterCrash();
            if (interrupted + adds > 0) {
                LOG.warn("{} command(s) were interrupted by the last stop ({} of them friend requests); they may have "
                        + "gone out and will not be re-sent", Math.max(interrupted, adds), adds);
            }
            return new Stores(dataDir, db, inbox, journal, delivered, pacer);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Waits for the plugins' start, passing on what it threw. */
    private static void await(FutureTask<Void> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the plugins started", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(FutureTask<Void> task) {
        try {
            await(task);
        } catch (RuntimeException ignored) {
            // The failure being reported is the stores'.
        }
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

    /** @return the embedded GeWe, when the host runs on one */
    public Optional<EmbeddedGewe> sandbox() {
        return sandbox;
    }

    /**
     * Reads commands from the console until its input ends. The operator at the console is an admin.
     *
     * @param in the console input
     * @param console where hints are printed
     */
    public void runConsole(InputStream in, PrintStream console) {
        console.println("Type /help for the commands.");
        console.flush();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed.get() && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<Command> command = parser.parse(line);
                if (command.isEmpty()) {
                    console.println("Commands start with /. Try /help.");
                    console.flush();
                    continue;
                }
                router.execute(Origin.console(), command.get());
            }
        } catch (IOException e) {
            LOG.warn("Console input failed: {}", e.toString());
        }
    }

    private void dispatch(Origin origin, Command command) {
        if (!CommandRouter.callsExtension(command)) {
            router.execute(origin, command);
            return;
        }
        try {
            commands.execute(() -> router.execute(origin, command));
        } catch (RejectedExecutionException e) {
            LOG.warn("Command from {} dropped: too many commands waiting", origin.sender());
            out.reply(origin.replyTo(), messages.get("failed", "/" + command.getClass().getSimpleName().toLowerCase(),
                    "busy, try again later"));
        }
    }

    private Map<String, Object> health() {
        if (Duration.between(geweCheckedAt, Instant.now()).compareTo(HEALTH_CACHE) > 0) {
            checkGewe();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", "UP");
        List<Map<String, Object>> pluginList = new ArrayList<>();
        for (PluginRuntime.PluginInfo p : plugins.plugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("version", p.version());
            entry.put("state", p.state());
            if (!p.problem().isEmpty()) {
                entry.put("problem", p.problem());
            }
            pluginList.add(entry);
        }
        doc.put("plugins", pluginList);
        List<Map<String, Object>> extensionList = new ArrayList<>();
        for (PluginRuntime.Extension e : plugins.extensions()) {
            extensionList.add(Map.of("name", e.name(), "class", e.className(), "source", e.source(), "state", e.state()));
        }
        doc.put("extensions", extensionList);
        doc.put("gewe", geweHealth.get());
        doc.put("accountOffline", account.offline());
        doc.put("queue", Map.of("waiting", events.getQueue().size(), "capacity", config.queueCapacity()));
        return doc;
    }

    private void checkGewe() {
        GeweMessenger.Answer answer = healthProbe.checkOnline();
        Map<String, Object> gewe = new LinkedHashMap<>();
        gewe.put("answered", answer.answered());
        gewe.put("online", answer.ok() && answer.data().map(d -> d.asBoolean(false)).orElse(false));
        gewe.put("detail", answer.text());
        gewe.put("embeddedSandbox", sandbox.isPresent());
        geweHealth.set(gewe);
        geweCheckedAt = Instant.now();
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
        calls.close();
        plugins.close();
        db.close();
        sandbox.ifPresent(EmbeddedGewe::close);
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
