package io.gewebot.commands.pacing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FriendRequestPacer#beginRuleAnswer} decided about an answer a friend-request rule wants
 * to give: give it at an instant, or leave the request to the admins, and why.
 */
public sealed interface RuleAnswerDecision {

    /**
     * The answer is in the ledger as in flight: send it at the ticket's slot.
     *
     * @param ticket the answer's ticket
     */
    record Granted(AnswerTicket ticket) implements RuleAnswerDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Granted {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    /**
     * The account is paused after a risk-control answer: rules give no answers until then.
     *
     * @param until when the pause ends
     */
    record Paused(Instant until) implements RuleAnswerDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public Paused {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Rules gave as many answers in the last 24 hours as their own cap allows.
     *
     * @param cap the rules' cap ({@code autoAnswerDailyCap})
     * @param freeAt when one more is allowed; empty when the cap is 0, so never
     */
    record RuleCapReached(int cap, Optional<Instant> freeAt) implements RuleAnswerDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public RuleCapReached {
            Objects.requireNonNull(freeAt, "freeAt");
        }
    }

    /**
     * The account gave as many answers (by anyone) in the last 24 hours as {@code answerDailyCap} allows.
     *
     * @param cap the account's answer cap
     * @param freeAt when one more is allowed
     */
    record AnswerCapReached(int cap, Instant freeAt) implements RuleAnswerDecision {
        /**
         * Checks the part.
         *
         * @throws NullPointerException when it is {@code null}
         */
        public AnswerCapReached {
            Objects.requireNonNull(freeAt, "freeAt");
        }
    }
}
