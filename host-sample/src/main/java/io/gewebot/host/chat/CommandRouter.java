package io.gewebot.host.chat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.FriendRequest;
import io.gewebot.host.Messages;
import io.gewebot.host.command.Command;
import io.gewebot.host.pacing.AddDecision;
import io.gewebot.host.pacing.AddIntent;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.QueuedAdd;
import io.gewebot.host.pacing.SendResult;
import io.gewebot.host.pacing.SendTicket;
import io.gewebot.host.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
import io.gewebot.host.store.CommandJournal;
import io.gewebot.host.store.CommandJournal.State;
import io.gewebot.host.store.FriendRequestInbox;
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
 * Carries out one admin command and answers it. Contact operations go through the pacer (adds), the
 * inbox (answers) and the journal, which records each before it is sent; the extension is called
 * through {@link ContactCalls}, so a failing or hanging plugin ends in a failure reply.
 */
public final class CommandRouter {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
    private static final int LIST_LIMIT = 20;

    private final String appId;
    private final Messages messages;
    private final PluginRuntime plugins;
    private final ContactCalls calls;
    private final FriendRequestInbox inbox;
    private final CommandJournal journal;
    private final FriendRequestPacer pacer;
    private final AccountState account;
    private final ChatOutput out;
    private final Redactor redactor;
    private final Clock clock;
    private final Duration dedupWindow;
    private final Duration warmup;

