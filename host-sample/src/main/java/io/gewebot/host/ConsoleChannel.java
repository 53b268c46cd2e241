package io.gewebot.host;

import io.gewebot.host.chat.CommandRouter;
import io.gewebot.host.chat.Origin;
import io.gewebot.host.command.Command;
import io.gewebot.host.command.CommandParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console: each line the operator types is a command from an admin, carried out at once; the
 * reply is printed.
 */
final class ConsoleChannel {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleChannel.class);

    private final CommandParser parser;
    private final CommandRouter router;
    private final BooleanSupplier closed;

    ConsoleChannel(CommandParser parser, CommandRouter router, BooleanSupplier closed) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.router = Objects.requireNonNull(router, "router");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    /** Reads commands until the input ends or the host closes. */
    void run(InputStream in, PrintStream console) {
        console.println("Type /help for the commands.");
        console.flush();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (!closed.getAsBoolean() && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<Command> command = parser.parse(line);
                if (command.isEmpty()) {
                    console.println("Commands start with /. Try /help.");
                    console.flush();
                    continue;
                }
                router.execute(Origin.console(), command.get());
            }
        } catch (IOException e) {
            LOG.warn("Console input failed: {}", e.toString());
        }
    }
}
