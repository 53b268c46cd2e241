package io.gewebot.commands.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.text.Redactor;
import io.gewebot.common.store.Patiently;

import io.gewebot.api.AddRequest;
import io.gewebot.api.Contact;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.Person;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.text.Messages;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.commands.pacing.AccountLimits;
import io.gewebot.commands.pacing.AddDecision;
import io.gewebot.commands.pacing.AddIntent;
import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.Identity;
import io.gewebot.commands.pacing.LedgerEntry;
import io.gewebot.commands.pacing.LookupCache;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.commands.pacing.QueuedAdd;
import io.gewebot.commands.pacing.RequestState;
import io.gewebot.commands.pacing.SearchDecision;
import io.gewebot.commands.pacing.SendTicket;
import io.gewebot.commands.pacing.Settlement;
import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.commands.store.AddressBook;
import io.gewebot.commands.store.FriendRequestInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one admin command and answers it. Contact operations go through the pacer, whose
 * ledger records each before it is sent (and the inbox, for answers); the extension is called
 * through {@link ContactCalls}, so a failing or hanging plugin ends in a failure reply. What an
 * operation came to is read by {@link OperationOutcome}.
 */
public final class CommandRouter {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    private static final int LIST_LIMIT = 20;

    private final String appId;
    private final Messages messages;
    private final FriendRequestInbox inbox;
    private final FriendRequestPacer pacer;
    private final AccountState account;
    private final ChatContext chat;
    private final Redactor redactor;
    private final Clock clock;
    private final Duration addDedupWindow;
    private final Duration warmup;
    private final LookupCache lookups = new LookupCache();
    private final AddressBookCommands book;
    private final AddressBook friends;
    private final ExtensionCall extension;
    private final FriendRequestAnswers answers;
    private final CommandMeters metrics;
    private final BulkAdds bulk;

