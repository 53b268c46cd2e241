package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import io.gewebot.api.chat.ChatContext;
import io.gewebot.common.text.Messages;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandSpec;
import java.util.Objects;
import java.util.concurrent.Executor;
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
    private final Executor workers;
    private final ChatContext chat;
    private final Messages messages;

    CommandDispatch(CommandRouter router, Executor workers, ChatContext chat, Messages messages) {
        this.router = Objects.requireNonNull(router, "router");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.chat = Objects.requireNonNull(chat, "chat");
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
            chat.send(origin.replyTo(), messages.get("failed",
                    "/" + command.spec().map(CommandSpec::commandName).orElse("?"), messages.get("busy")));
        }
    }
}
