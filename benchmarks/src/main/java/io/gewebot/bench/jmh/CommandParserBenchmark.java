package io.gewebot.bench.jmh;

import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandParser;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link CommandParser#parse(String)} on what an admin typically types, and on the chat text that
 * every other message is (which must be turned away cheaply).
 */
@State(Scope.Benchmark)
public class CommandParserBenchmark {

    private final CommandParser parser = new CommandParser();
    // Fields, not constants, so the JIT cannot fold the parse away.
    private String add = "/add wxid_abc123def Hello, I met you at the conference yesterday!";
    private String addChinese = "/add　13800138000　你好，我是昨天会上认识的张三";
    private String accept = "/accept wxid_abc123def welcome aboard";
    private String help = "/help";
    private String chat = "Good morning everyone, the weather is fine today.";

    /** @return the parsed /add */
    @Benchmark
    public Optional<Command> parseAdd() {
        return parser.parse(add);
    }

    /** @return the parsed /add with ideographic spaces and a Chinese greeting */
    @Benchmark
    public Optional<Command> parseAddChinese() {
        return parser.parse(addChinese);
    }

    /** @return the parsed /accept */
    @Benchmark
    public Optional<Command> parseAccept() {
        return parser.parse(accept);
    }

    /** @return the parsed /help */
    @Benchmark
    public Optional<Command> parseHelp() {
        return parser.parse(help);
    }

    /** @return nothing: chat is not a command */
    @Benchmark
    public Optional<Command> parseChat() {
        return parser.parse(chat);
    }
}
