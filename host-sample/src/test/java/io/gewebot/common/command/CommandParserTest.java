package io.gewebot.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.command.Command.Accept;
import io.gewebot.common.command.Command.Add;
import io.gewebot.common.command.Command.Cancel;
import io.gewebot.common.command.Command.Help;
import io.gewebot.common.command.Command.History;
import io.gewebot.common.command.Command.Invalid;
import io.gewebot.common.command.Command.ListPlugins;
import io.gewebot.common.command.Command.ListRequests;
import io.gewebot.common.command.Command.Problem;
import io.gewebot.common.command.Command.Queue;
import io.gewebot.common.command.Command.Reject;
import io.gewebot.common.command.Command.Resume;
import io.gewebot.common.command.Command.Unknown;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    private final CommandParser parser = new CommandParser();

    private Command parsed(String text) {
        Optional<Command> command = parser.parse(text);
        assertThat(command).as("parse(%s)", text).isPresent();
        return command.orElseThrow();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "hello", "add wxid_a", " hi /add wxid_a", "\\add wxid_a", "／add wxid_a"})
    void textThatDoesNotStartWithASlashIsNoCommand(String text) {
        assertThat(parser.parse(text)).isEmpty();
    }

    static Stream<Arguments> validCommands() {
        return Stream.of(
                Arguments.of("/add wxid_a", new Add("wxid_a", Optional.empty())),
                Arguments.of("/add wxid_a   ", new Add("wxid_a", Optional.empty())),
                Arguments.of("/add wxid_a Hello, I am Bo", new Add("wxid_a", Optional.of("Hello, I am Bo"))),
                Arguments.of("/add  wxid_a   Hello   there  ", new Add("wxid_a", Optional.of("Hello   there"))),
                Arguments.of("  /ADD Wxid_A hi", new Add("Wxid_A", Optional.of("hi"))),
                Arguments.of("/Add\u3000wxid_a\u3000你好，我是朝夕", new Add("wxid_a", Optional.of("你好，我是朝夕"))),
                Arguments.of("/add +8613812345678", new Add("+8613812345678", Optional.empty())),
                Arguments.of("/add 13812345678 hi \uD83D\uDE00", new Add("13812345678", Optional.of("hi \uD83D\uDE00"))),
                Arguments.of("/add chao-xi_2024", new Add("chao-xi_2024", Optional.empty())),
                Arguments.of("/add x", new Add("x", Optional.empty())),
                Arguments.of("/add " + "a".repeat(64), new Add("a".repeat(64), Optional.empty())),
                Arguments.of("/add wxid_a " + "好".repeat(200), new Add("wxid_a", Optional.of("好".repeat(200)))),
                Arguments.of("/add wxid_a " + "\uD83D\uDE00".repeat(200),
                        new Add("wxid_a", Optional.of("\uD83D\uDE00".repeat(200)))),
                Arguments.of("/accept wxid_a", new Accept("wxid_a", "")),
                Arguments.of("/accept wxid_a  welcome  aboard ", new Accept("wxid_a", "welcome  aboard")),
                Arguments.of("/ACCEPT wxid_a ok", new Accept("wxid_a", "ok")),
                Arguments.of("/reject wxid_a", new Reject("wxid_a", "")),
                Arguments.of("/reject wxid_a sorry, full", new Reject("wxid_a", "sorry, full")),
                Arguments.of("/cancel wxid_a", new Cancel("wxid_a")),
                Arguments.of("/cancel +8613812345678 ", new Cancel("+8613812345678")),
                Arguments.of("/dismiss wxid_a", new Command.Dismiss("wxid_a")),
                Arguments.of("/DISMISS  wxid_a ", new Command.Dismiss("wxid_a")),
                Arguments.of("/requests", new ListRequests()),
                Arguments.of("/plugins", new ListPlugins()),
                Arguments.of("/help", new Help()),
                Arguments.of("/HELP  ", new Help()),
                Arguments.of("/history", new History()),
                Arguments.of("/queue", new Queue()),
                Arguments.of("/resume", new Resume()),
                Arguments.of("\n/resume\n", new Resume()),
                Arguments.of("/remark wxid_a  Ally  Smith ", new Command.Remark("wxid_a", "Ally  Smith")),
                Arguments.of("/label wxid_a work 健身 work", new Command.Label("wxid_a", List.of("work", "健身"))),
                Arguments.of("/UNLABEL wxid_a\u3000work", new Command.Unlabel("wxid_a", List.of("work"))),
                Arguments.of("/contacts", new Command.Contacts("", false)),
                Arguments.of("/contacts  Al  B ", new Command.Contacts("Al  B", false)),
                Arguments.of("/contacts --refresh", new Command.Contacts("", true)),
                Arguments.of("/contacts --REFRESH al", new Command.Contacts("al", true)),
                Arguments.of("/contacts 小明", new Command.Contacts("小明", false)),
                Arguments.of("/delete wxid_a", new Command.Delete("wxid_a", false)),
                Arguments.of("/delete wxid_a Confirm", new Command.Delete("wxid_a", true)),
                Arguments.of("/check wxid_a", new Command.Check(List.of("wxid_a"))),
                Arguments.of("/check wxid_a wxid_b wxid_a", new Command.Check(List.of("wxid_a", "wxid_b"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCommands")
    void aWellFormedCommandParsesToItsRecord(String text, Command expected) {
        assertThat(parsed(text)).isEqualTo(expected);
    }

    @Nested
    class UnknownWords {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/foo              | /foo",
            "/Foo bar baz      | /Foo",
            "/addx wxid_a      | /addx",
            "/help!            | /help!",
            "/                 | /",
            "/ add wxid_a      | /",
            "//add             | //add",
            "/add\u200B wxid_a | /add\uFFFD",
            "/x\u202Ey         | /x\uFFFDy",
            "/x\u0000y         | /x\uFFFDy"
        })
        void anyOtherSlashWordIsUnknownWithTheWordAsTypedButSafe(String text, String word) {
            assertThat(parsed(text)).isEqualTo(new Unknown(word));
        }

        @Test
        void aLongUnknownWordIsCutShort() {
            assertThat(parsed("/" + "z".repeat(5000))).isEqualTo(new Unknown("/" + "z".repeat(31) + "…"));
        }

        @Test
        void aLongUnknownWordOfEmojiIsCutOnCodePoints() {
            String emoji = "\uD83D\uDE00";

            assertThat(parsed("/" + emoji.repeat(100))).isEqualTo(new Unknown("/" + emoji.repeat(31) + "…"));
        }
    }

    @Nested
    class Problems {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/add          | add",
            "/accept       | accept",
            "/reject       | reject",
            "/cancel       | cancel"
        })
        void aCommandWithoutItsTargetMissesAnArgument(String text, String name) {
            assertThat(parsed(text)).isEqualTo(new Invalid(name, Problem.MISSING_ARGUMENT));
            assertThat(parsed(text + "   ")).isEqualTo(new Invalid(name, Problem.MISSING_ARGUMENT));
        }

        @ParameterizedTest
        @ValueSource(strings = {"wxid@example", "a.b", "wxid:x", "8613+812", "+", "++86", "+86-138", "张三", "wxid_ä",
            "<script>", "a/b", "a'b", "a\"b", "a\u00A0b"})
        void aTargetThatIsNoWxidWeChatIdOrPhoneIsMalformed(String target) {
            assertThat(parsed("/add " + target + " hi")).isEqualTo(new Invalid("add", Problem.MALFORMED_ARGUMENT));
            assertThat(parsed("/accept " + target)).isEqualTo(new Invalid("accept", Problem.MALFORMED_ARGUMENT));
            assertThat(parsed("/reject " + target)).isEqualTo(new Invalid("reject", Problem.MALFORMED_ARGUMENT));
            assertThat(parsed("/cancel " + target)).isEqualTo(new Invalid("cancel", Problem.MALFORMED_ARGUMENT));
        }

        @Test
        void aTargetLongerThanSixtyFourIsATargetTooLongNotAGreetingTooLong() {
            String target = "a".repeat(CommandParser.MAX_TARGET_LENGTH + 1);

            assertThat(parsed("/add " + target)).isEqualTo(new Invalid("add", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/add " + target + " hi")).isEqualTo(new Invalid("add", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/accept " + target)).isEqualTo(new Invalid("accept", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/reject " + target + " sorry")).isEqualTo(new Invalid("reject", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/cancel " + target)).isEqualTo(new Invalid("cancel", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/dismiss " + target)).isEqualTo(new Invalid("dismiss", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/add +" + "1".repeat(CommandParser.MAX_TARGET_LENGTH)))
                    .isEqualTo(new Invalid("add", Problem.TARGET_TOO_LONG));
        }

        @Test
        void theUsageReplyToATargetTooLongSaysTheTargetIsTooLongInBothLanguages() {
            Command.Problem problem = ((Invalid) parsed("/add " + "a".repeat(65))).problem();

            assertThat(io.gewebot.common.text.Messages.of("en", java.time.ZoneOffset.UTC).get("usage." + problem, "add", "/add"))
                    .isEqualTo("/add: the target is too long (1 to 64 characters). Usage: /add")
                    .doesNotContain("greeting");
            assertThat(io.gewebot.common.text.Messages.of("zh", java.time.ZoneOffset.UTC).get("usage." + problem, "add", "/add"))
                    .isEqualTo("/add：目标过长（1 到 64 个字符）。用法：/add");
        }

        @Test
        void everyProblemHasAUsageTextInBothLanguages() {
            for (String lang : java.util.List.of("en", "zh")) {
                io.gewebot.common.text.Messages messages = io.gewebot.common.text.Messages.of(lang, java.time.ZoneOffset.UTC);
                assertThat(Problem.values()).allSatisfy(p -> assertThat(messages.has("usage." + p.name())).as(lang + " " + p).isTrue());
            }
        }

        @Test
        void aGreetingOrMessageOverTwoHundredCodePointsIsTooLong() {
            String longText = "好".repeat(CommandParser.MAX_MESSAGE_LENGTH + 1);

            assertThat(parsed("/add wxid_a " + longText)).isEqualTo(new Invalid("add", Problem.TOO_LONG));
            assertThat(parsed("/accept wxid_a " + longText)).isEqualTo(new Invalid("accept", Problem.TOO_LONG));
            assertThat(parsed("/reject wxid_a " + longText)).isEqualTo(new Invalid("reject", Problem.TOO_LONG));
        }

        @Test
        void aWholeTextOverAThousandCharactersIsTooLongEvenWithShortParts() {
            String padded = "/add wxid_a hi" + " ".repeat(CommandParser.MAX_TEXT_LENGTH) + "x";

            assertThat(parsed(padded)).isEqualTo(new Invalid("add", Problem.TOO_LONG));
            assertThat(parsed("/help" + " ".repeat(2000))).isEqualTo(new Invalid("help", Problem.TOO_LONG));
        }

        @Test
        void aHugeTextIsTooLongRatherThanAnythingElse() {
            String huge = "/accept wxid_a " + "\u202E".repeat(1_000_000);

            assertThat(parsed(huge)).isEqualTo(new Invalid("accept", Problem.TOO_LONG));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/add wxid_a hello\nthere", "/add wxid_a hi\u202Eereht", "/add wxid_a \u200Bhi",
            "/add wxid_a hi\u0007", "/add\twxid_a", "/add wxid_a hi\r\nthere", "/add wxid_a hi\u2028there",
            "/add wxid_a hi \uD83D", "/add wxid_a \uDE00 hi", "/add wxid_a hi\u0085there", "/add wxid_a\u001Fhi"})
        void controlAndFormatCharactersAreRefused(String text) {
            assertThat(parsed(text)).isEqualTo(new Invalid("add", Problem.CONTROL_CHARACTERS));
        }

        @Test
        void controlCharactersAreRefusedForEveryKnownCommand() {
            for (String name : CommandParser.commandNames()) {
                assertThat(parsed("/" + name + " x\u0000y")).isEqualTo(new Invalid(name, Problem.CONTROL_CHARACTERS));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"requests", "plugins", "help", "history", "queue", "resume", "limits"})
        void aNoArgumentCommandWithArgumentsGotAnUnexpectedArgument(String name) {
            assertThat(parsed("/" + name + " now")).isEqualTo(new Invalid(name, Problem.UNEXPECTED_ARGUMENT));
            assertThat(parsed("/" + name.toUpperCase() + " a b c")).isEqualTo(new Invalid(name, Problem.UNEXPECTED_ARGUMENT));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/remark", "/remark wxid_a", "/remark wxid_a   ", "/label wxid_a", "/unlabel", "/delete",
            "/check", "/check   "})
        void anAddressBookCommandWithoutItsWxidOrItsTextMissesAnArgument(String text) {
            assertThat(parsed(text)).isEqualTo(new Invalid(text.strip().substring(1).split(" ")[0],
                    Problem.MISSING_ARGUMENT));
        }

        @Test
        void checkTakesAtMostTwentyWxidsEachOfThemAWxid() {
            String twenty = String.join(" ", java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "wxid_" + i).toList());

            assertThat(parsed("/check " + twenty)).isInstanceOf(Command.Check.class);
            assertThat(parsed("/check " + twenty + " wxid_21")).isEqualTo(new Invalid("check", Problem.TOO_MANY_TARGETS));
            assertThat(parsed("/check wxid_a a.b")).isEqualTo(new Invalid("check", Problem.MALFORMED_ARGUMENT));
            assertThat(parsed("/check wxid_a " + "a".repeat(65))).isEqualTo(new Invalid("check", Problem.TARGET_TOO_LONG));
            assertThat(parsed("/remark a.b Ally")).isEqualTo(new Invalid("remark", Problem.MALFORMED_ARGUMENT));
            assertThat(parsed("/label a.b work")).isEqualTo(new Invalid("label", Problem.MALFORMED_ARGUMENT));
        }

        @Test
        void deleteTakesOnlyConfirmAfterItsWxid() {
            assertThat(parsed("/delete wxid_a now")).isEqualTo(new Invalid("delete", Problem.EXTRA_ARGUMENT));
            assertThat(parsed("/delete wxid_a confirm now")).isEqualTo(new Invalid("delete", Problem.EXTRA_ARGUMENT));
        }

        @Test
        void aRemarkOrASearchOverTwoHundredCodePointsIsTooLong() {
            String longText = "好".repeat(CommandParser.MAX_MESSAGE_LENGTH + 1);

            assertThat(parsed("/remark wxid_a " + longText)).isEqualTo(new Invalid("remark", Problem.TOO_LONG));
            assertThat(parsed("/contacts " + longText)).isEqualTo(new Invalid("contacts", Problem.TOO_LONG));
        }

        @Test
        void cancelTakesNothingAfterItsTarget() {
            assertThat(parsed("/cancel wxid_a please")).isEqualTo(new Invalid("cancel", Problem.UNEXPECTED_ARGUMENT));
            assertThat(parsed("/dismiss wxid_a please")).isEqualTo(new Invalid("dismiss", Problem.UNEXPECTED_ARGUMENT));
            assertThat(parsed("/dismiss")).isEqualTo(new Invalid("dismiss", Problem.MISSING_ARGUMENT));
        }
    }

    @Test
    void commandNamesListEveryCommandWithAHelpLineInBothLanguages() {
        assertThat(CommandParser.commandNames()).containsExactly(
                "add", "addgroup", "addlist", "accept", "reject", "requests", "queue", "cancel", "resume", "plugins", "history", "limits", "dismiss",
                "remark", "label", "unlabel", "contacts", "delete", "check", "rules", "help");
        for (String lang : java.util.List.of("en", "zh")) {
            io.gewebot.common.text.Messages messages = io.gewebot.common.text.Messages.of(lang, java.time.ZoneOffset.UTC);
            assertThat(CommandSpec.values()).allSatisfy(spec ->
                    assertThat(messages.get(spec.helpKey())).as(lang + " " + spec).startsWith("/" + spec.commandName()));
        }
    }

    @Test
    void theCatalogueDeclaresWhatEachCommandTakesAndWhetherItCallsThePlugin() {
        assertThat(CommandSpec.named("ACCEPT")).contains(CommandSpec.ACCEPT);
        assertThat(CommandSpec.named("nope")).isEmpty();
        assertThat(java.util.Arrays.stream(CommandSpec.values()).filter(CommandSpec::callsPlugin))
                .containsExactly(CommandSpec.ADD, CommandSpec.ADDGROUP, CommandSpec.ADDLIST, CommandSpec.ACCEPT, CommandSpec.REJECT, CommandSpec.CANCEL,
                        CommandSpec.REMARK, CommandSpec.LABEL, CommandSpec.UNLABEL, CommandSpec.CONTACTS, CommandSpec.DELETE,
                        CommandSpec.CHECK);
        assertThat(CommandSpec.CANCEL.arguments()).isEqualTo(CommandSpec.Arguments.TARGET_OR_GROUP);
        assertThat(CommandSpec.ADD.arguments()).isEqualTo(CommandSpec.Arguments.TARGET_AND_TEXT);
        assertThat(CommandSpec.HELP.arguments()).isEqualTo(CommandSpec.Arguments.NONE);
        for (String name : CommandParser.commandNames()) {
            Command parsed = new CommandParser().parse("/" + name + (CommandSpec.named(name).orElseThrow().arguments()
                    == CommandSpec.Arguments.NONE ? "" : " wxid_a")).orElseThrow();
            assertThat(parsed.spec()).as(name).contains(CommandSpec.named(name).orElseThrow());
        }
    }
}
