package io.gewebot.commands.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;
import io.gewebot.common.text.Redactor;

import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.FriendRequest;
import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.text.Messages;
import io.gewebot.commands.pacing.AnswerIntent;
import io.gewebot.commands.pacing.AnswerTicket;
import io.gewebot.commands.pacing.FriendRequestPacer;
import io.gewebot.commands.pacing.LedgerEntry.Operation;
import io.gewebot.commands.pacing.RuleAnswerDecision;
import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.RuleAction;
import io.gewebot.commands.rules.Rulebook;
import io.gewebot.commands.runtime.ContactCalls;
import io.gewebot.commands.store.FriendRequestInbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers friend requests: an admin's {@code /accept} or {@code /reject}, or a friend-request rule's
 * without an admin; and what follows an accept (a rule's welcome, remark and labels).
 *
 * <p>A request that arrives is decided by the first rule that matches it. {@code ask}, or no rule:
 * the admins are asked. {@code accept} or {@code reject}: the answer is handed to the command workers,
 * so the callbacks behind it never wait, and goes through the pacer as an admin's would (answer
 * spacing and cap), besides the rules' own cap and the risk-control pause; when any of them stops it,
 * or it fails, the admins are asked instead. The {@link Rulebook} keeps each request's decision, so
 * that one GeWe pushes again (under another message id, or after a restart) is never answered twice;
 * the inbox's answering mark, set before the ledger records the answer, keeps an answer that may have
 * gone out from going again.
 *
 * <p>After an accept succeeds, whoever gave it, the first rule whose conditions the request meets
 * (its action aside) adds its follow-ups, in this order: the welcome (once per new friend, ever), the
 * remark, the labels. One that fails is told to the admins; the accept stands and the others still run.
 */