    /**
     * @param appId the account's device id
     * @param messages the chat texts
     * @param calls calls extensions with a time limit
     * @param inbox pending friend requests
     * @param pacer decides when friend requests go out
     * @param account whether the account is online
     * @param chat where replies go
     * @param redactor removes secrets from texts
     * @param clock the clock
     * @param addDedupWindow how long a target is never sent a second request (for the reply text)
     * @param warmup how long the account must be online before adding (for the reply text)
     * @param addressBook the cached friends, for the address book's commands
     * @param answers answers friend requests ({@code /accept}, {@code /reject}) and lists the rules
     * @param metrics counts the commands carried out
     */
    public CommandRouter(String appId, Messages messages, ContactCalls calls,
            FriendRequestInbox inbox, FriendRequestPacer pacer, AccountState account,
            ChatContext chat, Redactor redactor, Clock clock, Duration addDedupWindow,
            Duration warmup, AddressBook addressBook, FriendRequestAnswers answers, CommandMeters metrics) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.account = Objects.requireNonNull(account, "account");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.addDedupWindow = Objects.requireNonNull(addDedupWindow, "addDedupWindow");
        this.warmup = Objects.requireNonNull(warmup, "warmup");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.extension = new ExtensionCall(chat::contacts, calls, redactor, account);
        this.friends = Objects.requireNonNull(addressBook, "addressBook");
        this.book = new AddressBookCommands(appId, messages, addressBook, pacer, chat, clock, this::invoke);
        this.bulk = new BulkAdds(appId, messages, pacer, addressBook, book, chat, account);
    }

    /** @return the commands on the account's friends, and how GeWe's contact callbacks reach them */
    public AddressBookCommands addressBook() {
        return book;
    }

    /**
     * @param command a command
     * @return whether it calls an extension (and so may take as long as the plugin timeout)
     */
    public static boolean callsExtension(Command command) {
        return command.spec().map(CommandSpec::callsPlugin).orElse(false);
    }

    /**
     * Carries out a command from an admin and answers it. Never throws.
     *
     * @param origin where it came from
     * @param command the command
     */
    public void execute(Origin origin, Command command) {
        String what = describe(command);
        LOG.info("Command {} from {} in {} (account {})", loggable(what), loggable(origin.sender()),
                loggable(origin.replyTo()), loggable(appId));
        FriendRequestAnswers.Reply reply;
        try {
            // A command that fails because the database cannot be reached or written changed nothing: it is
            // carried out again once the database answers, however long that takes.
            reply = Patiently.run(loggable(what) + " (" + loggable(appId) + ")",
                    () -> command instanceof Command.Accept accept
                            ? answers.answer(origin, accept.wxid(), accept.message(), true)
                            : FriendRequestAnswers.Reply.of(dispatch(origin, command)));
        } catch (RuntimeException e) {
            String name = "/" + command.spec().map(CommandSpec::commandName).orElse("?");
            LOG.error("Command {} from {} failed inside the host: {}", name, loggable(origin.sender()),
                    loggable(redactor.redact(e.toString())));
            reply = FriendRequestAnswers.Reply.of(messages.get("failed", name, redactor.redact(e.getClass().getSimpleName())));
        }
        replied(origin, what, reply.text());
        metrics.commandCarriedOut(command.spec().map(CommandSpec::commandName).orElse("unknown"));
        // An accept's follow-ups (a rule's welcome, remark, labels) come after its reply.
        reply.then().run();
    }

    /** Sends a reply and logs it: one line per reply, as one line per command. */
    private void replied(Origin origin, String what, String reply) {
        chat.send(origin.replyTo(), reply);
        LOG.info("Reply to {} from {} in {} (account {}): {}", loggable(what), loggable(origin.sender()),
                loggable(origin.replyTo()), loggable(appId), Loggable.reply(origin.replyTo(), redactor.redact(reply)));
    }


    /**
     * A command as the log and the admins see it: its name and target, never its greeting or message.
     *
     * @param command a command
     * @return such as {@code /add wxid_x}
     */
    static String describe(Command command) {
        if (command instanceof Command.Add add) {
            return "/add " + add.target();
        } else if (command instanceof Command.AddGroup group) {
            return "/addgroup " + group.group();
        } else if (command instanceof Command.AddList list) {
            return "/addlist " + list.targets().size();
        } else if (command instanceof Command.Accept accept) {
            return "/accept " + accept.wxid();
        } else if (command instanceof Command.Reject reject) {
            return "/reject " + reject.wxid();
        } else if (command instanceof Command.Cancel cancel) {
            return "/cancel " + cancel.target();
        } else if (command instanceof Command.Dismiss dismiss) {
            return "/dismiss " + dismiss.wxid();
        } else if (command instanceof Command.AddressBookCommand onFriends) {
            return AddressBookCommands.describe(onFriends);
        } else if (command instanceof Command.Unknown unknown) {
            return unknown.word();
        }
        return "/" + command.spec().map(CommandSpec::commandName).orElse("?");
    }

    private String dispatch(Origin origin, Command command) {
        if (command instanceof Command.Add add) {
            return add(origin, add);
        } else if (command instanceof Command.AddGroup group) {
            return bulk.addGroup(origin, group);
        } else if (command instanceof Command.AddList list) {
            return bulk.addList(origin, list);
        } else if (command instanceof Command.Reject reject) {
            return answers.answer(origin, reject.wxid(), reject.message(), false).text();
        } else if (command instanceof Command.ListRequests) {
            return requests();
        } else if (command instanceof Command.History) {
            return history();
        } else if (command instanceof Command.Queue) {
            return queue();
        } else if (command instanceof Command.Cancel cancel) {
            return cancel(origin, cancel.target());
        } else if (command instanceof Command.Resume) {
            return resume();
        } else if (command instanceof Command.Limits) {
            return limits();
        } else if (command instanceof Command.Dismiss dismiss) {
            return dismiss(origin, dismiss.wxid());
        } else if (command instanceof Command.AddressBookCommand onFriends) {
            return book.execute(origin, onFriends);
        } else if (command instanceof Command.Rules) {
            return answers.rules();
        } else if (command instanceof Command.Invalid invalid) {
            return messages.get("usage." + invalid.problem().name(), invalid.name(), usage(invalid.name()));
        }
        // An unknown word, /help and /plugins are the host's (HostCommands): the commands never take them.
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    // ---- /add --------------------------------------------------------------------------------

    /**
     * In this order: offline; what can be told without looking anyone up (a friend the address book
     * knows by the typed wxid or WeChat ID, warm-up, pause, the very same text sent or queued); the
     * lookup (a friend, nobody, or a failure is answered now); then the pacer decides by person
     * whether the request goes now, waits in the queue, or is refused.
     */
    private String add(Origin origin, Command.Add add) {
        AddIntent typed = new AddIntent(appId, add.target(), add.greeting(), origin.sender(), origin.replyTo());
        // A refused token fails every call: said first, so that nobody waits out a warm-up or a queue for nothing.
        AccountState.Snapshot state = account.snapshot();
        if (state.status() == AccountState.Status.TOKEN_INVALID) {
            return state.noToken() ? refused(typed, Details.code("noToken"), messages.get("add.noToken"))
                    : refused(typed, Details.code("tokenRefused"), messages.get("add.tokenInvalid"));
        }
        if (account.offline()) {
            return refused(typed, Details.code("offline"), messages.get("add.offline"));
        }
        // A friend the address book knows by the very text is answered now: no search, no wait for a search slot.
        Optional<Contact> friend = friends.friendNamed(appId, add.target());
        if (friend.isPresent()) {
            return refused(typed, Details.code("alreadyFriend"), messages.get("add.alreadyFriend",
                    display(add.target(), Optional.of(friend.get().nickname()))));
        }
        // Unless the same text was looked up a moment ago, the search is booked with the checks, in one go.
        Optional<Identity> known = lookups.get(add.target(), clock.instant());
        FriendRequestPacer.Precheck early = known.isPresent()
                ? new FriendRequestPacer.Precheck(pacer.precheck(typed), Optional.empty())
                : pacer.precheckAndBookSearch(typed);
        if (early.refusal().isPresent()) {
            return decided(typed, early.refusal().get());
        }
        Lookup lookup = known.<Lookup>map(Lookup.Found::new).orElseGet(() -> searched(add.target(), early.search().orElseThrow()));
        if (lookup instanceof Lookup.CapReached cap) {
            return refused(typed, Details.code("searchCap"), searchCapReply(cap.decision()));
        }
        if (lookup instanceof Lookup.Failed failed) {
            // In /history as the reply says it: a failed search FAILED, a refused one REFUSED.
            pacer.endUnsent(typed, failed.outcome().settlement());
            return failed.outcome().failureReply(messages, messages.get("op.add", add.target()));
        }
        AddIntent intent = typed.withIdentity(((Lookup.Found) lookup).identity());
        Person person = ((Lookup.Found) lookup).identity().person();
        if (person.friend()) {
            return refused(intent, Details.code("alreadyFriend"),
                    messages.get("add.alreadyFriend", display(add.target(), Optional.of(person.nickname()))));
        }
        return decided(intent, pacer.submit(intent));
    }

    private String decided(AddIntent intent, AddDecision decision) {
        String target = intent.target();
        String shown = display(target, intent.identity().map(i -> i.person().nickname()));
        if (decision instanceof AddDecision.SendNow now) {
            return send(now.ticket());
        } else if (decision instanceof AddDecision.Queued queued) {
            return messages.get("add.queued", shown, queued.position(), queued.entry().expectedAt());
        } else if (decision instanceof AddDecision.AlreadyQueued q) {
            AddIntent waiting = q.entry().intent();
            String reply = waiting.target().strip().equalsIgnoreCase(target.strip())
                    ? messages.get("add.alreadyQueued", shown, q.entry().expectedAt())
                    : messages.get("add.alreadyQueuedAs", shown,
                            display(waiting.target(), waiting.identity().map(i -> i.person().nickname())),
                            q.entry().expectedAt());
            return refused(intent, waiting.target().strip().equalsIgnoreCase(target.strip()) ? Details.code("alreadyQueued")
                    : Details.code("alreadyQueuedAs", waiting.target()), reply);
        } else if (decision instanceof AddDecision.Duplicate d) {
            return refused(intent, Details.code("alreadySent", d.lastSentAt()),
                    messages.get("add.duplicate", shown, d.lastSentAt(), addDedupWindow));
        } else if (decision instanceof AddDecision.WarmingUp w) {
            return refused(intent, Details.code("warmup", w.until()), messages.get("add.warmup", w.until(), warmup));
        } else if (decision instanceof AddDecision.Paused p) {
            return refused(intent, Details.code("paused", p.until()), messages.get("add.paused", p.until()));
        }
        throw new IllegalStateException("unhandled decision " + decision.getClass().getName());
    }

    private String refused(AddIntent intent, String detail, String reply) {
        pacer.refuse(intent, detail);
        return reply;
    }

    /**
     * Sends the queued friend requests whose turn has come, each answered in the conversation it was
     * asked in; none while the account is offline. Never throws.
     *
     * @return how many were sent or tried
     */
    public int sendDue() {
        if (account.offline()) {
            // GeWe would refuse them all; they wait in the queue until the account is back.
            return 0;
        }
        int n = 0;
        try {
            Optional<QueuedAdd> head;
            while ((head = pacer.dueHead(appId)).isPresent()) {
                if (head.get().intent().route().isPresent() && !readyToSend(head.get())) {
                    // Ended without a request: the turn stays for the next one.
                    n++;
                    continue;
                }
                Optional<SendTicket> ticket = pacer.takeDue(appId);
                if (ticket.isEmpty()) {
                    break;
                }
                AddIntent intent = ticket.get().intent();
                String reply = send(ticket.get());
                if (intent.route().isPresent()) {
                    // One of a group's or a list's: /queue and /history tell them, the chat is not told each.
                    LOG.info("Friend request to {} of {} (account {}): {}", loggable(intent.target()),
                            loggable(intent.route().get()), loggable(appId), loggable(reply));
                } else {
                    replied(new Origin(intent.replyTo(), intent.requestedBy()), "/add " + intent.target(), reply);
                }
                n++;
            }
        } catch (RuntimeException e) {
            LOG.error("Sending queued friend requests failed inside the host: {}", redactor.redact(e.toString()));
        }
        return n;
    }

    /**
     * Before a group's member or a list's target goes out: who they are, by a search when their tickets are
     * missing or stale (within the search interval; never refused by the search cap, as a queued
     * {@code /add}'s), and never-twice again by person, so that someone asked earlier by another route (a
     * phone number, a WeChat ID) is recognised. A friend, someone asked before or queued already, and a list's
     * target nobody is found for end here, unsent, in {@code /history}. A group's member the search does not
     * find goes out through the group all the same, known by their wxid only (WeChat hides some people from
     * searches; see the README).
     *
     * @return whether the add is to go out now
     */
    private boolean readyToSend(QueuedAdd queued) {
        AddIntent intent = queued.intent();
        if (intent.identity().isPresent() && !intent.identity().get().stale(clock.instant())) {
            return true;
        }
        Lookup lookup = lookUp(intent.target(), false);
        if (lookup instanceof Lookup.Failed failed) {
            boolean nobody = failed.outcome().failure().filter(f -> f.kind() == ContactOutcome.FailureKind.NOT_FOUND)
                    .isPresent();
            if (nobody && intent.group().isPresent()) {
                return true;
            }
            if (failed.outcome().settlement().pausesAccount()) {
                // Risk control: the pause holds the queue; this one goes out after it, looked up again.
                return false;
            }
            pacer.settleQueued(queued, failed.outcome().settlement());
            return false;
        }
        Identity identity = ((Lookup.Found) lookup).identity();
        if (identity.person().friend()) {
            pacer.settleQueued(queued, Settlement.refused(Details.code("alreadyFriend")));
            return false;
        }
        Optional<AddDecision> repeated = pacer.identifyQueued(queued, identity);
        if (repeated.isPresent()) {
            pacer.settleQueued(queued, Settlement.refused(repeated.get() instanceof AddDecision.Duplicate d
                    ? Details.code("alreadySent", d.lastSentAt())
                    : Details.code("alreadyQueuedAs", ((AddDecision.AlreadyQueued) repeated.get()).entry().intent().target())));
            return false;
        }
        return true;
    }

    /**
     * Sends one friend request whose ticket is already in the ledger as in flight, with the tickets
     * of its lookup; those older than {@link FriendRequestPacer#MAX_TICKET_AGE} (a request that
     * waited in the queue) are fetched again first.
     */
    private String send(SendTicket ticket) {
        AddIntent intent = ticket.intent();
        AddRequest request = AddRequest.of(intent.target(), intent.greeting().orElse(null));
        Optional<Identity> identity = intent.identity();
        if (identity.isPresent() && identity.get().stale(clock.instant()) && intent.group().isEmpty()) {
            Lookup fresh = lookUp(intent.target(), false);
            if (fresh instanceof Lookup.Failed failed) {
                // Only the search was made: no request went out.
                pacer.complete(ticket, Settlement.notSent(Details.code("lookupAgain", failed.outcome().settlement().detail())));
                return failed.outcome().failureReply(messages, messages.get("op.add", intent.target()));
            }
            identity = Optional.of(((Lookup.Found) fresh).identity());
        }
        Person person = identity.map(Identity::person).orElseGet(() -> Person.asTyped(intent.target()));
        Optional<String> group = intent.group();
        OperationOutcome outcome = group.isPresent()
                ? invoke(a -> a.addGroupMember(group.get(), intent.target(), intent.greeting().orElse("")))
                : invoke(a -> a.add(request, person));
        pacer.complete(ticket, outcome.settlement());
        if (outcome.settlement().pausesAccount()) {
            Instant until = pacer.pausedUntil(appId).orElse(clock.instant());
            chat.toAdmins(messages.get("notify.riskControl", Details.render(messages, outcome.settlement().detail()),
                    until));
        }
        Optional<String> nickname = Optional.of(person.nickname());
        if (outcome.answer().orElse(null) instanceof ContactOutcome.Done done) {
            inbox.expectContact(appId, done.wxid().orElse(intent.target()));
            return messages.get("add.done", display(intent.target(), done.nickname().or(() -> nickname)));
        }
        if (outcome.answer().orElse(null) instanceof ContactOutcome.Refused r
                && r.reason() == ContactOutcome.Reason.ALREADY_FRIEND) {
            return messages.get("add.alreadyFriend", display(intent.target(), nickname));
        }
        return outcome.recordedFailureReply(messages, messages.get("op.add", intent.target()));
    }

    // ---- looking people up --------------------------------------------------------------------

    /** What looking a target up came to. */
    private sealed interface Lookup {
        /** @param identity whom the plugin found, and when */
        record Found(Identity identity) implements Lookup {
        }

        /** @param decision the search cap is full */
        record CapReached(SearchDecision.CapReached decision) implements Lookup {
        }

        /** @param outcome the plugin's failure or refusal, or why it was not asked */
        record Failed(OperationOutcome outcome) implements Lookup {
        }
    }

    /**
     * Finds out who a target is: from a lookup of the same text less than {@link LookupCache#REUSE}
     * ago, or by a search booked with the pacer (waiting for the search interval when it has to).
     * Risk control on a search pauses the account's friend requests, as on any other call.
     *
     * @param capped whether the search cap may refuse it (see {@link FriendRequestPacer#bookSearch})
     */
    private Lookup lookUp(String target, boolean capped) {
        Optional<Identity> known = lookups.get(target, clock.instant());
        if (known.isPresent()) {
            return new Lookup.Found(known.get());
        }
        return searched(target, pacer.bookSearch(appId, capped));
    }

    /** Finds out who a target is by the search booked. */
    private Lookup searched(String target, SearchDecision decision) {
        if (decision instanceof SearchDecision.CapReached cap) {
            return new Lookup.CapReached(cap);
        }
        waitUntil(((SearchDecision.Granted) decision).at());
        OperationOutcome outcome = invoke(a -> a.lookup(target));
        if (outcome.answer().orElse(null) instanceof ContactOutcome.Found found) {
            Identity identity = new Identity(found.person(), clock.instant());
            lookups.put(target, identity);
            return new Lookup.Found(identity);
        }
        if (outcome.settlement().pausesAccount()) {
            Instant until = pacer.reportRiskControl(appId);
            chat.toAdmins(messages.get("notify.riskControl", Details.render(messages, outcome.settlement().detail()),
                    until));
        }
        return new Lookup.Failed(outcome.nothingSent());
    }

    private String searchCapReply(SearchDecision.CapReached cap) {
        return messages.get("search.capReached", cap.cap(), cap.freeAt());
    }

    private void waitUntil(Instant slot) {
        ExtensionCall.waitUntil(clock, slot);
    }

    // ---- calling the extension ----------------------------------------------------------------

    private OperationOutcome invoke(Function<ContactAction, ContactOutcome> operation) {
        return extension.invoke(operation);
    }

    // ---- listings ----------------------------------------------------------------------------

    private String requests() {
        List<FriendRequestInbox.Pending> pending = inbox.list(appId);
        if (pending.isEmpty()) {
            return messages.get("requests.none");
        }
        StringBuilder text = new StringBuilder(messages.get("requests.header", pending.size()));
        for (FriendRequestInbox.Pending p : pending) {
            FriendRequest r = p.request();
            text.append('\n').append(messages.get("requests.item", r.fromWxid(), r.nickname(), r.receivedAt(), r.greeting()));
        }
        return text.toString();
    }

    private String queue() {
        List<QueuedAdd> queued = pacer.queued(appId);
        StringBuilder text = new StringBuilder();
        pacer.pausedUntil(appId).ifPresent(until -> text.append(messages.get("queue.paused", until)).append('\n'));
        if (queued.isEmpty()) {
            return text.append(messages.get("queue.none")).toString();
        }
        text.append(messages.get("queue.header", queued.size()));
        int i = 1;
        for (QueuedAdd q : queued) {
            if (q.intent().route().isEmpty()) {
                text.append('\n').append(messages.get("queue.item", i,
                        display(q.intent().target(), q.intent().identity().map(id -> id.person().nickname())), q.expectedAt()));
            }
            i++;
        }
        // A group's or a list's requests as one line each.
        bulk.queueLines(queued).forEach(line -> text.append('\n').append(line));
        return text.toString();
    }

    /**
     * By the text first (no search needed); then, with anyone waiting, by who the target is, so that
     * a request queued under another spelling of the same person is found.
     */
    private String cancel(Origin origin, String target) {
        Optional<String> route = bulk.cancel(origin, target);
        if (route.isPresent()) {
            return route.get();
        }
        if (pacer.cancel(appId, target, origin.sender())) {
            return messages.get("add.cancelled", target);
        }
        if (pacer.queued(appId).isEmpty()) {
            return messages.get("add.notQueued", target);
        }
        Lookup lookup = lookUp(target, true);
        if (lookup instanceof Lookup.CapReached cap) {
            return searchCapReply(cap.decision());
        }
        if (lookup instanceof Lookup.Failed failed) {
            return failed.outcome().failure().filter(f -> f.kind() == ContactOutcome.FailureKind.NOT_FOUND).isPresent()
                    ? messages.get("add.notQueued", target)
                    : failed.outcome().failureReply(messages, messages.get("op.lookup", target));
        }
        List<String> removed = pacer.cancelPerson(appId, ((Lookup.Found) lookup).identity().person().key(),
                origin.sender());
        return removed.isEmpty() ? messages.get("add.notQueued", target)
                : messages.get("add.cancelledAs", target, String.join(", ", removed));
    }

    /** The account's use of each limit, when the next friend request may go out, any pause, the warm-up. */
    private String limits() {
        AccountLimits l = pacer.limits(appId);
        PacingPolicy p = pacer.policy();
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder(messages.get("limits.header", appId));
        text.append('\n').append(messages.get("limits.adds", l.adds(), l.addCap(), p.addInterval(), p.addJitter()));
        text.append('\n').append(l.nextAddAt().isAfter(now)
                ? messages.get("limits.nextAdd", l.nextAddAt(), l.queued())
                : messages.get("limits.nextAddNow", l.queued()));
        text.append('\n').append(messages.get("limits.searches", l.searches(), l.searchCap(), p.searchInterval()));
        text.append('\n').append(messages.get("limits.answers", l.answers(), l.answerCap(), p.answerInterval()));
        text.append('\n').append(messages.get("limits.dedup", p.addDedupWindow()));
        text.append('\n').append(l.pausedUntil().map(until -> messages.get("limits.paused", until))
                .orElseGet(() -> messages.get("limits.notPaused")));
        String warm;
        if (p.skipWarmup()) {
            warm = messages.get("limits.warmupSkipped");
        } else if (p.onlineSince().filter(since -> !since.isAfter(Instant.EPOCH)).isPresent()) {
            // The host's way of saying the account has long been online (the sandbox's): no date of 1970.
            warm = messages.get("limits.warmupSkippedLongOnline");
        } else if (l.warmupEndsAt().isEmpty()) {
            warm = messages.get("limits.warmupNotStarted", p.warmup());
        } else if (l.warmupEndsAt().get().isAfter(now)) {
            warm = messages.get("limits.warmupEnds", l.warmupEndsAt().get(), p.warmup());
        } else {
            warm = messages.get("limits.warmupEnded", l.warmupEndsAt().get());
        }
        return text.append('\n').append(warm).toString();
    }

    /**
     * Drops a pending request unanswered. Not a contact operation (nothing reaches the platform), so
     * the ledger of {@code /history} does not record it; the log does.
     */
    private String dismiss(Origin origin, String wxid) {
        if (!inbox.remove(appId, wxid)) {
            return messages.get("answer.none", wxid);
        }
        LOG.info("Friend request from {} dismissed by {}", loggable(wxid), loggable(origin.sender()));
        return messages.get("dismiss.done", wxid);
    }

    private String resume() {
        return messages.get(pacer.resume(appId) ? "resume.done" : "resume.none");
    }

    private String history() {
        List<LedgerEntry> entries = pacer.history(appId, LIST_LIMIT);
        if (entries.isEmpty()) {
            return messages.get("history.none");
        }
        StringBuilder text = new StringBuilder(messages.get("history.header"));
        for (LedgerEntry e : entries) {
            String command = "/" + e.operation().command() + " " + e.target();
            String state = messages.get("state." + e.state().name());
            // Who asked, as the ledger names them: an admin's wxid, @console, or a friend-request rule.
            String by = e.rule().map(rule -> messages.get("history.byRule", rule)).orElse(e.requestedBy());
            String detail = sameAsState(e, state) ? "" : messages.get("history.detail", Details.render(messages, e.detail()));
            text.append('\n').append(messages.get("history.item", e.at(), command, by, state, detail));
        }
        return text.toString();
    }

    /** Whether an entry's detail says nothing beyond its state (a done request's "done"): then it is not shown. */
    private boolean sameAsState(LedgerEntry e, String state) {
        if (e.detail().isEmpty() || e.state() == RequestState.DONE && e.detail().equals(Details.code("done"))) {
            return true;
        }
        return Details.render(messages, e.detail()).strip().equalsIgnoreCase(state.strip());
    }

    private String usage(String name) {
        return CommandSpec.named(name).map(spec -> spec.info(messages).usage()).orElse("/help");
    }

    private static String loggable(String value) {
        return Loggable.loggable(value);
    }

    static String display(String target, Optional<String> nickname) {
        return nickname.filter(n -> !n.isBlank() && !n.equals(target)).map(n -> n + " (" + target + ")").orElse(target);
    }
}
