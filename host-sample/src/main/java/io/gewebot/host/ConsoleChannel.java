package io.gewebot.host;

import io.gewebot.common.text.Messages;

import io.gewebot.common.command.CommandParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: each line the operator types is a command from an admin, carried out at once; the
 * reply is printed. A line that is no command (it does not start with {@code /}) is answered with a
 * hint: at a console, unlike in a chat, nobody else's words can be mistaken for the operator's.
 */
final class ConsoleChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleChannel.class);

    private final CommandParser parser;
    private final Consumer<String> commands;
    private final Messages messages;
    private final BooleanSupplier closed;

    /**
     * @param parser reads commands
     * @param commands carries out a line of the operator's that is a command, and prints its reply
     * @param messages the texts of the console's own hints
     * @param closed whether the host is closing
     */
    ConsoleChannel(CommandParser parser, Consumer<String> commands, Messages messages, BooleanSupplier closed) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    /** Reads commands until the input ends or the host closes. */
    void run(InputStream in, PrintStream console) {
        console.println(messages.get("console.welcome"));
        console.flush();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed.getAsBoolean() && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (parser.parse(line).isEmpty()) {
                    console.println(messages.get("console.plainText"));
                    console.flush();
                    continue;
                }
                commands.accept(line);
            }
        } catch (IOException e) {
            LOG.warn("Console input failed: {}", e.toString());
        }
    }
}
