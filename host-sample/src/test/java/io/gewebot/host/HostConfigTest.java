package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostConfigTest {

    private static final Path HOME = Path.of("/opt/bot");

    private static HostConfig parse(List<String> args, Map<String, String> env) throws Exception {
        return HostConfig.parse(args, env, HOME);
    }

    @Test
    void defaultsRunOnTheEmbeddedSandboxWithFoldersBesideTheJar() throws Exception {
        HostConfig c = parse(List.of(), Map.of());
        assertThat(c.embeddedSandbox()).isTrue();
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.pluginsDir()).isEqualTo(Path.of("/opt/bot/plugins"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/opt/bot/data"));
        assertThat(c.ephemeralData()).isTrue();
        assertThat(c.console()).isTrue();
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.admins()).isEmpty();
        assertThat(c.pacing().dailyCap()).isEqualTo(20);
        assertThat(c.pacing().addInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.pacing().addJitter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.pacing().dedupWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.pacing().warmup()).isEqualTo(Duration.ofDays(3));
        assertThat(c.pacing().skipWarmup()).isFalse();
        assertThat(c.pacing().onlineSince()).isEmpty();
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
        assertThat(c.geweBaseUrl()).contains("http://10.0.0.5:2531/v2/api");
        assertThat(c.geweToken()).isEqualTo("tok");
        assertThat(c.geweAppId()).isEqualTo("wx_app");
        assertThat(c.admins()).containsExactlyInAnyOrder("wxid_a", "wxid_b");
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.callbackSecret()).isEqualTo("s3cret");
        assertThat(c.pluginsDir()).isEqualTo(Path.of("/srv/plugins"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(c.ephemeralData()).isFalse();
        assertThat(c.language()).isEqualTo("zh");
        assertThat(c.pacing().dailyCap()).isEqualTo(5);
        assertThat(c.pacing().onlineSince()).contains(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(c.pacing().skipWarmup()).isTrue();
    }

    @Test
    void flagsWinOverTheEnvironmentInBothSpellings() throws Exception {
        HostConfig c = parse(List.of("--port=0", "--admins", "wxid_flag", "--no-console", "--add-interval", "90s"),
                Map.of("BOT_PORT", "9090", "BOT_ADMINS", "wxid_env"));
        assertThat(c.port()).isZero();
        assertThat(c.admins()).containsExactly("wxid_flag");
        assertThat(c.console()).isFalse();
        assertThat(c.pacing().addInterval()).isEqualTo(Duration.ofSeconds(90));
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
        String help = HostConfig.help();
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
}
