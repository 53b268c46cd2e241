package io.gewebot.host;

import io.gewebot.host.http.CallbackServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The host's configuration: each command-line flag falls back to an environment variable, then to a
 * default. {@link #parse} never reads global state; the caller hands it the arguments and environment.
 *
 * @param geweBaseUrl GeWe base URL with its path prefix; empty to start the embedded sandbox
 * @param geweToken the GeWe token (secret)
 * @param geweAppId the account's device id
 * @param admins wxids allowed to run commands
 * @param port HTTP port for callbacks and health; 0 picks a free one
 * @param callbackSecret when non-empty, callbacks are accepted only under {@code /gewe/callback/<secret>}
 * @param pluginsDir the plugins folder
 * @param dataDir the folder for the host's state
 * @param ephemeralData whether that folder is a fresh temporary one, removed at exit: so it is on the
 *     embedded sandbox unless a data folder is configured, since the sandbox forgets everything too
 * @param console whether to read commands from standard input
 * @param language reply language, {@code en} or {@code zh}
 * @param defaultGreeting the greeting of {@code /add} without one
 * @param geweResponseTimeout how long a GeWe call may take
 * @param pluginTimeout how long one plugin operation may take before the command fails
 * @param contactExtension the name of the extension contact commands use; empty for the first usable
 *     one (plugins in the order of their ids, then the classpath)
 * @param queueCapacity callbacks waiting to be processed before new ones get 503
 * @param maxCallbackBytes the largest callback body accepted
 * @param requestTimeout how long one HTTP request may take to arrive (and an idle connection stay open)
 * @param maxConnections HTTP connections open at once, in all
 * @param maxConnectionsPerAddress HTTP connections open at once from one address
 * @param pacing the friend-request pacing rules
 */
public record HostConfig(
        Optional<String> geweBaseUrl,
        String geweToken,
        String geweAppId,
        Set<String> admins,
        int port,
        String callbackSecret,
        Path pluginsDir,
        Path dataDir,
        boolean ephemeralData,
        boolean console,
        String language,
        String defaultGreeting,
        Duration geweResponseTimeout,
        Duration pluginTimeout,
        String contactExtension,
        int queueCapacity,
        int maxCallbackBytes,
        Duration requestTimeout,
        int maxConnections,
        int maxConnectionsPerAddress,
        Pacing pacing) {

    /**
     * The pacing rules as configured.
     *
     * @param addInterval minimum time between two friend requests
     * @param addJitter extra random wait, up to this long, on top of the interval
     * @param dailyCap friend requests allowed in any 24 hours
     * @param answerInterval minimum time between two accepts or rejects
     * @param dedupWindow how long the same target is never sent a second request
     * @param warmup how long the account must have been online before the first add
     * @param onlineSince when the account came online, if known from configuration
     * @param skipWarmup whether the warm-up rule is overridden
     * @param backoffBase the first pause after a risk-control answer
     * @param backoffMax the longest pause
     */
    public record Pacing(
            Duration addInterval,
            Duration addJitter,
            int dailyCap,
            Duration answerInterval,
            Duration dedupWindow,
            Duration warmup,
            Optional<Instant> onlineSince,
            boolean skipWarmup,
            Duration backoffBase,
            Duration backoffMax) {
    }

    /** One documented option: its flag, its environment variable (may be empty), its default and meaning. */
    record Option(String flag, String env, String defaultValue, String meaning, boolean takesValue) {
    }

    /** Every option, in the order {@code --help} lists them. */
    static final List<Option> OPTIONS = List.of(
            new Option("--gewe-base-url", "GEWE_BASE_URL", "(embedded sandbox)",
                    "GeWe base URL including its path prefix; unset: start the embedded GeWe sandbox", true),
            new Option("--gewe-token", "GEWE_TOKEN", "", "GeWe token, sent as X-GEWE-TOKEN", true),
            new Option("--gewe-app-id", "GEWE_APP_ID", "", "the account's device id (appId)", true),
            new Option("--admins", "BOT_ADMINS", "", "comma-separated wxids allowed to run commands", true),
            new Option("--port", "BOT_PORT", "8080", "HTTP port for callbacks and health; 0 picks a free port", true),
            new Option("--callback-secret", "BOT_CALLBACK_SECRET", "",
                    "when set, callbacks are accepted only at /gewe/callback/<secret>", true),
            new Option("--plugins-dir", "BOT_PLUGINS_DIR", "plugins/ beside the jar", "the plugins folder", true),
            new Option("--data-dir", "BOT_DATA_DIR", "data/ beside the jar", "where the host keeps its state", true),
            new Option("--no-console", "", "", "do not read commands from standard input", false),
            new Option("--lang", "BOT_LANG", "en", "reply language: en or zh", true),
            new Option("--default-greeting", "BOT_DEFAULT_GREETING", "",
                    "greeting sent by /add when none is given", true),
            new Option("--gewe-timeout", "BOT_GEWE_TIMEOUT", "30s", "how long one GeWe call may take", true),
            new Option("--plugin-timeout", "BOT_PLUGIN_TIMEOUT", "45s",
                    "how long one plugin operation may take before the command fails", true),
            new Option("--contact-extension", "BOT_CONTACT_EXTENSION", "(first usable, by plugin id)",
                    "name of the ContactAction extension contact commands use, as /plugins lists it", true),
            new Option("--queue-capacity", "BOT_QUEUE_CAPACITY", "10000",
                    "callbacks waiting to be processed; beyond it callbacks get 503", true),
            new Option("--max-callback-bytes", "BOT_MAX_CALLBACK_BYTES", "1048576",
                    "largest callback body accepted; larger ones get 413", true),
            new Option("--request-timeout", "BOT_REQUEST_TIMEOUT",
                    Durations.format(CallbackServer.Limits.DEFAULTS.requestTimeout()),
                    "an HTTP request must arrive whole within this (from connecting or the previous answer); "
                            + "slower connections are closed", true),
            new Option("--max-connections", "BOT_MAX_CONNECTIONS",
                    Integer.toString(CallbackServer.Limits.DEFAULTS.maxConnections()),
                    "HTTP connections open at once; more are closed on arrival", true),
            new Option("--max-connections-per-address", "BOT_MAX_CONNECTIONS_PER_ADDRESS",
                    Integer.toString(CallbackServer.Limits.DEFAULTS.maxConnectionsPerAddress()),
                    "HTTP connections open at once from one IP address; more are closed on arrival", true),
            new Option("--add-interval", "BOT_ADD_INTERVAL", "60s", "minimum time between two friend requests", true),
            new Option("--add-jitter", "BOT_ADD_JITTER", "30s", "random extra wait on top of --add-interval", true),
            new Option("--add-daily-cap", "BOT_ADD_DAILY_CAP", "20", "friend requests allowed in any 24 hours", true),
            new Option("--answer-interval", "BOT_ANSWER_INTERVAL", "5s",
                    "minimum time between two accepts or rejects", true),
            new Option("--add-dedup-window", "BOT_ADD_DEDUP_WINDOW", "7d",
                    "the same target is never sent a second request within this window", true),
            new Option("--warmup", "BOT_WARMUP", "3d",
                    "how long the account must have been online before the first /add", true),
            new Option("--online-since", "BOT_ONLINE_SINCE", "(first seen online)",
                    "when the account came online (2026-01-31 or an ISO instant), for the warm-up", true),
            new Option("--skip-warmup", "BOT_SKIP_WARMUP", "false", "override the warm-up rule", false),
            new Option("--backoff-base", "BOT_BACKOFF_BASE", "1h",
                    "first pause of all adds after a risk-control answer; doubles on repetition", true),
            new Option("--backoff-max", "BOT_BACKOFF_MAX", "48h", "longest such pause", true),
            new Option("--help", "", "", "print this help and exit", false));

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
     * @param home the folder the default plugins and data folders are resolved against
     * @return the configuration
     * @throws ConfigException with a message naming the flag or variable at fault (never a secret value)
     */
    public static HostConfig parse(List<String> args, Map<String, String> env, Path home) throws ConfigException {
        Map<String, String> given = readArgs(args);
        Values v = new Values(given, env);
        Pacing pacing = new Pacing(
                v.duration("--add-interval"),
                v.duration("--add-jitter"),
                v.positiveInt("--add-daily-cap", 0),
                v.duration("--answer-interval"),
                v.duration("--add-dedup-window"),
                v.duration("--warmup"),
                v.instant("--online-since"),
                v.flag("--skip-warmup"),
                v.duration("--backoff-base"),
                v.duration("--backoff-max"));
        String lang = v.text("--lang").toLowerCase(Locale.ROOT);
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new ConfigException("--lang / BOT_LANG must be en or zh, not '" + lang + "'");
        }
        Optional<String> baseUrl = Optional.of(v.text("--gewe-base-url"))
                .filter(s -> !s.isEmpty() && !s.equals("(embedded sandbox)"));
        if (baseUrl.isPresent() && !baseUrl.get().matches("(?i)https?://\\S+")) {
            throw new ConfigException("--gewe-base-url / GEWE_BASE_URL must be an http(s) URL");
        }
        String secret = v.text("--callback-secret");
        if (!secret.matches("[A-Za-z0-9._~-]*")) {
            throw new ConfigException("--callback-secret / BOT_CALLBACK_SECRET may hold only letters, digits and ._~-");
        }
        boolean ephemeralData = baseUrl.isEmpty() && v.raw("--data-dir").isEmpty();
        int port = v.positiveInt("--port", 0);
        Duration requestTimeout = v.duration("--request-timeout");
        if (requestTimeout.isZero()) {
            throw new ConfigException(v.where("--request-timeout") + " must be longer than 0s");
        }
        if (port > 65535) {
            throw new ConfigException("--port / BOT_PORT must be at most 65535");
        }
        return new HostConfig(
                baseUrl,
                v.text("--gewe-token"),
                v.text("--gewe-app-id"),
                admins(v.text("--admins")),
                port,
                secret,
                v.path("--plugins-dir", home.resolve("plugins")),
                v.path("--data-dir", home.resolve("data")),
                ephemeralData,
                !v.flag("--no-console"),
                lang,
                v.text("--default-greeting"),
                v.duration("--gewe-timeout"),
                v.duration("--plugin-timeout"),
                v.text("--contact-extension"),
                v.positiveInt("--queue-capacity", 1),
                v.positiveInt("--max-callback-bytes", 1024),
                requestTimeout,
                v.positiveInt("--max-connections", 1),
                v.positiveInt("--max-connections-per-address", 1),
                pacing);
    }

    /**
     * Whether the arguments ask for {@code --help}.
     *
     * @param args the command line
     * @return whether to print the help and stop
     */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** @return the {@code --help} text: every flag with its variable, default and meaning */
    public static String help() {
        StringBuilder out = new StringBuilder("Usage: java -jar host-sample.jar [options]\n\n"
                + "Each option falls back to its environment variable, then to its default.\n\n");
        for (Option o : OPTIONS) {
            String head = o.flag() + (o.takesValue() ? " <value>" : "");
            out.append(String.format("  %-28s %-22s %s", head, o.env(), o.meaning()));
            if (!o.defaultValue().isEmpty() && o.takesValue()) {
                out.append(" (default: ").append(o.defaultValue()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** @return whether the host runs against its embedded sandbox */
    public boolean embeddedSandbox() {
        return geweBaseUrl.isEmpty();
    }

    /** @return a description for the start-up log, with the token hidden */
    @Override
    public String toString() {
        return "HostConfig[gewe=" + geweBaseUrl.orElse("(embedded sandbox)") + ", appId=" + geweAppId
                + ", token=" + (geweToken.isEmpty() ? "(none)" : "***") + ", admins=" + admins + ", port=" + port
                + ", callbackSecret=" + (callbackSecret.isEmpty() ? "(none)" : "***") + ", plugins=" + pluginsDir
                + ", data=" + (ephemeralData ? "(temporary)" : dataDir) + ", console=" + console + ", lang=" + language + "]";
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

    private static Map<String, String> readArgs(List<String> args) throws ConfigException {
        Map<String, Option> known = new LinkedHashMap<>();
        OPTIONS.forEach(o -> known.put(o.flag(), o));
        Map<String, String> given = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option option = known.get(name);
            if (option == null) {
                throw new ConfigException("unknown option '" + name + "'; see --help");
            }
            if (!option.takesValue()) {
                given.put(name, value == null ? "true" : value);
                continue;
            }
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new ConfigException(name + " needs a value");
                }
                value = rest.get(++i);
            }
            given.put(name, value);
        }
        return given;
    }

    /** Looks a flag up, then its environment variable, then its default. */
    private static final class Values {
        private final Map<String, String> given;
        private final Map<String, String> env;

        Values(Map<String, String> given, Map<String, String> env) {
            this.given = given;
            this.env = Objects.requireNonNull(env, "env");
        }

        Option option(String flag) {
            return OPTIONS.stream().filter(o -> o.flag().equals(flag)).findFirst().orElseThrow();
        }

        String where(String flag) {
            Option o = option(flag);
            return o.env().isEmpty() ? flag : flag + " / " + o.env();
        }

        Optional<String> raw(String flag) {
            String value = given.get(flag);
            if (value == null) {
                Option o = option(flag);
                if (!o.env().isEmpty()) {
                    value = env.get(o.env());
                }
            }
            return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
        }

        String text(String flag) {
            return raw(flag).orElse(option(flag).defaultValue().startsWith("(") ? "" : option(flag).defaultValue());
        }

        boolean flag(String flag) throws ConfigException {
            String value = raw(flag).orElse("false").toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(where(flag) + " must be true or false");
            };
        }

        int positiveInt(String flag, int min) throws ConfigException {
            String value = text(flag);
            try {
                int n = Integer.parseInt(value);
                if (n < min) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ConfigException(where(flag) + " must be a whole number of at least " + min);
            }
        }

        Duration duration(String flag) throws ConfigException {
            try {
                return Durations.parse(text(flag));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where(flag) + " must be a duration such as 90s, 5m, 2h or 3d");
            }
        }

        Optional<Instant> instant(String flag) throws ConfigException {
            Optional<String> value = raw(flag);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                if (value.get().length() == 10) {
                    return Optional.of(LocalDate.parse(value.get()).atStartOfDay(ZoneOffset.UTC).toInstant());
                }
                return Optional.of(Instant.parse(value.get()));
            } catch (DateTimeParseException e) {
                throw new ConfigException(where(flag) + " must be a date (2026-01-31) or an instant (2026-01-31T08:00:00Z)");
            }
        }

        Path path(String flag, Path fallback) {
            return raw(flag).map(Path::of).orElse(fallback).toAbsolutePath().normalize();
        }
    }
}