public final class FriendRequestAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(FriendRequestAnswers.class);

    /**
     * What an admin's answer replies, and what follows the reply.
     *
     * @param text the reply
     * @param then run after the reply is sent: the follow-ups of an accept; nothing otherwise
     */
    record Reply(String text, Runnable then) {
        Reply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(then, "then");
        }

        static Reply of(String text) {
            return new Reply(text, () -> { });
        }
    }

    private final String appId;
    private final Messages messages;
    private final ExtensionCall extension;
    private final FriendRequestInbox inbox;
    private final FriendRequestPacer pacer;
    private final ChatContext chat;
    private final Redactor redactor;
    private final Clock clock;
    private final Rulebook rulebook;
    private final Executor workers;

    /**
     * @param appId the account's device id
     * @param messages the chat texts
     * @param calls calls extensions with a time limit
     * @param inbox pending friend requests
     * @param pacer spaces and caps answers, and journals them
     * @param account whether the account is online
     * @param chat tells the admins
     * @param redactor removes secrets from texts
     * @param clock the clock
     * @param rulebook the rules, and what they did
     * @param workers where a rule's answer runs: the command workers, never the callback thread
     */
    public FriendRequestAnswers(String appId, Messages messages, ContactCalls calls,
            FriendRequestInbox inbox, FriendRequestPacer pacer, AccountState account, ChatContext chat,
            Redactor redactor, Clock clock, Rulebook rulebook, Executor workers) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.extension = new ExtensionCall(chat::contacts, calls, redactor, account);
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    // ---- a request arrives ---------------------------------------------------------------------

    /**
     * A friend request arrived: the first rule that matches decides (see the class documentation).
     * Returns at once: an answer runs on the workers.
     *
     * @param request the request
     */
    public void arrived(FriendRequest request) {
        Optional<FriendRequestRule> rule = rulebook.firstMatch(request);
        if (rule.isEmpty()) {
            ask(request, Optional.empty());
            return;
        }
        boolean answers = rule.get().action() != RuleAction.ASK;
        Optional<Rulebook.Decision> earlier = rulebook.decide(appId, request, rule.get().name(),
                answers ? Rulebook.Outcome.PENDING : Rulebook.Outcome.LEFT);
        if (earlier.isPresent() && earlier.get().outcome() != Rulebook.Outcome.LEFT) {
            LOG.info("Friend request from {} pushed again: rule {} is answering it or answered it already",
                    loggable(request.fromWxid()), loggable(earlier.get().rule()));
            return;
        }
        if (earlier.isPresent() || !answers) {
            ask(request, Optional.empty());
            return;
        }
        inbox.put(appId, request);
        handOff(request, rule.get());
    }

    /**
     * Hands the requests rules were to answer when the host stopped to the workers again, as the
     * rules decide now; those no longer waiting for an answer are left to the admins. Call it once at
     * start, after the ledger's crash recovery.
     *
     * @return how many were handed to the workers again
     */
    public int resumePending() {
        int resumed = 0;
        for (Rulebook.Pending p : rulebook.pending(appId)) {
            Optional<FriendRequestInbox.Pending> waiting = inbox.find(appId, p.wxid())
                    .filter(w -> w.answering().isEmpty() && w.request().v4().equals(p.v4()));
            if (waiting.isEmpty()) {
                // answered or dismissed meanwhile, or being answered when the host stopped: not again
                rulebook.settle(appId, p.wxid(), p.v4(), Rulebook.Outcome.LEFT);
                continue;
            }
            FriendRequest request = waiting.get().request();
            Optional<FriendRequestRule> rule = rulebook.firstMatch(request)
                    .filter(r -> r.action() != RuleAction.ASK);
            if (rule.isEmpty()) {
                rulebook.settle(appId, p.wxid(), p.v4(), Rulebook.Outcome.LEFT);
                ask(request, Optional.empty());
                continue;
            }
            handOff(request, rule.get());
            resumed++;
        }
        return resumed;
    }

    private void handOff(FriendRequest request, FriendRequestRule rule) {
        try {
            workers.execute(() -> answerByRule(request, rule));
        } catch (RejectedExecutionException e) {
            LOG.warn("Rule {} could not answer the friend request from {}: too many commands waiting",
                    loggable(rule.name()), loggable(request.fromWxid()));
            rulebook.settle(appId, request.fromWxid(), request.v4(), Rulebook.Outcome.LEFT);
            ask(request, Optional.of(messages.get("rule.asked.busy", rule.name())));
        }
    }

    /** Keeps the request for the admins and asks them, saying why a rule did not answer it when one did not. */
    private void ask(FriendRequest request, Optional<String> because) {
        inbox.put(appId, request);
        String notice = messages.get("notify.friendRequest", request.fromWxid(), request.nickname(), request.greeting());
        chat.toAdmins(because.map(why -> messages.get("notify.friendRequest.because", notice, why)).orElse(notice));
    }

    // ---- a rule answers ------------------------------------------------------------------------

    private void answerByRule(FriendRequest arrived, FriendRequestRule rule) {
        try {
            giveRuleAnswer(arrived, rule);
        } catch (RuntimeException e) {
            LOG.error("Rule {} answering the friend request from {} failed inside the host: {}", loggable(rule.name()),
                    loggable(arrived.fromWxid()), loggable(redactor.redact(e.toString())));
        }
    }

    private void giveRuleAnswer(FriendRequest arrived, FriendRequestRule rule) {
        Operation answer = rule.action() == RuleAction.ACCEPT ? Operation.ACCEPT : Operation.REJECT;
        boolean accept = answer == Operation.ACCEPT;
        String wxid = arrived.fromWxid();
        Optional<FriendRequest> pending = inbox.beginAnswer(appId, wxid, answer);
        if (pending.isEmpty()) {
            LOG.info("Rule {} did not answer the friend request from {}: it is answered or no longer pending",
                    loggable(rule.name()), loggable(wxid));
            rulebook.settle(appId, wxid, arrived.v4(), Rulebook.Outcome.LEFT);
            return;
        }
        FriendRequest request = pending.get();
        RuleAnswerDecision decision = pacer.beginRuleAnswer(AnswerIntent.byRule(appId, answer, wxid, rule.name()),
                rulebook.rules().autoAnswerDailyCap());
        if (!(decision instanceof RuleAnswerDecision.Granted granted)) {
            inbox.abandonAnswer(appId, wxid);
            rulebook.settle(appId, wxid, arrived.v4(), Rulebook.Outcome.LEFT);
            LOG.info("Rule {} left the friend request from {} to the admins: {}", loggable(rule.name()),
                    loggable(wxid), decision.getClass().getSimpleName());
            ask(request, Optional.of(notAnswered(rule, decision)));
            return;
        }
        rulebook.settle(appId, wxid, arrived.v4(), Rulebook.Outcome.ANSWERED);
        OperationOutcome outcome = give(granted.ticket(), request, "", accept);
        String shown = CommandRouter.display(wxid, Optional.of(request.nickname()));
        if (outcome.done()) {
            LOG.info("Rule {} {}ed the friend request from {}", loggable(rule.name()), answer.command(), loggable(wxid));
            chat.toAdmins(messages.get(accept ? "notify.ruleAccepted" : "notify.ruleRejected", rule.name(), shown));
            if (accept) {
                followUps(request);
            }
            return;
        }
        String failure = outcome.answerFailureReply(messages, messages.get(accept ? "op.accept" : "op.reject", wxid), wxid);
        if (outcome.settlement().state().countsAsSent()) {
            chat.toAdmins(messages.get("notify.ruleFailed", rule.name(), failure));
            return;
        }
        rulebook.settle(appId, wxid, arrived.v4(), Rulebook.Outcome.LEFT);
        chat.toAdmins(messages.get("notify.ruleFailedAsk", rule.name(), failure, wxid));
    }

    private String notAnswered(FriendRequestRule rule, RuleAnswerDecision decision) {
        if (decision instanceof RuleAnswerDecision.Paused p) {
            return messages.get("rule.asked.paused", rule.name(), p.until());
        }
        if (decision instanceof RuleAnswerDecision.RuleCapReached cap) {
            return cap.freeAt().map(at -> messages.get("rule.asked.ruleCap", rule.name(), cap.cap(), at))
                    .orElseGet(() -> messages.get("rule.asked.ruleCapZero", rule.name()));
        }
        RuleAnswerDecision.AnswerCapReached cap = (RuleAnswerDecision.AnswerCapReached) decision;
        return messages.get("rule.asked.answerCap", rule.name(), cap.cap(), cap.freeAt());
    }

    // ---- an admin answers ----------------------------------------------------------------------

    /**
     * Carries out an admin's {@code /accept} or {@code /reject}.
     *
     * @param origin who asked, where
     * @param wxid whose request
     * @param message sent with the answer; empty for none
     * @param accept {@code true} to accept
     * @return the reply, and after an accept that succeeded, its follow-ups
     */
    Reply answer(Origin origin, String wxid, String message, boolean accept) {
        Operation answer = accept ? Operation.ACCEPT : Operation.REJECT;
        String label = messages.get(accept ? "op.accept" : "op.reject", wxid);
        Optional<FriendRequest> pending = inbox.beginAnswer(appId, wxid, answer);
        if (pending.isEmpty()) {
            Optional<FriendRequestInbox.Pending> stuck = inbox.find(appId, wxid);
            if (stuck.isPresent() && stuck.get().answering().isPresent()) {
                return Reply.of(messages.get("failed.maybe", label,
                        Details.render(messages, Details.code("alreadyAnswering", "/" + stuck.get().answering().get().command()))));
            }
            return Reply.of(messages.get("answer.none", wxid));
        }
        FriendRequest request = pending.get();
        Optional<AnswerTicket> booked = pacer.beginAnswerWithinCap(new AnswerIntent(appId, answer, wxid,
                origin.sender(), origin.replyTo()));
        if (booked.isEmpty()) {
            inbox.abandonAnswer(appId, wxid);
            return Reply.of(messages.get("answer.capReached", pacer.policy().answerDailyCap(),
                    pacer.answerCapFreeAt(appId).orElse(clock.instant())));
        }
        OperationOutcome outcome = give(booked.get(), request, message, accept);
        if (outcome.done()) {
            String text = messages.get(accept ? "accept.done" : "reject.done",
                    CommandRouter.display(wxid, Optional.of(request.nickname())));
            return accept ? new Reply(text, () -> followUps(request)) : Reply.of(text);
        }
        return Reply.of(outcome.answerFailureReply(messages, label, wxid));
    }

    /**
     * Sends an answer whose ticket is in the ledger as in flight, at its slot, and settles the ledger
     * and the inbox: an answer that certainly did not go out may be given again, one that may have
     * never is.
     */
    private OperationOutcome give(AnswerTicket ticket, FriendRequest request, String message, boolean accept) {
        ExtensionCall.waitUntil(clock, ticket.slot());
        OperationOutcome outcome = extension.invoke(a -> accept ? a.accept(request, message) : a.reject(request, message));
        // The warning is for the account, whatever it answered: its friend requests pause too.
        pacer.completeAnswer(ticket, outcome.settlement()).ifPresent(until ->
                chat.toAdmins(messages.get("notify.riskControl",
                        Details.render(messages, outcome.settlement().detail()), until)));
        String wxid = request.fromWxid();
        if (outcome.done()) {
            // Expected as the request leaves the inbox, in one transaction: GeWe's ModContacts may
            // arrive at any moment after the accept, and finds one or the other, so the admins always hear of it.
            if (accept) {
                inbox.accepted(appId, wxid);
            } else {
                inbox.remove(appId, wxid);
            }
        } else if (!outcome.settlement().state().countsAsSent()) {
            inbox.abandonAnswer(appId, wxid);
        }
        return outcome;
    }

    // ---- after an accept -----------------------------------------------------------------------

    /**
     * The follow-ups of the first rule whose conditions the accepted request meets: the welcome, the
     * remark, the labels, each tried whatever became of the one before. Never throws.
     */
    private void followUps(FriendRequest request) {
        Optional<FriendRequestRule> found = rulebook.firstMatch(request).filter(FriendRequestRule::hasFollowUps);
        if (found.isEmpty()) {
            return;
        }
        FriendRequestRule rule = found.get();
        String wxid = request.fromWxid();
        try {
            rule.welcome().ifPresent(template -> welcome(rule, request, template));
            rule.remark().ifPresent(template -> followUp(rule, request, messages.get("op.remark", wxid),
                    a -> a.setRemark(wxid, rulebook.render(template, request))));
            if (!rule.labels().isEmpty()) {
                followUp(rule, request, messages.get("op.labels", wxid, String.join(", ", rule.labels())),
                        a -> a.addLabels(wxid, rule.labels()));
            }
        } catch (RuntimeException e) {
            LOG.error("The follow-ups of rule {} for {} failed inside the host: {}", loggable(rule.name()),
                    loggable(wxid), loggable(redactor.redact(e.toString())));
        }
    }

    /** Sends the welcome, unless this friend was ever welcomed (or a welcome to them was tried). */
    private void welcome(FriendRequestRule rule, FriendRequest request, String template) {
        String wxid = request.fromWxid();
        if (!rulebook.claimWelcome(appId, wxid)) {
            LOG.info("{} was welcomed before: no second welcome", loggable(wxid));
            return;
        }
        String text = redactor.redact(rulebook.render(template, request));
        followUp(rule, request, messages.get("op.welcome", wxid), a -> a.sendText(wxid, text));
    }

    private void followUp(FriendRequestRule rule, FriendRequest request, String label,
            Function<ContactAction, ContactOutcome> operation) {
        OperationOutcome outcome = extension.invoke(operation);
        if (outcome.settlement().pausesAccount()) {
            chat.toAdmins(messages.get("notify.riskControl", Details.render(messages, outcome.settlement().detail()),
                    pacer.reportRiskControl(appId)));
        }
        if (!outcome.done()) {
            followUpFailed(rule, request, outcome.failureReply(messages, label));
        }
    }

    private void followUpFailed(FriendRequestRule rule, FriendRequest request, String failure) {
        LOG.warn("A follow-up of rule {} for {} failed", loggable(rule.name()), loggable(request.fromWxid()));
        chat.toAdmins(messages.get("notify.followUpFailed", rule.name(),
                CommandRouter.display(request.fromWxid(), Optional.of(request.nickname())), failure));
    }

    // ---- /rules --------------------------------------------------------------------------------

    /** @return each rule with its action and what it did in the last 24 hours, and the rules' cap */
    String rules() {
        List<FriendRequestRule> rules = rulebook.rules().rules();
        if (rules.isEmpty()) {
            return messages.get("rules.none");
        }
        Map<String, Rulebook.Counts> counts = rulebook.counts(appId);
        StringBuilder text = new StringBuilder(messages.get("rules.header", rules.size()));
        int i = 1;
        for (FriendRequestRule rule : rules) {
            Rulebook.Counts c = counts.getOrDefault(rule.name(), Rulebook.Counts.NONE);
            text.append('\n').append(messages.get("rules.item", i++, rule.name(),
                    messages.get("rules.action." + rule.action().name()), c.matched(), c.answered(), c.left()));
        }
        text.append('\n').append(messages.get("rules.cap", pacer.ruleAnswers(appId),
                rulebook.rules().autoAnswerDailyCap()));
        pacer.pausedUntil(appId).ifPresent(until -> text.append('\n').append(messages.get("rules.paused", until)));
        return text.toString();
    }

    private static String loggable(String value) {
        return Loggable.loggable(value);
    }
}
