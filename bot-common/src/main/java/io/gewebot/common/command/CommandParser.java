package io.gewebot.common.command;

import io.gewebot.common.command.Command.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the text of a chat message into a {@link Command}.
 *
 * <p>Text is a command when, after leading whitespace, it starts with {@code /}. The word after the
 * slash names the command, in any letter case; arguments are separated by whitespace (as in
 * {@link Character#isWhitespace(int)}: the ASCII space, the ideographic space U+3000 and the other
 * Unicode spaces except the no-break ones). A greeting or message is the rest of the text after the
 * first argument, stripped at both ends, with its inner spacing kept.
 *
 * <table>
 *   <caption>Commands</caption>
 *   <tr><th>text</th><th>command</th></tr>
 *   <tr><td>{@code /add <target> [greeting...]}</td><td>{@link Command.Add}</td></tr>
 *   <tr><td>{@code /accept <wxid> [message...]}</td><td>{@link Command.Accept}</td></tr>
 *   <tr><td>{@code /reject <wxid> [message...]}</td><td>{@link Command.Reject}</td></tr>
 *   <tr><td>{@code /cancel <target>}</td><td>{@link Command.Cancel}</td></tr>
 *   <tr><td>{@code /dismiss <wxid>}</td><td>{@link Command.Dismiss}</td></tr>
 *   <tr><td>{@code /remark <wxid> <text>}</td><td>{@link Command.Remark}</td></tr>
 *   <tr><td>{@code /label <wxid> <label>...}, {@code /unlabel <wxid> <label>...}</td><td>{@link Command.Label},
 *       {@link Command.Unlabel} (the labels split at whitespace, each once)</td></tr>
 *   <tr><td>{@code /contacts [--refresh] [text]}</td><td>{@link Command.Contacts}</td></tr>
 *   <tr><td>{@code /delete <wxid> [confirm]}</td><td>{@link Command.Delete}</td></tr>
 *   <tr><td>{@code /check <wxid>...}</td><td>{@link Command.Check} (each wxid once)</td></tr>
 *   <tr><td>{@code /requests}, {@code /plugins}, {@code /help}, {@code /history}, {@code /queue},
 *       {@code /resume}</td><td>the matching no-argument command</td></tr>
 *   <tr><td>any other {@code /word}</td><td>{@link Command.Unknown}</td></tr>
 * </table>
 *
 * <p>The rules, checked in this order; the first broken one gives {@link Command.Invalid}:
 * <ol>
 *   <li>{@link Problem#TOO_LONG}: the whole text is longer than {@value #MAX_TEXT_LENGTH} UTF-16
 *       characters (checked before anything else is looked at past the command word).
 *   <li>{@link Problem#CONTROL_CHARACTERS}: the text, stripped at both ends, holds an ISO control
 *       character (so a tab or a line break inside a greeting is refused), a format character (such
 *       as U+202E RIGHT-TO-LEFT OVERRIDE or U+200B ZERO WIDTH SPACE), a line or paragraph separator
 *       (U+2028, U+2029), or half of a surrogate pair on its own.
 *   <li>{@link Problem#MISSING_ARGUMENT}: {@code /add}, {@code /accept}, {@code /reject},
 *       {@code /cancel}, {@code /dismiss}, {@code /remark}, {@code /label}, {@code /unlabel},
 *       {@code /delete} or {@code /check} without its target; {@code /remark} without its text,
 *       {@code /label} or {@code /unlabel} without a label.
 *   <li>{@link Problem#TOO_MANY_TARGETS}: {@code /check} with more than {@value #MAX_TARGETS} wxids.
 *   <li>{@link Problem#UNEXPECTED_ARGUMENT}: a no-argument command with arguments, or
 *       {@code /cancel} or {@code /dismiss} with more than its target.
 *   <li>{@link Problem#TARGET_TOO_LONG}: a target longer than {@value #MAX_TARGET_LENGTH} characters.
 *   <li>{@link Problem#TOO_LONG}: a greeting, message, remark, the labels or the text of
 *       {@code /contacts} longer than {@value #MAX_MESSAGE_LENGTH} code points.
 *   <li>{@link Problem#MALFORMED_ARGUMENT}: a target that is neither a wxid or WeChat ID (one or more
 *       ASCII letters, ASCII digits, {@code _} and {@code -}) nor a phone number ({@code +} followed
 *       by one or more ASCII digits). So {@code @}, {@code .}, {@code :}, non-ASCII letters and a
 *       {@code +} anywhere but in front of digits are refused. The same rule applies to the wxid of
 *       {@code /accept}, {@code /reject} and {@code /dismiss}, to the target of {@code /cancel} and
 *       to every wxid of the address book's commands.
 *   <li>{@link Problem#EXTRA_ARGUMENT}: {@code /delete <wxid>} followed by anything but
 *       {@code confirm}.
 * </ol>
 *
 * <p>{@link Command.Unknown} carries the word as typed, with its slash, cut to
 * {@value #MAX_UNKNOWN_WORD_LENGTH} code points (then ending in {@code …}) and with control and
 * format characters replaced by U+FFFD, so that it is safe to quote in a reply.
 *
 * <p>A parser has no state: one instance can serve every thread. It never throws.
 */
public final class CommandParser {

    /** The longest text accepted as a command, in UTF-16 characters. */
    public static final int MAX_TEXT_LENGTH = 1000;

    /** The longest greeting or message, in Unicode code points. */
    public static final int MAX_MESSAGE_LENGTH = 200;

    /** The longest target or wxid, in characters. */
    public static final int MAX_TARGET_LENGTH = 64;

    /** The most wxids one command takes ({@code /check}). */
    public static final int MAX_TARGETS = 20;

    /** The most targets one {@code /addlist} takes, one per line. */
    public static final int MAX_LINES = 200;

    /**
     * The longest text accepted as an {@code /addlist}, in UTF-16 characters: its greeting's line and
     * {@value #MAX_LINES} lines of the longest targets.
     */
    public static final int MAX_LIST_TEXT_LENGTH = MAX_TEXT_LENGTH + MAX_LINES * (MAX_TARGET_LENGTH + 2);

    /** The longest unknown command word quoted in {@link Command.Unknown}, in code points. */
    static final int MAX_UNKNOWN_WORD_LENGTH = 32;

    /** Enough characters to hold the slash and more than {@link #MAX_UNKNOWN_WORD_LENGTH} code points. */
    private static final int MAX_WORD_SCAN = 2 * MAX_UNKNOWN_WORD_LENGTH + 4;

    /** Creates a parser. */
    public CommandParser() {
    }

    /**
     * The command names, without their slash, in the order a help text should list them.
     *
     * @return the names, unmodifiable
     * @see CommandSpec#names()
     */
    public static List<String> commandNames() {
        return CommandSpec.names();
    }

    /**
     * Parses one chat text.
     *
     * @param text the text as received; may be {@code null}
     * @return the command, or empty when the text is not a command (it does not start with {@code /})
     */
    public Optional<Command> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int start = skipWhitespace(text, 0);
        if (start >= text.length() || text.charAt(start) != '/') {
            return Optional.empty();
        }
        // Bounded, so that a huge text costs no more than a short one before the length check.
        int wordEnd = skipWord(text, start, Math.min(text.length(), start + MAX_WORD_SCAN));
        String word = text.substring(start, wordEnd);
        Optional<CommandSpec> known = CommandSpec.named(word.substring(1));
        if (known.isEmpty()) {
            return Optional.of(new Command.Unknown(printable(word)));
        }
        CommandSpec spec = known.get();
        String name = spec.commandName();
        boolean lines = spec.arguments() == CommandSpec.Arguments.LINES;
        if (text.length() > (lines ? MAX_LIST_TEXT_LENGTH : MAX_TEXT_LENGTH)) {
            return invalid(name, Problem.TOO_LONG);
        }
        String stripped = text.strip();
        // A list has a target on each line: its line breaks are what separates them.
        if (hasControlCharacters(lines ? stripped.replace("\r\n", "\n").replace('\n', ' ') : stripped)) {
            return invalid(name, Problem.CONTROL_CHARACTERS);
        }
        // The stripped text starts with the command word, so arguments begin right after it.
        return Optional.of(command(spec, stripped, word.length()));
    }

    private static Command command(CommandSpec spec, String text, int argsStart) {
        int firstStart = skipWhitespace(text, argsStart);
        int firstEnd = skipWord(text, firstStart, text.length());
        String first = text.substring(firstStart, firstEnd);
        String rest = text.substring(firstEnd).strip();
        Problem problem = switch (spec.arguments()) {
            case NONE -> first.isEmpty() ? null : Problem.UNEXPECTED_ARGUMENT;
            case TARGET -> checkTarget(first, rest, false);
            case TARGET_AND_TEXT -> checkTarget(first, rest, true);
            case TARGET_AND_REQUIRED_TEXT, TARGET_AND_WORDS ->
                    !first.isEmpty() && rest.isEmpty() ? Problem.MISSING_ARGUMENT : checkTarget(first, rest, true);
            case TARGETS -> checkTargets(words(text.substring(argsStart)));
            case OPTIONAL_TEXT -> tooLong(text.substring(argsStart).strip()) ? Problem.TOO_LONG : null;
            case TARGET_OR_GROUP -> isGroup(first) || first.equalsIgnoreCase(CommandSpec.LIST) ? (rest.isEmpty() ? null
                    : Problem.UNEXPECTED_ARGUMENT) : checkTarget(first, rest, false);
            case GROUP_AND_TEXT -> checkGroup(first, rest);
            case LINES -> checkLines(text.substring(argsStart).replace("\r\n", "\n"));
        };
        if (problem != null) {
            return new Command.Invalid(spec.commandName(), problem);
        }
        return switch (spec.arguments()) {
            case NONE -> spec.build("", "");
            case TARGETS, OPTIONAL_TEXT -> spec.build("", text.substring(argsStart).strip());
            case LINES -> spec.build("", text.substring(argsStart).replace("\r\n", "\n"));
            default -> spec.build(first, rest);
        };
    }

    /** @return what is wrong with a target and the text after it, or {@code null} when nothing is */
    private static Problem checkTarget(String target, String rest, boolean restAllowed) {
        if (target.isEmpty()) {
            return Problem.MISSING_ARGUMENT;
        }
        if (!restAllowed && !rest.isEmpty()) {
            return Problem.UNEXPECTED_ARGUMENT;
        }
        if (target.length() > MAX_TARGET_LENGTH) {
            return Problem.TARGET_TOO_LONG;
        }
        if (tooLong(rest)) {
            return Problem.TOO_LONG;
        }
        return isTarget(target) ? null : Problem.MALFORMED_ARGUMENT;
    }

    /** @return what is wrong with a list of targets, or {@code null} when nothing is */
    private static Problem checkTargets(List<String> targets) {
        if (targets.isEmpty()) {
            return Problem.MISSING_ARGUMENT;
        }
        if (targets.size() > MAX_TARGETS) {
            return Problem.TOO_MANY_TARGETS;
        }
        if (targets.stream().anyMatch(t -> t.length() > MAX_TARGET_LENGTH)) {
            return Problem.TARGET_TOO_LONG;
        }
        return targets.stream().allMatch(CommandParser::isTarget) ? null : Problem.MALFORMED_ARGUMENT;
    }

    /** @return what is wrong with a group and the greeting after it, or {@code null} when nothing is */
    private static Problem checkGroup(String group, String rest) {
        if (group.isEmpty()) {
            return Problem.MISSING_ARGUMENT;
        }
        if (group.length() > MAX_TARGET_LENGTH + GROUP_SUFFIX.length()) {
            return Problem.TARGET_TOO_LONG;
        }
        if (tooLong(rest)) {
            return Problem.TOO_LONG;
        }
        return isGroup(group) || group.equalsIgnoreCase(CommandSpec.HERE) ? null : Problem.MALFORMED_GROUP;
    }

    /** @return what is wrong with an {@code /addlist}'s greeting line and its targets, or {@code null} */
    private static Problem checkLines(String text) {
        int lineEnd = text.indexOf('\n');
        if (tooLong((lineEnd < 0 ? text : text.substring(0, lineEnd)).strip())) {
            return Problem.TOO_LONG;
        }
        List<String> targets = lineEnd < 0 ? List.of() : lines(text.substring(lineEnd + 1));
        if (targets.isEmpty()) {
            return Problem.MISSING_ARGUMENT;
        }
        if (targets.size() > MAX_LINES) {
            return Problem.TOO_MANY_LINES;
        }
        if (targets.stream().anyMatch(t -> t.length() > MAX_TARGET_LENGTH)) {
            return Problem.TARGET_TOO_LONG;
        }
        return targets.stream().allMatch(CommandParser::isTarget) ? null : Problem.MALFORMED_ARGUMENT;
    }

    /**
     * The lines of a text, each stripped, blank ones and repeats (ignoring letter case) left out, in their order.
     *
     * @param text a text of lines
     * @return its distinct non-blank lines
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            String target = line.strip();
            if (!target.isEmpty() && seen.add(target.toLowerCase(Locale.ROOT))) {
                out.add(target);
            }
        }
        return out;
    }

    /** The suffix of a group's id. */
    static final String GROUP_SUFFIX = "@chatroom";

    /**
     * @param text a text
     * @return whether it is a group's id: letters, digits, {@code _} or {@code -}, then {@code @chatroom}
     */
    public static boolean isGroup(String text) {
        if (!text.endsWith(GROUP_SUFFIX) || text.length() == GROUP_SUFFIX.length()) {
            return false;
        }
        return text.chars().limit(text.length() - GROUP_SUFFIX.length()).allMatch(CommandParser::isIdCharacter);
    }

    private static boolean tooLong(String text) {
        return text.codePointCount(0, text.length()) > MAX_MESSAGE_LENGTH;
    }

    /**
     * The words of a text, split at whitespace, each once, in their order.
     *
     * @param text a text
     * @return its distinct words; empty for a blank text
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = skipWhitespace(text, 0);
        while (i < text.length()) {
            int end = skipWord(text, i, text.length());
            words.add(text.substring(i, end));
            i = skipWhitespace(text, end);
        }
        return words.stream().distinct().toList();
    }

    /** A wxid or WeChat ID ({@code [A-Za-z0-9_-]+}) or a phone number ({@code \+[0-9]+}). */
    static boolean isTarget(String target) {
        if (target.isEmpty() || target.length() > MAX_TARGET_LENGTH) {
            return false;
        }
        if (target.charAt(0) == '+') {
            return target.length() > 1 && target.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
        }
        return target.chars().allMatch(CommandParser::isIdCharacter);
    }

    private static boolean isIdCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** Characters that are invisible or change how the text around them is shown or split. */
    private static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                // codePointAt only yields a surrogate when it stands alone.
                || type == Character.SURROGATE;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isWhitespace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int skipWord(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /** Cuts an unknown word short and masks what would be unsafe to echo. */
    private static String printable(String word) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            if (count == MAX_UNKNOWN_WORD_LENGTH) {
                return out.append('…').toString();
            }
            out.appendCodePoint(isUnsafe(cp) ? '\uFFFD' : cp);
            count++;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static Optional<Command> invalid(String name, Problem problem) {
        return Optional.of(new Command.Invalid(name, problem));
    }
}
