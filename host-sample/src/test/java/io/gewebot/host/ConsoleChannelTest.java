package io.gewebot.host;

import io.gewebot.common.text.Messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.common.command.CommandParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console answers plain text with a hint, as the README says, in the chosen language. */
class ConsoleChannelTest {

    private final List<String> carriedOut = new ArrayList<>();

    private String type(String lang, String lines) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ConsoleChannel console = new ConsoleChannel(new CommandParser(), carriedOut::add, Messages.of(lang, ZoneOffset.UTC),
                () -> false);
        console.run(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainTextIsAnsweredWithAHintAndNoCommandIsCarriedOut() {
        String printed = type("en", "hello there\n\n");

        assertThat(printed.lines()).containsExactly("Type /help for the commands.", "Commands start with /. Try /help.");
        assertThat(carriedOut).isEmpty();
    }

    @Test
    void theHintIsInChineseWithLangZh() {
        String printed = type("zh", "你好\n");

        assertThat(printed.lines()).containsExactly("输入 /help 查看命令。", "命令以 / 开头。请试试 /help。");
    }

    @Test
    void aCommandIsCarriedOutWithoutAHint() {
        String printed = type("en", "/queue\n");

        assertThat(printed.lines()).containsExactly("Type /help for the commands.");
        assertThat(carriedOut).containsExactly("/queue");
    }
}
