package io.gewebot.host.chat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.FriendRequest;
import io.gewebot.host.Messages;
import io.gewebot.host.command.Command;
import io.gewebot.host.command.CommandSpec;
import io.gewebot.host.pacing.AddDecision;
import io.gewebot.host.pacing.AddIntent;
import io.gewebot.host.pacing.AnswerIntent;
import io.gewebot.host.pacing.AnswerTicket;
import io.gewebot.host.pacing.FriendRequestPacer;
import io.gewebot.host.pacing.LedgerEntry;
import io.gewebot.host.pacing.QueuedAdd;
import io.gewebot.host.pacing.SendTicket;
import io.gewebot.host.runtime.ContactCalls;
import io.gewebot.host.runtime.PluginRuntime;
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
    private final PluginRuntime plugins;
    private final ContactCalls calls;
    private final FriendRequestInbox inbox;
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
     * @param pacer decides when friend requests go out
     * @param account whether the account is online
     * @param out where replies go
     * @param redactor removes secrets from texts
     * @param clock the clock
     * @param dedupWindow how long a target is never sent a second request (for the reply text)
     * @param warmup how long the account must be online before adding (for the reply text)
     */
    public CommandRouter(String appId, Messages messages, PluginRuntime plugins, ContactCalls calls,
            FriendRequestInbox inbox, FriendRequestPacer pacer, AccountState account,
            ChatOutput out, Redactor redactor, Clock clock, Duration dedupWindow,
            Duration warmup) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
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
        String reply;
        try {
            reply = dispatch(origin, command);
        } catch (RuntimeException e) {
            String name = "/" + command.spec().map(CommandSpec::commandName).orElse("?");
            LOG.error("Command {} from {} failed inside the host: {}", name, loggable(origin.sender()),
                    loggable(redactor.redact(e.toString())));
            reply = messages.get("failed", name, redactor.redact(e.getClass().getSimpleName()));
        }
        replied(origin, what, reply);
    }

    /** Sends a reply and logs it: one line per reply, as one line per command. */
    private void replied(Origin origin, String what, String reply) {
        out.reply(origin.replyTo(), reply);
        LOG.info("Reply to {} from {} in {} (account {}): {}", loggable(what), loggable(origin.sender()),
                loggable(origin.replyTo()), loggable(appId), loggable(redactor.redact(firstLine(reply))));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
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
        } else if (command instanceof Command.Accept accept) {
            return "/accept " + accept.wxid();
        } else if (command instanceof Command.Reject reject) {
            return "/reject " + reject.wxid();
        } else if (command instanceof Command.Cancel cancel) {
            return "/cancel " + cancel.target();
        } else if (command instanceof Command.Dismiss dismiss) {
            return "/dismiss " + dismiss.wxid();
        } else if (command instanceof Command.Unknown unknown) {
            return unknown.word();
        }
        return "/" + command.spec().map(CommandSpec::commandName).orElse("?");
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
            return cancel(origin, cancel.target());
        } else if (command instanceof Command.Resume) {
            return resume();
        } else if (command instanceof Command.Dismiss dismiss) {
            return dismiss(origin, dismiss.wxid());
        } else if (command instanceof Command.Unknown unknown) {
            return messages.get("unknown", unknown.word());
        } else if (command instanceof Command.Invalid invalid) {
            return messages.get("usage." + invalid.problem().name(), invalid.name(), usage(invalid.name()));
        }
        throw new IllegalStateException("unhandled command " + command.getClass().getName());
    }

    // ---- /add --------------------------------------------------------------------------------

    private String add(Origin origin, Command.Add add) {
        AddIntent intent = new AddIntent(appId, add.target(), add.greeting(), origin.sender(), origin.replyTo());
        // A refused token fails every call: said first, so that nobody waits out a warm-up or a queue for nothing.
        AccountState.Snapshot state = account.snapshot();
        if (state.status() == AccountState.Status.TOKEN_INVALID) {
            return state.noToken() ? refused(intent, Details.code("noToken"), messages.get("add.noToken"))
                    : refused(intent, Details.code("tokenRefused"), messages.get("add.tokenInvalid", state.reason()));
        }
        if (account.offline()) {
            return refused(intent, Details.code("offline"), messages.get("add.offline"));
        }
        AddDecision decision = pacer.submit(intent);
        if (decision instanceof AddDecision.SendNow now) {
            return send(now.ticket());
        } else if (decision instanceof AddDecision.Queued queued) {
            return messages.get("add.queued", add.target(), queued.position(), queued.entry().expectedAt());
        } else if (decision instanceof AddDecision.AlreadyQueued q) {
            return refused(intent, Details.code("alreadyQueued"), messages.get("add.alreadyQueued", add.target(), q.entry().expectedAt()));
        } else if (decision instanceof AddDecision.Duplicate d) {
            return refused(intent, Details.code("alreadySent", d.lastSentAt()),
                    messages.get("add.duplicate", add.target(), d.lastSentAt(), dedupWindow));
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
            Optional<SendTicket> ticket;
            while ((ticket = pacer.takeDue()).isPresent()) {
                AddIntent intent = ticket.get().intent();
                replied(new Origin(intent.replyTo(), intent.requestedBy()), "/add " + intent.target(), send(ticket.get()));
                n++;
            }
        } catch (RuntimeException e) {
            LOG.error("Sending queued friend requests failed inside the host: {}", redactor.redact(e.toString()));
        }
        return n;
    }

    /** Sends one friend request whose ticket is already in the ledger as in flight. */
    private String send(SendTicket ticket) {
        AddIntent intent = ticket.intent();
        AddRequest request = AddRequest.of(intent.target(), intent.greeting().orElse(null));
        OperationOutcome outcome = invoke(a -> a.add(request));
        pacer.complete(ticket, outcome.settlement());
        if (outcome.settlement().pausesAccount()) {
            Instant until = pacer.pausedUntil(appId).orElse(clock.instant());
            out.notifyAdmins(messages.get("notify.riskControl", Details.render(messages, outcome.settlement().detail()),
                    until));
        }
        if (outcome.answer().orElse(null) instanceof ContactOutcome.Done done) {
            inbox.expectContact(appId, done.wxid().orElse(intent.target()));
            return messages.get("add.done", display(intent.target(), done.nickname()));
        }
        if (outcome.answer().orElse(null) instanceof ContactOutcome.Refused r
                && r.reason() == ContactOutcome.Reason.ALREADY_FRIEND) {
            return messages.get("add.alreadyFriend", intent.target());
        }
        return outcome.failureReply(messages, messages.get("op.add", intent.target()));
    }

    // ---- /accept and /reject -----------------------------------------------------------------

    private String answer(Origin origin, String wxid, String message, boolean accept) {
        String verb = accept ? "accept" : "reject";
        String label = messages.get(accept ? "op.accept" : "op.reject", wxid);
        Optional<FriendRequest> pending = inbox.beginAnswer(appId, wxid, verb);
        if (pending.isEmpty()) {
            Optional<FriendRequestInbox.Pending> stuck = inbox.find(appId, wxid);
            if (stuck.isPresent() && stuck.get().answering().isPresent()) {
                return messages.get("failed.maybe", label,
                        Details.render(messages, Details.code("alreadyAnswering", "/" + stuck.get().answering().get())));
            }
            return messages.get("answer.none", wxid);
        }
        FriendRequest request = pending.get();
        AnswerTicket ticket = pacer.beginAnswer(new AnswerIntent(appId,
                accept ? LedgerEntry.Operation.ACCEPT : LedgerEntry.Operation.REJECT, wxid, origin.sender(),
                origin.replyTo()));
        waitUntil(ticket.slot());
        OperationOutcome outcome = invoke(a -> accept ? a.accept(request, message) : a.reject(request, message));
        // The warning is for the account, whatever it answered: its friend requests pause too.
        pacer.completeAnswer(ticket, outcome.settlement()).ifPresent(until ->
                out.notifyAdmins(messages.get("notify.riskControl",
                        Details.render(messages, outcome.settlement().detail()), until)));
        if (outcome.done()) {
            inbox.remove(appId, wxid);
            if (accept) {
                inbox.expectContact(appId, wxid);
            }
            return messages.get(accept ? "accept.done" : "reject.done", display(wxid, Optional.of(request.nickname())));
        }
        if (!outcome.settlement().state().countsAsSent()) {
            inbox.abandonAnswer(appId, wxid);
        }
        return outcome.answerFailureReply(messages, label, wxid);
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

    private OperationOutcome invoke(Function<ContactAction, ContactOutcome> operation) {
        Optional<PluginRuntime.Extension> extension = plugins.primary();
        if (extension.isEmpty()) {
            return OperationOutcome.noPlugin();
        }
        ContactCalls.Result result = calls.call(extension.get().action().orElseThrow(), operation);
        OperationOutcome outcome = OperationOutcome.of(result, redactor, calls.timeout());
        if (outcome.failure().isPresent()) {
            LOG.warn("GeWe operation failed ({}): {}", outcome.failure().get().kind(), outcome.settlement().detail());
        } else if (outcome.answer().isEmpty()) {
            LOG.warn("Extension {} did not complete: {}", extension.get().name(), outcome.settlement().detail());
        }
        if (outcome.accountOffline()) {
            account.markOffline();
        }
        return outcome;
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

    private String cancel(Origin origin, String target) {
        boolean removed = pacer.cancel(appId, target, origin.sender());
        return messages.get(removed ? "add.cancelled" : "add.notQueued", target);
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
            // Who asked, as the ledger names them: an admin's wxid, or @console, for every operation.
            String detail = e.detail().isEmpty() ? "" : messages.get("history.detail", Details.render(messages, e.detail()));
            text.append('\n').append(messages.get("history.item", e.at(), command, e.requestedBy(), state, detail));
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
        for (CommandSpec spec : CommandSpec.values()) {
            text.append('\n').append(messages.get(spec.helpKey()));
        }
        return text.toString();
    }

    private String usage(String name) {
        return CommandSpec.named(name).map(spec -> messages.get(spec.helpKey()).split("  ")[0]).orElse("/help");
    }

    private static String loggable(String value) {
        return EventProcessor.loggable(value);
    }

    private static String display(String target, Optional<String> nickname) {
        return nickname.filter(n -> !n.isBlank() && !n.equals(target)).map(n -> n + " (" + target + ")").orElse(target);
    }
}
