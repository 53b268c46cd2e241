package io.gewebot.host;

import io.gewebot.host.chat.ChatOutput;
import io.gewebot.host.chat.CommandRouter;
import io.gewebot.host.chat.Origin;
import io.gewebot.host.command.Command;
import io.gewebot.host.command.CommandSpec;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an admin's command from chat runs: one that calls the plugin (as the catalogue declares) on
 * the command workers, so that a slow GeWe never holds up the callbacks behind it; any other at once.
 * When the workers' queue is full the admin is told to try again.
 */
final class CommandDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatch.class);

    private final CommandRouter router;
    private final ExecutorService workers;
    private final ChatOutput out;
    private final Messages messages;

    CommandDispatch(CommandRouter router, ExecutorService workers, ChatOutput out, Messages messages) {
        this.router = Objects.requireNonNull(router, "router");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.out = Objects.requireNonNull(out, "out");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    void dispatch(Origin origin, Command command) {
        if (!command.spec().map(CommandSpec::callsPlugin).orElse(false)) {
            router.execute(origin, command);
            return;
        }
        try {
            workers.execute(() -> router.execute(origin, command));
        } catch (RejectedExecutionException e) {
            LOG.warn("Command from {} dropped: too many commands waiting", origin.sender());
            out.reply(origin.replyTo(), messages.get("failed",
                    "/" + command.spec().map(CommandSpec::commandName).orElse("?"), messages.get("busy")));
        }
    }
}
