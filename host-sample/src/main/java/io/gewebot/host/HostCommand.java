package io.gewebot.host;

import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.host.config.AccountSettings;
import io.gewebot.host.config.ConfigFile;
import io.gewebot.host.config.ConfigFileException;
import io.gewebot.host.http.AddressRange;
import io.gewebot.host.http.EndpointAccess;
import io.gewebot.host.login.AccountFile;
import io.gewebot.host.login.SavedAccount;
import io.gewebot.host.store.DatabaseSettings;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The host's command line. Each option is declared once, on its field: flag, environment variable,
 * default and meaning (a pacing option's default is the pacing policy's, for the settings key its
 * {@link Env#setting()} names); parsing, {@code --help} and the error messages all read that declaration.
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
final class HostCommand {

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
    GeweAccountOptions gewe = new GeweAccountOptions();

    @Option(names = "--admins", paramLabel = "<wxids>", description = "comma-separated wxids allowed to run commands")
    @Env(value = "BOT_ADMINS", unset = "none")
    String admins = "";

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080",
            description = "HTTP port for callbacks and health; 0 picks a free port")
    @Env("BOT_PORT")
    int port;

    @Option(names = "--bind", paramLabel = "<address>", description = "the address to listen on")
    @Env(value = "BOT_BIND", unset = EndpointConfig.BIND_ALL + "; " + EndpointConfig.BIND_LOOPBACK + " on the embedded sandbox")
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
    // variables: variables are not expanded on this command line (see CommandLines.of).
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
        command.databasePassword = Optional.ofNullable(env.get(StorageConfig.DATABASE_PASSWORD)).orElse("");
        return CommandLines.of(command, env);
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
        Optional<String> given = GeweAccountOptions.baseUrl(spec, geweBaseUrl);
        // The working directory's data/, not the jar's: the jar sits in the build output, which a
        // clean build deletes.
        Path data = CommandLines.folder(dataDir, Path.of("data"));
        // What login saved fills in what neither a flag nor a variable gives, the base URL included:
        // a host started from another shell than login's still finds its GeWe.
        Optional<SavedAccount> inFile = given.isEmpty() || gewe.token().isEmpty() || gewe.appId().isEmpty()
                ? GeweAccountOptions.saved(data) : Optional.empty();
        Optional<String> baseUrl = given.or(() -> inFile.map(SavedAccount::baseUrl).filter(u -> !u.isBlank()));
        // The embedded sandbox is an account of its own.
        Optional<SavedAccount> saved = baseUrl.isPresent() ? inFile : Optional.empty();
        String token = gewe.token().isEmpty() ? saved.map(SavedAccount::token).orElse("") : gewe.token();
        String appId = gewe.appId().isEmpty() ? saved.map(SavedAccount::appId).orElse("") : gewe.appId();
        String wxid = saved.filter(a -> a.appId().equals(appId)).map(SavedAccount::wxid).orElse("");
        EndpointConfig endpoint = checked(() -> new EndpointConfig(port, bind.strip(), callbackSecret.strip()));
        GeweLink link = checked(() -> new GeweLink(Optional.of(publicUrl.strip()).filter(u -> !u.isEmpty()),
                reconnectWaits, geweTimeout));
        Optional<GeweVariant> variant = variant();
        EndpointAccess access = access();
        Optional<DatabaseSettings> database = database();
        HttpLimits limits = checked(() -> new HttpLimits(queueCapacity, maxCallbackBytes, requestTimeout,
                maxConnections, maxConnectionsPerAddress));
        atLeast("--search-daily-cap", searchDailyCap, 1);
        atLeast("--answer-daily-cap", answerDailyCap, 1);
        // Read once every flag is known to be good. The file's accounts say what the per-account
        // flags say, each for itself: the flags and variables are their defaults.
        ConfigFile file = configFile();
        PacingPolicy pacing = pacingChecked(() -> new PacingPolicy(addInterval, addJitter, addDailyCap, answerInterval,
                addDedupWindow, warmup, Optional.ofNullable(onlineSince), skipWarmup, backoffBase, backoffMax,
                searchInterval, searchDailyCap, answerDailyCap));
        AccountConfig flags = new AccountConfig(appId, baseUrl, token, admins(admins), lang, defaultGreeting.strip(),
                commandMaxAge, pacing, variant.orElseGet(() -> baseUrl.map(GeweVariant::guess)
                        .orElse(GeweVariant.SELF_HOSTED)), variant.isEmpty(), file.friendRequestRules(), wxid);
        List<AccountConfig> accounts = file.accounts().isEmpty() ? List.of(flags) : accounts(file, flags, data);
        // The first account stands for all where the host has one of something: the console, the
        // embedded sandbox (only ever without accounts:), the start-up log.
        boolean onSandbox = accounts.get(0).geweBaseUrl().isEmpty();
        if (onSandbox) {
            refuseTheSandboxWhenARealGeweIsMeant(inFile.map(a -> AccountFile.in(data)));
        }
        return new HostConfig(accounts,
                endpoint.orBind(onSandbox ? EndpointConfig.BIND_LOOPBACK : EndpointConfig.BIND_ALL), access, limits,
                link, new StorageConfig(data, onSandbox && dataDir == null, database),
                new PluginsConfig(CommandLines.folder(pluginsDir, home.resolve("plugins")), pluginTimeout, contactExtension.strip()),
                !noConsole);
    }

    /**
     * Makes a part of the configuration, whose rules it checks itself.
     *
     * @throws ConfigException naming the option, and its variable, that gives the part at fault
     */
    private <T> T checked(Supplier<T> make) throws ConfigException {
        try {
            return make.get();
        } catch (InvalidSetting e) {
            throw refusal(e);
        }
    }

    /**
     * @return the refusal of a part, naming the flag and variable whose field has the part's name
     * @throws InvalidSetting the part itself, when no flag gives it
     */
    private ConfigException refusal(InvalidSetting e) {
        OptionSpec option = spec.options().stream()
                .filter(o -> o.userObject() instanceof Field field && field.getName().equals(e.part()))
                .findFirst().orElseThrow(() -> e);
        return new ConfigException(CommandLines.where(option) + " " + e.getMessage());
    }

    /** Makes the pacing policy from the flags; a rule it breaks names the setting, which is the flag's field. */
    private PacingPolicy pacingChecked(Supplier<PacingPolicy> make) throws ConfigException {
        try {
            return make.get();
        } catch (PacingPolicy.BrokenRule e) {
            throw refusal(new InvalidSetting(e.setting(), e.why()));
        }
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
    private List<AccountConfig> accounts(ConfigFile file, AccountConfig flags, Path data) throws ConfigException {
        Optional<SavedAccount> saved = Optional.empty();
        if (gewe.token().isEmpty() && file.accounts().stream().anyMatch(a -> a.token().isEmpty())) {
            saved = GeweAccountOptions.saved(data);
        }
        List<AccountConfig> out = new ArrayList<>();
        for (int i = 0; i < file.accounts().size(); i++) {
            AccountSettings a = file.accounts().get(i);
            Optional<String> url = a.baseUrl().or(flags::geweBaseUrl);
            if (url.isEmpty()) {
                throw new ConfigException(CommandLines.where(spec.findOption("--config")) + ": " + configFile + " line "
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
            PacingPolicy pacing;
            try {
                pacing = flags.pacing().with(a.pacing());
            } catch (PacingPolicy.BrokenRule e) {
                throw new ConfigException(CommandLines.where(spec.findOption("--config")) + ": " + configFile + " line "
                        + a.line() + ": accounts[" + i + "].pacing." + e.setting() + ": " + e.why());
            }
            out.add(new AccountConfig(a.appId(), url, token, a.admins().orElse(flags.admins()),
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
            pointers.add(CommandLines.where(spec.findOption("--public-url")));
        }
        if (noConsole) {
            pointers.add("--no-console");
        }
        if (configFile != null) {
            pointers.add(CommandLines.where(spec.findOption("--config")));
        }
        if (!pointers.isEmpty()) {
            throw new ConfigException("no GeWe base URL, yet " + String.join(", ", pointers)
                    + (pointers.size() == 1 ? " points" : " point") + " at a real GeWe: give --gewe-base-url / "
                    + "GEWE_BASE_URL (login saves it in " + AccountFile.in(CommandLines.folder(dataDir, Path.of("data")))
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
            throw new ConfigException(CommandLines.where(spec.findOption("--database-url")) + ": " + e.getMessage());
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
            throw new ConfigException(CommandLines.where(spec.findOption("--config")) + ": " + e.getMessage());
        }
    }

    /** The variant {@code --gewe-variant} names; empty when it is to be guessed from the base URL. */
    private Optional<GeweVariant> variant() throws ConfigException {
        String variant = geweVariant.strip().toLowerCase(Locale.ROOT);
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(GeweVariant.values()).filter(v -> v.label().equals(variant)).findFirst()
                .orElseThrow(() -> bad("--gewe-variant", "must be self-hosted or hosted, not '" + variant + "'")));
    }

    private void atLeast(String flag, int value, int min) throws ConfigException {
        if (value < min) {
            throw bad(flag, "must be a whole number of at least " + min);
        }
    }

    private ConfigException bad(String flag, String why) {
        return CommandLines.bad(spec, flag, why);
    }
}
