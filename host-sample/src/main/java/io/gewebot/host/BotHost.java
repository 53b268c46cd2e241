package io.gewebot.host;

import io.gewebot.api.ContactSettings;
import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.chat.AccountState;
import io.gewebot.host.chat.ChatOutput;
import io.gewebot.host.chat.CommandRouter;
import io.gewebot.host.chat.EventProcessor;
import io.gewebot.host.chat.FriendRequestAnswers;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.chat.Origin;
import io.gewebot.host.chat.Reconnector;
import io.gewebot.host.chat.Redactor;
import io.gewebot.host.command.CommandParser;
import io.gewebot.host.http.CallbackServer;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.metrics.PrometheusMetrics;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.PacingPolicy;
import io.gewebot.host.rules.Rulebook;
import io.gewebot.host.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.spi.EmbeddedGewe;
import io.gewebot.host.store.AddressBook;
import io.gewebot.host.store.Database;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.store.FriendRequestInbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    private final HostConfig config;
    private final Optional<EmbeddedGewe> sandbox;
    private final Path dataDir;
    private final Database db;
    private final PrometheusMetrics metrics;
    private final PluginRuntime plugins;
    private final ContactCalls calls;
    private final ThreadPoolExecutor events;
    private final ThreadPoolExecutor commands;
    private final ThreadPoolExecutor replies;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService reconnections;
    private final ConsoleChannel consoleChannel;
    private final GeweMessenger messenger;
    private final GeweMessenger healthProbe;
    private final GeweMessenger welcomes;
    private final HealthReport health;
    private final CallbackServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How long the start waits for GeWe's answer about the account before going on without it. */
    private static final Duration START_CHECK_WAIT = Duration.ofSeconds(10);
    /** When the embedded GeWe pushes the quick start's friend request: after the start log has been read. */
    private static final Duration DEMO_REQUEST_DELAY = Duration.ofSeconds(3);

    private BotHost(HostConfig config, Clock clock, Optional<PrintStream> console) throws IOException {
        this.config = config;
        // Everything opened so far, closed in reverse if the start fails: a failed start leaves no
        // temporary folder, no embedded GeWe and no thread behind.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            this.sandbox = config.embeddedSandbox() ? Optional.of(startEmbeddedGewe(opened)) : Optional.empty();
            String baseUrl = sandbox.map(EmbeddedGewe::baseUrl).orElseGet(() -> config.geweBaseUrl().orElseThrow());
            String token = sandbox.map(EmbeddedGewe::token).orElse(config.geweToken());
            String appId = sandbox.map(EmbeddedGewe::appId).orElse(config.geweAppId());
            sandbox.ifPresent(s -> LOG.info("No GeWe base URL configured: using the embedded GeWe sandbox at {}",
                    s.baseUrl()));
            Redactor redactor = new Redactor(List.of(token, config.callbackSecret()));

            if (config.ephemeralData()) {
                Path temporary = Files.createTempDirectory("gewe-bot-sandbox-");
                opened.push(() -> deleteTree(temporary));
                this.dataDir = temporary;
                LOG.info("On the embedded sandbox without a configured data folder: state is kept in {} until exit",
                        dataDir);
            } else {
                this.dataDir = config.dataDir();
            }
            DatabaseSettings database = config.database().orElseGet(() -> DatabaseSettings.sqliteIn(dataDir));
            LOG.info("Database: {}", database.describe());
            this.db = Database.open(database);
            opened.push(db::close);
            // One registry for the host: every account's meters carry its appId, the JVM's none.
            this.metrics = new PrometheusMetrics();
            opened.push(metrics::close);
            db.bindMetrics(metrics.registry());
            HostMetrics counts = metrics.host();
            FriendRequestInbox inbox = new FriendRequestInbox(db);
            DeliveredCallbacks delivered = new DeliveredCallbacks(db, clock, DeliveredCallbacks.DEFAULT_RETENTION,
                    DeliveredCallbacks.DEFAULT_MAX_ENTRIES);
            FriendRequestPacer pacer = new FriendRequestPacer(db, policy(config.pacing(), sandbox.isPresent()), clock,
                    new SecureRandom(), counts);
            counts.queueDepth(appId, () -> pacer.queued(appId).size());
            counts.pendingFriendRequests(appId, () -> inbox.list(appId).size());
            FriendRequestPacer.Recovered recovered = pacer.recoverAfterCrash();
            if (recovered.operations() > 0) {
                LOG.warn("{} command(s) were interrupted by the last stop ({} of them friend requests); they may have "
                        + "gone out and will not be re-sent", recovered.operations(), recovered.friendRequests());
            }

            this.plugins = new PluginRuntime(config.pluginsDir(), ContactSettings.of(Map.of(
                    ContactSettings.BASE_URL, baseUrl,
                    ContactSettings.TOKEN, token,
                    ContactSettings.APP_ID, appId,
                    ContactSettings.RESPONSE_TIMEOUT_MS, Long.toString(config.geweResponseTimeout().toMillis()),
                    ContactSettings.DEFAULT_GREETING, config.defaultGreeting(),
                    ContactSettings.VARIANT, config.link().variant().label())), BotHost.class.getClassLoader(),
                    config.contactExtension());
            opened.push(plugins::close);
            plugins.start();
            this.calls = new ContactCalls(config.pluginTimeout(), 16);
            opened.push(calls::close);
            this.replies = worker("reply", 1, 10_000);
            opened.push(replies::shutdownNow);
            this.events = worker("callback", 1, config.queueCapacity());
            opened.push(events::shutdownNow);
            this.commands = worker("command", 2, 1_000);
            opened.push(commands::shutdownNow);
            this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("pacing"));
            opened.push(scheduler::shutdownNow);
            // Apart from the pacing thread: an attempt waits for GeWe, and the queue must not wait with it.
            this.reconnections = Executors.newSingleThreadScheduledExecutor(daemon("reconnect"));
            opened.push(reconnections::shutdownNow);

            Messages messages = Messages.of(config.language(), ZoneId.systemDefault());
            this.messenger = new GeweMessenger(baseUrl, token, appId, config.geweResponseTimeout());
            opened.push(messenger::close);
            this.healthProbe = new GeweMessenger(baseUrl, token, appId, Duration.ofSeconds(3));
            opened.push(healthProbe::close);
            // The rules' welcomes go out from the command workers: a pool of their own keeps them
            // from waiting on the replies' connections.
            this.welcomes = new GeweMessenger(baseUrl, token, appId, config.geweResponseTimeout());
            opened.push(welcomes::close);
            AccountState account = new AccountState(clock);
            ChatOutput out = new ChatOutput(messenger, replies, console, new ArrayList<>(config.admins()), redactor);
            CommandParser parser = new CommandParser();
            Rulebook rulebook = new Rulebook(config.friendRequestRules(), db, ZoneId.systemDefault(), clock);
            FriendRequestAnswers answers = new FriendRequestAnswers(appId, messages, plugins, calls, inbox, pacer,
                    account, out, welcomes, redactor, clock, rulebook, commands);
            LOG.info("{} friend-request rule(s); they answer at most {} request(s) in any 24 hours",
                    rulebook.rules().rules().size(), rulebook.rules().autoAnswerDailyCap());
            CommandRouter router = new CommandRouter(appId, messages, plugins, calls, inbox, pacer, account, out,
                    redactor, clock, config.pacing().dedupWindow(), config.pacing().warmup(), new AddressBook(db, clock),
                    answers, counts);
            CommandDispatch dispatch = new CommandDispatch(router, commands, out, messages);
            Reconnector reconnector = new Reconnector(messenger, account, out, messages, config.link().reconnectWaits(),
                    reconnections);
            EventProcessor processor = new EventProcessor(appId, config.admins(), delivered, inbox, answers, pacer, account,
                    reconnector::accountDropped, parser, out, messages, dispatch::dispatch, clock, config.commandMaxAge(),
                    router.addressBook().changesOn(commands), counts);
            this.consoleChannel = new ConsoleChannel(parser, command -> router.execute(Origin.console(), command),
                    messages, closed::get);
            this.health = new HealthReport(new HealthReport.Sources(plugins, healthProbe, sandbox.isPresent(),
                    !token.isEmpty(), appId, pacer, redactor), account, events, config.queueCapacity(),
                    () -> pacer.observeOnline(appId), clock);
            opened.push(health::close);
            if (health.checkAtStart(START_CHECK_WAIT) == AccountState.Status.OFFLINE) {
                reconnector.offlineAtStart();
            }
            int resumed = answers.resumePending();
            if (resumed > 0) {
                LOG.info("{} friend request(s) a rule was to answer when the host stopped are answered now", resumed);
            }

            this.server = listen(config, new CallbackServer.Settings(config.bind(), config.port(),
                    config.callbackSecret(), config.maxCallbackBytes(), new CallbackDecoder(),
                    event -> events.execute(() -> processor.process(event)), health::document,
                    new CallbackServer.Limits(config.requestTimeout(), config.maxConnections(),
                            config.maxConnectionsPerAddress())), metrics);
            opened.push(server::close);
            LOG.info("Listening on port {} of {}: callbacks at {}, health at /health, metrics at /metrics", server.port(),
                    config.bind(),
                    config.callbackSecret().isEmpty() ? server.callbackPath() : "/gewe/callback/***");
            if (sandbox.isPresent()) {
                String callbackUrl = "http://" + reachableHost(config.bind()) + ":" + server.port();
                sandbox.get().deliverCallbacksTo(callbackUrl + server.callbackPath());
                showDemo(sandbox.get(), appId, callbackUrl + (config.callbackSecret().isEmpty()
                        ? server.callbackPath() : "/gewe/callback/<BOT_CALLBACK_SECRET>"));
                sandbox.get().pushDemoFriendRequest(DEMO_REQUEST_DELAY);
            } else {
                registerCallbackUrl(baseUrl, redactor);
            }

            scheduler.scheduleWithFixedDelay(router::sendDue, 1, 1, TimeUnit.SECONDS);
            scheduler.scheduleWithFixedDelay(health::refresh, HealthReport.RECHECK.toSeconds(),
                    HealthReport.RECHECK.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException | RuntimeException | Error e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * Registers {@code <public-url>/gewe/callback[/<secret>]} with GeWe, now that the endpoint answers
     * GeWe's test message; without a public URL, says how to register it. A refusal is logged, not
     * fatal: the callback URL may have been registered by hand, and {@code /health} and the console
     * work anyway. The secret is masked in every line.
     */
    private void registerCallbackUrl(String baseUrl, Redactor redactor) {
        HostConfig.GeweLink link = config.link();
        String path = server.callbackPath();
        String shownPath = config.callbackSecret().isEmpty() ? path : "/gewe/callback/***";
        String variant = link.variant().label() + (link.variantGuessed()
                ? " (guessed from the base URL; --gewe-variant / BOT_GEWE_VARIANT chooses)" : "");
        String setCallback = link.variant() == HostConfig.GeweVariant.HOSTED ? "/login/setCallback" : "/tools/setCallback";
        if (link.publicUrl().isEmpty()) {
            LOG.info("No --public-url (BOT_PUBLIC_URL): the callback URL is not registered with GeWe ({}). Start with "
                    + "--public-url http://<address GeWe reaches>:{} to have it registered, or register "
                    + "http://<address GeWe reaches>:{}{} yourself: POST {}{} with the token in the X-GEWE-TOKEN header "
                    + "and the body {\"token\": ..., \"callbackUrl\": ...}", variant, server.port(), server.port(),
                    shownPath, baseUrl, setCallback);
            return;
        }
        String shown = link.publicUrl().get() + shownPath;
        LOG.info("Registering the callback URL {} with GeWe ({}, {})", shown, variant, setCallback);
        GeweMessenger.Answer<?> answer = messenger.setCallback(link.publicUrl().get() + path,
                link.variant() == HostConfig.GeweVariant.HOSTED);
        if (answer.ok()) {
            LOG.info("GeWe accepted the callback URL {}: its test message was answered", shown);
        } else {
            LOG.error("GeWe refused the callback URL {}: {}. GeWe's server must reach that address (on a container, "
                    + "not localhost); the host keeps serving, and callbacks arrive once the URL is registered",
                    shown, redactor.redact(answer.text()));
        }
    }

    /** Binds the HTTP endpoint; a failure names the address and port it could not have. */
    private static CallbackServer listen(HostConfig config, CallbackServer.Settings settings,
            PrometheusMetrics metrics) throws IOException {
        try {
            return CallbackServer.start(settings, Optional.of(metrics));
        } catch (BindException e) {
            BindException named = new BindException("cannot listen on " + config.bind() + " port " + config.port()
                    + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IOException e) {
            throw new IOException("cannot listen on " + config.bind() + " port " + config.port() + ": " + e, e);
        }
    }

    /** How the host's own loopback deliveries and the demo reach the endpoint bound to {@code bind}. */
    private static String reachableHost(String bind) {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    /** What a new user needs to talk to the bot through the embedded GeWe, as GeWe would. */
    private void showDemo(EmbeddedGewe gewe, String appId, String callbackUrl) {
        String admin = gewe.demoAdmin();
        String asAdmin = config.admins().contains(admin) ? admin + " (an admin)"
                : admin + " (start with --admins " + admin + " for the bot to take its commands)";
        LOG.info("Embedded GeWe: appId {}; chat as {}. Post a text as GeWe would:{}  {}", appId, asAdmin,
                System.lineSeparator(), gewe.demoTextCallbackCommand(callbackUrl, admin, "/help"));
        LOG.info("In {} s the embedded GeWe pushes a demo friend request; answer it with /requests and /accept",
                DEMO_REQUEST_DELAY.toSeconds());
    }

    private static void closeAll(Deque<AutoCloseable> opened, Throwable failure) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception | LinkageError e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * The GeWe of the quick start: found at run time, the way a plugin is, so the host never compiles
     * against it (the runnable jar bundles the sandbox's; a deployment with a real GeWe needs none).
     */
    private static EmbeddedGewe startEmbeddedGewe(Deque<AutoCloseable> opened) {
        EmbeddedGewe gewe;
        try {
            gewe = ServiceLoader.load(EmbeddedGewe.class, BotHost.class.getClassLoader()).findFirst().orElse(null);
            if (gewe != null) {
                opened.push(gewe::close);
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


    /** The pacing rules as configured; the sandbox's account has been online for as long as anyone can tell. */
    private static PacingPolicy policy(HostConfig.Pacing p, boolean onSandbox) {
        Optional<Instant> onlineSince = p.onlineSince().or(() -> onSandbox ? Optional.of(Instant.EPOCH) : Optional.empty());
        return new PacingPolicy(p.addInterval(), p.addJitter(), p.dailyCap(), p.answerInterval(), p.dedupWindow(),
                p.warmup(), onlineSince, p.skipWarmup(), p.backoffBase(), p.backoffMax(), p.searchInterval(),
                p.searchDailyCap(), p.answerDailyCap());
    }

    /**
     * Starts the bot.
     *
     * @param config the configuration
     * @param clock the clock
     * @param console where console replies and admin notices are printed; empty without a console
     * @return the running bot
     * @throws IOException when the HTTP port cannot be bound (the message names the address and port)
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
        reconnections.shutdownNow();
        drain(commands, config.pluginTimeout().plusSeconds(5));
        drain(replies, Duration.ofSeconds(15));
        health.close();
        metrics.close();
        messenger.close();
        healthProbe.close();
        welcomes.close();
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
