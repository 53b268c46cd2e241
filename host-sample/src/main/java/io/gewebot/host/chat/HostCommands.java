package io.gewebot.host.chat;

import io.gewebot.common.text.Loggable;

import io.gewebot.common.text.Redactor;

import io.gewebot.api.chat.ChatExtension;
import io.gewebot.api.chat.CommandInfo;
import io.gewebot.api.chat.IncomingText;
import io.gewebot.common.text.Messages;
import io.gewebot.common.command.Command;
import io.gewebot.common.command.CommandParser;
import io.gewebot.common.command.CommandSpec;
import io.gewebot.host.metrics.HostMetrics;
import io.gewebot.host.runtime.PluginRuntime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands the host answers itself, for a text no {@link ChatExtension} took: {@code /help} (every
 * extension's {@link ChatExtension#commands() commands}, then the host's own), {@code /plugins}, and
 * the reply to a word that names no command. Only admins are answered.
 */
public final class HostCommands {

    private static final Logger LOG = LoggerFactory.getLogger(HostCommands.class);

    private final String appId;
    private final Messages messages;
    private final PluginRuntime plugins;
    private final List<ChatExtension> extensions;
    private final ChatOutput out;
    private final Redactor redactor;
    private final HostMetrics metrics;
    private final CommandParser parser = new CommandParser();

    /**
     * @param appId the account
     * @param messages the texts in the account's language
     * @param plugins the loaded plugins, for {@code /plugins}
     * @param extensions the account's chat extensions, for {@code /help}
     * @param out where the answers go
     * @param redactor removes secrets from texts
     * @param metrics counts the commands answered
     */
    public HostCommands(String appId, Messages messages, PluginRuntime plugins, List<ChatExtension> extensions,
            ChatOutput out, Redactor redactor, HostMetrics metrics) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.extensions = List.copyOf(extensions);
        this.out = Objects.requireNonNull(out, "out");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Answers a text that no extension took, when it is a command from an admin. Never throws.
     *
     * @param text the text
     */
    public void onText(IncomingText text) {
        Optional<Command> command = parser.parse(text.text());
        if (command.isEmpty()) {
            return;
        }
        if (!text.fromAdmin()) {
            LOG.info("Ignored a command from {} in {}: not an admin", loggable(text.sender()),
                    loggable(text.conversation()));
            return;
        }
        String what = describe(command.get());
        LOG.info("Command {} from {} in {} (account {})", loggable(what), loggable(text.sender()),
                loggable(text.conversation()), loggable(appId));
        String reply;
        try {
            reply = answer(command.get());
        } catch (RuntimeException e) {
            LOG.error("Command {} from {} failed inside the host: {}", loggable(what), loggable(text.sender()),
                    loggable(redactor.redact(e.toString())));
            reply = messages.get("failed", what, redactor.redact(e.getClass().getSimpleName()));
        }
        out.reply(text.conversation(), reply);
        LOG.info("Reply to {} from {} in {} (account {}): {}", loggable(what), loggable(text.sender()),
                loggable(text.conversation()), loggable(appId), Loggable.reply(text.conversation(), redactor.redact(reply)));
        metrics.commandCarriedOut(appId, command.get().spec().map(CommandSpec::commandName).orElse("unknown"));
    }

    private String answer(Command command) {
        if (command instanceof Command.Help) {
            return help();
        } else if (command instanceof Command.ListPlugins) {
            return plugins();
        } else if (command instanceof Command.Invalid invalid) {
            String usage = CommandSpec.named(invalid.name())
                    .map(spec -> spec.info(messages).usage()).orElse("/help");
            return messages.get("usage." + invalid.problem().name(), invalid.name(), usage);
        } else if (command instanceof Command.Unknown unknown) {
            return messages.get("unknown", unknown.word());
        }
        // A command of an extension's that the extension did not take: none is loaded for this account.
        return messages.get("unknown", describe(command));
    }

    /** A command as the log and the replies name it: its word, or its name. */
    private static String describe(Command command) {
        return command instanceof Command.Unknown unknown ? unknown.word()
                : "/" + command.spec().map(CommandSpec::commandName).orElse("?");
    }

    private String help() {
        StringBuilder text = new StringBuilder(messages.get("help.header"));
        for (ChatExtension extension : extensions) {
            for (CommandInfo info : extension.commands()) {
                text.append('\n').append(info.description().isEmpty() ? info.usage()
                        : info.usage() + "  " + info.description());
            }
        }
        text.append('\n').append(messages.get(CommandSpec.HELP.helpKey()));
        text.append('\n').append(messages.get(CommandSpec.PLUGINS.helpKey()));
        return text.toString();
    }

    private String plugins() {
        StringBuilder text = new StringBuilder();
        List<PluginRuntime.PluginInfo> infos = plugins.plugins();
        if (infos.isEmpty()) {
            text.append(messages.get("plugins.none", plugins.pluginsDir()));
        } else {
            text.append(messages.get("plugins.header", infos.size()));
            for (PluginRuntime.PluginInfo p : infos) {
                String state = p.problem().isEmpty() ? p.state() : p.state() + " (" + p.problem() + ")";
                text.append('\n').append(messages.get("plugins.item", p.id(), p.version(), state));
            }
        }
        List<PluginRuntime.Extension> loaded = plugins.extensions();
        text.append('\n');
        if (loaded.isEmpty()) {
            text.append(messages.get("extensions.none"));
        } else {
            text.append(messages.get("extensions.header", loaded.size()));
            for (PluginRuntime.Extension e : loaded) {
                text.append('\n').append(messages.get("extensions.item", e.name(), e.className(), e.source(), e.state()));
            }
        }
        return redactor.redact(text.toString());
    }


    private static String loggable(String value) {
        return Loggable.loggable(value);
    }
}
