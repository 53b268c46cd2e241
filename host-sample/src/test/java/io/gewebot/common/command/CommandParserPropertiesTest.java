package io.gewebot.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.command.Command.Accept;
import io.gewebot.common.command.Command.Add;
import io.gewebot.common.command.Command.Cancel;
import io.gewebot.common.command.Command.Invalid;
import io.gewebot.common.command.Command.Reject;
import io.gewebot.common.command.Command.Unknown;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Properties of {@link CommandParser} over generated and mutated texts. */
class CommandParserPropertiesTest {

    private static final String SEPARATORS = " \u3000";

    private final CommandParser parser = new CommandParser();

    @Provide
    Arbitrary<String> anyText() {
        // Short random pieces, repeated: long texts (past the length limit) without generating each character.
        Arbitrary<Integer> repeats = Arbitraries.integers().between(1, 12);
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(100);
        Arbitrary<String> biased = Arbitraries.strings()
                // Biased towards what the parser looks at: slashes, spaces, controls, surrogate halves.
                .withChars("/ \t\n\u3000\u00A0\u202E\u200B\u2028\u0000+@._-aAzZ09好")
                .withChars('\uD83D', '\uDE00')
                .ofMaxLength(100);
        return Arbitraries.oneOf(
                Combinators.combine(anyChars, repeats).as(String::repeat),
                Combinators.combine(biased, repeats).as((text, times) -> "/" + text.repeat(times)),
                Combinators.combine(Arbitraries.of(CommandParser.commandNames()), anyChars, repeats)
                        .as((name, text, times) -> "/" + name + " " + text.repeat(times)));
    }

    @Property(tries = 1000)
    void anyTextParsesWithoutThrowingAndOnlySlashTextIsACommand(@ForAll("anyText") String text) {
        Optional<Command> command = parser.parse(text);

        assertThat(command.isPresent()).isEqualTo(text.strip().startsWith("/"));
        command.ifPresent(CommandParserPropertiesTest::assertSafe);
    }

    /** What a router may rely on for whatever comes out of the parser. */
    private static void assertSafe(Command command) {
        if (command instanceof Add) {
            Add add = (Add) command;
            assertThat(CommandParser.isTarget(add.target())).isTrue();
            add.greeting().ifPresent(CommandParserPropertiesTest::assertShortClean);
        } else if (command instanceof Accept) {
            assertThat(CommandParser.isTarget(((Accept) command).wxid())).isTrue();
            assertShortClean(((Accept) command).message());
        } else if (command instanceof Reject) {
            assertThat(CommandParser.isTarget(((Reject) command).wxid())).isTrue();
            assertShortClean(((Reject) command).message());
        } else if (command instanceof Cancel) {
            assertThat(CommandParser.isTarget(((Cancel) command).target())).isTrue();
        } else if (command instanceof Command.Remark remark) {
            assertThat(CommandParser.isTarget(remark.wxid())).isTrue();
            assertThat(remark.remark()).isNotEmpty();
            assertShortClean(remark.remark());
        } else if (command instanceof Command.Label label) {
            assertThat(CommandParser.isTarget(label.wxid())).isTrue();
            assertThat(label.labels()).isNotEmpty().doesNotHaveDuplicates().allSatisfy(l -> {
                assertThat(l).isNotEmpty();
                assertShortClean(l);
            });
        } else if (command instanceof Command.Contacts contacts) {
            assertShortClean(contacts.text());
        } else if (command instanceof Command.Check check) {
            assertThat(check.wxids()).isNotEmpty().hasSizeLessThanOrEqualTo(CommandParser.MAX_TARGETS)
                    .doesNotHaveDuplicates().allMatch(CommandParser::isTarget);
        } else if (command instanceof Invalid) {
            assertThat(CommandParser.commandNames()).contains(((Invalid) command).name());
        } else if (command instanceof Unknown) {
            String word = ((Unknown) command).word();
            assertThat(word).startsWith("/");
            assertThat(word.codePointCount(0, word.length())).isLessThanOrEqualTo(CommandParser.MAX_UNKNOWN_WORD_LENGTH + 1);
            assertThat(word.codePoints()).noneMatch(cp -> Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE);
        }
    }

    private static void assertShortClean(String text) {
        assertThat(text).isEqualTo(text.strip());
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(CommandParser.MAX_MESSAGE_LENGTH);
        assertThat(text.codePoints()).noneMatch(cp -> Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.SURROGATE);
    }

