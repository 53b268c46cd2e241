package io.gewebot.common.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One chat command, parsed from text that starts with {@code /}. */
public sealed interface Command {

    /**
     * The catalogue entry of this command: for an {@link Invalid} one, the command it names; empty for
     * an {@link Unknown} word.
     *
     * @return the entry
     */
    Optional<CommandSpec> spec();

    /**
     * {@code /add <wxid|WeChat ID|phone> [greeting...]}.
     *
     * @param target the person
     * @param greeting the greeting, empty for the default
     */
    record Add(String target, Optional<String> greeting) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.ADD);
        }
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

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.ACCEPT);
        }
    }

    /**
     * {@code /reject <wxid> [message...]}.
     *
     * @param wxid whose pending request
     * @param message the message to send with the answer, may be empty
     */
    record Reject(String wxid, String message) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.REJECT);
        }
    }

    /** {@code /requests}: the pending friend requests. */
    record ListRequests() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.REQUESTS);
        }
    }

    /** {@code /plugins}: plugins and extensions with their state. */
    record ListPlugins() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.PLUGINS);
        }
    }

    /** {@code /help}. */
    record Help() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.HELP);
        }
    }

    /** {@code /history}: what recent commands reached. */
    record History() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.HISTORY);
        }
    }

    /**
     * {@code /addgroup <chatroomId|here> [greeting...]}: queue a friend request to each member of a group.
     *
     * @param group the group's id ({@code …@chatroom}), or {@link CommandSpec#HERE} for the group the command
     *     is written in
     * @param greeting the greeting, empty for the default one
     */
    record AddGroup(String group, Optional<String> greeting) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.ADDGROUP);
        }
    }

    /**
     * {@code /addlist [greeting...]} with one target per following line: queue a friend request to each.
     *
     * @param targets the targets, each once, in their order; at most {@value CommandParser#MAX_LINES}
     * @param greeting the greeting, empty for the default one
     */
    record AddList(List<String> targets, Optional<String> greeting) implements Command {

        /** Copies the targets. */
        public AddList {
            targets = List.copyOf(targets);
        }

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.ADDLIST);
        }
    }

    /** {@code /queue}: friend requests waiting for their turn. */
    record Queue() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.QUEUE);
        }
    }

    /**
     * {@code /cancel <wxid>}: drop a queued friend request.
     *
     * @param target the queued target
     */
    record Cancel(String target) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.CANCEL);
        }
    }

    /** {@code /resume}: end a risk-control pause early. */
    record Resume() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.RESUME);
        }
    }

    /** {@code /limits}: the account's use of each limit, and when the next friend request may go out. */
    record Limits() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.LIMITS);
        }
    }

    /**
     * {@code /dismiss <wxid>}: drop a pending friend request without answering it (for one the
     * platform will no longer take an answer to).
     *
     * @param wxid whose pending request
     */
    record Dismiss(String wxid) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.DISMISS);
        }
    }

    /** {@code /rules}: the friend-request rules, with what each did in the last 24 hours. */
    record Rules() implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.RULES);
        }
    }

    /**
     * A command on the account's friends (remarks, labels, the cached contact list, deleting a friend,
     * checking relations): carried out by the address book's commands.
     */
    sealed interface AddressBookCommand extends Command {
    }

    /**
     * {@code /remark <wxid> <text>}: set a friend's remark.
     *
     * @param wxid the friend
     * @param remark the new remark, never empty
     */
    record Remark(String wxid, String remark) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.REMARK);
        }
    }

    /**
     * {@code /label <wxid> <label>...}: file a friend under labels, keeping their others.
     *
     * @param wxid the friend
     * @param labels the label names, at least one, each once
     */
    record Label(String wxid, List<String> labels) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.LABEL);
        }
        public Label {
            labels = List.copyOf(labels);
        }
    }

    /**
     * {@code /unlabel <wxid> <label>...}: take labels off a friend, keeping their others.
     *
     * @param wxid the friend
     * @param labels the label names, at least one, each once
     */
    record Unlabel(String wxid, List<String> labels) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.UNLABEL);
        }
        public Unlabel {
            labels = List.copyOf(labels);
        }
    }

    /**
     * {@code /contacts [--refresh] [text]}: friends whose wxid, nickname or remark contains the text.
     *
     * @param text what to look for, empty for everyone
     * @param refresh whether to read the friends from the platform again first
     */
    record Contacts(String text, boolean refresh) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.CONTACTS);
        }
    }

    /**
     * {@code /delete <wxid> [confirm]}: delete a friend, once the same admin confirmed it.
     *
     * @param wxid the friend
     * @param confirm whether this is the confirmation
     */
    record Delete(String wxid, boolean confirm) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.DELETE);
        }
    }

    /**
     * {@code /check <wxid>...}: how each stands with the account.
     *
     * @param wxids whom to check, 1 to {@value CommandParser#MAX_TARGETS}, each once
     */
    record Check(List<String> wxids) implements AddressBookCommand {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.of(CommandSpec.CHECK);
        }
        public Check {
            wxids = List.copyOf(wxids);
        }
    }

    /**
     * A {@code /word} that is no command.
     *
     * @param word the word as typed, with its slash
     */
    record Unknown(String word) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return Optional.empty();
        }
    }

    /**
     * A known command used wrongly.
     *
     * @param name the command, such as {@code add}
     * @param problem what is wrong, one of {@link Problem}
     */
    record Invalid(String name, Problem problem) implements Command {

        @Override
        public Optional<CommandSpec> spec() {
            return CommandSpec.named(name);
        }
    }

    /** What is wrong with an {@link Invalid} command. */
    enum Problem {
        /** A required argument is missing. */
        MISSING_ARGUMENT,
        /** An argument is not of the expected form (for example not a wxid). */
        MALFORMED_ARGUMENT,
        /** A greeting, a message or the whole text is longer than allowed. */
        TOO_LONG,
        /** The text holds control characters. */
        CONTROL_CHARACTERS,
        /** The command takes no arguments but got some. */
        UNEXPECTED_ARGUMENT,
        /** The target or wxid is longer than {@value CommandParser#MAX_TARGET_LENGTH} characters. */
        TARGET_TOO_LONG,
        /** More than {@value CommandParser#MAX_TARGETS} wxids at once. */
        TOO_MANY_TARGETS,
        /** More than {@value CommandParser#MAX_LINES} targets in one {@code /addlist}. */
        TOO_MANY_LINES,
        /** Not a group's id ({@code …@chatroom}) nor {@code here}. */
        MALFORMED_GROUP,
        /** Words after the arguments that the command does not take (such as {@code /delete wxid_x now}). */
        EXTRA_ARGUMENT
    }
}
