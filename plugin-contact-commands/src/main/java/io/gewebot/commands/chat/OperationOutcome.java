package io.gewebot.commands.chat;

import io.gewebot.common.text.Redactor;

import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.common.text.Messages;
import io.gewebot.commands.pacing.Settlement;
import io.gewebot.commands.runtime.ContactCalls;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one contact operation came to, in the terms the host acts on: how it settles in the ledger
 * (and whether it pauses the account), whether it says the account is offline, and the reply. The
 * one place where a plugin's answer is turned into those; it decides from the contract's
 * {@link FailureKind} alone, never from a platform's wording, which reaches the log only: replies and
 * {@code /history} say the kind in the admin's language.
 *
 * @param answer the plugin's answer, empty when the plugin did not answer (timeout, exception,
 *     too busy, none loaded)
 * @param settlement how it settles in the ledger
 * @param accountOffline whether the answer says the account is offline
 * @param replyKey the message key of the failure reply; empty when the caller words the reply
 *     itself (a done or an already-a-friend answer)
 * @param replyArgument what the failure reply quotes after the operation's label
 */
record OperationOutcome(Optional<ContactOutcome> answer, Settlement settlement, boolean accountOffline,
        String replyKey, Object replyArgument) {

    OperationOutcome {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(replyKey, "replyKey");
        Objects.requireNonNull(replyArgument, "replyArgument");
    }

    /**
     * @param result what calling the plugin gave
     * @param redactor removes secrets from the texts
     * @param timeout the plugin-call time limit, for the timeout reply
     * @return the outcome
     */
    static OperationOutcome of(ContactCalls.Result result, Redactor redactor, Duration timeout) {
        if (result instanceof ContactCalls.Result.Answered a) {
            return answered(a.outcome());
        }
        if (result instanceof ContactCalls.Result.TimedOut) {
            return new OperationOutcome(Optional.empty(), Settlement.maybeSent(Details.code("timeout", timeout)), false,
                    "failed.timeout", timeout);
        }
        if (result instanceof ContactCalls.Result.Threw t) {
            String detail = Details.code("pluginFailed", redactor.redact(t.error()));
            return new OperationOutcome(Optional.empty(), Settlement.maybeSent(detail), false, "failed.maybe", detail);
        }
        String detail = Details.code("busy");
        return new OperationOutcome(Optional.empty(), Settlement.notSent(detail), false, "failed", detail);
    }

    /** @return the outcome of an operation no plugin could take */
    static OperationOutcome noPlugin() {
        return new OperationOutcome(Optional.empty(), Settlement.notSent(Details.code("noPlugin")), false,
                "failed.noPlugin", "");
    }

    private static OperationOutcome answered(ContactOutcome o) {
        if (o instanceof ContactOutcome.Done) {
            return new OperationOutcome(Optional.of(o), Settlement.done(Details.code("done")), false, "", "");
        }
        if (o instanceof ContactOutcome.Found) {
            // The answer of a lookup, which changes nothing. Answered to a send, it says nothing
            // about whether the request went out: so it may have.
            String detail = Details.code("unexpectedLookup");
            return new OperationOutcome(Optional.of(o), Settlement.maybeSent(detail), false, "failed.maybe", detail);
        }
        if (o instanceof ContactOutcome.Refused r && r.reason() == ContactOutcome.Reason.NOT_CONFIGURED) {
            // The host has no contact extension to give (or none it could configure): nothing can be done.
            return noPlugin();
        }
        if (o instanceof ContactOutcome.Refused r) {
            // The reason in the admin's words, the one of /history too; the plugin's own words go to the log
            // (ExtensionCall). Already a friend is the word the host uses when it knows so itself.
            String detail = r.reason() == ContactOutcome.Reason.ALREADY_FRIEND ? Details.code("alreadyFriend")
                    : Details.code("refused." + r.reason().name());
            return new OperationOutcome(Optional.of(o), Settlement.refused(detail), false,
                    r.reason() == ContactOutcome.Reason.ALREADY_FRIEND ? "" : "failed.refused", detail);
        }
        ContactOutcome.Failed f = (ContactOutcome.Failed) o;
        // The kind in the admin's words, never the platform's own (in its language): those go to the log (ExtensionCall).
        String texts = Details.code("kind." + f.kind().name());
        boolean offline = f.kind() == FailureKind.ACCOUNT_OFFLINE;
        if (f.kind() == FailureKind.RATE_LIMITED) {
            return new OperationOutcome(Optional.of(o), Settlement.rateLimited(texts), offline, "failed", texts);
        }
        if (f.possiblyDelivered()) {
            return new OperationOutcome(Optional.of(o), Settlement.maybeSent(texts), offline, "failed.maybe", texts);
        }
        return new OperationOutcome(Optional.of(o), Settlement.notSent(texts), offline, "failed", texts);
    }

    /**
     * Whether the platform says the ticket of a friend request is no longer valid: it will take no
     * answer to that request any more, so the admin is offered {@code /dismiss}.
     *
     * @return whether the failure is of kind {@link FailureKind#TICKET_INVALID}
     */
    boolean ticketInvalid() {
        return failure().filter(f -> f.kind() == FailureKind.TICKET_INVALID).isPresent();
    }

    /**
     * This outcome for an operation that sends nobody anything (a lookup): an answer that was lost
     * is a plain failure, never one that "may have gone out".
     *
     * @return the outcome, settled as not sent
     */
    OperationOutcome nothingSent() {
        if (settlement.state() != io.gewebot.commands.pacing.RequestState.MAYBE_SENT) {
            return this;
        }
        return new OperationOutcome(answer, Settlement.notSent(settlement.detail()), accountOffline, "failed",
                settlement.detail());
    }

    /** @return whether the platform accepted the operation */
    boolean done() {
        return answer.filter(ContactOutcome.Done.class::isInstance).isPresent();
    }

    /** @return the failure, when the plugin reported one */
    Optional<ContactOutcome.Failed> failure() {
        return answer.filter(ContactOutcome.Failed.class::isInstance).map(ContactOutcome.Failed.class::cast);
    }

    /**
     * The reply to a failure or refusal.
     *
     * @param messages the chat texts
     * @param label what was tried, such as "Friend request to wxid_x"
     * @return the reply
     */
    String failureReply(Messages messages, String label) {
        return replyKey.equals("failed.noPlugin") ? messages.get(replyKey, label)
                : messages.get(replyKey, label, shown(messages));
    }

    /**
     * The reply to a failure of an answer ({@code /accept}, {@code /reject}): a stale ticket is
     * offered {@code /dismiss}.
     *
     * @param messages the chat texts
     * @param label what was tried, such as "Accepting wxid_x"
     * @param wxid whose request it was
     * @return the reply
     */
    String answerFailureReply(Messages messages, String label, String wxid) {
        return ticketInvalid() ? messages.get("failed.ticketInvalid", label, shown(messages), wxid)
                : recordedFailureReply(messages, label);
    }

    /**
     * The reply to a failure of an operation the ledger records ({@code /add}, {@code /accept},
     * {@code /reject}), in the words of its {@code /history} state: a risk-control answer counts as maybe
     * sent (it is never sent again), so its reply says the outcome is not known, not that it failed.
     *
     * @param messages the chat texts
     * @param label what was tried, such as "Friend request to wxid_x"
     * @return the reply
     */
    String recordedFailureReply(Messages messages, String label) {
        return settlement.state() == io.gewebot.commands.pacing.RequestState.MAYBE_SENT && replyKey.equals("failed")
                ? messages.get("failed.maybe", label, shown(messages)) : failureReply(messages, label);
    }

    private Object shown(Messages messages) {
        return replyArgument instanceof String detail ? Details.render(messages, detail) : replyArgument;
    }
}
