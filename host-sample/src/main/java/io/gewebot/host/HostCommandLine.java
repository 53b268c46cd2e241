package io.gewebot.host;

import io.gewebot.host.login.AccountFile;
import io.gewebot.host.login.LoginConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The host's command line: the host's options, {@code login} and its options, or {@code export} and its
 * options, each option falling back to its environment variable, then to its default. Nothing here reads
 * global state; the caller hands in the arguments and the environment.
 */
final class HostCommandLine {

    private HostCommandLine() {
    }

    /**
     * Reads the configuration.
     *
     * @param args the command line
     * @param env the environment
     * @param home the folder the default plugins folder is resolved against (the default data folder is
     *     the working directory's {@code data/})
     * @return the configuration
     * @throws ConfigException with a message naming the flag and its variable at fault (never a secret value)
     */
    static HostConfig parse(List<String> args, Map<String, String> env, Path home) throws ConfigException {
        HostCommand command = new HostCommand();
        CommandLines.parse(HostCommand.commandLine(command, env), args);
        return command.config(home);
    }

    /**
     * Reads the command line as {@code main} does: {@code --help} and {@code --version} are printed to
     * {@code out} and ask for nothing more.
     *
     * @param args the command line
     * @param env the environment
     * @param home the folder the default plugins folder is resolved against
     * @param out where help and version go
     * @return the configuration to run with, or empty when help or the version was printed
     * @throws ConfigException with a message naming the flag and its variable at fault (never a secret value)
     */
    static Optional<HostConfig> fromCommandLine(List<String> args, Map<String, String> env, Path home,
            PrintWriter out) throws ConfigException {
        Optional<Invocation> run = invocation(args, env, home, out);
        if (run.isPresent() && !(run.get() instanceof Invocation.RunHost)) {
            // Not the arguments: they may hold the token.
            throw new ConfigException("login and export are not run from here; see --help");
        }
        return run.map(r -> ((Invocation.RunHost) r).config());
    }

    /**
     * Reads a {@code login} command line.
     *
     * @param args the command line, {@code login} first
     * @param env the environment
     * @return how to log in
     * @throws ConfigException naming the option, and its variable, at fault; or when it is not a login
     */
    static LoginConfig login(List<String> args, Map<String, String> env) throws ConfigException {
        HostCommand command = new HostCommand();
        ParseResult parsed = CommandLines.parse(HostCommand.commandLine(command, env), args);
        return loginOf(parsed).orElseThrow(() -> new ConfigException("not a login command line; see --help")).config();
    }

    private static Optional<LoginCommand> loginOf(ParseResult parsed) {
        return Optional.ofNullable(parsed.subcommand()).map(sub -> sub.commandSpec().userObject())
                .filter(LoginCommand.class::isInstance).map(LoginCommand.class::cast);
    }

    /**
     * Reads the command line as {@code main} does: the host's options, {@code login} and its options, or
     * {@code export} and its options (the host's among them, after {@code export}). {@code --help} and
     * {@code --version} (of any) are printed to {@code out} and ask for nothing more. The host and
     * {@code export} against a real GeWe need an {@code appId}, given or saved by {@code login}.
     *
     * @param args the command line
     * @param env the environment
     * @param home the folder the default plugins folder is resolved against
     * @param out where help and version go
     * @return what to run, or empty when help or the version was printed
     * @throws ConfigException with a message naming the flag and its variable at fault (never a secret value)
     */
    static Optional<Invocation> invocation(List<String> args, Map<String, String> env, Path home, PrintWriter out)
            throws ConfigException {
        // Help and the version answer whatever the environment holds: the arguments are read alone first
        // (help never shows the environment's values anyway).
        CommandLine argsOnly = HostCommand.commandLine(new HostCommand(), Map.of());
        argsOnly.setOut(out);
        argsOnly.getSubcommands().values().forEach(sub -> sub.setOut(out));
        if (CommandLine.printHelpIfRequested(CommandLines.parse(argsOnly, args))) {
            out.flush();
            return Optional.empty();
        }
        HostCommand command = new HostCommand();
        ParseResult parsed = CommandLines.parse(HostCommand.commandLine(command, env), args);
        Optional<LoginCommand> login = loginOf(parsed);
        if (login.isPresent()) {
            return Optional.of(new Invocation.RunLogin(login.get().config()));
        }
        Optional<ExportCommand> export = Optional.ofNullable(parsed.subcommand())
                .map(sub -> sub.commandSpec().userObject())
                .filter(ExportCommand.class::isInstance).map(ExportCommand.class::cast);
        if (export.isPresent()) {
            if (!parsed.matchedOptions().isEmpty()) {
                // They would be read into the host's command and be lost to the export.
                throw new ConfigException("the host's options go after export: java -jar host-sample.jar export "
                        + "[OPTIONS]; see export --help");
            }
            return Optional.of(new Invocation.RunExport(export.get().config(env, home)));
        }
        HostConfig config = command.config(home);
        requireAppId(config.first().geweBaseUrl(), config.first().appId(), config.storage().dataDir());
        // GeWe signs nothing: on a real GeWe the unguessable path is what keeps others from giving
        // commands. The embedded sandbox listens on loopback and needs none.
        if (!config.embeddedSandbox() && config.endpoint().callbackSecret().isEmpty()) {
            if (config.link().publicUrl().isPresent()) {
                config = config.withCallbackSecret(CallbackSecretFile.keptIn(config.storage().dataDir()));
            } else if (!command.allowUnauthenticatedCallbacks) {
                throw new ConfigException("a real GeWe needs a callback secret, or anyone who reaches port "
                        + config.endpoint().port() + " can give the bot commands: set BOT_CALLBACK_SECRET (--callback-secret), "
                        + "or give --public-url (BOT_PUBLIC_URL) to have one made, kept in "
                        + CallbackSecretFile.in(config.storage().dataDir()) + " and registered with GeWe; "
                        + "--allow-unauthenticated-callbacks (BOT_ALLOW_UNAUTHENTICATED_CALLBACKS) takes callbacks "
                        + "without one");
            }
        }
        return Optional.of(new Invocation.RunHost(config));
    }

    /** Against a real GeWe, the host and its subcommands need an account's device id, given or saved. */
    static void requireAppId(Optional<String> baseUrl, String appId, Path dataDir) throws ConfigException {
        if (baseUrl.isPresent() && appId.isEmpty()) {
            throw new ConfigException("no appId for GeWe at " + baseUrl.get() + ": run "
                    + "'java -jar host-sample.jar login' to log the account in (it saves the appId in "
                    + AccountFile.in(dataDir) + "), or give --gewe-app-id / GEWE_APP_ID");
        }
    }

    /** @return the {@code --help} text: every flag with its variable, default and meaning */
    static String help() {
        return HostCommand.commandLine(new HostCommand(), Map.of()).getUsageMessage();
    }
}
