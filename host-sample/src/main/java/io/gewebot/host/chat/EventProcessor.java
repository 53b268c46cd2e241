package io.gewebot.host.chat;

import io.gewebot.api.FriendRequest;
import io.gewebot.host.Messages;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.command.Command;
import io.gewebot.host.command.CommandParser;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.store.DeliveredCallbacks;
import io.gewebot.host.store.FriendRequestInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles decoded callbacks, one at a time and in arrival order: drops duplicates and other accounts'
 * callbacks, hands friend requests to {@link FriendRequestAnswers} (which asks the admins, or lets a
 * rule answer on the command workers), follows the account's online state (a drop is told to the
 * admins and handed on, to bring the account back), hands contact changes to the address book, and
 * hands admins' commands on. Nobody else's text ever leads to a contact operation. A
 * command written longer ago than the command age limit is not carried out: GeWe re-pushes old
 * messages, sometimes hours later, and an {@code /add} the admin typed yesterday must not go out
 * today; the admin is told instead.
 */
public final class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);
    private static final int MAX_LOGGED = 80;

    private final String appId;
    private final Set<String> admins;
    private final DeliveredCallbacks delivered;
    private final FriendRequestInbox inbox;
    private final FriendRequestAnswers answers;
    private final FriendRequestPacer pacer;
    private final AccountState account;
    private final Runnable accountDropped;
    private final CommandParser parser;
    private final ChatOutput out;
    private final Messages messages;
    private final BiConsumer<Origin, Command> commands;
    private final Clock clock;
    private final Duration commandMaxAge;
    private final ContactChanges contacts;
    private final HostMetrics metrics;
    private final AtomicBoolean seenOnline = new AtomicBoolean();

    /**
     * @param appId the account's device id; callbacks for others are ignored
     * @param admins who may command the bot
     * @param delivered remembers processed message ids
     * @param inbox pending friend requests
     * @param answers decides what becomes of a friend request that arrives
     * @param pacer learns when the account is online (for the warm-up)
     * @param account the account's online state
     * @param accountDropped run when the account drops (after an {@code Offline} callback for an
     *     account not known to be offline); it must return at once
     * @param parser reads commands
     * @param out tells the admins
     * @param messages the chat texts
     * @param commands where admins' commands go
     * @param clock tells how old a command is
     * @param commandMaxAge a command written longer ago than this is not carried out
     * @param contacts keeps the address book current from contact callbacks
     * @param metrics counts the callbacks and the duplicates dropped
     */
    public EventProcessor(String appId, Set<String> admins, DeliveredCallbacks delivered, FriendRequestInbox inbox,
            FriendRequestAnswers answers, FriendRequestPacer pacer, AccountState account, Runnable accountDropped, CommandParser parser, ChatOutput out, Messages messages,
            BiConsumer<Origin, Command> commands, Clock clock, Duration commandMaxAge, ContactChanges contacts,
            HostMetrics metrics) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.admins = Set.copyOf(admins);
        this.delivered = Objects.requireNonNull(delivered, "delivered");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.account = Objects.requireNonNull(account, "account");
        this.accountDropped = Objects.requireNonNull(accountDropped, "accountDropped");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.out = Objects.requireNonNull(out, "out");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commandMaxAge = Objects.requireNonNull(commandMaxAge, "commandMaxAge");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Handles one callback. Never throws: a failure is logged and the next callback is handled.
     *
     * @param event the callback
     */
    public void process(CallbackEvent event) {
        try {
            handle(event);
        } catch (RuntimeException e) {
            LOG.error("Callback {} could not be handled: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    private void handle(CallbackEvent event) {
        if (event instanceof CallbackEvent.Probe) {
            LOG.info("GeWe checked the callback URL");
            return;
        }
        if (!appId.equals(event.appId())) {
            LOG.warn("Ignored a {} callback for another account (appId {})", event.getClass().getSimpleName(),
                    loggable(event.appId()));
            return;
        }
        metrics.callbackReceived(appId);
        Optional<String> key = event.dedupKey();
        if (key.isPresent() && !delivered.firstDelivery(key.get())) {
            metrics.duplicateDropped(appId);
            LOG.debug("Ignored a duplicate of message {}", key.get());
            return;
        }
        if (event instanceof CallbackEvent.TextMessage text) {
            messageArrived(Optional.of(text.sentAt()));
            onText(text);
        } else if (event instanceof CallbackEvent.FriendRequestReceived received) {
            messageArrived(Optional.of(received.request().receivedAt()));
            onFriendRequest(received.request());
        } else if (event instanceof CallbackEvent.OtherMessage) {
            // It carries no time the host reads, so it cannot tell whether the account is back.
            messageArrived(Optional.empty());
        } else if (event instanceof CallbackEvent.ContactModified modified) {
            if (inbox.contactArrived(appId, modified.wxid())) {
                String nickname = modified.nickname().isBlank() ? modified.wxid() : modified.nickname();
                out.notifyAdmins(messages.get("notify.contactAdded", modified.wxid(), nickname));
            }
            if (!modified.group()) {
                contacts.modified(modified.wxid());
            }
        } else if (event instanceof CallbackEvent.ContactDeleted deleted) {
            LOG.info("Contact {} was deleted", loggable(deleted.wxid()));
            contacts.deleted(deleted.wxid());
        } else if (event instanceof CallbackEvent.AccountOffline offline) {
            if (account.markOffline()) {
                LOG.warn("The WeChat account {} went offline", loggable(offline.accountWxid()));
                out.notifyAdmins(messages.get("notify.offline", offline.accountWxid()));
                accountDropped.run();
            }
        }
    }

    private void messageArrived(Optional<Instant> writtenAt) {
        if (writtenAt.isPresent() && account.messageArrived(writtenAt.get())) {
            LOG.info("The WeChat account is online again");
        }
        if (seenOnline.compareAndSet(false, true)) {
            pacer.observeOnline(appId);
        }
    }

    private void onText(CallbackEvent.TextMessage text) {
        if (text.fromSelf()) {
            return;
        }
        Optional<Command> command = parser.parse(text.text());
        if (command.isEmpty()) {
            return;
        }
        if (!admins.contains(text.senderWxid())) {
            LOG.info("Ignored a command from {} in {}: not an admin", loggable(text.senderWxid()),
                    loggable(text.conversationId()));
            return;
        }
        Origin origin = new Origin(text.conversationId(), text.senderWxid());
        Duration age = Duration.between(text.sentAt(), clock.instant());
        if (age.compareTo(commandMaxAge) > 0) {
            String what = CommandRouter.describe(command.get());
            LOG.info("Ignored command {} from {} in {} (account {}): written at {}, older than the limit of {}",
                    loggable(what), loggable(origin.sender()), loggable(origin.replyTo()), loggable(appId),
                    text.sentAt(), commandMaxAge);
            out.reply(origin.replyTo(), messages.get("late.ignored", what, text.sentAt(), age, commandMaxAge));
            return;
        }
        commands.accept(origin, command.get());
    }

    /**
     * A value from a callback as it may appear in a log line. Anyone can choose their nickname or send
     * a crafted callback: a line break in it would forge a log line of its own, and a huge one would
     * flood the log. Control and format characters become {@code ?}; the value is cut after
     * {@value #MAX_LOGGED} characters.
     */
    static String loggable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LOGGED + 1));
        for (int i = 0; i < value.length(); i++) {
            if (out.length() == MAX_LOGGED) {
                return out.append('…').toString();
            }
            char c = value.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            out.append(unsafe ? '?' : c);
        }
        return out.toString();
    }

    private void onFriendRequest(FriendRequest request) {
        LOG.info("Friend request from {} ({})", loggable(request.fromWxid()), loggable(request.nickname()));
        answers.arrived(request);
    }
}
