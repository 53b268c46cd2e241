package io.gewebot.host;

import io.gewebot.common.settings.Durations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.FriendRequestRules;
import io.gewebot.common.settings.RuleAction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigTest {

    private static final Path HOME = Path.of("/opt/bot");

    private static HostConfig parse(List<String> args, Map<String, String> env) throws Exception {
        return HostCommandLine.parse(args, env, HOME);
    }

    @Test
    void defaultsRunOnTheEmbeddedSandboxWithFoldersBesideTheJar() throws Exception {
        HostConfig c = parse(List.of(), Map.of());
        assertThat(c.embeddedSandbox()).isTrue();
        assertThat(c.endpoint().port()).isEqualTo(8080);
        assertThat(c.plugins().dir()).isEqualTo(Path.of("/opt/bot/plugins"));
        // The working directory's data/, never the jar's folder: that is the build output.
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(c.storage().dataDir().startsWith(HOME)).isFalse();
        assertThat(c.storage().ephemeralData()).isTrue();
        assertThat(c.endpoint().bind()).isEqualTo("127.0.0.1");
        assertThat(c.console()).isTrue();
        assertThat(c.first().language()).isEqualTo("en");
        assertThat(c.first().admins()).isEmpty();
        assertThat(c.first().pacing().addDailyCap()).isEqualTo(10);
        assertThat(c.first().pacing().addInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.first().pacing().addJitter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.first().pacing().searchInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.first().pacing().searchDailyCap()).isEqualTo(30);
        assertThat(c.first().pacing().answerDailyCap()).isEqualTo(100);
        assertThat(c.first().pacing().addDedupWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.first().pacing().warmup()).isEqualTo(Duration.ofDays(3));
        assertThat(c.first().pacing().skipWarmup()).isFalse();
        assertThat(c.first().pacing().onlineSince()).isEmpty();
    }

    @Test
    void everyDocumentedEnvironmentVariableIsRead() throws Exception {
        HostConfig c = parse(List.of(), Map.ofEntries(
                Map.entry("GEWE_BASE_URL", "http://10.0.0.5:2531/v2/api"),
                Map.entry("GEWE_TOKEN", "tok"),
                Map.entry("GEWE_APP_ID", "wx_app"),
                Map.entry("BOT_ADMINS", " wxid_a, wxid_b ,,"),
                Map.entry("BOT_PORT", "9090"),
                Map.entry("BOT_CALLBACK_SECRET", "s3cret"),
                Map.entry("BOT_PLUGINS_DIR", "/srv/plugins"),
                Map.entry("BOT_DATA_DIR", "/srv/data"),
                Map.entry("BOT_LANG", "zh"),
                Map.entry("BOT_ADD_DAILY_CAP", "5"),
                Map.entry("BOT_ONLINE_SINCE", "2026-01-31"),
                Map.entry("BOT_SKIP_WARMUP", "true")));
        assertThat(c.first().geweBaseUrl()).contains("http://10.0.0.5:2531/v2/api");
        assertThat(c.first().geweToken()).isEqualTo("tok");
        assertThat(c.first().appId()).isEqualTo("wx_app");
        assertThat(c.first().admins()).containsExactlyInAnyOrder("wxid_a", "wxid_b");
        assertThat(c.endpoint().port()).isEqualTo(9090);
        assertThat(c.endpoint().callbackSecret()).isEqualTo("s3cret");
        assertThat(c.plugins().dir()).isEqualTo(Path.of("/srv/plugins"));
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(c.storage().ephemeralData()).isFalse();
        assertThat(c.first().language()).isEqualTo("zh");
        assertThat(c.first().pacing().addDailyCap()).isEqualTo(5);
        assertThat(c.first().pacing().onlineSince()).contains(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(c.first().pacing().skipWarmup()).isTrue();
    }

    @Test
    void flagsWinOverTheEnvironmentInBothSpellings() throws Exception {
        HostConfig c = parse(List.of("--port=0", "--admins", "wxid_flag", "--no-console", "--add-interval", "90s",
                        "--gewe-base-url", "http://10.0.0.5:2531/v2/api"),
                Map.of("BOT_PORT", "9090", "BOT_ADMINS", "wxid_env"));
        assertThat(c.endpoint().port()).isZero();
        assertThat(c.first().admins()).containsExactly("wxid_flag");
        assertThat(c.console()).isFalse();
        assertThat(c.first().pacing().addInterval()).isEqualTo(Duration.ofSeconds(90));
    }

    /** Every duration the host's command line takes, with its variable. */
    private static final Map<String, String> DURATION_FLAGS = Map.ofEntries(Map.entry("--gewe-timeout", "BOT_GEWE_TIMEOUT"),
            Map.entry("--plugin-timeout", "BOT_PLUGIN_TIMEOUT"), Map.entry("--command-max-age", "BOT_COMMAND_MAX_AGE"),
            Map.entry("--request-timeout", "BOT_REQUEST_TIMEOUT"), Map.entry("--add-interval", "BOT_ADD_INTERVAL"),
            Map.entry("--add-jitter", "BOT_ADD_JITTER"), Map.entry("--answer-interval", "BOT_ANSWER_INTERVAL"),
            Map.entry("--search-interval", "BOT_SEARCH_INTERVAL"), Map.entry("--add-dedup-window", "BOT_ADD_DEDUP_WINDOW"),
            Map.entry("--warmup", "BOT_WARMUP"), Map.entry("--backoff-base", "BOT_BACKOFF_BASE"),
            Map.entry("--backoff-max", "BOT_BACKOFF_MAX"));

    @Test
    void aDurationWithoutItsUnitIsRefusedFromEveryFlagAndVariableNamingItAndZeroAloneIsAllowed() throws Exception {
        assertThat(HostCommandLine.help().lines().filter(line -> line.contains("<duration>"))
                .map(line -> line.strip().split("=")[0])).containsExactlyInAnyOrderElementsOf(DURATION_FLAGS.keySet());
        String bare = " must be a duration with its unit, such as 30m or 90s, not a bare number (0 alone means none)";
        for (Map.Entry<String, String> duration : DURATION_FLAGS.entrySet()) {
            String named = duration.getKey() + " / " + duration.getValue();
            assertThatThrownBy(() -> parse(List.of(duration.getKey(), "30"), Map.of())).hasMessage(named + bare);
            assertThatThrownBy(() -> parse(List.of(), Map.of(duration.getValue(), "30"))).hasMessage(named + bare);
        }
        assertThat(parse(List.of("--add-interval", "0"), Map.of("BOT_ADD_JITTER", "0")).first().pacing())
                .satisfies(p -> assertThat(p.addInterval()).isZero(), p -> assertThat(p.addJitter()).isZero());
        assertThat(parse(List.of("--add-interval", "30m", "--add-jitter", "90s"), Map.of()).first().pacing())
                .satisfies(p -> assertThat(p.addInterval()).isEqualTo(Duration.ofMinutes(30)),
                        p -> assertThat(p.addJitter()).isEqualTo(Duration.ofSeconds(90)));
        assertThatThrownBy(() -> HostCommandLine.login(List.of("login", "--gewe-base-url", "http://10.0.0.5:2531/v2/api",
                "--timeout", "10"), Map.of())).hasMessage("--timeout / BOT_LOGIN_TIMEOUT" + bare);
        assertThatThrownBy(() -> HostCommandLine.login(List.of("login", "--gewe-base-url", "http://10.0.0.5:2531/v2/api"),
                Map.of("BOT_GEWE_TIMEOUT", "30"))).hasMessage("--gewe-timeout / BOT_GEWE_TIMEOUT" + bare);
    }

    @Test
    void badValuesNameTheOptionAndNeverEchoTheToken() {
        assertThatThrownBy(() -> parse(List.of("--port", "http"), Map.of()))
                .hasMessageContaining("--port / BOT_PORT");
        assertThatThrownBy(() -> parse(List.of("--lang", "fr"), Map.of())).hasMessageContaining("en or zh");
        assertThatThrownBy(() -> parse(List.of("--warmup", "soon"), Map.of())).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> parse(List.of("--bogus"), Map.of())).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> parse(List.of("--admins"), Map.of())).hasMessageContaining("--admins needs a value");
        assertThatThrownBy(() -> parse(List.of("--gewe-base-url", "ftp://x"), Map.of("GEWE_TOKEN", "tok-secret-1")))
                .hasMessageNotContaining("tok-secret-1");
    }

    @Test
    void helpListsEveryFlagWithItsVariable() {
        String help = HostCommandLine.help();
        for (String name : List.of("--gewe-base-url", "GEWE_BASE_URL", "--gewe-token", "GEWE_TOKEN", "--gewe-app-id",
                "GEWE_APP_ID", "--admins", "BOT_ADMINS", "--port", "BOT_PORT", "--callback-secret",
                "BOT_CALLBACK_SECRET", "--plugins-dir", "BOT_PLUGINS_DIR", "--data-dir", "BOT_DATA_DIR",
                "--no-console", "--lang", "BOT_LANG", "--skip-warmup", "--add-daily-cap")) {
            assertThat(help).contains(name);
        }
    }

    @Test
    void toStringHidesTheTokenAndTheSecret() throws Exception {
        HostConfig c = parse(List.of(), Map.of("GEWE_TOKEN", "tok-secret-1", "BOT_CALLBACK_SECRET", "cb-secret-2"));
        assertThat(c.toString()).doesNotContain("tok-secret-1").doesNotContain("cb-secret-2");
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheFlagAndTheVariable() {
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_ADD_INTERVAL", "soon")))
                .hasMessage("--add-interval / BOT_ADD_INTERVAL must be a duration such as 250ms, 90s, 5m, 2h, 3d or PT1H");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_PORT", "http")))
                .hasMessage("--port / BOT_PORT must be a whole number of at least 0");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_SKIP_WARMUP", "maybe")))
                .hasMessage("--skip-warmup / BOT_SKIP_WARMUP must be true or false");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_ONLINE_SINCE", "yesterday")))
                .hasMessageStartingWith("--online-since / BOT_ONLINE_SINCE must be a date");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_QUEUE_CAPACITY", "0")))
                .hasMessage("--queue-capacity / BOT_QUEUE_CAPACITY must be a whole number of at least 1");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_LANG", "fr")))
                .hasMessage("--lang / BOT_LANG must be en or zh, not 'fr'");
    }

    @Test
    void aBadFlagValueNamesTheVariableToo() {
        assertThatThrownBy(() -> parse(List.of("--add-interval", "soon"), Map.of()))
                .hasMessageStartingWith("--add-interval / BOT_ADD_INTERVAL must be a duration");
        assertThatThrownBy(() -> parse(List.of("--port", "70000"), Map.of()))
                .hasMessage("--port / BOT_PORT must be at most 65535");
    }

    @Test
    void aFlagWinsOverABadVariableWhichIsThenNeverRead() throws Exception {
        HostConfig c = parse(List.of("--port", "9", "--warmup", "1h"), Map.of("BOT_PORT", "nope", "BOT_WARMUP", "soon"));
        assertThat(c.endpoint().port()).isEqualTo(9);
        assertThat(c.first().pacing().warmup()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void durationsAndSwitchesReadTheSameFromFlagsAndVariables() throws Exception {
        HostConfig c = parse(List.of("--gewe-timeout=250ms", "--backoff-max", "PT1H", "--skip-warmup=false"),
                Map.of("BOT_ADD_DEDUP_WINDOW", "2h", "BOT_SKIP_WARMUP", "yes", "BOT_ANSWER_INTERVAL", " 90s "));
        assertThat(c.link().responseTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.first().pacing().backoffMax()).isEqualTo(Duration.ofHours(1));
        assertThat(c.first().pacing().addDedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(c.first().pacing().answerInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.first().pacing().skipWarmup()).isFalse();
        assertThat(parse(List.of(), Map.of("BOT_SKIP_WARMUP", "yes")).first().pacing().skipWarmup()).isTrue();
        assertThat(parse(List.of("--skip-warmup"), Map.of()).first().pacing().skipWarmup()).isTrue();
    }

    @Test
    void searchAndAnswerLimitsComeFromFlagsOrTheEnvironmentAndACapOfZeroIsRefused() throws Exception {
        HostConfig c = parse(List.of("--search-interval", "3s"), Map.of("BOT_SEARCH_INTERVAL", "1m",
                "BOT_SEARCH_DAILY_CAP", "12", "BOT_ANSWER_DAILY_CAP", "40"));
        assertThat(c.first().pacing().searchInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.first().pacing().searchDailyCap()).isEqualTo(12);
        assertThat(c.first().pacing().answerDailyCap()).isEqualTo(40);
        assertThatThrownBy(() -> parse(List.of("--search-daily-cap", "0"), Map.of()))
                .hasMessage("--search-daily-cap / BOT_SEARCH_DAILY_CAP must be a whole number of at least 1");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_ANSWER_DAILY_CAP", "0")))
                .hasMessage("--answer-daily-cap / BOT_ANSWER_DAILY_CAP must be a whole number of at least 1");
    }

    @Test
    void aPacingFlagThatBreaksAPolicyRuleIsRefusedNamingItsFlagAndVariable() {
        assertThatThrownBy(() -> parse(List.of("--backoff-base", "0"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--backoff-base / BOT_BACKOFF_BASE must be positive");
        assertThatThrownBy(() -> parse(List.of("--backoff-max", "30m"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--backoff-max / BOT_BACKOFF_MAX must not be shorter than backoffBase");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_ADD_DAILY_CAP", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--add-daily-cap / BOT_ADD_DAILY_CAP must be at least 1");
    }

    @Test
    void theLastOfARepeatedFlagWinsAndABlankVariableIsUnset() throws Exception {
        HostConfig c = parse(List.of("--port", "1", "--port", "2"), Map.of("BOT_LANG", "  ", "BOT_ADD_DAILY_CAP", ""));
        assertThat(c.endpoint().port()).isEqualTo(2);
        assertThat(c.first().language()).isEqualTo("en");
        assertThat(c.first().pacing().addDailyCap()).isEqualTo(10);
    }

    @Test
    void valuesAreTakenLiterallyNeverExpanded() throws Exception {
        HostConfig c = parse(List.of("--gewe-app-id", "${sys:user.home}"),
                Map.of("BOT_DEFAULT_GREETING", "hi ${sys:user.home} ${env:HOME}"));
        assertThat(c.first().appId()).isEqualTo("${sys:user.home}");
        assertThat(c.first().defaultGreeting()).isEqualTo("hi ${sys:user.home} ${env:HOME}");
    }

    @Test
    void anUnknownOptionIsNamedWithoutTheValueGivenToIt() {
        assertThatThrownBy(() -> parse(List.of("--gewe-tokn=tok-secret-1"), Map.of()))
                .hasMessage("unknown option '--gewe-tokn'; see --help");
        assertThatThrownBy(() -> parse(List.of("stray"), Map.of())).hasMessage("unexpected argument 'stray'; see --help");
    }

    @Test
    void helpShowsEachOptionWithItsVariableAndItsDefault() throws Exception {
        StringWriter printed = new StringWriter();
        Optional<HostConfig> run = HostCommandLine.fromCommandLine(List.of("--help"),
                Map.of("BOT_PORT", "9999", "BOT_WARMUP", "not a duration"), HOME, new PrintWriter(printed));

        assertThat(run).isEmpty();
        String help = printed.toString();
        assertThat(help).isEqualTo(HostCommandLine.help()).startsWith("Usage: java -jar host-sample.jar [OPTIONS]");
        assertThat(entry(help, "--port")).contains("BOT_PORT").contains("default: 8080").doesNotContain("9999");
        assertThat(entry(help, "--add-interval")).contains("BOT_ADD_INTERVAL").contains("default: 30m");
        assertThat(entry(help, "--add-jitter")).contains("BOT_ADD_JITTER").contains("default: 10m");
        assertThat(entry(help, "--add-daily-cap")).contains("BOT_ADD_DAILY_CAP").contains("default: 10");
        assertThat(entry(help, "--search-interval")).contains("BOT_SEARCH_INTERVAL").contains("default: 10s");
        assertThat(entry(help, "--search-daily-cap")).contains("BOT_SEARCH_DAILY_CAP").contains("default: 30");
        assertThat(entry(help, "--answer-daily-cap")).contains("BOT_ANSWER_DAILY_CAP").contains("default: 100");
        assertThat(entry(help, "--add-dedup-window")).contains("BOT_ADD_DEDUP_WINDOW").contains("default: 7d");
        assertThat(entry(help, "--gewe-base-url")).contains("GEWE_BASE_URL").contains("default: the one login saved, else the embedded sandbox");
        assertThat(entry(help, "--plugins-dir")).contains("BOT_PLUGINS_DIR").contains("default: plugins/ beside the jar");
        assertThat(entry(help, "--skip-warmup")).contains("BOT_SKIP_WARMUP").contains("default: false");
        assertThat(entry(help, "--gewe-token")).contains("GEWE_TOKEN").doesNotContain("default");
        assertThat(entry(help, "--version")).contains("print the version");
    }

    @Test
    void theCommandAgeLimitIsTenMinutesUnlessTheFlagOrItsVariableSaysOtherwise() throws Exception {
        assertThat(parse(List.of(), Map.of()).first().commandMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(parse(List.of(), Map.of("BOT_COMMAND_MAX_AGE", "2h")).first().commandMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(parse(List.of("--command-max-age", "90s"), Map.of("BOT_COMMAND_MAX_AGE", "2h")).first().commandMaxAge())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(entry(HostCommandLine.help(), "--command-max-age")).contains("BOT_COMMAND_MAX_AGE").contains("default: 10m");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_COMMAND_MAX_AGE", "soon")))
                .hasMessageStartingWith("--command-max-age / BOT_COMMAND_MAX_AGE must be a duration");
    }

    /** The lines of one option's entry in the help: from its flag to the next flag. */
    private static String entry(String help, String flag) {
        StringBuilder entry = new StringBuilder();
        for (String line : help.split("\n")) {
            // An option's first line: "  -h, --help  ...", "      --port=<port>  ...", "      --skip-warmup[=...]".
            boolean startsAnOption = line.strip().startsWith("-");
            if (startsAnOption && !entry.isEmpty()) {
                break;
            }
            List<String> words = List.of(line.strip().split("[ =\\[,]+"));
            if (!entry.isEmpty() || startsAnOption && words.subList(0, Math.min(2, words.size())).contains(flag)) {
                entry.append(line).append('\n');
            }
        }
        assertThat(entry).as("help lists " + flag).isNotEmpty();
        return entry.toString();
    }

    @Test
    void versionPrintsTheProjectVersionAndAsksForNothingMore() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            StringWriter printed = new StringWriter();
            Optional<HostConfig> run = HostCommandLine.fromCommandLine(List.of(flag), Map.of("BOT_PORT", "not a port"), HOME,
                    new PrintWriter(printed));

            assertThat(run).isEmpty();
            assertThat(printed.toString().strip()).isEqualTo("host-sample " + System.getProperty("project.version"));
        }
    }

    @Test
    void withoutHelpOrVersionTheCommandLineGivesTheConfigurationToRun() throws Exception {
        StringWriter printed = new StringWriter();
        Optional<HostConfig> run = HostCommandLine.fromCommandLine(List.of("--port", "0"), Map.of("BOT_ADMINS", "wxid_a"),
                HOME, new PrintWriter(printed));

        assertThat(run).map(c -> c.endpoint().port()).contains(0);
        assertThat(run).map(c -> c.first().admins()).contains(java.util.Set.of("wxid_a"));
        assertThat(printed.toString()).isEmpty();
        assertThatThrownBy(() -> HostCommandLine.fromCommandLine(List.of(), Map.of("BOT_WARMUP", "soon"), HOME,
                new PrintWriter(printed))).hasMessageStartingWith("--warmup / BOT_WARMUP must be a duration");
    }

    @Test
    void durationsReadAsPeopleTypeThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.format(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m 30s");
        assertThatThrownBy(() -> Durations.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onARealGeweTheEndpointListensOnEveryInterfaceAndKeepsItsStateInTheWorkingDirectory() throws Exception {
        HostConfig c = parse(List.of("--gewe-base-url", "http://10.0.0.5:2531/v2/api"), Map.of());

        assertThat(c.endpoint().bind()).isEqualTo("0.0.0.0");
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("data"));
        assertThat(c.storage().ephemeralData()).isFalse();
    }

    @Test
    void theBindAddressComesFromTheFlagOrItsVariable() throws Exception {
        assertThat(parse(List.of("--bind", "127.0.0.1", "--gewe-base-url", "http://g/v2/api"), Map.of()).endpoint().bind())
                .isEqualTo("127.0.0.1");
        assertThat(parse(List.of(), Map.of("BOT_BIND", "::1")).endpoint().bind()).isEqualTo("::1");
        assertThat(parse(List.of(), Map.of("BOT_BIND", "0.0.0.0")).endpoint().bind()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> parse(List.of("--bind", "10.0.0.1 ; rm"), Map.of()))
                .hasMessage("--bind / BOT_BIND must be an IP address or a host name, such as 127.0.0.1");
    }

    @Test
    void helpNamesTheBindAddressAndTheDataFolderOutsideTheBuildOutput() {
        // Long notes wrap; the words are what matters.
        assertThat(HostCommandLine.help().replaceAll("\\s+", " ")).contains("--bind").contains("BOT_BIND")
                .contains("default: 0.0.0.0; 127.0.0.1 on the embedded sandbox")
                .contains("default: data/ in the working directory; a temporary folder on the embedded sandbox")
                .doesNotContain("beside the jar; a temporary");
    }

    @Test
    void thePublicUrlAndTheVariantComeFromFlagsOrVariablesAndTheVariantIsOtherwiseGuessedFromTheBaseUrl()
            throws Exception {
        HostConfig none = parse(List.of("--gewe-base-url", "http://192.168.1.20:2531/v2/api"), Map.of());
        assertThat(none.link().publicUrl()).isEmpty();
        assertThat(none.first().variant()).isEqualTo(GeweVariant.SELF_HOSTED);
        assertThat(none.first().variantGuessed()).isTrue();

        HostConfig hosted = parse(List.of("--gewe-base-url", "http://api.geweapi.com/gewe/v2/api"),
                Map.of("BOT_PUBLIC_URL", "http://203.0.113.5:8080/"));
        assertThat(hosted.link().publicUrl()).contains("http://203.0.113.5:8080");
        assertThat(hosted.first().variant()).isEqualTo(GeweVariant.HOSTED);
        assertThat(parse(List.of("--gewe-base-url", "https://gw.example.com/gewe/v2/api/"), Map.of()).first().variant())
                .isEqualTo(GeweVariant.HOSTED);

        HostConfig chosen = parse(List.of("--gewe-base-url", "http://api.geweapi.com/gewe/v2/api",
                "--gewe-variant", "self-hosted", "--public-url", "https://bot.example.com/base"),
                Map.of("BOT_GEWE_VARIANT", "hosted"));
        assertThat(chosen.first().variant()).isEqualTo(GeweVariant.SELF_HOSTED);
        assertThat(chosen.first().variantGuessed()).isFalse();
        assertThat(chosen.link().publicUrl()).contains("https://bot.example.com/base");
        assertThat(parse(List.of(), Map.of("BOT_GEWE_VARIANT", "HOSTED")).first().variant())
                .isEqualTo(GeweVariant.HOSTED);
    }

    @Test
    void aBadPublicUrlOrVariantIsNamedWithItsVariable() {
        assertThatThrownBy(() -> parse(List.of("--public-url", "203.0.113.5:8080"), Map.of()))
                .hasMessageStartingWith("--public-url / BOT_PUBLIC_URL must be an http(s) URL");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_PUBLIC_URL", "http://bot/?x=1")))
                .hasMessageStartingWith("--public-url / BOT_PUBLIC_URL must be an http(s) URL");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_GEWE_VARIANT", "cloud")))
                .hasMessage("--gewe-variant / BOT_GEWE_VARIANT must be self-hosted or hosted, not 'cloud'");
    }

    @Test
    void reconnectionWaitsGrowByDefaultAndAreHiddenFromHelp() throws Exception {
        assertThat(parse(List.of(), Map.of()).link().reconnectWaits())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2));
        assertThat(parse(List.of("--reconnect-waits", "100ms,200ms"), Map.of()).link().reconnectWaits())
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(HostCommandLine.help()).contains("--public-url=<url>").contains("[env BOT_PUBLIC_URL; default: none")
                .contains("--gewe-variant=<variant>").doesNotContain("--reconnect-waits");
    }

    @Test
    void theConfigurationFileComesFromTheFlagOrItsVariableAndTheFlagWins(@TempDir Path dir) throws Exception {
        Path fromEnv = Files.writeString(dir.resolve("env.yaml"), "friendRequests:\n  autoAnswerDailyCap: 7\n");
        Path fromFlag = Files.writeString(dir.resolve("flag.yaml"), """
                friendRequests:
                  autoAnswerDailyCap: 9
                  rules:
                    - name: keyword
                      greetingContains: [join]
                      action: accept
                """);

        assertThat(parse(List.of(), Map.of()).first().friendRequestRules()).isEqualTo(FriendRequestRules.none());
        String gewe = "http://10.0.0.5:2531/v2/api";
        assertThat(parse(List.of(), Map.of("BOT_CONFIG", fromEnv.toString(), "GEWE_BASE_URL", gewe)).first().friendRequestRules()
                .autoAnswerDailyCap()).isEqualTo(7);
        FriendRequestRules rules = parse(List.of("--config", fromFlag.toString()),
                Map.of("BOT_CONFIG", fromEnv.toString(), "GEWE_BASE_URL", gewe)).first().friendRequestRules();
        assertThat(rules.autoAnswerDailyCap()).isEqualTo(9);
        assertThat(rules.rules()).extracting(FriendRequestRule::name, FriendRequestRule::action)
                .containsExactly(tuple("keyword", RuleAction.ACCEPT));
        assertThat(parse(List.of("--config", fromFlag.toString()), Map.of("GEWE_BASE_URL", gewe)).toString())
                .endsWith(", friendRequestRules=1]");
        // The flag wins over a variable naming a file that is not there, which is then never read.
        assertThat(parse(List.of("--config=" + fromFlag),
                Map.of("BOT_CONFIG", dir.resolve("gone.yaml").toString(), "GEWE_BASE_URL", gewe))
                .first().friendRequestRules().autoAnswerDailyCap()).isEqualTo(9);
    }

    @Test
    void aBadConfigurationFileIsNamedAfterTheFlagAndItsVariableWithItsLineAndKey(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bot.yaml"), """
                friendRequests:
                  rules:
                    - name: keyword
                      action: acept
                """);

        assertThatThrownBy(() -> parse(List.of("--config", bad.toString()), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config / BOT_CONFIG: " + bad + " line 4: friendRequests.rules[0].action: "
                        + "must be accept, reject or ask, not 'acept'");
        assertThatThrownBy(() -> parse(List.of(), Map.of("BOT_CONFIG", dir.resolve("gone.yaml").toString())))
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("gone.yaml") + ": no such file");
        // Flags are checked first: their message is the one given, and the file is not read.
        assertThatThrownBy(() -> parse(List.of("--config", bad.toString(), "--port", "70000"), Map.of()))
                .hasMessage("--port / BOT_PORT must be at most 65535");
    }

    @Test
    void helpListsTheConfigurationFileWithItsVariable() {
        assertThat(entry(HostCommandLine.help(), "--config")).contains("--config=<file>").contains("BOT_CONFIG")
                .contains("default: none: no rules, friend requests go to the admins");
    }
}
