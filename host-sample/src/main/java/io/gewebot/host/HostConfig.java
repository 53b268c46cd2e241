package io.gewebot.host;

import io.gewebot.common.settings.PacingPolicy;

import io.gewebot.common.settings.Durations;

import io.gewebot.host.config.AccountSettings;
import io.gewebot.host.config.ConfigFile;
import io.gewebot.host.config.ConfigFileException;
import io.gewebot.host.export.ExportConfig;
import io.gewebot.host.http.AddressRange;
import io.gewebot.host.http.EndpointAccess;
import io.gewebot.host.login.AccountFile;
import io.gewebot.host.login.LoginConfig;
import io.gewebot.host.login.SavedAccount;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.host.store.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The host's configuration: each command-line flag falls back to an environment variable, then to a
 * default. {@link #parse} never reads global state; the caller hands it the arguments and environment.
 *
 * @param geweBaseUrl GeWe base URL with its path prefix; empty to start the embedded sandbox
 * @param geweToken the GeWe token (secret)
 * @param geweAppId the account's device id
 * @param admins wxids allowed to run commands
 * @param port HTTP port for callbacks and health; 0 picks a free one
 * @param bind the address the HTTP endpoint listens on: {@value #BIND_ALL}, or {@value #BIND_LOOPBACK}
 *     on the embedded sandbox, unless configured
 * @param callbackSecret when non-empty, callbacks are accepted only under {@code /gewe/callback/<secret>}
 * @param pluginsDir the plugins folder
 * @param dataDir the folder for the host's state: {@code data/} in the working directory unless
 *     configured, never beside the jar (which is inside the build output)
 * @param ephemeralData whether that folder is a fresh temporary one, removed at exit: so it is on the
 *     embedded sandbox unless a data folder is configured, since the sandbox forgets everything too
 * @param database the database configured ({@code --database-url}); empty for SQLite's
 *     {@value DatabaseSettings#DEFAULT_FILE} in the data folder
 * @param console whether to read commands from standard input
 * @param language reply language, {@code en} or {@code zh}
 * @param defaultGreeting the greeting of {@code /add} without one
 * @param geweResponseTimeout how long a GeWe call may take
 * @param pluginTimeout how long one plugin operation may take before the command fails
 * @param commandMaxAge a chat command written longer ago than this (GeWe pushing it late) is not
 *     carried out; the admin is told
 * @param contactExtension the name of the extension contact commands use; empty for the first usable
 *     one (plugins in the order of their ids, then the classpath)
 * @param queueCapacity callbacks waiting to be processed before new ones get 503
 * @param maxCallbackBytes the largest callback body accepted
 * @param requestTimeout how long one HTTP request may take to arrive (and an idle connection stay open)
 * @param maxConnections HTTP connections open at once, in all
 * @param maxConnectionsPerAddress HTTP connections open at once from one address
 * @param pacing the friend-request pacing rules
 * @param link how GeWe reaches the host and how the host keeps the account online
 * @param accountWxid the account's own wxid as {@code login} saved it; empty when not known
 * @param friendRequestRules the friend-request rules of the configuration file ({@code --config});
 *     {@link FriendRequestRules#none()} without one
 * @param accounts the WeChat accounts the host serves, at least one: those of the configuration
 *     file's {@code accounts:}, each key it leaves out taken from the flags; without {@code accounts:}
 *     the one the flags describe. The first is the console's. The fields above that an account also
 *     has are the first account's
 * @param access the addresses callbacks are taken from and what {@code /metrics} asks for
 */
public record HostConfig(
        Optional<String> geweBaseUrl,
        String geweToken,
        String geweAppId,
        Set<String> admins,
        int port,
        String bind,
        String callbackSecret,
        Path pluginsDir,
        Path dataDir,
        boolean ephemeralData,
        Optional<DatabaseSettings> database,
        boolean console,
        String language,
        String defaultGreeting,
        Duration geweResponseTimeout,
        Duration pluginTimeout,
        Duration commandMaxAge,
        String contactExtension,
        int queueCapacity,
        int maxCallbackBytes,
        Duration requestTimeout,
        int maxConnections,
        int maxConnectionsPerAddress,
        PacingPolicy pacing,
        GeweLink link,
        String accountWxid,
        FriendRequestRules friendRequestRules,
        List<Account> accounts,
        EndpointAccess access) {

    /**
     * Checks the accounts.
     *
     * @throws IllegalArgumentException when there is none
     */
    public HostConfig {
        Objects.requireNonNull(access, "access");
        accounts = List.copyOf(accounts);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("a host serves at least one account");
        }
    }

    /**
     * The configuration of one account, the one the flags describe.
     *
     * @param geweBaseUrl GeWe base URL with its path prefix; empty to start the embedded sandbox
     * @param geweToken the GeWe token (secret)
     * @param geweAppId the account's device id
     * @param admins wxids allowed to run commands
     * @param port HTTP port for callbacks and health; 0 picks a free one
     * @param bind the address the HTTP endpoint listens on
     * @param callbackSecret when non-empty, callbacks are accepted only under {@code /gewe/callback/<secret>}
     * @param pluginsDir the plugins folder
     * @param dataDir the folder for the host's state
     * @param ephemeralData whether that folder is a fresh temporary one, removed at exit
     * @param database where the state is kept; empty for {@code host.db} in the data folder
     * @param console whether to read commands from standard input
     * @param language reply language, {@code en} or {@code zh}
     * @param defaultGreeting the greeting of {@code /add} without one
     * @param geweResponseTimeout how long a GeWe call may take
     * @param pluginTimeout how long one plugin operation may take before the command fails
     * @param commandMaxAge a chat command written longer ago than this is not carried out
     * @param contactExtension the name of the extension contact commands use; empty for the first usable
     * @param queueCapacity callbacks waiting to be processed before new ones get 503
     * @param maxCallbackBytes the largest callback body accepted
     * @param requestTimeout how long one HTTP request may take to arrive
     * @param maxConnections HTTP connections open at once, in all
     * @param maxConnectionsPerAddress HTTP connections open at once from one address
     * @param pacing the friend-request pacing rules
     * @param link how GeWe reaches the host and how the host keeps the account online
     * @param accountWxid the account's own wxid as {@code login} saved it; empty when not known
     * @param friendRequestRules the friend-request rules
     */
    public HostConfig(Optional<String> geweBaseUrl, String geweToken, String geweAppId, Set<String> admins, int port,
            String bind, String callbackSecret, Path pluginsDir, Path dataDir, boolean ephemeralData,
            Optional<DatabaseSettings> database, boolean console,
            String language, String defaultGreeting, Duration geweResponseTimeout, Duration pluginTimeout,
            Duration commandMaxAge, String contactExtension, int queueCapacity, int maxCallbackBytes,
            Duration requestTimeout, int maxConnections, int maxConnectionsPerAddress, PacingPolicy pacing, GeweLink link,
            String accountWxid, FriendRequestRules friendRequestRules) {
        this(geweBaseUrl, geweToken, geweAppId, admins, port, bind, callbackSecret, pluginsDir, dataDir, ephemeralData,
                database, console, language, defaultGreeting, geweResponseTimeout, pluginTimeout, commandMaxAge, contactExtension,
                queueCapacity, maxCallbackBytes, requestTimeout, maxConnections, maxConnectionsPerAddress, pacing, link,
                accountWxid, friendRequestRules, List.of(new Account(geweAppId, geweBaseUrl, geweToken, admins, language,
                        defaultGreeting, commandMaxAge, pacing, link.variant(), link.variantGuessed(), friendRequestRules,
                        accountWxid)), EndpointAccess.DEFAULT);
    }

    /**
     * @param secret the callback secret to take callbacks under
     * @return this configuration with that secret
     */
    HostConfig withCallbackSecret(String secret) {
        return new HostConfig(geweBaseUrl, geweToken, geweAppId, admins, port, bind, secret, pluginsDir, dataDir,
                ephemeralData, database, console, language, defaultGreeting, geweResponseTimeout, pluginTimeout,
                commandMaxAge, contactExtension, queueCapacity, maxCallbackBytes, requestTimeout, maxConnections,
                maxConnectionsPerAddress, pacing, link, accountWxid, friendRequestRules, accounts, access);
    }

    /**
     * One WeChat account the host serves: its GeWe, its admins and what it says, its pacing and rules.
     * Its callbacks are those naming its {@code appId}.
     *
     * @param appId the account's device id
     * @param geweBaseUrl its GeWe base URL; empty on the embedded sandbox
     * @param geweToken its GeWe token (secret)
     * @param admins wxids allowed to run commands through this account
     * @param language its reply language, {@code en} or {@code zh}
     * @param defaultGreeting the greeting of its {@code /add} without one
     * @param commandMaxAge a chat command written longer ago than this is not carried out
     * @param pacing its friend-request pacing rules
     * @param variant which GeWe it is on
     * @param variantGuessed whether the variant was guessed from the base URL
     * @param friendRequestRules its friend-request rules
     * @param accountWxid its own wxid as {@code login} saved it; empty when not known
     */
    public record Account(String appId, Optional<String> geweBaseUrl, String geweToken, Set<String> admins,
            String language, String defaultGreeting, Duration commandMaxAge, PacingPolicy pacing, GeweVariant variant,
            boolean variantGuessed, FriendRequestRules friendRequestRules, String accountWxid) {

        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public Account {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(geweBaseUrl, "geweBaseUrl");
            Objects.requireNonNull(geweToken, "geweToken");
            admins = Set.copyOf(admins);
            Objects.requireNonNull(pacing, "pacing");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(friendRequestRules, "friendRequestRules");
        }

        /** @return a description for the start-up log, with the token hidden */
        @Override
        public String toString() {
            return "Account[appId=" + appId + ", gewe=" + geweBaseUrl.orElse("(embedded sandbox)")
                    + ", token=" + (geweToken.isEmpty() ? "(none)" : "***") + ", admins=" + admins + ", lang=" + language
                    + ", addDailyCap=" + pacing.addDailyCap() + ", friendRequestRules=" + friendRequestRules.rules().size()
                    + "]";
        }
    }

    /** The environment variable the database's password is read from; there is no flag for it. */
    public static final String DATABASE_PASSWORD = "BOT_DATABASE_PASSWORD";

    /** Where the endpoint listens without {@code --bind}: every interface, since GeWe's server must reach it. */
    public static final String BIND_ALL = "0.0.0.0";
    /** Where it listens on the embedded sandbox without {@code --bind}: the sandbox is on loopback too. */
    public static final String BIND_LOOPBACK = "127.0.0.1";

    /** Which GeWe the host talks to: the two differ in where the callback URL is registered. */
    public enum GeweVariant {
        /** A Gewechat container of one's own: {@code /tools/setCallback}. */
        SELF_HOSTED("self-hosted"),
        /** The hosted GeWe service: {@code /login/setCallback}. */
        HOSTED("hosted");

        private final String label;

        GeweVariant(String label) {
            this.label = label;
        }

        /** @return the name {@code --gewe-variant} takes */
        public String label() {
            return label;
        }

        /**
         * The variant a base URL points at: the hosted service's address, or a path ending in
         * {@code /gewe/v2/api} as the hosted service's does; anything else is taken for a container.
         *
         * @param baseUrl GeWe's base URL
         * @return the variant it most likely is
         */
        static GeweVariant guess(String baseUrl) {
            return guessOf(baseUrl);
        }

        /**
         * The variant of a label, as {@code --gewe-variant} and {@code geweVariant:} take it.
         *
         * @param label {@code self-hosted} or {@code hosted}
         * @return the variant
         * @throws IllegalArgumentException for another label
         */
        static GeweVariant of(String label) {
            return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no GeWe variant " + label));
        }

        private static GeweVariant guessOf(String baseUrl) {
            URI uri;
            try {
                uri = URI.create(baseUrl.strip());
            } catch (IllegalArgumentException e) {
                return SELF_HOSTED;
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return host.equals("geweapi.com") || host.endsWith(".geweapi.com") || path.endsWith("/gewe/v2/api")
                    ? HOSTED : SELF_HOSTED;
        }
    }

    /**
     * How GeWe reaches the host, and how the host keeps the account online.
     *
     * @param publicUrl the address at which GeWe reaches this host ({@code http://203.0.113.5:8080}),
     *     without a trailing slash; empty when the callback URL is registered by hand
     * @param variant which GeWe it is
     * @param variantGuessed whether the variant was guessed from the base URL rather than configured
     * @param reconnectWaits the waits before each reconnection attempt after the account dropped, in order
     */
    public record GeweLink(Optional<String> publicUrl, GeweVariant variant, boolean variantGuessed,
            List<Duration> reconnectWaits) {
        /**
         * Checks the parts.
         *
         * @throws NullPointerException when a part is {@code null}
         */
        public GeweLink {
            Objects.requireNonNull(publicUrl, "publicUrl");
            Objects.requireNonNull(variant, "variant");
            reconnectWaits = List.copyOf(reconnectWaits);
        }
    }

    /** The command line or the environment could not be used. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
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
    public static HostConfig parse(List<String> args, Map<String, String> env, Path home) throws ConfigException {
        HostCommand command = new HostCommand();
        HostCommand.parse(HostCommand.commandLine(command, env), args);
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
        if (run.isPresent() && !(run.get() instanceof RunHost)) {
            // Not the arguments: they may hold the token.
            throw new ConfigException("login and export are not run from here; see --help");
        }
        return run.map(r -> ((RunHost) r).config());
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
        ParseResult parsed = HostCommand.parse(HostCommand.commandLine(command, env), args);
        return loginOf(parsed).orElseThrow(() -> new ConfigException("not a login command line; see --help")).config();
    }

    private static Optional<LoginCommand> loginOf(ParseResult parsed) {
        return Optional.ofNullable(parsed.subcommand()).map(sub -> sub.commandSpec().userObject())
                .filter(LoginCommand.class::isInstance).map(LoginCommand.class::cast);
    }

    /** What the command line asks for: running the host, logging the account in, or exporting its friends. */
    sealed interface Invocation permits RunHost, RunLogin, RunExport {
    }

    /** @param config the host to run */
    record RunHost(HostConfig config) implements Invocation {
    }

    /** @param config the login to run */
    record RunLogin(LoginConfig config) implements Invocation {
    }

    /** @param config the export to run */
    record RunExport(ExportConfig config) implements Invocation {
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
        if (CommandLine.printHelpIfRequested(HostCommand.parse(argsOnly, args))) {
            out.flush();
            return Optional.empty();
        }
        HostCommand command = new HostCommand();
        ParseResult parsed = HostCommand.parse(HostCommand.commandLine(command, env), args);
        Optional<LoginCommand> login = loginOf(parsed);
        if (login.isPresent()) {
            return Optional.of(new RunLogin(login.get().config()));
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
            return Optional.of(new RunExport(export.get().config(env, home)));
        }
        HostConfig config = command.config(home);
        requireAppId(config.geweBaseUrl(), config.geweAppId(), config.dataDir());
        // GeWe signs nothing: on a real GeWe the unguessable path is what keeps others from giving
        // commands. The embedded sandbox listens on loopback and needs none.
        if (!config.embeddedSandbox() && config.callbackSecret().isEmpty()) {
            if (config.link().publicUrl().isPresent()) {
                config = config.withCallbackSecret(CallbackSecretFile.keptIn(config.dataDir()));
            } else if (!command.allowUnauthenticatedCallbacks) {
                throw new ConfigException("a real GeWe needs a callback secret, or anyone who reaches port "
                        + config.port() + " can give the bot commands: set BOT_CALLBACK_SECRET (--callback-secret), "
                        + "or give --public-url (BOT_PUBLIC_URL) to have one made, kept in "
                        + CallbackSecretFile.in(config.dataDir()) + " and registered with GeWe; "
                        + "--allow-unauthenticated-callbacks (BOT_ALLOW_UNAUTHENTICATED_CALLBACKS) takes callbacks "
                        + "without one");
            }
        }
        return Optional.of(new RunHost(config));
    }

    /** Against a real GeWe, the host and its subcommands need an account's device id, given or saved. */
    private static void requireAppId(Optional<String> baseUrl, String appId, Path dataDir) throws ConfigException {
        if (baseUrl.isPresent() && appId.isEmpty()) {
            throw new ConfigException("no appId for GeWe at " + baseUrl.get() + ": run "
                    + "'java -jar host-sample.jar login' to log the account in (it saves the appId in "
                    + AccountFile.in(dataDir) + "), or give --gewe-app-id / GEWE_APP_ID");
        }
    }

    /** @return the {@code --help} text: every flag with its variable, default and meaning */
    public static String help() {
        return HostCommand.commandLine(new HostCommand(), Map.of()).getUsageMessage();
    }

    /** @return whether the host runs against its embedded sandbox */
    public boolean embeddedSandbox() {
        return geweBaseUrl.isEmpty();
    }

    /** @return a description for the start-up log, with the token hidden */
    @Override
    public String toString() {
        return "HostConfig[gewe=" + geweBaseUrl.orElse("(embedded sandbox)") + ", appId=" + geweAppId
                + (accountWxid.isEmpty() ? "" : ", account=" + accountWxid)
                + ", token=" + (geweToken.isEmpty() ? "(none)" : "***") + ", admins=" + admins + ", port=" + port + ", bind=" + bind
                + ", callbackSecret=" + (callbackSecret.isEmpty() ? "(none)" : "***") + ", " + access
                + ", plugins=" + pluginsDir
                + ", data=" + (ephemeralData ? "(temporary)" : dataDir)
                + ", database=" + database.map(DatabaseSettings::describe).orElse("(in the data folder)")
                + ", console=" + console + ", lang=" + language
                + ", publicUrl=" + link.publicUrl().orElse("(none)")
                + ", friendRequestRules=" + friendRequestRules.rules().size()
                + (accounts.size() == 1 ? "" : ", accounts=" + accounts) + "]";
    }

    private static Set<String> admins(String raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return Set.copyOf(out);
    }

    /**
     * The environment variable an option falls back to, and, for {@code --help}, what the option is
     * when neither it nor the variable is given and it has no {@code defaultValue} of its own.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Env {
        /** @return the variable's name */
        String value();

        /** @return what an unset option means, for {@code --help}; empty when there is nothing to say */
        String unset() default "";

        /**
         * @return the key of the pacing settings the option sets ({@link PacingPolicy#fromSettings}), whose
         *     default is the option's; empty for another option
         */
        String setting() default "";
    }

    /**
     * The host's command line. Each option is declared once, on its field: flag, environment variable,
     * default and meaning; parsing, {@code --help} and the error messages all read that declaration.
     * A picocli command so that subcommands can be added beside running the host
     * ({@code subcommands = ...}).
     */
    @Command(name = "host-sample", versionProvider = ProjectVersion.class,
            sortOptions = false, usageHelpWidth = 110, synopsisHeading = "Usage: ",
            customSynopsis = "java -jar host-sample.jar [OPTIONS]",
            descriptionHeading = "%n",
            description = {"Runs the GeWe contacts bot until SIGTERM or Ctrl-C.",
                "Each option falls back to its environment variable, then to its default."},
            optionListHeading = "%nOptions:%n",
            commandListHeading = "%nCommands:%n",
            subcommands = {LoginCommand.class, ExportCommand.class})
    static final class HostCommand {

        @Spec
        CommandSpec spec;

        /** Where the configuration file's {@code ${VAR}} are read. */
        Map<String, String> env = Map.of();

        @Option(names = "--gewe-base-url", paramLabel = "<url>",
                description = "GeWe base URL including its path prefix; unset: the one login saved, else the embedded "
                        + "GeWe sandbox when nothing points at a real GeWe")
        @Env(value = "GEWE_BASE_URL", unset = "the one login saved, else the embedded sandbox")
        String geweBaseUrl = "";

        @Mixin
        GeweAccount gewe = new GeweAccount();

        @Option(names = "--admins", paramLabel = "<wxids>", description = "comma-separated wxids allowed to run commands")
        @Env(value = "BOT_ADMINS", unset = "none")
        String admins = "";

        @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080",
                description = "HTTP port for callbacks and health; 0 picks a free port")
        @Env("BOT_PORT")
        int port;

        @Option(names = "--bind", paramLabel = "<address>", description = "the address to listen on")
        @Env(value = "BOT_BIND", unset = BIND_ALL + "; " + BIND_LOOPBACK + " on the embedded sandbox")
        String bind = "";

        @Option(names = "--callback-secret", paramLabel = "<secret>",
                description = "when set, callbacks are accepted only at /gewe/callback/<secret>")
        @Env(value = "BOT_CALLBACK_SECRET", unset = "none; on a real GeWe with --public-url, one made and kept in "
                + "<data-dir>/" + CallbackSecretFile.NAME)
        String callbackSecret = "";

        @Option(names = "--allow-unauthenticated-callbacks", arity = "0..1", paramLabel = "<true|false>",
                defaultValue = "false", fallbackValue = "true",
                description = "on a real GeWe without a callback secret or --public-url, take callbacks at "
                        + "/gewe/callback anyway: anyone who reaches the port can give commands (a WARN at every start)")
        @Env("BOT_ALLOW_UNAUTHENTICATED_CALLBACKS")
        boolean allowUnauthenticatedCallbacks;

        @Option(names = "--callback-allow", paramLabel = "<addresses>",
                description = "comma-separated IP addresses and CIDR ranges (IPv4, IPv6) callbacks are taken from; "
                        + "others get 403. Matched against the TCP peer (behind a proxy: the proxy), never X-Forwarded-For")
        @Env(value = "BOT_CALLBACK_ALLOW", unset = "every address")
        String callbackAllow = "";

        @Option(names = "--metrics-token", paramLabel = "<token>",
                description = "when set, /metrics answers only requests with Authorization: Bearer <token> (401 "
                        + "otherwise); unset, only loopback addresses (403 otherwise)")
        @Env(value = "BOT_METRICS_TOKEN", unset = "none: /metrics for loopback only")
        String metricsToken = "";

        @Option(names = "--plugins-dir", paramLabel = "<dir>", description = "the plugins folder")
        @Env(value = "BOT_PLUGINS_DIR", unset = "plugins/ beside the jar")
        Path pluginsDir;

        @Option(names = "--data-dir", paramLabel = "<dir>",
                description = "where the host keeps its state, and finds the account login saved")
        @Env(value = "BOT_DATA_DIR", unset = "data/ in the working directory; a temporary folder on the embedded sandbox")
        Path dataDir;

        @Option(names = "--database-url", paramLabel = "<url>",
                description = "the host's database: " + DatabaseSettings.EXPECTED
                        + "; the password from BOT_DATABASE_PASSWORD")
        @Env(value = "BOT_DATABASE_URL", unset = "jdbc:sqlite:<data dir>/" + DatabaseSettings.DEFAULT_FILE)
        String databaseUrl = "";

        @Option(names = "--database-user", paramLabel = "<user>", description = "the database's user (PostgreSQL)")
        @Env(value = "BOT_DATABASE_USER", unset = "none")
        String databaseUser = "";

        /** The database's password: from the environment only, so that it never shows in a process list. */
        String databasePassword = "";

        @Option(names = "--no-console", description = "do not read commands from standard input")
        boolean noConsole;

        @Option(names = "--lang", paramLabel = "<lang>", defaultValue = "en", description = "reply language: en or zh")
        @Env("BOT_LANG")
        String language;

        @Option(names = "--default-greeting", paramLabel = "<text>",
                description = "greeting sent by /add when none is given")
        @Env(value = "BOT_DEFAULT_GREETING", unset = "empty")
        String defaultGreeting = "";

        @Option(names = "--gewe-timeout", paramLabel = "<duration>", defaultValue = "30s",
                description = "how long one GeWe call may take")
        @Env("BOT_GEWE_TIMEOUT")
        Duration geweTimeout;

        @Option(names = "--plugin-timeout", paramLabel = "<duration>", defaultValue = "45s",
                description = "how long one plugin operation may take before the command fails")
        @Env("BOT_PLUGIN_TIMEOUT")
        Duration pluginTimeout;

        @Option(names = "--command-max-age", paramLabel = "<duration>", defaultValue = "10m",
                description = "a chat command written longer ago than this is not carried out; the admin is told")
        @Env("BOT_COMMAND_MAX_AGE")
        Duration commandMaxAge;

        @Option(names = "--contact-extension", paramLabel = "<name>",
                description = "name of the ContactAction extension contact commands use, as /plugins lists it")
        @Env(value = "BOT_CONTACT_EXTENSION", unset = "the first usable, by plugin id")
        String contactExtension = "";

        @Option(names = "--queue-capacity", paramLabel = "<n>", defaultValue = "10000",
                description = "callbacks waiting to be processed; beyond it callbacks get 503")
        @Env("BOT_QUEUE_CAPACITY")
        int queueCapacity;

        @Option(names = "--max-callback-bytes", paramLabel = "<n>", defaultValue = "1048576",
                description = "largest callback body accepted; larger ones get 413")
        @Env("BOT_MAX_CALLBACK_BYTES")
        int maxCallbackBytes;

        @Option(names = "--request-timeout", paramLabel = "<duration>", defaultValue = "10s",
                description = "an HTTP request must arrive whole within this (from connecting or the previous answer);"
                        + " slower connections are closed")
        @Env("BOT_REQUEST_TIMEOUT")
        Duration requestTimeout;

        @Option(names = "--max-connections", paramLabel = "<n>", defaultValue = "512",
                description = "HTTP connections open at once; more are closed on arrival")
        @Env("BOT_MAX_CONNECTIONS")
        int maxConnections;

        @Option(names = "--max-connections-per-address", paramLabel = "<n>", defaultValue = "64",
                description = "HTTP connections open at once from one IP address; more are closed on arrival")
        @Env("BOT_MAX_CONNECTIONS_PER_ADDRESS")
        int maxConnectionsPerAddress;

        @Option(names = "--add-interval", paramLabel = "<duration>",
                description = "minimum time between two friend requests")
        @Env(value = "BOT_ADD_INTERVAL", setting = "addInterval")
        Duration addInterval;

        @Option(names = "--add-jitter", paramLabel = "<duration>",
                description = "random extra wait, up to this long, on top of --add-interval")
        @Env(value = "BOT_ADD_JITTER", setting = "addJitter")
        Duration addJitter;

        @Option(names = "--add-daily-cap", paramLabel = "<n>",
                description = "friend requests allowed in any 24 hours")
        @Env(value = "BOT_ADD_DAILY_CAP", setting = "addDailyCap")
        int addDailyCap;

        @Option(names = "--answer-interval", paramLabel = "<duration>",
                description = "minimum time between two accepts or rejects")
        @Env(value = "BOT_ANSWER_INTERVAL", setting = "answerInterval")
        Duration answerInterval;

        @Option(names = "--answer-daily-cap", paramLabel = "<n>",
                description = "accepts and rejects allowed in any 24 hours")
        @Env(value = "BOT_ANSWER_DAILY_CAP", setting = "answerDailyCap")
        int answerDailyCap;

        @Option(names = "--search-interval", paramLabel = "<duration>",
                description = "minimum time between two searches for people (by /add and /cancel)")
        @Env(value = "BOT_SEARCH_INTERVAL", setting = "searchInterval")
        Duration searchInterval;

        @Option(names = "--search-daily-cap", paramLabel = "<n>",
                description = "searches for people allowed in any 24 hours")
        @Env(value = "BOT_SEARCH_DAILY_CAP", setting = "searchDailyCap")
        int searchDailyCap;

        @Option(names = "--add-dedup-window", paramLabel = "<duration>",
                description = "the same target is never sent a second request within this window")
        @Env(value = "BOT_ADD_DEDUP_WINDOW", setting = "addDedupWindow")
        Duration addDedupWindow;

        @Option(names = "--warmup", paramLabel = "<duration>",
                description = "how long the account must have been online before the first /add")
        @Env(value = "BOT_WARMUP", setting = "warmup")
        Duration warmup;

        @Option(names = "--online-since", paramLabel = "<when>",
                description = "when the account came online (2026-01-31 or an ISO instant), for the warm-up")
        @Env(value = "BOT_ONLINE_SINCE", setting = "onlineSince", unset = "when first seen online")
        Instant onlineSince;

        @Option(names = "--skip-warmup", arity = "0..1", paramLabel = "<true|false>",
                fallbackValue = "true", description = "override the warm-up rule")
        @Env(value = "BOT_SKIP_WARMUP", setting = "skipWarmup")
        boolean skipWarmup;

        @Option(names = "--backoff-base", paramLabel = "<duration>",
                description = "first pause of all adds after a risk-control answer; doubles on repetition")
        @Env(value = "BOT_BACKOFF_BASE", setting = "backoffBase")
        Duration backoffBase;

        @Option(names = "--backoff-max", paramLabel = "<duration>",
                description = "longest such pause")
        @Env(value = "BOT_BACKOFF_MAX", setting = "backoffMax")
        Duration backoffMax;

        @Option(names = "--public-url", paramLabel = "<url>",
                description = "the address at which GeWe reaches this host (http://203.0.113.5:8080); when set, the "
                        + "callback URL is registered with GeWe at start, with the callback secret (one made and kept "
                        + "when none is given)")
        @Env(value = "BOT_PUBLIC_URL", unset = "none: register the callback URL by hand")
        String publicUrl = "";

        @Option(names = "--gewe-variant", paramLabel = "<variant>",
                description = "self-hosted or hosted: where the callback URL is registered")
        @Env(value = "BOT_GEWE_VARIANT", unset = "guessed from the base URL")
        String geweVariant = "";

        @Option(names = "--config", paramLabel = "<file>",
                description = "a YAML file for what flags cannot say, such as friend-request rules; where a flag or "
                        + "variable says the same, it wins over the file")
        @Env(value = "BOT_CONFIG", unset = "none: no rules, friend requests go to the admins")
        Path configFile;

        /** For tests, which cannot wait minutes for an account to be given back. */
        @Option(names = "--reconnect-waits", hidden = true, split = ",", paramLabel = "<durations>",
                defaultValue = "5s,30s,2m")
        List<Duration> reconnectWaits;

        // Declared here rather than through picocli's standard mixin, whose texts are "${...}"
        // variables: variables are not expanded on this command line (see commandLine).
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
        boolean version;

        /**
         * The command line for this command, its options falling back to variables of {@code env}.
         *
         * @param command the object the options are read into
         * @param env the environment
         * @return the command line, not yet parsed
         */
        static CommandLine commandLine(HostCommand command, Map<String, String> env) {
            Objects.requireNonNull(env, "env");
            command.env = env;
            CommandLine cli = new CommandLine(command);
            command.databasePassword = Optional.ofNullable(env.get(DATABASE_PASSWORD)).orElse("");
            cli.registerConverter(Duration.class, HostCommand::duration);
            cli.registerConverter(Integer.TYPE, text -> convert(text, HostCommand::wholeNumber,
                    "must be a whole number of at least 0"));
            cli.registerConverter(Boolean.TYPE, text -> convert(text, HostCommand::truth, "must be true or false"));
            cli.registerConverter(Instant.class, text -> convert(text, HostCommand::instant,
                    "must be a date (2026-01-31) or an instant (2026-01-31T08:00:00Z)"));
            cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec option && env(option) != null
                    ? Optional.ofNullable(env.get(env(option).value())).map(String::strip).filter(v -> !v.isEmpty())
                            .or(() -> settingDefault(option)).orElse(null)
                    : null);
            // Values from the command line and the environment are taken as they are: a "${...}" in
            // them is never expanded (from system properties or other variables).
            cli.setInterpolateVariables(false);
            // The last of a repeated flag wins, as it always has.
            cli.setOverwrittenOptionsAllowed(true);
            cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
            cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HostCommand::optionList);
            cli.getSubcommands().values().forEach(sub -> sub.getHelpSectionMap()
                    .put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HostCommand::optionList));
            return cli;
        }

        /**
         * Parses the arguments into the command.
         *
         * @param cli from {@link #commandLine}
         * @param args the command line
         * @return what was parsed
         * @throws ConfigException naming the option, and its variable, at fault
         */
        static ParseResult parse(CommandLine cli, List<String> args) throws ConfigException {
            try {
                return cli.parseArgs(args.toArray(String[]::new));
            } catch (UnmatchedArgumentException e) {
                String first = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
                // Only the name: "--gewe-tokn=<the token>" must not echo the token.
                throw new ConfigException(first.startsWith("-")
                        ? "unknown option '" + first.split("=", 2)[0] + "'; see --help"
                        : "unexpected argument '" + first + "'; see --help");
            } catch (MissingParameterException e) {
                throw new ConfigException(e.getMissing().stream()
                        .map(arg -> arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel())
                        .findFirst().orElse("an option") + " needs a value");
            } catch (ParameterException e) {
                if (e.getArgSpec() instanceof OptionSpec option && e.getCause() instanceof TypeConversionException bad) {
                    throw new ConfigException(where(option) + " " + bad.getMessage());
                }
                throw new ConfigException(e.getMessage());
            }
        }

        /**
         * The configuration read, with the rules that span options checked.
         *
         * @param home the folder the default plugins folder is resolved against
         * @return the configuration
         * @throws ConfigException naming the option, and its variable, at fault
         */
        HostConfig config(Path home) throws ConfigException {
            String lang = language.strip().toLowerCase(Locale.ROOT);
            if (!lang.equals("en") && !lang.equals("zh")) {
                throw bad("--lang", "must be en or zh, not '" + lang + "'");
            }
            Optional<String> given = GeweAccount.baseUrl(spec, geweBaseUrl);
            // The working directory's data/, not the jar's: the jar sits in the build output, which a
            // clean build deletes.
            Path data = folder(dataDir, Path.of("data"));
            // What login saved fills in what neither a flag nor a variable gives, the base URL included:
            // a host started from another shell than login's still finds its GeWe.
            Optional<SavedAccount> inFile = given.isEmpty() || gewe.token().isEmpty() || gewe.appId().isEmpty()
                    ? GeweAccount.saved(data) : Optional.empty();
            Optional<String> baseUrl = given.or(() -> inFile.map(SavedAccount::baseUrl).filter(u -> !u.isBlank()));
            // The embedded sandbox is an account of its own.
            Optional<SavedAccount> saved = baseUrl.isPresent() ? inFile : Optional.empty();
            String token = gewe.token().isEmpty() ? saved.map(SavedAccount::token).orElse("") : gewe.token();
            String appId = gewe.appId().isEmpty() ? saved.map(SavedAccount::appId).orElse("") : gewe.appId();
            String wxid = saved.filter(a -> a.appId().equals(appId)).map(SavedAccount::wxid).orElse("");
            String secret = callbackSecret.strip();
            if (!secret.matches("[A-Za-z0-9._~-]*")) {
                throw bad("--callback-secret", "may hold only letters, digits and ._~-");
            }
            if (port > 65535) {
                throw bad("--port", "must be at most 65535");
            }
            String address = bind.strip();
            if (!address.matches("[A-Za-z0-9.:%\\[\\]-]*")) {
                throw bad("--bind", "must be an IP address or a host name, such as 127.0.0.1");
            }
            GeweLink link = link(baseUrl);
            EndpointAccess access = access();
            Optional<DatabaseSettings> database = database();
            atLeast("--queue-capacity", queueCapacity, 1);
            atLeast("--max-callback-bytes", maxCallbackBytes, 1024);
            if (requestTimeout.isZero() || requestTimeout.isNegative()) {
                throw bad("--request-timeout", "must be longer than 0");
            }
            atLeast("--max-connections", maxConnections, 1);
            atLeast("--max-connections-per-address", maxConnectionsPerAddress, 1);
            atLeast("--search-daily-cap", searchDailyCap, 1);
            atLeast("--answer-daily-cap", answerDailyCap, 1);
            // Read once every flag is known to be good. The file's accounts say what the per-account
            // flags say, each for itself: the flags and variables are their defaults.
            ConfigFile file = configFile();
            PacingPolicy pacing = new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval, addDedupWindow, warmup,
                    Optional.ofNullable(onlineSince), skipWarmup, backoffBase, backoffMax, searchInterval,
                    searchDailyCap, answerDailyCap);
            Account flags = new Account(appId, baseUrl, token, HostConfig.admins(admins), lang, defaultGreeting.strip(),
                    commandMaxAge, pacing, link.variant(), link.variantGuessed(), file.friendRequestRules(), wxid);
            List<Account> accounts = file.accounts().isEmpty() ? List.of(flags) : accounts(file, flags, data);
            // The first account stands for all where the host has one of something: the console, the
            // embedded sandbox (only ever without accounts:), the start-up log.
            Account first = accounts.get(0);
            if (first.geweBaseUrl().isEmpty()) {
                refuseTheSandboxWhenARealGeweIsMeant(inFile.map(a -> AccountFile.in(data)));
            }
            if (address.isEmpty()) {
                address = first.geweBaseUrl().isEmpty() ? BIND_LOOPBACK : BIND_ALL;
            }
            return new HostConfig(
                    first.geweBaseUrl(),
                    first.geweToken(),
                    first.appId(),
                    first.admins(),
                    port,
                    address,
                    secret,
                    folder(pluginsDir, home.resolve("plugins")),
                    data,
                    first.geweBaseUrl().isEmpty() && dataDir == null,
                    database,
                    !noConsole,
                    first.language(),
                    first.defaultGreeting(),
                    geweTimeout,
                    pluginTimeout,
                    first.commandMaxAge(),
                    contactExtension.strip(),
                    queueCapacity,
                    maxCallbackBytes,
                    requestTimeout,
                    maxConnections,
                    maxConnectionsPerAddress,
                    first.pacing(),
                    new GeweLink(link.publicUrl(), first.variant(), first.variantGuessed(), link.reconnectWaits()),
                    first.accountWxid(),
                    first.friendRequestRules(),
                    accounts,
                    access);
        }

        private EndpointAccess access() throws ConfigException {
            List<AddressRange> allow = new ArrayList<>();
            if (!callbackAllow.isBlank()) {
                for (String entry : callbackAllow.split(",", -1)) {
                    try {
                        allow.add(AddressRange.parse(entry));
                    } catch (IllegalArgumentException e) {
                        throw bad("--callback-allow", "must list IP addresses and CIDR ranges separated by commas: "
                                + e.getMessage());
                    }
                }
            }
            String token = metricsToken.strip();
            // RFC 6750's token characters: what a Prometheus server can send after "Bearer ".
            if (!token.matches("[A-Za-z0-9._~+/-]*=*")) {
                throw bad("--metrics-token", "may hold only letters, digits and ._~+/- (and = at the end)");
            }
            return new EndpointAccess(allow, token);
        }

        /**
         * The file's accounts, each key it leaves out taken from the flags and variables; a token from
         * neither is the one {@code login} saved, when it saved this account.
         */
        private List<Account> accounts(ConfigFile file, Account flags, Path data) throws ConfigException {
            Optional<SavedAccount> saved = Optional.empty();
            if (gewe.token().isEmpty() && file.accounts().stream().anyMatch(a -> a.token().isEmpty())) {
                saved = GeweAccount.saved(data);
            }
            List<Account> out = new ArrayList<>();
            for (int i = 0; i < file.accounts().size(); i++) {
                AccountSettings a = file.accounts().get(i);
                Optional<String> url = a.baseUrl().or(flags::geweBaseUrl);
                if (url.isEmpty()) {
                    throw new ConfigException(where(spec.findOption("--config")) + ": " + configFile + " line "
                            + a.line() + ": accounts[" + i + "].baseUrl: must be given, here or by --gewe-base-url / "
                            + "GEWE_BASE_URL (the embedded sandbox serves one account, without accounts:)");
                }
                Optional<SavedAccount> own = saved.filter(s -> s.appId().equals(a.appId()));
                String token = a.token().orElseGet(() -> gewe.token().isEmpty()
                        ? own.map(SavedAccount::token).orElse("") : gewe.token());
                GeweVariant variant = a.geweVariant().map(GeweVariant::of).orElse(flags.variant());
                boolean guessed = a.geweVariant().isEmpty() && flags.variantGuessed();
                if (guessed) {
                    variant = GeweVariant.guess(url.get());
                }
                PacingPolicy pacing = flags.pacing().with(a.pacing());
                out.add(new Account(a.appId(), url, token, a.admins().orElse(flags.admins()),
                        a.language().orElse(flags.language()), a.defaultGreeting().orElse(flags.defaultGreeting()),
                        a.commandMaxAge().orElse(flags.commandMaxAge()), pacing, variant, guessed,
                        a.friendRequestRules().orElse(file.friendRequestRules()),
                        own.map(SavedAccount::wxid).orElse("")));
            }
            return out;
        }

        /**
         * The embedded sandbox is a stand-in for trying the bot: it starts only when nothing points at a
         * real GeWe. A saved account, a public URL, a service without a console and a configuration file
         * do, and running them on a fake WeChat, listening on loopback with the state in a temporary
         * folder, would look like working while nothing reaches the account.
         *
         * @param savedAccount the account {@code login} saved without a base URL, if there is one
         * @throws ConfigException naming what points at a real GeWe, and the base URL it lacks
         */
        private void refuseTheSandboxWhenARealGeweIsMeant(Optional<Path> savedAccount) throws ConfigException {
            List<String> pointers = new ArrayList<>();
            savedAccount.ifPresent(file -> pointers.add("the account saved in " + file + " (without its base URL)"));
            if (!publicUrl.isBlank()) {
                pointers.add(where(spec.findOption("--public-url")));
            }
            if (noConsole) {
                pointers.add("--no-console");
            }
            if (configFile != null) {
                pointers.add(where(spec.findOption("--config")));
            }
            if (!pointers.isEmpty()) {
                throw new ConfigException("no GeWe base URL, yet " + String.join(", ", pointers)
                        + (pointers.size() == 1 ? " points" : " point") + " at a real GeWe: give --gewe-base-url / "
                        + "GEWE_BASE_URL (login saves it in " + AccountFile.in(folder(dataDir, Path.of("data")))
                        + " for the host to find). The embedded sandbox, a stand-in for trying the bot, starts only "
                        + "when nothing points at a real GeWe");
            }
        }

        private Optional<DatabaseSettings> database() throws ConfigException {
            if (databaseUrl.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(DatabaseSettings.parse(databaseUrl, databaseUser, databasePassword));
            } catch (IllegalArgumentException e) {
                // "--database-url / BOT_DATABASE_URL: must be jdbc:sqlite:<file> or ..., not '...'" (password masked)
                throw new ConfigException(where(spec.findOption("--database-url")) + ": " + e.getMessage());
            }
        }

        private ConfigFile configFile() throws ConfigException {
            if (configFile == null) {
                return ConfigFile.none();
            }
            try {
                return ConfigFile.read(configFile, env);
            } catch (ConfigFileException e) {
                // "--config / BOT_CONFIG: bot.yaml line 7: friendRequests.rules[0].action: must be ..."
                throw new ConfigException(where(spec.findOption("--config")) + ": " + e.getMessage());
            }
        }

        private GeweLink link(Optional<String> baseUrl) throws ConfigException {
            String url = publicUrl.strip();
            if (!url.isEmpty() && !url.matches("(?i)https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                throw bad("--public-url", "must be an http(s) URL such as http://203.0.113.5:8080, without ? or #");
            }
            url = url.replaceAll("/+$", "");
            String variant = geweVariant.strip().toLowerCase(Locale.ROOT);
            GeweVariant chosen;
            if (variant.isEmpty()) {
                chosen = baseUrl.map(GeweVariant::guess).orElse(GeweVariant.SELF_HOSTED);
            } else {
                chosen = Arrays.stream(GeweVariant.values()).filter(v -> v.label().equals(variant)).findFirst()
                        .orElseThrow(() -> bad("--gewe-variant", "must be self-hosted or hosted, not '" + variant + "'"));
            }
            if (reconnectWaits.isEmpty()) {
                throw bad("--reconnect-waits", "must name at least one wait");
            }
            return new GeweLink(Optional.of(url).filter(u -> !u.isEmpty()), chosen, variant.isEmpty(), reconnectWaits);
        }

        private void atLeast(String flag, int value, int min) throws ConfigException {
            if (value < min) {
                throw bad(flag, "must be a whole number of at least " + min);
            }
        }

        private ConfigException bad(String flag, String why) {
            return HostCommand.bad(spec, flag, why);
        }

        static ConfigException bad(CommandSpec spec, String flag, String why) {
            return new ConfigException(where(spec.findOption(flag)) + " " + why);
        }

        static Path folder(Path given, Path fallback) {
            return (given == null ? fallback : given).toAbsolutePath().normalize();
        }

        /** An option as error messages name it: its flag, and its variable when it has one. */
        private static String where(OptionSpec option) {
            Env env = env(option);
            return option.longestName() + (env == null ? "" : " / " + env.value());
        }

        /** The default of a pacing option: the policy's, written as the settings write it. */
        private static Optional<String> settingDefault(OptionSpec option) {
            return Optional.ofNullable(env(option)).flatMap(env -> PacingPolicy.defaultSetting(env.setting()));
        }

        private static Env env(OptionSpec option) {
            return option.userObject() instanceof AnnotatedElement field ? field.getAnnotation(Env.class) : null;
        }

        /** The option list of {@code --help}, each option followed by its variable and default. */
        private static String optionList(Help help) {
            Help.Layout plain = help.createDefaultLayout();
            Help.IOptionRenderer rows = plain.optionRenderer();
            Help.Layout layout = new Help.Layout(plain.colorScheme(), plain.textTable(),
                    (option, labels, scheme) -> withEnvAndDefault(rows.render(option, labels, scheme), option, scheme),
                    plain.parameterRenderer());
            return help.optionList(layout, null, help.parameterLabelRenderer());
        }

        private static Help.Ansi.Text[][] withEnvAndDefault(Help.Ansi.Text[][] rows, OptionSpec option,
                Help.ColorScheme scheme) {
            Env env = env(option);
            List<String> notes = new ArrayList<>();
            if (env != null) {
                notes.add("env " + env.value());
            }
            String shown = option.defaultValue() != null ? option.defaultValue()
                    : settingDefault(option).orElse(env == null ? "" : env.unset());
            if (!shown.isEmpty()) {
                notes.add("default: " + shown);
            }
            if (notes.isEmpty() || rows.length == 0) {
                return rows;
            }
            Help.Ansi.Text[] note = new Help.Ansi.Text[rows[0].length];
            Arrays.fill(note, scheme.text(""));
            note[note.length - 1] = scheme.text("[" + String.join("; ", notes) + "]");
            Help.Ansi.Text[][] out = Arrays.copyOf(rows, rows.length + 1);
            out[rows.length] = note;
            return out;
        }

        private static <T> T convert(String text, Function<String, T> read, String must) {
            try {
                return read.apply(text.strip());
            } catch (RuntimeException e) {
                throw new TypeConversionException(must);
            }
        }

        /** Durations say themselves what is wrong: a bare number is told how to write it with a unit. */
        private static Duration duration(String text) {
            try {
                return Durations.parse(text.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        private static int wholeNumber(String text) {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        }

        private static boolean truth(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new IllegalArgumentException("not a truth value");
            };
        }

        private static Instant instant(String text) {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        }
    }

    /**
     * The GeWe account options the host and {@code login} share, declared once. The base URL is each
     * command's own: unset, the host starts its embedded sandbox, while {@code login} needs a real GeWe.
     */
    static final class GeweAccount {

        @Option(names = "--gewe-token", paramLabel = "<token>",
                description = "GeWe token, sent as X-GEWE-TOKEN; unset: the one login saved")
        @Env("GEWE_TOKEN")
        String geweToken = "";

        @Option(names = "--gewe-app-id", paramLabel = "<appId>",
                description = "the account's device id (appId); unset: the one login saved")
        @Env("GEWE_APP_ID")
        String geweAppId = "";

        static Optional<String> baseUrl(CommandSpec spec, String geweBaseUrl) throws ConfigException {
            Optional<String> baseUrl = Optional.of(geweBaseUrl.strip()).filter(s -> !s.isEmpty());
            if (baseUrl.isPresent() && !baseUrl.get().matches("(?i)https?://\\S+")) {
                throw HostCommand.bad(spec, "--gewe-base-url", "must be an http(s) URL");
            }
            return baseUrl;
        }

        String token() {
            return geweToken.strip();
        }

        String appId() {
            return geweAppId.strip();
        }

        static Optional<SavedAccount> saved(Path dataDir) throws ConfigException {
            try {
                return AccountFile.read(dataDir);
            } catch (IOException e) {
                throw new ConfigException(e.getMessage() + "; run login again, or give --gewe-token and --gewe-app-id");
            }
        }
    }

    /**
     * {@code login}: logs the account in by QR code and saves it for the host. The GeWe options are the
     * host's; those of the hosted service ({@code --login-type}, {@code --region-id}) are sent only when given.
     */
    @Command(name = "login", sortOptions = false, usageHelpWidth = 110, synopsisHeading = "Usage: ",
            customSynopsis = "java -jar host-sample.jar login [OPTIONS]",
            descriptionHeading = "%n",
            description = {"Logs the WeChat account in by QR code and saves token, appId and wxid in "
                + "<data-dir>/account.json, where the host finds them.",
                "Each option falls back to its environment variable, then to its default."},
            optionListHeading = "%nOptions:%n")
    static final class LoginCommand {

        @Spec
        CommandSpec spec;

        @Option(names = "--gewe-base-url", paramLabel = "<url>", description = "GeWe base URL including its path prefix")
        @Env(value = "GEWE_BASE_URL", unset = "none: login needs it")
        String geweBaseUrl = "";

        @Mixin
        GeweAccount gewe = new GeweAccount();

        @Option(names = "--data-dir", paramLabel = "<dir>", description = "where account.json and login-qr.png are written")
        @Env(value = "BOT_DATA_DIR", unset = "data/ in the working directory")
        Path dataDir;

        @Option(names = "--login-type", paramLabel = "<ipad|mac>",
                description = "hosted GeWe only: the device type to log in as; unset: not sent")
        @Env("GEWE_LOGIN_TYPE")
        String loginType = "";

        @Option(names = "--region-id", paramLabel = "<id>",
                description = "hosted GeWe only: the region of the device; unset: not sent")
        @Env("GEWE_REGION_ID")
        String regionId = "";

        @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m",
                description = "how long the whole login may take")
        @Env("BOT_LOGIN_TIMEOUT")
        Duration timeout;

        @Option(names = "--lang", paramLabel = "<lang>", defaultValue = "en", description = "language: en or zh")
        @Env("BOT_LANG")
        String language;

        @Option(names = "--gewe-timeout", paramLabel = "<duration>", defaultValue = "30s",
                description = "how long one GeWe call may take")
        @Env("BOT_GEWE_TIMEOUT")
        Duration geweTimeout;

        // GeWe asks for a question every 5 s; only tests ask faster.
        @Option(names = "--poll-interval", hidden = true, defaultValue = "5s")
        Duration pollInterval;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        LoginConfig config() throws ConfigException {
            String baseUrl = GeweAccount.baseUrl(spec, geweBaseUrl).orElseThrow(() -> HostCommand.bad(spec, "--gewe-base-url",
                    "must be given: login is for a real GeWe (the embedded sandbox needs none)"));
            String lang = language.strip().toLowerCase(Locale.ROOT);
            if (!lang.equals("en") && !lang.equals("zh")) {
                throw HostCommand.bad(spec, "--lang", "must be en or zh, not '" + lang + "'");
            }
            String type = loginType.strip().toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.equals("ipad") && !type.equals("mac")) {
                throw HostCommand.bad(spec, "--login-type", "must be ipad or mac");
            }
            if (pollInterval.isZero() || timeout.isZero()) {
                throw HostCommand.bad(spec, pollInterval.isZero() ? "--poll-interval" : "--timeout", "must be longer than 0");
            }
            return new LoginConfig(baseUrl, gewe.token(), gewe.appId(), HostCommand.folder(dataDir, Path.of("data")),
                    Optional.of(type).filter(t -> !t.isEmpty()), Optional.of(regionId.strip()).filter(r -> !r.isEmpty()),
                    lang, geweTimeout, pollInterval, timeout);
        }
    }

    /**
     * {@code export}: one account's friends as CSV. It takes the host's own options (its GeWe, the
     * configuration file, the data folder where {@code login} saved the account, the plugins folder), read
     * as the host reads them, and picks one account of the configuration file's {@code accounts:} with
     * {@code --account}.
     */
    @Command(name = "export", sortOptions = false, usageHelpWidth = 110, synopsisHeading = "Usage: ",
            customSynopsis = "java -jar host-sample.jar export [--out <file>] [--account <appId>] [host options]",
            descriptionHeading = "%n",
            description = {"Writes the account's friends as CSV, read through the contact plugin.",
                "Columns: wxid,nickname,remark,alias,labels (label names joined by ';'); UTF-8 with a byte-order mark.",
                "Takes the host's options, variables, configuration file and data folder as the host does",
                "(java -jar host-sample.jar --help): --gewe-base-url, --gewe-token, --gewe-app-id, --config,",
                "--data-dir, --plugins-dir, --gewe-timeout, --lang, ...",
                "Progress and failures go to standard error; a GeWe failure exits 1 and writes nothing."},
            optionListHeading = "%nOptions:%n")
    static final class ExportCommand {

        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "<file>",
                description = "the file to write, replaced whole once every friend is read; unset: standard output")
        Path out;

        @Option(names = "--account", paramLabel = "<appId>",
                description = "the account to export, by its appId, when the configuration file lists several "
                        + "under accounts:")
        String account = "";

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        /** The host's options, read by the host's own command. */
        @Unmatched
        List<String> hostOptions = new ArrayList<>();

        ExportConfig config(Map<String, String> env, Path home) throws ConfigException {
            HostCommand host = new HostCommand();
            HostCommand.parse(HostCommand.commandLine(host, env), hostOptions);
            HostConfig config = host.config(home);
            if (config.embeddedSandbox()) {
                throw HostCommand.bad(host.spec, "--gewe-base-url", "must be given: export reads a real GeWe's "
                        + "address book (login saves the base URL for it)");
            }
            Account chosen = chosen(config.accounts());
            requireAppId(chosen.geweBaseUrl(), chosen.appId(), config.dataDir());
            if (chosen.geweToken().isEmpty()) {
                throw new ConfigException("no GeWe token for account " + chosen.appId() + ": give --gewe-token / "
                        + "GEWE_TOKEN, token: under accounts:, or run 'java -jar host-sample.jar login'");
            }
            AccountHost.Gewe gewe = new AccountHost.Gewe(chosen.geweBaseUrl().orElseThrow(), chosen.geweToken(),
                    chosen.appId());
            return new ExportConfig(gewe.contactSettings(chosen, config.geweResponseTimeout()), config.pluginsDir(),
                    config.contactExtension(), Optional.ofNullable(out), chosen.language());
        }

        /** The account {@code --account} names, or the only one there is. */
        private Account chosen(List<Account> accounts) throws ConfigException {
            String appId = account.strip();
            List<String> known = accounts.stream().map(Account::appId).toList();
            if (appId.isEmpty() && accounts.size() > 1) {
                throw HostCommand.bad(spec, "--account", "must name the account to export, one of "
                        + String.join(", ", known));
            }
            return accounts.stream().filter(a -> appId.isEmpty() || a.appId().equals(appId)).findFirst()
                    .orElseThrow(() -> HostCommand.bad(spec, "--account", "must be one of " + String.join(", ", known)
                            + ", not '" + appId + "'"));
        }
    }

    /**
     * The version {@code --version} prints: the runnable jar's manifest says it; run from classes, the
     * resource Maven filtered does.
     */
    static final class ProjectVersion implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"host-sample " + version()};
        }

        static String version() throws IOException {
            String fromManifest = HostConfig.class.getPackage().getImplementationVersion();
            if (fromManifest != null) {
                return fromManifest;
            }
            Properties built = new Properties();
            try (InputStream in = HostConfig.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the build");
                }
                built.load(in);
            }
            return built.getProperty("version");
        }
    }
}
