package io.gewebot.commands.pacing;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What the contact commands count for the host's metrics, handed to the host as a meter's name and its
 * tags ({@link io.gewebot.api.chat.ChatContext#count}): the host adds the account and keeps the meters.
 */
public final class CommandMeters {

    /** What became of a friend request (an {@code /add}) in the ledger. */
    public enum Outcome {
        /** The platform accepted it. */
        SENT,
        /** It waits in the account's queue for its turn. */
        QUEUED,
        /** Nothing was sent, on purpose (warm-up, pause, duplicate, already a friend, ...). */
        REFUSED,
        /** It failed, or may have gone out without an answer (maybe sent, risk control). */
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who gave an answer to a friend request. */
    public enum AnswerBy {
        /** An admin ({@code /accept}, {@code /reject}) or the console. */
        ADMIN,
        /** A friend-request rule, without an admin. */
        RULE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BiConsumer<String, Map<String, String>> count;

    /**
     * @param count counts one event of a meter with its tags
     */
    public CommandMeters(BiConsumer<String, Map<String, String>> count) {
        this.count = Objects.requireNonNull(count, "count");
    }

    /**
     * A friend request was settled, queued or refused in the ledger.
     *
     * @param outcome what became of it
     */
    public void friendRequest(Outcome outcome) {
        count.accept("gewebot.friend.requests", Map.of("outcome", outcome.tag()));
    }

    /**
     * An answer to a friend request was settled.
     *
     * @param accept {@code true} for an accept, {@code false} for a reject
     * @param by who gave it
     * @param outcome {@link Outcome#SENT}, {@link Outcome#REFUSED} or {@link Outcome#FAILED}
     */
    public void answer(boolean accept, AnswerBy by, Outcome outcome) {
        count.accept("gewebot.friend.request.answers",
                Map.of("answer", accept ? "accept" : "reject", "by", by.tag(), "outcome", outcome.tag()));
    }

    /** The platform answered with risk control: the account's adds pause (or their pause grows). */
    public void riskControlPause() {
        count.accept("gewebot.risk.control.pauses", Map.of());
    }

    /**
     * A command was carried out (whatever its reply).
     *
     * @param command the command's catalogue name, such as {@code add}
     */
    public void commandCarriedOut(String command) {
        count.accept("gewebot.commands", Map.of("command", command));
    }
}
