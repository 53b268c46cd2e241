package io.gewebot.host;

import io.gewebot.common.text.Messages;

import io.gewebot.host.callback.CallbackDecoder;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.common.chat.AccountState;
import io.gewebot.host.chat.CallbackRouting;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.common.text.Redactor;
import io.gewebot.common.command.CommandParser;
import io.gewebot.host.http.CallbackServer;
import io.gewebot.host.metrics.PrometheusMetrics;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.spi.EmbeddedGewe;
import io.gewebot.host.store.DatabaseSettings;
import io.gewebot.host.store.HostDatabase;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.chat.CallbackIntake;
import io.gewebot.common.store.Dialect;
import java.util.UUID;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: wires the stores, the plugins, each account ({@link AccountHost}: its workers and
 * chat parts) and the HTTP endpoint from a {@link HostConfig}, in that order, callbacks routed to the
 * account they name ({@link CallbackRouting}); the parts do the work ({@link CommandDispatch},
 * {@link ConsoleChannel}, {@link HealthReport}, ...). {@link #close()} stops it in order: no new callbacks, the queue drained, the
 * plugins stopped.
 */
public final class BotHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotHost.class);

    private final HostConfig config;
    private final Optional<EmbeddedGewe> sandbox;
    private final Path dataDir;
    private final HostDatabase db;
    private final AccountHost.Threads threads;
    private final GeweMessenger.Connections connections;
    private final PrometheusMetrics metrics;
    private final PluginRuntime plugins;
    private final List<AccountHost> accounts = new ArrayList<>();
    private final ConsoleChannel consoleChannel;
    private final CallbackServer server;
    private final DatabaseHealth database;
    private final CallbackIntake intake;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How long the start waits for GeWe's answer about the accounts before going on without it. */
    private static final Duration START_CHECK_WAIT = Duration.ofSeconds(10);
    /**
     * How long a callback another host sharing the database recorded and left untouched waits before this
     * host takes it: far longer than a host takes to handle one, so that only a stopped host's are taken.
     */
    static final Duration ORPHAN_AGE = Duration.ofSeconds(60);
    /** When the embedded GeWe pushes the quick start's friend request: after the start log has been read. */
    private static final Duration DEMO_REQUEST_DELAY = Duration.ofSeconds(3);

    private BotHost(HostConfig config, Clock clock, Optional<PrintStream> console) throws IOException {
        this.config = config;
        // Everything opened so far, closed in reverse if the start fails: a failed start leaves no
        // temporary folder, no embedded GeWe and no thread behind.
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            this.sandbox = config.embeddedSandbox() ? Optional.of(startEmbeddedGewe(opened)) : Optional.empty();
            sandbox.ifPresent(s -> LOG.info("No GeWe base URL configured: using the embedded GeWe sandbox at {}",
                    s.baseUrl()));

            if (config.storage().ephemeralData()) {
                Path temporary = Files.createTempDirectory("gewe-bot-sandbox-");
                opened.push(() -> deleteTree(temporary));
                this.dataDir = temporary;
                LOG.info("On the embedded sandbox without a configured data folder: state is kept in {} until exit",
                        dataDir);
            } else {
                this.dataDir = config.storage().dataDir();
            }
            DatabaseSettings where = config.storage().database().orElseGet(() -> DatabaseSettings.sqliteIn(dataDir));
            LOG.info("Database: {}", where.describe());
            this.db = HostDatabase.open(where);
            opened.push(db::close);
            // One registry for the host: every account's meters carry its appId, the JVM's none.
            this.metrics = new PrometheusMetrics();
            opened.push(metrics::close);
            db.bindMetrics(metrics.registry());
            // This run of the host, as the callbacks it records name it.
            DeliveredCallbacks delivered = new DeliveredCallbacks(db.store(), clock, DeliveredCallbacks.DEFAULT_RETENTION,
                    DeliveredCallbacks.DEFAULT_MAX_ENTRIES, UUID.randomUUID().toString());
            this.database = DatabaseHealth.of(db, clock);

            List<AccountHost.Gewe> gewes = new ArrayList<>();
            for (AccountConfig account : config.accounts()) {
                gewes.add(sandbox.map(s -> new AccountHost.Gewe(s.baseUrl(), s.token(), s.appId()))
                        .orElseGet(() -> new AccountHost.Gewe(account.geweBaseUrl().orElseThrow(), account.geweToken(),
                                account.appId())));
            }
            // The plugins are loaded once, with the first account's settings; every other account has
            // extension instances of its own, made from them.
            AccountHost.Gewe firstGewe = gewes.get(0);
            this.plugins = new PluginRuntime(config.plugins().dir(),
                    firstGewe.contactSettings(config.first(), config.link().responseTimeout()),
                    BotHost.class.getClassLoader(), config.plugins().contactExtension());
            opened.push(plugins::close);
            plugins.start();

            // A fixed number of threads for every account's work, whatever the number of accounts.
            this.threads = AccountHost.Threads.start();
            opened.push(threads::close);
            this.connections = new GeweMessenger.Connections();
            opened.push(connections::close);
            AccountHost.Shared shared = new AccountHost.Shared(config, db, delivered, database, metrics.host(), plugins,
                    clock, sandbox.isPresent(), threads, connections);
            for (int i = 0; i < config.accounts().size(); i++) {
                AccountHost account = new AccountHost(shared, config.accounts().get(i), gewes.get(i), i == 0,
                        i == 0 ? console : Optional.empty(), opened);
                accounts.add(account);
            }
            // After the accounts' commands made theirs: on a new database they made them in an empty one.
            db.migrate();
            if (accounts.size() > 1) {
                LOG.info("Serving {} accounts: {}; the console acts on the first", accounts.size(),
                        accounts.stream().map(a -> a.appId).toList());
            }
            AccountHost first = accounts.get(0);
            this.consoleChannel = new ConsoleChannel(new CommandParser(), first::fromConsole,
                    Messages.of(first.account.language(), ZoneId.systemDefault()), closed::get);
            // Every account is asked at once: a GeWe that does not answer delays the start by one wait, not one each.
            List<CompletableFuture<AccountState.Status>> checks = accounts.stream().map(AccountHost::checkAtStart).toList();
            for (int i = 0; i < accounts.size(); i++) {
                accounts.get(i).resume(accounts.get(i).health.await(checks.get(i), START_CHECK_WAIT));
            }

            Map<String, Consumer<CallbackEvent>> routes = new LinkedHashMap<>();
            accounts.forEach(a -> routes.put(a.appId, a::accept));
            CallbackRouting routing = new CallbackRouting(routes, clock);
            Map<String, CallbackIntake.Account> queues = new LinkedHashMap<>();
            accounts.forEach(a -> queues.put(a.appId, new CallbackIntake.Account() {
                @Override
                public int room() {
                    return a.room();
                }

                @Override
                public void accept(CallbackEvent event) {
                    a.accept(event);
                }

                @Override
                public boolean mayAct(CallbackEvent event) {
                    return a.mayAct(event);
                }
            }));
            // Several hosts may share PostgreSQL: another's callbacks are taken once it has left them a while.
            this.intake = new CallbackIntake(queues, routing, delivered, database, metrics.host(), new CallbackDecoder(),
                    clock, db.settings().dialect() == Dialect.SQLITE ? Duration.ZERO : ORPHAN_AGE,
                    config.limits().queueCapacity());
            intake.start();
            opened.push(intake::close);
            EndpointConfig endpoint = config.endpoint();
            HttpLimits limits = config.limits();
            this.server = listen(endpoint, new CallbackServer.Settings(endpoint.bind(), endpoint.port(),
                    endpoint.callbackSecret(), limits.maxCallbackBytes(), new CallbackDecoder(), intake, this::health,
                    new CallbackServer.Limits(limits.requestTimeout(), limits.maxConnections(),
                            limits.maxConnectionsPerAddress()), config.access()), metrics);
            opened.push(server::close);
            LOG.info("Listening on port {} of {}: callbacks at {}, health at /health, metrics at /metrics", server.port(),
                    config.endpoint().bind(),
                    config.endpoint().callbackSecret().isEmpty() ? server.callbackPath() : "/gewe/callback/***");
            if (sandbox.isEmpty() && config.endpoint().callbackSecret().isEmpty()) {
                // Started open on purpose (--allow-unauthenticated-callbacks): said at every start, not once.
                LOG.warn("Callbacks are taken without a secret at {}: anyone who reaches port {}{} can give the bot "
                        + "commands as an admin. Set BOT_CALLBACK_SECRET, or give --public-url to have a secret made",
                        server.callbackPath(), server.port(), config.access().callbackAllow().isEmpty() ? ""
                                : " from the addresses of --callback-allow");
            }
            if (sandbox.isPresent()) {
                String callbackUrl = "http://" + reachableHost(config.endpoint().bind()) + ":" + server.port();
                sandbox.get().deliverCallbacksTo(callbackUrl + server.callbackPath());
                showDemo(sandbox.get(), first.appId, callbackUrl + (config.endpoint().callbackSecret().isEmpty()
                        ? server.callbackPath() : "/gewe/callback/<BOT_CALLBACK_SECRET>"));
                sandbox.get().pushDemoFriendRequest(DEMO_REQUEST_DELAY);
            } else {
                // One GeWe token holds one callback URL, whichever of its accounts registers it.
                Set<List<String>> registered = new HashSet<>();
                for (AccountHost account : accounts) {
                    // An account without a token has been named as such; GeWe would only refuse the call.
                    if (!account.token.isEmpty() && registered.add(List.of(account.baseUrl, account.token))) {
                        registerCallbackUrl(account);
                    }
                }
            }
            // One timer for every account: it only hands each account's check to that account's own lane.
            accounts.forEach(account -> account.schedule(threads.timer()));
        } catch (IOException | RuntimeException | Error e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * {@code GET /health}: the first account's document as the host's, as when it had one, and every
     * account's under {@code accounts}. The host is {@code DEGRADED} when any account is.
     */
    private Map<String, Object> health() {
        // Every stale account is asked at once, so that /health waits once, not once per account.
        accounts.forEach(a -> a.health.refreshIfStale());
        List<Map<String, Object>> docs = new ArrayList<>();
        for (AccountHost account : accounts) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("appId", account.appId);
            doc.putAll(account.health.document());
            docs.add(doc);
        }
        Map<String, Object> top = new LinkedHashMap<>(docs.get(0));
        top.remove("appId");
        Optional<Map<String, Object>> degraded = docs.stream().filter(d -> "DEGRADED".equals(d.get("status")))
                .findFirst();
        Optional<String> reason = database.degradation().or(() -> "DEGRADED".equals(top.get("status"))
                ? Optional.empty()
                : degraded.map(d -> "account " + d.get("appId") + ": " + d.get("reason")));
        if (reason.isPresent()) {
            Map<String, Object> withStatus = new LinkedHashMap<>();
            withStatus.put("status", "DEGRADED");
            withStatus.put("reason", reason.get());
            top.remove("status");
            top.remove("reason");
            withStatus.putAll(top);
            top.clear();
            top.putAll(withStatus);
        }
        top.put("database", database.document());
        List<Map<String, Object>> perAccount = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            Map<String, Object> entry = new LinkedHashMap<>(doc);
            // Loaded once for all: said once, at the top.
            entry.remove("plugins");
            perAccount.add(entry);
        }
        top.put("accounts", perAccount);
        return top;
    }

    /**
     * Registers {@code <public-url>/gewe/callback[/<secret>]} with GeWe, now that the endpoint answers
     * GeWe's test message; without a public URL, says how to register it. A refusal is logged, not
     * fatal: the callback URL may have been registered by hand, and {@code /health} and the console
     * work anyway. The secret is masked in every line.
     */
    private void registerCallbackUrl(AccountHost account) {
        GeweLink link = config.link();
        String baseUrl = account.baseUrl;
        Redactor redactor = account.redactor;
        GeweVariant gewe = account.account.variant();
        String path = server.callbackPath();
        String shownPath = config.endpoint().callbackSecret().isEmpty() ? path : "/gewe/callback/***";
        String variant = gewe.label() + (account.account.variantGuessed()
                ? " (guessed from the base URL; --gewe-variant / BOT_GEWE_VARIANT chooses)" : "");
        String setCallback = gewe == GeweVariant.HOSTED ? "/login/setCallback" : "/tools/setCallback";
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
        GeweMessenger.Answer<?> answer = account.messenger.setCallback(link.publicUrl().get() + path,
                gewe == GeweVariant.HOSTED);
        if (answer.ok()) {
            LOG.info("GeWe accepted the callback URL {}: its test message was answered", shown);
        } else {
            LOG.error("GeWe refused the callback URL {}: {}. GeWe's server must reach that address (on a container, "
                    + "not localhost); the host keeps serving, and callbacks arrive once the URL is registered",
                    shown, redactor.redact(answer.text()));
        }
    }

    /** Binds the HTTP endpoint; a failure names the address and port it could not have. */
    private static CallbackServer listen(EndpointConfig endpoint, CallbackServer.Settings settings,
            PrometheusMetrics metrics) throws IOException {
        try {
            return CallbackServer.start(settings, Optional.of(metrics));
        } catch (BindException e) {
            BindException named = new BindException("cannot listen on " + endpoint.bind() + " port " + endpoint.port()
                    + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        } catch (IOException e) {
            throw new IOException("cannot listen on " + endpoint.bind() + " port " + endpoint.port() + ": " + e, e);
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
        String asAdmin = config.first().admins().contains(admin) ? admin + " (an admin)"
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
        LOG.info("Stopping: draining {} queued callback(s)", accounts.stream().mapToInt(AccountHost::waitingCallbacks)
                .sum());
        server.close();
        intake.close();
        threads.timer().shutdownNow();
        accounts.forEach(AccountHost::drainCallbacks);
        // In reverse, as they were opened: every other account's extensions before the plugins' own.
        for (int i = accounts.size() - 1; i >= 0; i--) {
            accounts.get(i).close();
        }
        threads.close();
        connections.close();
        metrics.close();
        plugins.close();
        db.close();
        sandbox.ifPresent(EmbeddedGewe::close);
        if (config.storage().ephemeralData()) {
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
}
