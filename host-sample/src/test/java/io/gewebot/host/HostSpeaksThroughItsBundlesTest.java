package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome;
import io.gewebot.api.Relation;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.commands.pacing.RequestState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whatever the host says to an admin comes from the message bundles, in English and in Chinese: every
 * key the code asks for is in both, and the code that words replies, notices and console hints holds
 * no sentence of its own.
 */
class HostSpeaksThroughItsBundlesTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "gewebot", "host");
    /** The contact commands, which speak through the same bundles. */
    private static final Path COMMANDS = Path.of("..", "plugin-contact-commands", "src", "main", "java", "io", "gewebot",
            "commands");

    /** The code whose texts reach a chat, a notice or the console. */
    private static final List<Path> SPEAKING = List.of(
            COMMANDS.resolve("chat/CommandRouter.java"), COMMANDS.resolve("chat/OperationOutcome.java"),
            COMMANDS.resolve("chat/AddressBookCommands.java"), COMMANDS.resolve("chat/BulkAdds.java"),
            MAIN.resolve("chat/EventProcessor.java"), COMMANDS.resolve("chat/Details.java"),
            MAIN.resolve("chat/ChatOutput.java"), COMMANDS.resolve("chat/FriendRequestAnswers.java"),
            MAIN.resolve("ConsoleChannel.java"),
            COMMANDS.resolve("chat/CommandDispatch.java"), COMMANDS.resolve("chat/ContactCommands.java"),
            MAIN.resolve("chat/HostCommands.java"), MAIN.resolve("login/Login.java"),
            MAIN.resolve("export/Export.java"));

    /**
     * Literals with letters that are no words to people: a command as typed, an extension's name, a thread's name, a group id's suffix, the ledger's code
     * prefix, and the texts the ledger has stored since before it kept codes (read, never shown).
     */
    private static final Pattern NOT_WORDS = Pattern.compile(
            "/?(add|addgroup|addlist|accept|reject|cancel|dismiss|help) ?|contact-commands|command-|@chatroom|#detail\\.|P|PT|interrupted by a restart|cancelled by ");

    /** A key asked of the bundles, directly or through login's say and fail. */
    private static final Pattern KEY_CALL = Pattern.compile("(?:messages\\.(?:get|has)|\\bsay|\\bfail)\\(\\s*\"([^\"]+)\"");
    private static final Pattern DETAIL_CODE = Pattern.compile("Details\\.code\\(\\s*\"([^\"]+)\"");

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = HostSpeaksThroughItsBundlesTest.class.getResourceAsStream("/io/gewebot/common/text/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<Properties> bundles() throws IOException {
        return List.of(bundle("messages.properties"), bundle("messages_zh.properties"));
    }

    @Test
    void everyKeyTheCodeAsksForIsInBothBundles() throws IOException {
        List<String> missing = new ArrayList<>();
        List<Properties> bundles = bundles();
        try (Stream<Path> files = Stream.concat(Files.walk(MAIN), Files.walk(COMMANDS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String key : matches(KEY_CALL, source)) {
                    expect(bundles, key, file.getFileName().toString(), missing);
                }
                for (String name : matches(DETAIL_CODE, source)) {
                    if (!name.endsWith(".")) {
                        expect(bundles, "detail." + name, file.getFileName().toString(), missing);
                    }
                }
            }
        }
        // Keys the code builds from a name.
        for (CommandSpec spec : CommandSpec.values()) {
            expect(bundles, spec.helpKey(), "CommandSpec", missing);
        }
        for (Command.Problem problem : Command.Problem.values()) {
            expect(bundles, "usage." + problem.name(), "Problem", missing);
        }
        for (RequestState state : RequestState.values()) {
            expect(bundles, "state." + state.name(), "RequestState", missing);
        }
        for (ContactOutcome.FailureKind kind : ContactOutcome.FailureKind.values()) {
            expect(bundles, "detail.kind." + kind.name(), "FailureKind", missing);
        }
        for (Relation.Kind kind : Relation.Kind.values()) {
            expect(bundles, "relation." + kind.name(), "Relation.Kind", missing);
        }
        for (ContactOutcome.Reason reason : ContactOutcome.Reason.values()) {
            expect(bundles, "detail.refused." + reason.name(), "Reason", missing);
        }
        for (String unit : List.of("ms", "s", "m", "h", "d")) {
            expect(bundles, "duration." + unit, "Durations", missing);
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCodeThatWordsRepliesHoldsNoSentenceOfItsOwn() throws IOException {
        Set<String> keys = bundle("messages.properties").stringPropertyNames();
        List<String> found = new ArrayList<>();
        for (Path file : SPEAKING) {
            assertThat(file).isRegularFile();
            for (Statement statement : statements(Files.readString(file))) {
                if (statement.code().contains("LOG.") || statement.code().contains("requireNonNull")
                        || statement.code().matches("(?s).*\\bnew \\w*(Exception|Error)\\(.*")) {
                    continue; // logs are English for operators; exceptions never reach an admin as text
                }
                for (String literal : statement.literals()) {
                    // A key, a family of keys, or the name of a detail (its key is detail.<name>).
                    boolean key = Stream.of(literal, "detail." + literal).anyMatch(k -> keys.contains(k)
                            || k.endsWith(".") && keys.stream().anyMatch(known -> known.startsWith(k)));
                    boolean letters = literal.codePoints().anyMatch(Character::isLetter);
                    if (letters && !key && !NOT_WORDS.matcher(literal).matches()) {
                        found.add(file.getFileName() + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanFindsASentenceWhereThereIsOne() {
        List<Statement> statements = statements("""
                class X { void f() { out.reply(to, "busy, try again later"); LOG.info("fine {}", x); } }
                """);

        assertThat(statements).anySatisfy(s -> assertThat(s.literals()).containsExactly("busy, try again later"));
        assertThat(statements).anySatisfy(s -> assertThat(s.code()).contains("LOG.info"));
    }

    private static void expect(List<Properties> bundles, String key, String where, List<String> missing) {
        for (int i = 0; i < bundles.size(); i++) {
            Set<String> known = bundles.get(i).stringPropertyNames();
            // A key ending in a dot is a family (usage.<problem>, state.<state>): checked one by one above.
            if (key.endsWith(".") ? known.stream().noneMatch(k -> k.startsWith(key)) : !known.contains(key)) {
                missing.add((i == 0 ? "messages.properties" : "messages_zh.properties") + " lacks " + key + " (" + where + ")");
            }
        }
    }

    private static List<String> matches(Pattern pattern, String source) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** A statement's code with its literals taken out, and the literals. */
    record Statement(String code, List<String> literals) {
    }

    /**
     * Splits Java source into statements (at {@code ;}, <code>{</code> and <code>}</code>) outside
     * comments and literals, keeping each statement's string literals (escapes left as written).
     */
    static List<Statement> statements(String source) {
        List<Statement> out = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                literals.add(source.substring(i + 3, end).strip());
                code.append("\"\"");
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(source.substring(i + 1, j));
                }
                code.append("\"\"");
                i = j + 1;
            } else if (c == ';' || c == '{' || c == '}') {
                out.add(new Statement(code.toString(), List.copyOf(literals)));
                code.setLength(0);
                literals.clear();
                i++;
            } else {
                code.append(c);
                i++;
            }
        }
        out.add(new Statement(code.toString(), List.copyOf(literals)));
        return out;
    }
}
