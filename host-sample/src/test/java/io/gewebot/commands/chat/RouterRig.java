package io.gewebot.commands.chat;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.text.Redactor;
import io.gewebot.host.chat.ChatOutput;
import io.gewebot.host.chat.EventProcessor;
import io.gewebot.host.chat.GeweMessenger;
import io.gewebot.host.chat.HostCommands;

import io.gewebot.host.store.Databases;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactSettings;
import io.gewebot.common.text.Messages;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.api.chat.IncomingText;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandParser;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.commands.rules.Rulebook;
import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.commands.store.AddressBook;
import io.gewebot.common.store.Database;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.commands.store.FriendRequestInbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link CommandRouter} and the {@link EventProcessor} in front of it as the host wires them, on a
 * database in a test folder, with one stub extension found by {@link java.util.ServiceLoader} on the
 * host's classpath, and the console as the only output: what the router and the friend-request rule
 * tests drive. A rig on the folder of one closed before is the same host after a restart.
 */
final class RouterRig implements AutoCloseable {

    static final String APP = "wx_app";
    /** The one admin the event processor takes commands from. */
    static final String ADMIN = "wxid_admin";
    /** The GeWe token the rig configures (a GeWe the rig talks to must take it). */
    static final String TOKEN = "t";

    final FriendRequestInbox inbox;
    final AccountState account;
    final CommandRouter router;
    final FriendRequestPacer pacer;
    final EventProcessor events;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ExecutorService replies = Executors.newSingleThreadExecutor();
    private final PluginRuntime plugins;
    private final Database db;
    private final ContactCalls calls;
    private final GeweMessenger messenger;
    /** The commands as the host starts them: what the events reach through the chat contract. */
    final ContactCommands commands;
    private final HostCommands hostCommands;
    private final ChatOutput out;
    private final Messages messages;
    private final Clock clock;
    private final Redactor redactor;
    /** What the router, the pacer and the callback handling counted. */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HostMetrics metrics = new HostMetrics(meters);

    /**
     * @param dir a fresh folder
     * @param stub the extension, with a public no-argument constructor
     * @param settings settings the stub reads, beside base URL, token and appId
     * @param policy the pacing rules
     * @param lang the reply language
     * @param clock the clock
     */
    RouterRig(Path dir, Class<? extends ContactAction> stub, Map<String, String> settings, PacingPolicy policy,
            String lang, Clock clock) throws IOException {
        this(dir, stub, settings, policy, lang, clock, FriendRequestRules.none(), "http://127.0.0.1:9/v2/api",
                Runnable::run);
    }