    /**
     * @param appId the account's device id
     * @param messages the chat texts
     * @param plugins the loaded extensions
     * @param calls calls extensions with a time limit
     * @param inbox pending friend requests
     * @param journal the command journal
     * @param pacer decides when friend requests go out
     * @param account whether the account is online
     * @param out where replies go
     * @param redactor removes secrets from texts
     * @param clock the clock
     * @param dedupWindow how long a target is never sent a second request (for the reply text)
     * @param warmup how long the account must be online before adding (for the reply text)
     */
    public CommandRouter(String appId, Messages messages, PluginRuntime plugins, ContactCalls calls,
            FriendRequestInbox inbox, CommandJournal journal, FriendRequestPacer pacer, AccountState account,
            ChatOutput out, Redactor redactor, Clock clock, Duration dedupWindow,
            Duration warmup) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.account = Objects.requireNonNull(account, "account");
        this.out = Objects.requireNonNull(out, "out");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dedupWindow = Objects.requireNonNull(dedupWindow, "dedupWindow");
        this.warmup = Objects.requireNonNull(warmup, "warmup");
    }

    /**
     * @param command a command
     * @return whether it calls an extension (and so may take as long as the plugin timeout)
     */
    public static boolean callsExtension(Command command) {
        return command instanceof Command.Add || command instanceof Command.Accept || command instanceof Command.Reject;
    }

    /**
     * Carries out a command from an admin and answers it. Never throws.
     *
     * @param origin where it came from
     * @param command the command
     */
    public void execute(Origin origin, Command command) {
        try {
            out.reply(origin.replyTo(), dispatch(origin, command));
        } catch (RuntimeException e) {
            LOG.error("Command {} from {} failed inside the host: {}", command.getClass().getSimpleName(),
                    origin.sender(), redactor.redact(e.toString()));
            out.reply(origin.replyTo(), messages.get("failed", command.getClass().getSimpleName(),
                    redactor.redact(e.getClass().getSimpleName())));
        }
    }

    private String dispatch(Origin origin, Command command) {
        if (command instanceof Command.Add add) {
            return add(origin, add);
        } else if (command instanceof Command.Accept accept) {
            return answer(origin, accept.wxid(), accept.message(), true);
        } else if (command instanceof Command.Reject reject) {
            return answer(origin, reject.wxid(), reject.message(), false);
        } else if (command instanceof Command.ListRequests) {
            return requests();
        } else if (command instanceof Command.ListPlugins) {
            return plugins();
        } else if (command instanceof Command.Help) {
            return help();
        } else if (command instanceof Command.History) {
            return history();
        } else if (command instanceof Command.Queue) {
            return queue();
        } else if (command instanceof Command.Cancel cancel) {
            return cancel(cancel.target());
        } else if (command instanceof Command.Resume) {
            return resume();
        } else if (command instanceof Command.Unknown unknown) {
            return messages.get("unknown", unknown.word());
        } else if (command instanceof Command.Invalid invalid) {
            return messages.get("usage." + invalid.problem().name(), invalid.name(), usage(invalid.name()));
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    // ---- /add --------------------------------------------------------------------------------

    private String add(Origin origin, Command.Add add) {
        String text = "/add " + add.target();
        if (account.offline()) {
            long id = journal.begin(origin.sender(), text, State.REFUSED);
            journal.update(id, State.REFUSED, "account offline");
            return messages.get("add.offline");
        }
        long id = journal.begin(origin.sender(), text, State.IN_FLIGHT);
        AddIntent intent = new AddIntent(appId, add.target(), add.greeting(), origin.sender(), origin.replyTo());
        AddDecision decision = pacer.submit(intent);
        if (decision instanceof AddDecision.SendNow now) {
            return send(now.ticket(), id);
        } else if (decision instanceof AddDecision.Queued queued) {
            journal.update(id, State.QUEUED, "expected at " + messages.time(queued.entry().expectedAt()));
            return messages.get("add.queued", add.target(), queued.position(), queued.entry().expectedAt());
        } else if (decision instanceof AddDecision.AlreadyQueued q) {
            return refused(id, "already queued", messages.get("add.alreadyQueued", add.target(), q.entry().expectedAt()));
        } else if (decision instanceof AddDecision.Duplicate d) {
            return refused(id, "already sent at " + messages.time(d.lastSentAt()),
                    messages.get("add.duplicate", add.target(), d.lastSentAt(), dedupWindow));
        } else if (decision instanceof AddDecision.WarmingUp w) {
            return refused(id, "warm-up until " + messages.time(w.until()), messages.get("add.warmup", w.until(), warmup));
        } else if (decision instanceof AddDecision.Paused p) {
            return refused(id, "paused until " + messages.time(p.until()), messages.get("add.paused", p.until()));
        }
        throw new IllegalStateException("unhandled decision " + decision.getClass().getName());
    }

    private String refused(long journalId, String detail, String reply) {
        journal.update(journalId, State.REFUSED, detail);
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
            Optional<SendTicket> ticket;
            while ((ticket = pacer.takeDue()).isPresent()) {
                SendTicket t = ticket.get();
                long id = journal.begin(t.intent().requestedBy(), "/add " + t.intent().target() + " (queued)",
                        State.IN_FLIGHT);
                out.reply(t.intent().replyTo(), send(t, id));
                n++;
            }
        } catch (RuntimeException e) {
            LOG.error("Sending queued friend requests failed inside the host: {}", redactor.redact(e.toString()));
        }
        return n;
    }

    /** Sends one friend request whose ticket is already journaled as in flight. */
    private String send(SendTicket ticket, long journalId) {
        AddIntent intent = ticket.intent();
        String label = messages.get("op.add", intent.target());
        AddRequest request = AddRequest.of(intent.target(), intent.greeting().orElse(null));
        Outcome outcome = invoke(a -> a.add(request));
        pacer.complete(ticket, outcome.sendResult(), outcome.detail());
        journal.update(journalId, outcome.journalState(), outcome.detail());
        if (outcome.sendResult() == SendResult.RISK_CONTROL) {
            Instant until = pacer.pausedUntil(appId).orElse(clock.instant());
            out.notifyAdmins(messages.get("notify.riskControl", outcome.detail(), until));
        }
        if (outcome.contactOutcome() instanceof ContactOutcome.Done done) {
            inbox.expectContact(appId, done.wxid().orElse(intent.target()));
            return messages.get("add.done", display(intent.target(), done.nickname()));
        }
        if (outcome.contactOutcome() instanceof ContactOutcome.Refused r
                && r.reason() == ContactOutcome.Reason.ALREADY_FRIEND) {
            return messages.get("add.alreadyFriend", intent.target());
        }
        return outcome.reply(messages, label);
    }

    // ---- /accept and /reject -----------------------------------------------------------------

    private String answer(Origin origin, String wxid, String message, boolean accept) {
        String verb = accept ? "accept" : "reject";
        String label = messages.get(accept ? "op.accept" : "op.reject", wxid);
        Optional<FriendRequest> pending = inbox.beginAnswer(appId, wxid, verb);
        if (pending.isEmpty()) {
            Optional<FriendRequestInbox.Pending> stuck = inbox.find(appId, wxid);
            if (stuck.isPresent() && stuck.get().answering().isPresent()) {
                return messages.get("failed.maybe", label, "/" + stuck.get().answering().get() + " already sent");
            }
            return messages.get("answer.none", wxid);
        }
        FriendRequest request = pending.get();
        long id = journal.begin(origin.sender(), "/" + verb + " " + wxid, State.IN_FLIGHT);
        waitUntil(pacer.reserveAnswerSlot(appId));
        Outcome outcome = invoke(a -> accept ? a.accept(request, message) : a.reject(request, message));
        journal.update(id, outcome.journalState(), outcome.detail());
        if (outcome.sendResult() == SendResult.RISK_CONTROL) {
            // The warning is for the account, whatever it answered: its friend requests pause too.
            out.notifyAdmins(messages.get("notify.riskControl", outcome.detail(), pacer.reportRiskControl(appId)));
        }
        if (outcome.contactOutcome() instanceof ContactOutcome.Done) {
            inbox.remove(appId, wxid);
            if (accept) {
                inbox.expectContact(appId, wxid);
            }
            return messages.get(accept ? "accept.done" : "reject.done", display(wxid, Optional.of(request.nickname())));
        }
        if (outcome.sendResult() != SendResult.MAYBE_SENT && outcome.sendResult() != SendResult.RISK_CONTROL) {
            inbox.abandonAnswer(appId, wxid);
        }
        return outcome.reply(messages, label);
    }

    private void waitUntil(Instant slot) {
        long ms = Duration.between(clock.instant(), slot).toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- calling the extension ----------------------------------------------------------------

    private Outcome invoke(Function<ContactAction, ContactOutcome> operation) {
        Optional<PluginRuntime.Extension> extension = plugins.primary();
        if (extension.isEmpty()) {
            return Outcome.noPlugin();
        }
        ContactCalls.Result result = calls.call(extension.get().action().orElseThrow(), operation);
        Outcome outcome;
        if (result instanceof ContactCalls.Result.Answered a) {
            outcome = Outcome.of(a.outcome(), redactor);
        } else if (result instanceof ContactCalls.Result.TimedOut) {
            outcome = Outcome.timedOut(calls.timeout());
        } else if (result instanceof ContactCalls.Result.Threw t) {
            outcome = Outcome.threw(redactor.redact(t.error()));
        } else {
            outcome = Outcome.busy();
        }
        if (outcome.contactOutcome() instanceof ContactOutcome.Failed f) {
            LOG.warn("GeWe operation failed ({}): {}", f.kind(), outcome.detail());
            if (f.texts().contains("离线")) {
                account.markOffline();
            }
        } else if (outcome.contactOutcome() == null) {
            LOG.warn("Extension {} did not complete: {}", extension.get().name(), outcome.detail());
        }
        return outcome;
    }

    /** What an operation came to, in the terms the pacer, the journal and the reply need. */
    private record Outcome(ContactOutcome contactOutcome, SendResult sendResult, State journalState, String detail,
            String replyKey, Duration timeout) {

        Outcome(ContactOutcome contactOutcome, SendResult sendResult, State journalState, String detail, String replyKey) {
            this(contactOutcome, sendResult, journalState, detail, replyKey, Duration.ZERO);
        }

        static Outcome of(ContactOutcome o, Redactor redactor) {
            if (o instanceof ContactOutcome.Done) {
                return new Outcome(o, SendResult.SENT, State.DONE, "done", "");
            }
            if (o instanceof ContactOutcome.Refused r) {
                String detail = r.reason() + (r.detail().isEmpty() ? "" : ": " + redactor.redact(r.detail()));
                return new Outcome(o, SendResult.REFUSED, State.REFUSED, detail, "failed.refused");
            }
            ContactOutcome.Failed f = (ContactOutcome.Failed) o;
            String texts = redactor.redact(f.texts().isEmpty() ? f.kind().name() : f.texts());
            if (FriendRequestPacer.isRiskControlText(texts)) {
                return new Outcome(o, SendResult.RISK_CONTROL, State.FAILED, texts, "failed");
            }
            if (f.possiblyDelivered()) {
                return new Outcome(o, SendResult.MAYBE_SENT, State.MAYBE_SENT, texts, "failed.maybe");
            }
            return new Outcome(o, SendResult.NOT_SENT, State.FAILED, texts, "failed");
        }

        static Outcome timedOut(Duration timeout) {
            return new Outcome(null, SendResult.MAYBE_SENT, State.MAYBE_SENT,
                    "the plugin did not answer within " + timeout.toMillis() + " ms", "failed.timeout", timeout);
        }

        static Outcome threw(String error) {
            return new Outcome(null, SendResult.MAYBE_SENT, State.MAYBE_SENT, "the plugin failed: " + error,
                    "failed.maybe");
        }

        static Outcome busy() {
            return new Outcome(null, SendResult.NOT_SENT, State.FAILED, "too many plugin calls are still running",
                    "failed");
        }

        static Outcome noPlugin() {
            return new Outcome(null, SendResult.NOT_SENT, State.FAILED, "no contact plugin is loaded", "failed.noPlugin");
        }

        String reply(Messages messages, String label) {
            if (replyKey.equals("failed.noPlugin")) {
                return messages.get(replyKey, label);
            }
            return messages.get(replyKey, label, replyKey.equals("failed.timeout") ? timeout : detail);
        }
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
            text.append('\n').append(messages.get("queue.item", i++, q.intent().target(), q.expectedAt()));
        }
        return text.toString();
    }

    private String cancel(String target) {
        boolean removed = pacer.cancel(appId, target);
        if (removed) {
            long id = journal.begin("-", "/cancel " + target, State.CANCELLED);
            journal.update(id, State.CANCELLED, "removed from the queue");
        }
        return messages.get(removed ? "add.cancelled" : "add.notQueued", target);
    }

    private String resume() {
        return messages.get(pacer.resume(appId) ? "resume.done" : "resume.none");
    }

    private String history() {
        List<CommandJournal.Entry> entries = journal.recent(LIST_LIMIT);
        if (entries.isEmpty()) {
            return messages.get("history.none");
        }
        StringBuilder text = new StringBuilder(messages.get("history.header"));
        for (CommandJournal.Entry e : entries) {
            String detail = e.detail().isEmpty() ? "" : " (" + e.detail() + ")";
            text.append('\n').append(messages.get("history.item", e.at(), e.command(), e.issuedBy(), e.state(), detail));
        }
        return text.toString();
    }

    private String plugins() {
        StringBuilder text = new StringBuilder();
        List<PluginRuntime.PluginInfo> infos = plugins.plugins();
        if (infos.isEmpty()) {
            text.append(messages.get("plugins.none", plugins.pluginsDir()));
        } else {
            text.append(messages.get("plugins.header", infos.size()));
            for (PluginRuntime.PluginInfo p : infos) {
                String state = p.problem().isEmpty() ? p.state() : p.state() + " (" + p.problem() + ")";
                text.append('\n').append(messages.get("plugins.item", p.id(), p.version(), state));
            }
        }
        List<PluginRuntime.Extension> extensions = plugins.extensions();
        text.append('\n');
        if (extensions.isEmpty()) {
            text.append(messages.get("extensions.none"));
        } else {
            text.append(messages.get("extensions.header", extensions.size()));
            for (PluginRuntime.Extension e : extensions) {
                text.append('\n').append(messages.get("extensions.item", e.name(), e.className(), e.source(), e.state()));
            }
        }
        return redactor.redact(text.toString());
    }

    private String help() {
        StringBuilder text = new StringBuilder(messages.get("help.header"));
        for (String name : List.of("add", "accept", "reject", "requests", "queue", "cancel", "resume", "history",
                "plugins", "help")) {
            text.append('\n').append(messages.get("help." + name));
        }
        return text.toString();
    }

    private String usage(String name) {
        String key = "help." + name;
        return messages.has(key) ? messages.get(key).split("  ")[0] : "/help";
    }

    private static String display(String target, Optional<String> nickname) {
        return nickname.filter(n -> !n.isBlank() && !n.equals(target)).map(n -> n + " (" + target + ")").orElse(target);
    }
}
