package io.gewebot.commands.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.common.chat.Origin;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.GroupMember;
import io.gewebot.api.Listing;
import io.gewebot.api.Relation;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.text.Messages;
import io.gewebot.common.command.Command;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.store.AddressBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands on the account's friends: {@code /remark}, {@code /label}, {@code /unlabel},
 * {@code /contacts}, {@code /delete} and {@code /check}, and the upkeep of the {@link AddressBook}
 * they read. The plugin is called the way {@link CommandRouter} calls it, so a failure, a timeout or
 * a plugin that does not offer the operation ends in the same replies; a risk-control answer to any
 * of them pauses the account's friend requests as one to a friend request does.
 *
 * <p>{@code /delete} deletes only when the admin who asked confirms within {@link #CONFIRM_WITHIN}.
 * The request waits in the {@link AddressBook}, so that the confirmation counts after a restart and
 * on whichever host instance it arrives.
 */
public final class AddressBookCommands {

    /** How long a {@code /delete} waits for its confirmation. */
    static final Duration CONFIRM_WITHIN = Duration.ofSeconds(60);
    /** The first pause of {@code /check} after the platform said relations were checked too often. */
    static final Duration CHECK_PAUSE = Duration.ofHours(1);
    /** The longest pause of {@code /check}, as for friend requests. */
    static final Duration CHECK_PAUSE_MAX = Duration.ofHours(48);

    private static final Logger LOG = LoggerFactory.getLogger(AddressBookCommands.class);
    private static final int LIST_LIMIT = 20;
    /** What a listing that answered comes to on the way through {@link OperationOutcome}. */
    private static final ContactOutcome LISTED = new ContactOutcome.Done(Optional.empty(), Optional.empty());

    private final String appId;
    private final Messages messages;
    private final AddressBook book;
    private final FriendRequestPacer pacer;
    private final ChatContext chat;
    private final Clock clock;
    private final Function<Function<ContactAction, ContactOutcome>, OperationOutcome> plugin;

    /** What a listing came to: the items when {@link OperationOutcome#done()}, else none. */
    private record Fetched<T>(OperationOutcome outcome, List<T> items) {
    }

    /**
     * @param appId the account
     * @param messages the chat texts
     * @param book the cached friends and the pause of relation checks
     * @param pacer learns of risk-control answers
     * @param chat tells the admins of a pause
     * @param clock the clock
     * @param plugin calls the extension with the plugin-call time limit (the router's way)
     */
    AddressBookCommands(String appId, Messages messages, AddressBook book, FriendRequestPacer pacer, ChatContext chat,
            Clock clock, Function<Function<ContactAction, ContactOutcome>, OperationOutcome> plugin) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.book = Objects.requireNonNull(book, "book");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.plugin = Objects.requireNonNull(plugin, "plugin");
    }

    /**
     * A command as the log sees it: its name and wxids, never a remark or a label.
     *
     * @param command a command
     * @return such as {@code /remark wxid_x}
     */
    static String describe(Command.AddressBookCommand command) {
        String name = "/" + command.spec().orElseThrow().commandName();
        if (command instanceof Command.Remark remark) {
            return name + " " + remark.wxid();
        } else if (command instanceof Command.Label label) {
            return name + " " + label.wxid();
        } else if (command instanceof Command.Unlabel unlabel) {
            return name + " " + unlabel.wxid();
        } else if (command instanceof Command.Delete delete) {
            return name + " " + delete.wxid();
        } else if (command instanceof Command.Check check) {
            return name + " " + String.join(" ", check.wxids());
        }
        return name;
    }

    /**
     * Carries out a command and words its reply.
     *
     * @param origin who asked, where
     * @param command the command
     * @return the reply
     */
    String execute(Origin origin, Command.AddressBookCommand command) {
        if (command instanceof Command.Remark remark) {
            return remark(remark.wxid(), remark.remark());
        } else if (command instanceof Command.Label label) {
            return labels(label.wxid(), label.labels(), true);
        } else if (command instanceof Command.Unlabel unlabel) {
            return labels(unlabel.wxid(), unlabel.labels(), false);
        } else if (command instanceof Command.Contacts contacts) {
            return contacts(contacts.text(), contacts.refresh());
        } else if (command instanceof Command.Delete delete) {
            return delete.confirm() ? confirmDelete(origin, delete.wxid()) : askDelete(origin, delete.wxid());
        } else if (command instanceof Command.Check check) {
            return check(check.wxids());
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    /**
     * How GeWe's contact callbacks reach the address book: a changed friend's profile is read again
     * on {@code workers} (a plugin call, never on the callback thread), a deleted friend is forgotten
     * at once. Groups are no friends; and while the account's friends were never read whole, a change
     * needs no call, since the first {@code /contacts} reads them all.
     *
     * @param workers where profiles are read
     * @return the changes
     */
    public ContactChanges changesOn(Executor workers) {
        Objects.requireNonNull(workers, "workers");
        return new ContactChanges() {
            @Override
            public void modified(String wxid) {
                if (!book.filled(appId)) {
                    return;
                }
                try {
                    workers.execute(() -> refresh(wxid));
                } catch (RejectedExecutionException e) {
                    LOG.warn("The profile of {} is not read again: too many commands waiting", Loggable.loggable(wxid));
                }
            }

            @Override
            public void deleted(String wxid) {
                if (book.remove(appId, wxid)) {
                    LOG.info("Contact {} left the address book", Loggable.loggable(wxid));
                }
            }
        };
    }

    /** Reads one friend's profile again and keeps it. Never throws. */
    private void refresh(String wxid) {
        try {
            Fetched<Contact> fetched = list(a -> a.profiles(List.of(wxid)));
            if (!fetched.outcome().done()) {
                LOG.warn("The profile of {} could not be read: {}", Loggable.loggable(wxid),
                        fetched.outcome().settlement().detail());
                return;
            }
            fetched.items().stream().filter(c -> c.wxid().equals(wxid)).findFirst().ifPresent(c -> book.put(appId, c));
        } catch (RuntimeException e) {
            LOG.error("The profile of {} could not be kept: {}", Loggable.loggable(wxid), e.toString());
        }
    }

    // ---- /remark, /label, /unlabel -----------------------------------------------------------

    private String remark(String wxid, String remark) {
        OperationOutcome outcome = call(a -> a.setRemark(wxid, remark));
        if (!outcome.done()) {
            return failureReply(outcome, messages.get("op.remark", wxid));
        }
        book.find(appId, wxid).ifPresent(c -> book.put(appId,
                new Contact(c.wxid(), c.nickname(), remark, c.alias(), c.labels())));
        return messages.get("remark.done", wxid, remark);
    }

    private String labels(String wxid, List<String> labels, boolean add) {
        OperationOutcome outcome = call(a -> add ? a.addLabels(wxid, labels) : a.removeLabels(wxid, labels));
        if (!outcome.done()) {
            return failureReply(outcome, messages.get(add ? "op.label" : "op.unlabel", wxid));
        }
        String reply = messages.get(add ? "label.done" : "unlabel.done", wxid, String.join(", ", labels));
        Optional<Contact> known = book.find(appId, wxid);
        if (known.isEmpty()) {
            return reply;
        }
        // The plugin merged them with the friend's others; the cache does the same.
        List<String> now = new ArrayList<>(known.get().labels());
        now.removeAll(labels);
        if (add) {
            now.addAll(labels);
        }
        Contact c = known.get();
        book.put(appId, new Contact(c.wxid(), c.nickname(), c.remark(), c.alias(), now));
        return reply + '\n' + messages.get("label.now", wxid,
                now.isEmpty() ? messages.get("label.none") : String.join(", ", now));
    }

    // ---- /contacts ---------------------------------------------------------------------------

    private String contacts(String text, boolean refresh) {
        StringBuilder reply = new StringBuilder();
        if (refresh || !book.filled(appId)) {
            Fetched<Contact> fetched = list(ContactAction::friends);
            if (!fetched.outcome().done()) {
                return failureReply(fetched.outcome().nothingSent(), messages.get("op.contacts"));
            }
            book.replaceAll(appId, fetched.items());
            reply.append(messages.get("contacts.read", fetched.items().size())).append('\n');
        }
        AddressBook.Matches matches = book.search(appId, text, LIST_LIMIT);
        if (matches.total() == 0) {
            return reply.append(text.isEmpty() ? messages.get("contacts.empty") : messages.get("contacts.none", text))
                    .toString();
        }
        reply.append(text.isEmpty() ? messages.get("contacts.all", matches.total())
                : messages.get("contacts.header", text, matches.total()));
        for (Contact c : matches.first()) {
            String name = AddressBook.shownName(c);
            String nickname = !c.remark().isBlank() && !c.nickname().isBlank()
                    ? messages.get("contacts.nickname", c.nickname()) : "";
            String labels = c.labels().isEmpty() ? "" : messages.get("contacts.labels", String.join(", ", c.labels()));
            reply.append('\n').append(messages.get("contacts.item", CommandRouter.display(c.wxid(), Optional.of(name)),
                    nickname, labels));
        }
        if (matches.total() > matches.first().size()) {
            reply.append('\n').append(messages.get("contacts.more", matches.total() - matches.first().size()));
        }
        return reply.toString();
    }

    // ---- /delete -----------------------------------------------------------------------------

    private String askDelete(Origin origin, String wxid) {
        book.askDelete(appId, wxid, origin.sender());
        return messages.get("delete.confirm", wxid, CONFIRM_WITHIN, shown(wxid));
    }

    private String confirmDelete(Origin origin, String wxid) {
        Optional<AddressBook.PendingDelete> waiting = book.pendingDelete(appId, wxid);
        if (waiting.isEmpty()) {
            return messages.get("delete.nothingPending", wxid);
        }
        AddressBook.PendingDelete pending = waiting.get();
        if (!pending.admin().equals(origin.sender())) {
            return messages.get("delete.otherAdmin", wxid, pending.admin());
        }
        // Taken before the call, so that a second confirmation finds nothing to confirm.
        if (!book.takeDelete(appId, wxid, pending)) {
            return messages.get("delete.nothingPending", wxid);
        }
        if (clock.instant().isAfter(pending.askedAt().plus(CONFIRM_WITHIN))) {
            return messages.get("delete.expired", wxid, pending.askedAt(), CONFIRM_WITHIN);
        }
        String shown = shown(wxid);
        OperationOutcome outcome = call(a -> a.deleteFriend(wxid));
        if (!outcome.done()) {
            return failureReply(outcome, messages.get("op.delete", shown));
        }
        book.remove(appId, wxid);
        return messages.get("delete.done", shown);
    }

    // ---- /check ------------------------------------------------------------------------------

    private String check(List<String> wxids) {
        Optional<Instant> paused = book.checksPausedUntil(appId);
        if (paused.isPresent()) {
            return messages.get("check.paused", paused.get());
        }
        Fetched<Relation> fetched = list(a -> a.checkRelations(wxids));
        if (!fetched.outcome().done()) {
            return unsupported(fetched.outcome()) ? messages.get("check.unsupported")
                    : failureReply(fetched.outcome().nothingSent(), messages.get("op.check", String.join(", ", wxids)));
        }
        Map<String, Relation> byWxid = new LinkedHashMap<>();
        fetched.items().forEach(r -> byWxid.putIfAbsent(r.wxid(), r));
        StringBuilder reply = new StringBuilder(messages.get("check.header", wxids.size()));
        for (String wxid : wxids) {
            Relation r = byWxid.get(wxid);
            String relation = r == null ? messages.get("relation.none") : messages.get("relation." + r.kind().name(), r.code());
            reply.append('\n').append(messages.get("check.item", shown(wxid), relation));
        }
        if (byWxid.values().stream().anyMatch(r -> r.kind() == Relation.Kind.CHECKED_TOO_OFTEN)) {
            reply.append('\n').append(messages.get("check.pausedNow", book.pauseChecks(appId, CHECK_PAUSE, CHECK_PAUSE_MAX)));
        } else {
            book.checksAnswered(appId);
        }
        return reply.toString();
    }

    // ---- calling the extension ---------------------------------------------------------------

    /** Calls the extension; risk control pauses the account's friend requests and the admins hear of it. */
    private OperationOutcome call(Function<ContactAction, ContactOutcome> operation) {
        OperationOutcome outcome = plugin.apply(operation);
        if (outcome.settlement().pausesAccount()) {
            Instant until = pacer.reportRiskControl(appId);
            chat.toAdmins(messages.get("notify.riskControl", Details.render(messages, outcome.settlement().detail()),
                    until));
        }
        return outcome;
    }

    /**
     * Calls a listing through {@link #call}, as one operation: the items are carried beside the
     * outcome, and read only when the extension answered in time.
     */
    private <T> Fetched<T> list(Function<ContactAction, Listing<T>> operation) {
        AtomicReference<List<T>> items = new AtomicReference<>(List.of());
        OperationOutcome outcome = call(a -> {
            Listing<T> listing = Objects.requireNonNull(operation.apply(a), "the extension answered null");
            if (listing instanceof Listing.Listed<T> listed) {
                items.set(listed.items());
                return LISTED;
            }
            return ((Listing.NotListed<T>) listing).outcome();
        });
        return new Fetched<>(outcome, outcome.done() ? items.get() : List.of());
    }

    /**
     * The members of a group, through the plugin as any listing; or the reply that says why they could not be
     * read (a plugin that does not offer it is said so plainly).
     *
     * @param chatroomId the group
     * @return the members, or the failure reply
     */
    Members groupMembers(String chatroomId) {
        Fetched<GroupMember> fetched = list(a -> a.groupMembers(chatroomId));
        return fetched.outcome().done() ? new Members(fetched.items(), Optional.empty())
                : new Members(List.of(), Optional.of(failureReply(fetched.outcome().nothingSent(),
                        messages.get("op.members", chatroomId))));
    }

    /** What reading a group's members came to: the members, or the failure reply. */
    record Members(List<GroupMember> members, Optional<String> failure) {
    }

    /**
     * Reads the account's friends whole into the address book when it never was, so that a group's
     * friends are known without a search each; a failure leaves it as it was (the search before each
     * request still finds a friend).
     */
    void fillIfNeverRead() {
        if (!book.filled(appId)) {
            Fetched<Contact> fetched = list(ContactAction::friends);
            if (fetched.outcome().done()) {
                book.replaceAll(appId, fetched.items());
            }
        }
    }

    private static boolean unsupported(OperationOutcome outcome) {
        return outcome.answer().orElse(null) instanceof ContactOutcome.Refused r
                && r.reason() == ContactOutcome.Reason.UNSUPPORTED;
    }

    /** A plugin that does not offer the operation is said so plainly; any other failure as everywhere. */
    private String failureReply(OperationOutcome outcome, String label) {
        return unsupported(outcome) ? messages.get("book.unsupported", label) : outcome.failureReply(messages, label);
    }

    /** A friend as the replies name them: with the name the account shows, when the cache knows it. */
    private String shown(String wxid) {
        return CommandRouter.display(wxid, book.find(appId, wxid).map(AddressBook::shownName));
    }
}
