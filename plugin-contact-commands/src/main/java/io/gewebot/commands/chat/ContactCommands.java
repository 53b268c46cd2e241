package io.gewebot.commands.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.text.Redactor;
import io.gewebot.common.work.Lane;

import io.gewebot.api.FriendRequest;
import io.gewebot.api.chat.AccountStatus;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.api.chat.ChatExtension;
import io.gewebot.api.chat.CommandInfo;
import io.gewebot.api.chat.IncomingText;
import io.gewebot.common.text.Messages;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandParser;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.HealthFields;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.commands.rules.Rulebook;
import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.commands.store.AddressBook;
import io.gewebot.commands.store.FriendRequestInbox;
import io.gewebot.commands.store.CommandStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.util.random.RandomGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact commands and the account safety behind them, as one account's {@link ChatExtension}: the
 * host routes the account's texts, friend requests and contact changes here through the same contract
 * any bot host uses, and this extension answers through the {@link ChatContext}.
 *
 * <p>{@link #onText} parses the text and hands a command that calls the contact extension to the
 * account's lane over the command workers every account's commands share ({@link CommandThreads}: at most
 * two of the account's commands at once), so that it returns at once; the others are
 * answered on the caller's thread from the database alone. A text that is no command of this
 * extension's ({@code /help} and {@code /plugins} are the host's, an unknown word is nobody's) answers
 * {@code false}. A command from anyone but an admin is logged and ignored; one written longer ago
 * than the command age limit is not carried out (GeWe re-pushes old messages, sometimes hours later,
 * and an {@code /add} the admin typed yesterday must not go out today): the admin is told instead.
 */
@Extension
public final class ContactCommands implements ChatExtension {

    private static final Logger LOG = LoggerFactory.getLogger(ContactCommands.class);

    /** The commands a host answers itself: its help and its plugins. */
    private static final Set<CommandSpec> HOST_COMMANDS = EnumSet.of(CommandSpec.HELP, CommandSpec.PLUGINS);

    /**
     * What the commands work on: the account's stores and pacer, made at start from the account's settings
     * and database, or given by a test.
     *
     * @param appId the account's device id
     * @param messages the chat texts in the account's language
     * @param calls calls the contact extension within the plugin time limit
     * @param inbox pending friend requests
     * @param pacer decides when friend requests go out
     * @param redactor removes secrets from texts
     * @param clock the clock
     * @param addressBook the cached friends
     * @param rulebook the friend-request rules and what they decided
     * @param metrics counts the commands and the friend requests
     */
    record Parts(String appId, Messages messages, ContactCalls calls,
            FriendRequestInbox inbox, FriendRequestPacer pacer, Redactor redactor, Clock clock,
            AddressBook addressBook, Rulebook rulebook, CommandMeters metrics) {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Parts {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(messages, "messages");
        }
    }

    private final Clock clock;
    private final RandomGenerator random;
    private final Optional<Parts> givenParts;
    private final Optional<Executor> givenWorkers;
    private final CommandParser parser = new CommandParser();
    private final AccountState account;
    private final AtomicBoolean seenOnline = new AtomicBoolean();
    private Parts parts;
    private Executor workers;
    private Optional<CommandThreads> threads = Optional.empty();
    private Optional<Lane> ownWorkers = Optional.empty();
    private Optional<ScheduledFuture<?>> queueTurns = Optional.empty();
    private final AtomicBoolean turnWaiting = new AtomicBoolean();
    private Optional<CommandStore> store = Optional.empty();
    private ChatContext chat;
    private FriendRequestAnswers answers;
    private CommandRouter router;
    private CommandDispatch dispatch;
    private ContactChanges changes;
    private Duration commandMaxAge;

    /**
     * The commands as a host finds them ({@link java.util.ServiceLoader}, PF4J): everything is made at
     * {@link #start}, from the account's settings, database or data folder.
     */
    public ContactCommands() {
        this.clock = Clock.systemUTC();
        this.random = new SecureRandom();
        this.givenParts = Optional.empty();
        this.givenWorkers = Optional.empty();
        this.account = new AccountState(Clock.systemUTC());
    }

    /**
     * Commands over stores a test made, that run their work where they are told.
     *
     * @param parts what the commands work on
     * @param workers where a command that calls the contact extension, a rule's answer and a profile's
     *     refresh run
     */
    ContactCommands(Parts parts, Executor workers) {
        this.clock = parts.clock();
        this.random = new SecureRandom();
        this.givenParts = Optional.of(parts);
        this.givenWorkers = Optional.of(workers);
        this.account = new AccountState(parts.clock());
    }

    @Override
    public String name() {
        return "contact-commands";
    }

    @Override
    public synchronized void start(ChatContext context) {
        if (chat != null) {
            throw new IllegalStateException("started already");
        }
        Objects.requireNonNull(context, "context");
        // What the settings say is read before anything starts: a bad value names its key and starts nothing.
        CommandSettings settings = CommandSettings.of(context.settings());
        PacingPolicy policy = settings.pacing();
        this.commandMaxAge = settings.commandMaxAge();
        this.chat = context;
        if (givenWorkers.isPresent()) {
            this.workers = givenWorkers.get();
        } else {
            CommandThreads shared = CommandThreads.acquire();
            this.threads = Optional.of(shared);
            Lane lane = shared.lane(context.account());
            this.ownWorkers = Optional.of(lane);
            this.workers = lane;
        }
        try {
            this.parts = givenParts.orElseGet(() -> ownParts(context, settings));
        } catch (RuntimeException | Error e) {
            // Nothing started: the shared threads are given back, so that the last account still stops them.
            ownWorkers.ifPresent(Lane::shutdownNow);
            ownWorkers = Optional.empty();
            threads.ifPresent(t -> t.release(Duration.ZERO));
            threads = Optional.empty();
            throw e;
        }
        Parts p = parts;
        this.answers = new FriendRequestAnswers(p.appId(), p.messages(), p.calls(), p.inbox(), p.pacer(),
                account, context, p.redactor(), p.clock(), p.rulebook(), workers);
        this.router = new CommandRouter(p.appId(), p.messages(), p.calls(), p.inbox(), p.pacer(),
                account, context, p.redactor(), p.clock(), policy.addDedupWindow(), policy.warmup(), p.addressBook(), answers,
                p.metrics());
        this.dispatch = new CommandDispatch(router, workers, context, p.messages());
        this.changes = router.addressBook().changesOn(workers);
        if (givenParts.isEmpty()) {
            LOG.info("Account {}: {} friend-request rule(s); they answer at most {} request(s) in any 24 hours",
                    loggable(p.appId()), settings.rules().rules().size(), settings.rules().autoAnswerDailyCap());
            int resumed = answers.resumePending();
            if (resumed > 0) {
                LOG.info("Account {}: {} friend request(s) a rule was to answer when the commands stopped are "
                        + "answered now", loggable(p.appId()), resumed);
            }
            this.queueTurns = threads.map(t -> t.pacing.scheduleWithFixedDelay(this::queueTurn, 1, 1,
                    TimeUnit.SECONDS));
        }
    }

    /** The stores, pacer and rules of the account, over the database the host gave or a file of its own. */
    private Parts ownParts(ChatContext context, CommandSettings settings) {
        String appId = context.account();
        CommandMeters metrics = new CommandMeters(context::count);
        CommandStore opened = CommandStore.acquire(context, clock, s -> new FriendRequestPacer(s.db(),
                settings.pacing(), clock, random, metrics, s.instance()));
        this.store = Optional.of(opened);
        ZoneId zone = ZoneId.systemDefault();
        return new Parts(appId, Messages.of(settings.language(), zone), new ContactCalls(settings.callTimeout(), 16,
                threads.orElseThrow().calls),
                new FriendRequestInbox(opened.db()), new FriendRequestPacer(opened.db(), settings.pacing(), clock,
                        random, metrics, opened.instance()), new Redactor(List.of()), clock,
                new AddressBook(opened.db(), clock), new Rulebook(settings.rules(), opened.db(), zone, clock), metrics);
    }

    @Override
    public List<CommandInfo> commands() {
        return Arrays.stream(CommandSpec.values())
                .filter(spec -> !HOST_COMMANDS.contains(spec))
                .map(spec -> spec.info(parts.messages()))
                .toList();
    }

    @Override
    public boolean onText(IncomingText text) {
        messageArrived(text.writtenAt());
        Optional<Command> command = parser.parse(text.text());
        if (command.isEmpty() || command.get().spec().filter(spec -> !HOST_COMMANDS.contains(spec)).isEmpty()) {
            return false;
        }
        if (!text.fromAdmin()) {
            LOG.info("Ignored a command from {} in {}: not an admin", loggable(text.sender()),
                    loggable(text.conversation()));
            return true;
        }
        Origin origin = new Origin(text.conversation(), text.sender());
        Duration age = Duration.between(text.writtenAt(), parts.clock().instant());
        if (age.compareTo(commandMaxAge) > 0) {
            String what = CommandRouter.describe(command.get());
            LOG.info("Ignored command {} from {} in {} (account {}): written at {}, older than the limit of {}",
                    loggable(what), loggable(origin.sender()), loggable(origin.replyTo()), loggable(parts.appId()),
                    text.writtenAt(), commandMaxAge);
            chat.send(origin.replyTo(), parts.messages().get("late.ignored", what, text.writtenAt(), age,
                    commandMaxAge));
            return true;
        }
        dispatch.dispatch(origin, command.get());
        return true;
    }

    @Override
    public void onFriendRequest(FriendRequest request) {
        messageArrived(request.receivedAt());
        answers.arrived(request);
    }

    @Override
    public void onContactChanged(String wxid, boolean removed) {
        onContactChanged(wxid, "", removed);
    }

    @Override
    public void onContactChanged(String wxid, String nickname, boolean removed) {
        if (removed) {
            LOG.info("Contact {} was deleted", loggable(wxid));
            changes.deleted(wxid);
            return;
        }
        if (parts.inbox().contactArrived(parts.appId(), wxid)) {
            chat.toAdmins(parts.messages().get("notify.contactAdded", wxid, nickname.isBlank() ? wxid : nickname));
        }
        if (!wxid.endsWith("@chatroom")) {
            changes.modified(wxid);
        }
    }

    /**
     * The account's state as the host learned it: {@code /add} refuses at once while the token is refused
     * or the account offline, and the warm-up counts from the first time the account is seen online.
     */
    @Override
    public void onAccountStatus(AccountStatus status, String reason) {
        switch (status) {
            case ONLINE -> {
                account.observe(AccountState.Status.ONLINE, reason);
                seenOnline();
            }
            case OFFLINE -> account.observe(AccountState.Status.OFFLINE, reason);
            case TOKEN_INVALID -> account.observe(AccountState.Status.TOKEN_INVALID, reason);
            case NO_TOKEN -> account.markNoToken();
            case UNKNOWN -> account.observe(AccountState.Status.UNKNOWN, reason);
        }
    }

    /**
     * The account's friend requests for a health report: {@code friendRequests} (how many wait in the
     * queue as {@code waiting}, when the next goes out as {@code nextSendAt}, a pause as
     * {@code pausedUntil}) and {@code pendingFriendRequests} (received ones nobody has answered).
     */
    @Override
    public Map<String, Object> status() {
        return HealthFields.of(parts.pacer(), parts.inbox(), parts.appId());
    }

    /**
     * A message for the account arrived: one written after a call of the commands found the account offline
     * proves it is back, as the host's own state learns it from the same message.
     */
    private void messageArrived(Instant writtenAt) {
        account.messageArrived(writtenAt);
        seenOnline();
    }

    /** The account was seen online, by a message or by the host: the warm-up counts from the first time. */
    private void seenOnline() {
        if (seenOnline.compareAndSet(false, true)) {
            parts.pacer().observeOnline(parts.appId());
        }
    }

    /** @return the router behind the commands */
    CommandRouter router() {
        return router;
    }

    /**
     * Answers the friend requests rules were to answer when the commands last stopped. Commands that made
     * their own stores do it at start; for those a test made, the test calls it.
     *
     * @return how many were handed to the workers again
     */
    int resumePending() {
        return answers.resumePending();
    }

    /**
     * The queue's turn, every second on the timer all accounts share: handed to the account's lane, so that a
     * GeWe slow for this account holds up no other's queue; a turn still waiting there is not doubled.
     */
    private void queueTurn() {
        if (!turnWaiting.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    sendDue();
                } finally {
                    turnWaiting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            // The lane is full of commands, or stopping: the next second's turn tries again.
            turnWaiting.set(false);
        }
    }

    /** Sends the account's queued friend requests whose turn has come: every second, on the account's lane. */
    void sendDue() {
        try {
            router.sendDue();
        } catch (RuntimeException e) {
            LOG.warn("Account {}: the friend-request queue could not be looked at: {}", loggable(parts.appId()),
                    e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        queueTurns.ifPresent(turns -> turns.cancel(false));
        queueTurns = Optional.empty();
        Duration wait = parts == null ? Duration.ofSeconds(5) : parts.calls().timeout().plusSeconds(5);
        ownWorkers.ifPresent(lane -> drain(lane, wait));
        ownWorkers = Optional.empty();
        if (store.isPresent()) {
            parts.calls().close();
            store.get().release();
            store = Optional.empty();
        }
        threads.ifPresent(t -> t.release(wait));
        threads = Optional.empty();
    }

    private static void drain(Lane lane, Duration wait) {
        try {
            if (!lane.drain(wait)) {
                LOG.warn("{}: commands still running after {}; those waiting are dropped", lane, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lane.shutdownNow();
        }
    }

    private static String loggable(String value) {
        return Loggable.loggable(value);
    }
}