    @Provide
    Arbitrary<String> targets() {
        Arbitrary<String> ids = Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars('_', '-')
                .ofMinLength(1).ofMaxLength(CommandParser.MAX_TARGET_LENGTH);
        Arbitrary<String> phones = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(d -> "+" + d);
        return Arbitraries.oneOf(ids, phones);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('一', '龥').withChars(",.!?，。、")
                        .ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "/add", "@wxid_x", "+86"));
    }

    /** A greeting of words with the spacing a person might type between them. */
    @Provide
    Arbitrary<String> greetings() {
        Arbitrary<String> separator = Arbitraries.strings().withChars(SEPARATORS).ofMinLength(1).ofMaxLength(3);
        // Each word comes with the spacing before it; stripping drops the spacing before the first.
        return Combinators.combine(separator, words()).as(String::concat)
                .list().ofMaxSize(15)
                .map(parts -> String.join("", parts).strip());
    }

    @Provide
    Arbitrary<String> spacing() {
        return Arbitraries.strings().withChars(SEPARATORS).ofMinLength(1).ofMaxLength(4);
    }

    @Property(tries = 1000)
    void aWellFormedAddGivesBackItsTargetAndGreetingExactly(
            @ForAll("targets") String target,
            @ForAll("greetings") String greeting,
            @ForAll("spacing") String before,
            @ForAll("spacing") String between,
            @ForAll boolean upperCase) {
        String word = upperCase ? "/ADD" : "/add";

        Optional<Command> command = parser.parse(word + before + target + between + greeting + " ");

        assertThat(command).contains(new Add(target, greeting.isEmpty() ? Optional.empty() : Optional.of(greeting)));
    }

    @Property(tries = 1000)
    void aWellFormedAcceptOrRejectGivesBackItsWxidAndMessageExactly(
            @ForAll("targets") String wxid,
            @ForAll("greetings") String message,
            @ForAll("spacing") String between,
            @ForAll boolean accept) {
        Optional<Command> command = parser.parse((accept ? "/accept " : "/Reject ") + wxid + between + message);

        assertThat(command).contains(accept ? new Accept(wxid, message) : new Reject(wxid, message));
    }

    /** A valid command with one random edit: an inserted string, a deleted range, or a flipped letter case. */
    @Provide
    Arbitrary<String> mutatedCommands() {
        Arbitrary<String> valid = Combinators.combine(
                        Arbitraries.of(CommandParser.commandNames()), targets(), greetings())
                .as((name, target, greeting) -> "/" + name + " " + target + " " + greeting);
        Arbitrary<String> insertion = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(5),
                Arbitraries.of("\n", "\t", "\u202E", "\u200B", "\uD800", "\uDC00", "/", "@", ".", "+", " ", "\u3000",
                        "x".repeat(300), " ".repeat(1000)));
        return Combinators.combine(valid, insertion, Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10), Arbitraries.of(Edit.values()))
                .as((text, insert, at, length, edit) -> edit.apply(text, insert, at % (text.length() + 1), length));
    }

    enum Edit {
        INSERT, DELETE, SWAP_CASE;

        String apply(String text, String insert, int at, int length) {
            switch (this) {
                case INSERT:
                    return text.substring(0, at) + insert + text.substring(at);
                case DELETE:
                    return text.substring(0, at) + text.substring(Math.min(text.length(), at + length));
                default:
                    return text.substring(0, at) + text.substring(at).toUpperCase();
            }
        }
    }

    @Property(tries = 1000)
    void aMutatedCommandParsesWithoutThrowingToSomethingSafe(@ForAll("mutatedCommands") String text) {
        Optional<Command> command = parser.parse(text);

        assertThat(command.isPresent()).isEqualTo(text.strip().startsWith("/"));
        command.ifPresent(CommandParserPropertiesTest::assertSafe);
        // Guards the generator: mutated commands must still often parse, and often be refused.
        String outcome = command.map(c -> c instanceof Invalid ? "invalid" : c instanceof Unknown ? "unknown" : "command")
                .orElse("none");
        Statistics.collect(outcome);
        Statistics.coverage(coverage -> {
            coverage.check("command").percentage(p -> p > 10);
            coverage.check("invalid").percentage(p -> p > 10);
        });
    }

    @Property(tries = 200)
    void theCommandWordIsCaseInsensitive(@ForAll("targets") String target, @ForAll List<Boolean> upper) {
        for (String name : List.of("add", "accept", "reject", "cancel")) {
            StringBuilder word = new StringBuilder("/");
            for (int i = 0; i < name.length(); i++) {
                boolean up = !upper.isEmpty() && upper.get(i % upper.size());
                word.append(up ? Character.toUpperCase(name.charAt(i)) : name.charAt(i));
            }
            assertThat(parser.parse(word + " " + target)).isEqualTo(parser.parse("/" + name + " " + target));
        }
    }
}
