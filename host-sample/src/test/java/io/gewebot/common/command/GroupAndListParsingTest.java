package io.gewebot.common.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.command.Command.Invalid;
import io.gewebot.common.command.Command.Problem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code /addgroup}, {@code /addlist} (a text of several lines) and {@code /cancel} of a group or of lists. */
class GroupAndListParsingTest {

    private final CommandParser parser = new CommandParser();

    private Command parsed(String text) {
        return parser.parse(text).orElseThrow();
    }

    @Test
    void addgroupTakesAGroupIdOrHereAndAnOptionalGreeting() {
        assertThat(parsed("/addgroup 34757816141@chatroom")).isEqualTo(
                new Command.AddGroup("34757816141@chatroom", Optional.empty()));
        assertThat(parsed("/addgroup here  你好 朋友 ")).isEqualTo(new Command.AddGroup("here", Optional.of("你好 朋友")));
        assertThat(parsed("/addgroup")).isEqualTo(new Invalid("addgroup", Problem.MISSING_ARGUMENT));
        assertThat(parsed("/addgroup wxid_x hi")).isEqualTo(new Invalid("addgroup", Problem.MALFORMED_GROUP));
        assertThat(parsed("/addgroup @chatroom")).isEqualTo(new Invalid("addgroup", Problem.MALFORMED_GROUP));
        assertThat(parsed("/addgroup a.b@chatroom")).isEqualTo(new Invalid("addgroup", Problem.MALFORMED_GROUP));
    }

    @Test
    void addlistTakesTheGreetingOnItsLineAndOneTargetPerLineIgnoringBlankLinesAndRepeats() {
        assertThat(parsed("/addlist Hello there\nwxid_a\n\n  +8613800138000 \r\ndemo_alias\nWXID_A\nwxid_a\n")).isEqualTo(
                new Command.AddList(List.of("wxid_a", "+8613800138000", "demo_alias"), Optional.of("Hello there")));
        assertThat(parsed("/addlist\nwxid_a")).isEqualTo(new Command.AddList(List.of("wxid_a"), Optional.empty()));
    }

    @Test
    void addlistWithoutTargetsOrWithTooManyOrAMalformedOneIsRefused() {
        assertThat(parsed("/addlist hello")).isEqualTo(new Invalid("addlist", Problem.MISSING_ARGUMENT));
        assertThat(parsed("/addlist\nwxid_a\nno good")).isEqualTo(new Invalid("addlist", Problem.MALFORMED_ARGUMENT));
        assertThat(parsed("/addlist\nwxid_a\tb")).isEqualTo(new Invalid("addlist", Problem.CONTROL_CHARACTERS));
        String lines = IntStream.rangeClosed(1, CommandParser.MAX_LINES + 1).mapToObj(i -> "+86139" + String.format("%08d", i))
                .collect(Collectors.joining("\n"));
        assertThat(parsed("/addlist\n" + lines)).isEqualTo(new Invalid("addlist", Problem.TOO_MANY_LINES));
        String justEnough = IntStream.rangeClosed(1, CommandParser.MAX_LINES).mapToObj(i -> "+86139" + String.format("%08d", i))
                .collect(Collectors.joining("\n"));
        assertThat(((Command.AddList) parsed("/addlist hi\n" + justEnough)).targets()).hasSize(CommandParser.MAX_LINES);
    }

    @Test
    void aLineBreakStaysRefusedInEveryOtherCommand() {
        assertThat(parsed("/add wxid_a hi\nthere")).isEqualTo(new Invalid("add", Problem.CONTROL_CHARACTERS));
    }

    @Test
    void cancelTakesAGroupIdOrListBesidesATarget() {
        assertThat(parsed("/cancel 1@chatroom")).isEqualTo(new Command.Cancel("1@chatroom"));
        assertThat(parsed("/cancel list")).isEqualTo(new Command.Cancel("list"));
        assertThat(parsed("/cancel 1@chatroom now")).isEqualTo(new Invalid("cancel", Problem.UNEXPECTED_ARGUMENT));
    }
}