    /**
     * @param dir a folder: fresh, or that of a rig closed before (a restart)
     * @param stub the extension, with a public no-argument constructor
     * @param settings settings the stub reads, beside base URL, token and appId
     * @param policy the pacing rules
     * @param lang the reply language
     * @param clock the clock
     * @param rules the friend-request rules
     * @param geweBaseUrl where chat texts (replies, welcomes) go
     * @param workers where a rule's answer runs
     */
    RouterRig(Path dir, Class<? extends ContactAction> stub, Map<String, String> settings, PacingPolicy policy,
            String lang, Clock clock, FriendRequestRules rules, String geweBaseUrl, Executor workers)
            throws IOException {
        Path services = Files.createDirectories(dir.resolve("cp/META-INF/services"));
        Files.writeString(services.resolve(ContactAction.class.getName()), stub.getName() + "\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()},
                RouterRig.class.getClassLoader());
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of(ContactSettings.BASE_URL, "http://127.0.0.1:9/v2/api", ContactSettings.TOKEN, TOKEN,
                ContactSettings.APP_ID, APP, "stub.gewe", geweBaseUrl));
        plugins = new PluginRuntime(dir.resolve("no-plugins"), ContactSettings.of(all), loader);
        plugins.start();
        db = Databases.open(dir.resolve("data"));
        this.clock = clock;
        pacer = new FriendRequestPacer(db, policy, clock, new Random(1), meters());
        pacer.recoverAfterCrash();
        calls = new ContactCalls(Duration.ofSeconds(5), 2);
        messenger = new GeweMessenger(geweBaseUrl, TOKEN, APP, Duration.ofSeconds(1));
        redactor = new Redactor(List.of(TOKEN));
        out = new ChatOutput(messenger, replies,
                Optional.of(new PrintStream(printed, true, StandardCharsets.UTF_8)), List.of(), redactor);
        inbox = new FriendRequestInbox(db);
        account = new AccountState(clock);
        messages = Messages.of(lang, ZoneOffset.UTC);
        commands = new ContactCommands(new ContactCommands.Parts(APP, messages, calls, inbox, pacer,
                redactor, clock, new AddressBook(db, clock), new Rulebook(rules, db, ZoneOffset.UTC, clock),
                meters()), workers);
        commands.start(new Context(out, Map.of()));
        account.onChange(now -> commands.onAccountStatus(now.contractStatus(), now.reason()));
        router = commands.router();
        hostCommands = new HostCommands(APP, messages, plugins, List.of(commands), out, redactor, metrics);
        events = new EventProcessor(APP, Set.of(ADMIN), new DeliveredCallbacks(db, clock, Duration.ofDays(3), 1_000),
                account, () -> { }, out, messages, commands, hostCommands, metrics, new DatabaseHealth("the test database", text -> text, Clock.systemUTC()));
        commands.resumePending();
    }

    /**
     * Hands one callback to the event processor, as the host's callback thread does, and returns what
     * was printed meanwhile (notices, and everything a worker run inside it printed).
     *
     * @param event the callback
     * @return the printed text
     */
    String push(CallbackEvent event) {
        printed.reset();
        events.process(event);
        return printed();
    }

    /**
     * Carries out a command and returns what was printed for it (the reply and any notices).
     *
     * @param origin who typed it, where
     * @param text the command
     * @return the printed text
     */
    String run(Origin origin, String text) {
        printed.reset();
        Command command = new CommandParser().parse(text).orElseThrow();
        if (command.spec().filter(spec -> spec == CommandSpec.HELP || spec == CommandSpec.PLUGINS).isPresent()
                || command instanceof Command.Unknown) {
            hostCommands.onText(new IncomingText(origin.replyTo(), origin.sender(), true, text, clock.instant()));
        } else {
            router.execute(origin, command);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /**
     * The callback handling as the host wires it to this router, with the console operator as the
     * only admin.
     *
     * @param workers where the address book reads profiles, as the host's command workers
     * @return the processor
     */
    EventProcessor events(Executor workers) {
        ContactCommands onWorkers = new ContactCommands(new ContactCommands.Parts(APP, messages, calls, inbox,
                pacer, redactor, clock, new AddressBook(db, clock),
                new Rulebook(FriendRequestRules.none(), db, ZoneOffset.UTC, clock), meters()), workers);
        onWorkers.start(new Context(out, Map.of()));
        account.onChange(now -> onWorkers.onAccountStatus(now.contractStatus(), now.reason()));
        return new EventProcessor(APP, Set.of(Origin.CONSOLE), new DeliveredCallbacks(db, clock, Duration.ofDays(1), 1000),
                account, () -> { }, out, messages, onWorkers,
                new HostCommands(APP, messages, plugins, List.of(onWorkers), out, redactor, metrics), metrics,
                new DatabaseHealth("the test database", text -> text, Clock.systemUTC()));
    }

    /**
     * Commands on the rig's stores, started as a host would start them with these settings; their work
     * runs on the calling thread.
     *
     * @param settings the account's settings
     * @return the started commands
     */
    ContactCommands commandsWith(Map<String, String> settings) {
        ContactCommands started = new ContactCommands(new ContactCommands.Parts(APP, messages, calls, inbox, pacer,
                redactor, clock, new AddressBook(db, clock),
                new Rulebook(FriendRequestRules.none(), db, ZoneOffset.UTC, clock), meters()), Runnable::run);
        started.start(new Context(out, settings));
        return started;
    }

    /** @return what the commands count, kept as the host keeps it */
    private CommandMeters meters() {
        return new CommandMeters((meter, tags) -> metrics.count(APP, meter, tags));
    }

    /** What the rig's host offers the commands: it speaks on the console. */
    private final class Context implements ChatContext {
        private final ChatOutput out;
        private final Map<String, String> settings;

        Context(ChatOutput out, Map<String, String> settings) {
            this.out = out;
            this.settings = settings;
        }

        @Override
        public String account() {
            return APP;
        }

        @Override
        public ContactAction contacts() {
            return plugins.contacts();
        }

        @Override
        public Map<String, String> settings() {
            return settings;
        }

        @Override
        public Path dataFolder() {
            throw new UnsupportedOperationException("the rig keeps the commands' state in its database");
        }

        @Override
        public Optional<javax.sql.DataSource> dataSource() {
            return Optional.empty();
        }

        @Override
        public void send(String conversation, String text) {
            out.reply(conversation, text);
        }

        @Override
        public void toAdmins(String text) {
            out.notifyAdmins(text);
        }
    }

    /** @return how many message ids the host remembers as delivered */
    int remembered() {
        return new DeliveredCallbacks(db, clock, Duration.ofDays(3), 1_000).size();
    }

    /**
     * @return what was printed since the last command (notices), emptied
     */
    String printed() {
        String text = printed.toString(StandardCharsets.UTF_8);
        printed.reset();
        return text;
    }

    @Override
    public void close() {
        replies.shutdownNow();
        calls.close();
        plugins.close();
        messenger.close();
        db.close();
    }
}
