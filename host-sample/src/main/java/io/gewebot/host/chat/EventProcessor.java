package io.gewebot.host.chat;

import io.gewebot.common.chat.AccountState;

import io.gewebot.api.chat.ChatExtension;
import io.gewebot.api.chat.IncomingText;
import static io.gewebot.common.text.Loggable.loggable;
import io.gewebot.common.text.Messages;
import io.gewebot.host.callback.CallbackEvent;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.store.DatabaseHealth;
import io.gewebot.host.store.DeliveredCallbacks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles decoded callbacks, one at a time and in arrival order: drops duplicates and other accounts'
 * callbacks, follows the account's online state (a drop is told to the admins and handed on, to bring
 * the account back), and routes the rest to the account's {@link ChatExtension} through the chat
 * contract, as any bot host would: texts (with the host's decision whether the writer is an admin),
 * friend requests and contact changes. A text the extension does not take goes to the host's own
 * commands ({@code /help}, {@code /plugins}, an unknown word).
 *
 * <p>A message that {@link #mayAct may act} is marked as under way before it is handled
 * ({@link DeliveredCallbacks#begin}), so that a host killed meanwhile never handles it twice, and let go once
 * handled. Any other message (chat from people who are not admins, messages that are not text) is handled
 * without a mark: handling it twice or not at all changes nothing. Work that fails because the
 * database cannot be reached or written is done again, after a growing wait, until it goes through
 * ({@link DatabaseHealth#patiently}): a callback answered 200 is never dropped for it.
 */
public final class EventProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final String appId;
    private final Set<String> admins;
    private final DeliveredCallbacks delivered;
    private final AccountState account;
    private final Runnable accountDropped;
    private final ChatOutput out;
    private final Messages messages;
    private final ChatExtension extension;
    private final HostCommands hostCommands;
    private final HostMetrics metrics;
    private final DatabaseHealth database;

    /**
     * @param appId the account's device id; callbacks for others are ignored
     * @param admins who may command the bot
     * @param delivered remembers processed message ids
     * @param account the account's online state
     * @param accountDropped run when the account drops; it must return at once
     * @param out tells the admins
     * @param messages the chat texts
     * @param extension the account's chat commands
     * @param hostCommands the host's own commands, for texts the extension does not take
     * @param metrics counts the callbacks and the duplicates dropped
     * @param database what waits for the database while it cannot be reached
     */
    public EventProcessor(String appId, Set<String> admins, DeliveredCallbacks delivered, AccountState account,
            Runnable accountDropped, ChatOutput out, Messages messages,
            ChatExtension extension, HostCommands hostCommands, HostMetrics metrics, DatabaseHealth database) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.admins = Set.copyOf(admins);
        this.delivered = Objects.requireNonNull(delivered, "delivered");
        this.account = Objects.requireNonNull(account, "account");
        this.accountDropped = Objects.requireNonNull(accountDropped, "accountDropped");
        this.out = Objects.requireNonNull(out, "out");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.extension = Objects.requireNonNull(extension, "extension");
        this.hostCommands = Objects.requireNonNull(hostCommands, "hostCommands");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.database = Objects.requireNonNull(database, "database");
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

    /**
     * No other message waits: those handled so far are let go ({@link DeliveredCallbacks#idle}); with a busy
     * queue that happens with the next message's mark. A database that cannot be reached keeps them for the
     * next time.
     */
    public void idle() {
        try {
            delivered.idle();
        } catch (RuntimeException e) {
            database.failed(e);
        }
    }

    /**
     * The account takes no more callbacks and those queued are done: those handled are let go now, so that
     * the next start does not count them among the callbacks a stopped host may have been handling. A
     * database that cannot be reached keeps them; the next start then drops them unhandled, as it would.
     */
    public void stopped() {
        try {
            delivered.letGo();
        } catch (RuntimeException e) {
            LOG.warn("Callbacks handled before the stop could not be let go: the next start counts them as "
                    + "interrupted ({})", e.getMessage());
        }
    }

    /**
     * Whether handling a callback can act: call GeWe, answer, or change what the host or its extension keeps
     * beyond the account's last sign of life. A text from anyone but the account's admins cannot (the chat
     * contract: an extension acts only on an admin's commands, and makes no platform call for any other
     * writer's text), nor can the account's own text or a message that is not text. Only what may act is
     * recorded before it is answered, and marked before it is handled: the rest costs no database work.
     *
     * @param event the callback
     * @return whether it may act
     */
    public boolean mayAct(CallbackEvent event) {
        if (event instanceof CallbackEvent.TextMessage text) {
            return !text.fromSelf() && admins.contains(text.senderWxid());
        }
        return !(event instanceof CallbackEvent.OtherMessage);
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
        Optional<String> key = event.dedupKey().filter(k -> mayAct(event));
        String what = event.getClass().getSimpleName() + key.map(k -> " " + k).orElse("");
        if (key.isPresent()) {
            DeliveredCallbacks.Begin begin = database.patiently(what, () -> delivered.begin(key.get()));
            if (begin == DeliveredCallbacks.Begin.DUPLICATE) {
                metrics.duplicateDropped(appId);
                LOG.debug("Ignored a duplicate of message {}", key.get());
                return;
            }
            if (begin == DeliveredCallbacks.Begin.TAKEN) {
                LOG.info("{} is handled by another host", what);
                return;
            }
        }
        try {
            database.patiently(what, () -> {
                act(event);
                return null;
            });
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() && key.isPresent()) {
                // The host stops while the database cannot be reached: not handled, so handled at the next start.
                release(what, key.get());
                throw e;
            }
            key.ifPresent(delivered::finished);
            throw e;
        }
        // Handled: never again.
        key.ifPresent(delivered::finished);
    }

    private void release(String what, String key) {
        boolean interrupted = Thread.interrupted();
        try {
            delivered.release(key);
            LOG.warn("{} was not handled before the host stopped: it is handled at the next start", what);
        } catch (RuntimeException e) {
            LOG.error("{} was not handled before the host stopped, and the database could not be told: "
                    + "it will not be handled ({})", what, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void act(CallbackEvent event) {
        if (event instanceof CallbackEvent.TextMessage text) {
            messageArrived(Optional.of(text.sentAt()));
            onText(text);
        } else if (event instanceof CallbackEvent.FriendRequestReceived received) {
            messageArrived(Optional.of(received.request().receivedAt()));
            LOG.info("Friend request from {} ({})", loggable(received.request().fromWxid()),
                    loggable(received.request().nickname()));
            extension.onFriendRequest(received.request());
        } else if (event instanceof CallbackEvent.OtherMessage) {
            // It carries no time the host reads, so it cannot tell whether the account is back.
            messageArrived(Optional.empty());
        } else if (event instanceof CallbackEvent.ContactModified modified) {
            extension.onContactChanged(modified.wxid(), modified.nickname(), false);
        } else if (event instanceof CallbackEvent.ContactDeleted deleted) {
            extension.onContactChanged(deleted.wxid(), "", true);
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
    }

    private void onText(CallbackEvent.TextMessage text) {
        if (text.fromSelf()) {
            return;
        }
        IncomingText incoming = new IncomingText(text.conversationId(), text.senderWxid(),
                admins.contains(text.senderWxid()), text.text(), text.sentAt());
        if (!extension.onText(incoming)) {
            hostCommands.onText(incoming);
        }
    }

}
