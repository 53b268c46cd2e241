package io.gewebot.common.command;

import io.gewebot.api.chat.CommandInfo;
import io.gewebot.common.text.Messages;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The catalogue of chat commands: each is declared here once, and the parser, {@code /help}, the
 * router and the dispatch all read this declaration. A command's usage and help text live in the
 * message bundles under {@link #helpKey()} (the usage, two spaces, then what it does), so that they
 * come in the admin's language.
 */
public enum CommandSpec {

    /** {@code /add <target> [greeting...]}. */
    ADD("add", Arguments.TARGET_AND_TEXT, true,
            (target, rest) -> new Command.Add(target, rest.isEmpty() ? Optional.empty() : Optional.of(rest))),
    /** {@code /addgroup <chatroomId|here> [greeting...]}: reads the group's members from the plugin. */
    ADDGROUP("addgroup", Arguments.GROUP_AND_TEXT, true,
            (group, rest) -> new Command.AddGroup(group, rest.isEmpty() ? Optional.empty() : Optional.of(rest))),
    /**
     * {@code /addlist [greeting...]} with one target per following line; it reads the friends from the plugin
     * when the address book never did.
     */
    ADDLIST("addlist", Arguments.LINES, true, CommandSpec::addList),
    /** {@code /accept <wxid> [message...]}. */
    ACCEPT("accept", Arguments.TARGET_AND_TEXT, true, Command.Accept::new),
    /** {@code /reject <wxid> [message...]}. */
    REJECT("reject", Arguments.TARGET_AND_TEXT, true, Command.Reject::new),
    /** {@code /requests}. */
    REQUESTS("requests", Arguments.NONE, false, (target, rest) -> new Command.ListRequests()),
    /** {@code /queue}. */
    QUEUE("queue", Arguments.NONE, false, (target, rest) -> new Command.Queue()),
    /**
     * {@code /cancel <target|chatroomId|list>}; it may look the target up, to know who they are. A group's id
     * or {@code list} cancels what waits from that group or from lists.
     */
    CANCEL("cancel", Arguments.TARGET_OR_GROUP, true, (target, rest) -> new Command.Cancel(target)),
    /** {@code /resume}. */
    RESUME("resume", Arguments.NONE, false, (target, rest) -> new Command.Resume()),
    /** {@code /plugins}. */
    PLUGINS("plugins", Arguments.NONE, false, (target, rest) -> new Command.ListPlugins()),
    /** {@code /history}. */
    HISTORY("history", Arguments.NONE, false, (target, rest) -> new Command.History()),
    /** {@code /limits}. */
    LIMITS("limits", Arguments.NONE, false, (target, rest) -> new Command.Limits()),
    /** {@code /dismiss <wxid>}. */
    DISMISS("dismiss", Arguments.TARGET, false, (target, rest) -> new Command.Dismiss(target)),
    /** {@code /remark <wxid> <text>}. */
    REMARK("remark", Arguments.TARGET_AND_REQUIRED_TEXT, true, Command.Remark::new),
    /** {@code /label <wxid> <label>...}. */
    LABEL("label", Arguments.TARGET_AND_WORDS, true,
            (target, rest) -> new Command.Label(target, CommandParser.words(rest))),
    /** {@code /unlabel <wxid> <label>...}. */
    UNLABEL("unlabel", Arguments.TARGET_AND_WORDS, true,
            (target, rest) -> new Command.Unlabel(target, CommandParser.words(rest))),
    /** {@code /contacts [--refresh] [text]}; it reads the friends from the plugin when the cache needs it. */
    CONTACTS("contacts", Arguments.OPTIONAL_TEXT, true, (target, rest) -> contacts(rest)),
    /** {@code /delete <wxid> [confirm]}. */
    DELETE("delete", Arguments.TARGET_AND_TEXT, true, CommandSpec::delete),
    /** {@code /check <wxid>...}. */
    CHECK("check", Arguments.TARGETS, true, (target, rest) -> new Command.Check(CommandParser.words(rest))),
    /** {@code /rules}. */
    RULES("rules", Arguments.NONE, false, (target, rest) -> new Command.Rules()),
    /** {@code /help}. */
    HELP("help", Arguments.NONE, false, (target, rest) -> new Command.Help());

    /** What a command takes after its name. */
    public enum Arguments {
        /** Nothing. */
        NONE,
        /** One target (a wxid, WeChat ID or phone number) and nothing else. */
        TARGET,
        /** One target, a group's id ({@code …@chatroom}) or the word {@code list}, and nothing else. */
        TARGET_OR_GROUP,
        /** A group's id ({@code …@chatroom}) or {@link CommandSpec#HERE}, then optionally free text (a greeting). */
        GROUP_AND_TEXT,
        /**
         * Optionally free text (a greeting) on the command's line, then one target per following line: at most
         * {@value CommandParser#MAX_LINES}, blank lines and repeats left out.
         */
        LINES,
        /** One target, then optionally free text (a greeting or a message). */
        TARGET_AND_TEXT,
        /** One target, then free text that must be there (a remark). */
        TARGET_AND_REQUIRED_TEXT,
        /** One target, then one or more words (labels). */
        TARGET_AND_WORDS,
        /** One to {@value CommandParser#MAX_TARGETS} targets. */
        TARGETS,
        /** Optionally free text (what to look for). */
        OPTIONAL_TEXT
    }

    /** The word that makes {@code /contacts} read the friends from the platform again. */
    static final String REFRESH = "--refresh";
    /** The word that names, in {@code /addgroup}, the group the command is written in. */
    public static final String HERE = "here";
    /** The word that names, in {@code /cancel}, what waits from {@code /addlist}. */
    public static final String LIST = "list";
    /** The word that confirms a {@code /delete}. */
    static final String CONFIRM = "confirm";

    private static final List<String> NAMES = Arrays.stream(values()).map(CommandSpec::commandName).toList();

    private final String name;
    private final Arguments arguments;
    private final boolean callsPlugin;
    private final BiFunction<String, String, Command> factory;

    CommandSpec(String name, Arguments arguments, boolean callsPlugin, BiFunction<String, String, Command> factory) {
        this.name = name;
        this.arguments = arguments;
        this.callsPlugin = callsPlugin;
        this.factory = factory;
    }

    /** @return the name, without its slash, such as {@code add} */
    public String commandName() {
        return name;
    }

    /** @return what it takes after its name */
    public Arguments arguments() {
        return arguments;
    }

    /**
     * Whether it calls the contact extension, and so may take as long as the plugin timeout: such
     * commands run on the command workers, the others at once.
     *
     * @return {@code true} for {@code /add}, {@code /addgroup}, {@code /addlist}, {@code /accept}, {@code /reject}, {@code /cancel} and the
     *     address book's commands ({@code /remark}, {@code /label}, {@code /unlabel}, {@code /contacts},
     *     {@code /delete}, {@code /check})
     */
    public boolean callsPlugin() {
        return callsPlugin;
    }

    /**
     * Every command is for admins only: nobody else's text ever leads to a command, let alone a
     * contact operation.
     *
     * @return {@code true}
     */
    public boolean adminOnly() {
        return true;
    }

    /** @return the message key of its help line, such as {@code help.add} */
    public String helpKey() {
        return "help." + name;
    }

    /**
     * The command as its help line in the bundles declares it: the usage, two spaces, what it does.
     *
     * @param messages the texts in the account's language
     * @return its name, usage and description
     */
    public CommandInfo info(Messages messages) {
        String line = messages.get(helpKey());
        int gap = line.indexOf("  ");
        return gap < 0 ? new CommandInfo(commandName(), line, "")
                : new CommandInfo(commandName(), line.substring(0, gap), line.substring(gap + 2));
    }

    private static Command contacts(String text) {
        List<String> words = CommandParser.words(text);
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase(REFRESH)) {
            return new Command.Contacts(text.substring(words.get(0).length()).strip(), true);
        }
        return new Command.Contacts(text, false);
    }

    /** {@code rest} is the command's text after its name: the greeting line, then a target per line. */
    private static Command addList(String unused, String rest) {
        int lineEnd = rest.indexOf('\n');
        String greeting = (lineEnd < 0 ? rest : rest.substring(0, lineEnd)).strip();
        List<String> targets = lineEnd < 0 ? List.of() : CommandParser.lines(rest.substring(lineEnd + 1));
        return new Command.AddList(targets, greeting.isEmpty() ? Optional.empty() : Optional.of(greeting));
    }

    private static Command delete(String wxid, String rest) {
        if (rest.isEmpty()) {
            return new Command.Delete(wxid, false);
        }
        return rest.equalsIgnoreCase(CONFIRM) ? new Command.Delete(wxid, true)
                : new Command.Invalid(DELETE.name, Command.Problem.EXTRA_ARGUMENT);
    }

    /** Builds the command from arguments the parser has already checked against {@link #arguments()}. */
    Command build(String target, String rest) {
        return factory.apply(target, rest);
    }

    /**
     * @param name a name without its slash, in any letter case
     * @return the command of that name
     */
    public static Optional<CommandSpec> named(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(spec -> spec.name.equals(lower)).findFirst();
    }

    /** @return every name, in the order {@code /help} lists them */
    public static List<String> names() {
        return NAMES;
    }
}
