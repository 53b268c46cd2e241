package io.gewebot.host.command;

import java.util.Objects;
import java.util.Optional;

/** One chat command, parsed from text that starts with {@code /}. */
public sealed interface Command {

    /**
     * {@code /add <wxid|WeChat ID|phone> [greeting...]}.
     *
     * @param target the person
     * @param greeting the greeting, empty for the default
     */
    record Add(String target, Optional<String> greeting) implements Command {
        public Add {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(greeting, "greeting");
        }
    }

    /**
     * {@code /accept <wxid> [message...]}.
     *
     * @param wxid whose pending request
     * @param message the message to send with the answer, may be empty
     */
    record Accept(String wxid, String message) implements Command {
    }

    /**
     * {@code /reject <wxid> [message...]}.
     *
     * @param wxid whose pending request
     * @param message the message to send with the answer, may be empty
     */
    record Reject(String wxid, String message) implements Command {
    }

    /** {@code /requests}: the pending friend requests. */
    record ListRequests() implements Command {
    }

    /** {@code /plugins}: plugins and extensions with their state. */
    record ListPlugins() implements Command {
    }

    /** {@code /help}. */
    record Help() implements Command {
    }

    /** {@code /history}: what recent commands reached. */
    record History() implements Command {
    }

    /** {@code /queue}: friend requests waiting for their turn. */
    record Queue() implements Command {
    }

    /**
     * {@code /cancel <wxid>}: drop a queued friend request.
     *
     * @param target the queued target
     */
    record Cancel(String target) implements Command {
    }

    /** {@code /resume}: end a risk-control pause early. */
    record Resume() implements Command {
    }

    /**
     * A {@code /word} that is no command.
     *
     * @param word the word as typed, with its slash
     */
    record Unknown(String word) implements Command {
    }

    /**
     * A known command used wrongly.
     *
     * @param name the command, such as {@code add}
     * @param problem what is wrong, one of {@link Problem}
     */
    record Invalid(String name, Problem problem) implements Command {
    }

    /** What is wrong with an {@link Invalid} command. */
    enum Problem {
        /** A required argument is missing. */
        MISSING_ARGUMENT,
        /** An argument is not of the expected form (for example not a wxid). */
        MALFORMED_ARGUMENT,
        /** An argument or the whole text is longer than allowed. */
        TOO_LONG,
        /** The text holds control characters. */
        CONTROL_CHARACTERS,
        /** The command takes no arguments but got some. */
        UNEXPECTED_ARGUMENT
    }
}
