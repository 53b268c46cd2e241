package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.host.login.AccountFile;
import io.gewebot.host.login.LoginConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the host reads from the account {@code login} saved, and when it does not. */
class LoginCommandLineTest {

    private static final Path HOME = Path.of("/opt/bot");
    private static final String GEWE = "http://10.0.0.5:2531/v2/api";

    @TempDir
    Path data;

    private HostConfig parse(List<String> args, Map<String, String> env) throws Exception {
        return HostCommandLine.parse(args, env, HOME);
    }

    @Test
    void withoutFlagsOrVariablesTheHostTakesTheSavedAccount() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        HostConfig c = parse(List.of("--gewe-base-url", GEWE, "--data-dir", data.toString()), Map.of());

        assertThat(c.first().geweToken()).isEqualTo("saved-token");
        assertThat(c.first().appId()).isEqualTo("wx_saved");
        assertThat(c.first().accountWxid()).isEqualTo("wxid_saved");
        assertThat(c.toString()).doesNotContain("saved-token").contains("account=wxid_saved");
    }

    @Test
    void flagsAndVariablesWinOverTheSavedAccount() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        HostConfig c = parse(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_flag"),
                Map.of("GEWE_TOKEN", "env-token", "BOT_DATA_DIR", data.toString()));

        assertThat(c.first().geweToken()).isEqualTo("env-token");
        assertThat(c.first().appId()).isEqualTo("wx_flag");
        assertThat(c.first().accountWxid()).as("the saved wxid is of another device").isEmpty();
    }

    @Test
    void theBaseUrlLoginSavedIsTakenLikeTheTokenSoAHostInAnotherShellFindsItsGewe() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\","
                + "\"nickname\":\"Saved\",\"baseUrl\":\"" + GEWE + "\"}");

        HostConfig c = parse(List.of("--data-dir", data.toString(), "--no-console"), Map.of());

        assertThat(c.embeddedSandbox()).isFalse();
        assertThat(c.first().geweBaseUrl()).contains(GEWE);
        assertThat(c.first().geweToken()).isEqualTo("saved-token");
        assertThat(c.first().appId()).isEqualTo("wx_saved");
        assertThat(c.endpoint().bind()).isEqualTo(EndpointConfig.BIND_ALL);
        assertThat(c.storage().ephemeralData()).isFalse();
        // A flag or a variable wins, as for the token.
        assertThat(parse(List.of("--data-dir", data.toString()), Map.of("GEWE_BASE_URL", "http://10.0.0.9:2531/v2/api"))
                .first().geweBaseUrl()).contains("http://10.0.0.9:2531/v2/api");
    }

    @Test
    void aSavedAccountWithoutItsBaseUrlStopsTheStartRatherThanRunningOnTheSandbox() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        assertThatThrownBy(() -> parse(List.of("--data-dir", data.toString()), Map.of()))
                .hasMessage("no GeWe base URL, yet the account saved in " + AccountFile.in(data) + " (without its base "
                        + "URL) points at a real GeWe: give --gewe-base-url / GEWE_BASE_URL (login saves it in "
                        + AccountFile.in(data) + " for the host to find). The embedded sandbox, a stand-in for trying "
                        + "the bot, starts only when nothing points at a real GeWe")
                .hasMessageNotContaining("saved-token");
    }

    @Test
    void aPublicUrlNoConsoleOrAConfigurationFileWithoutABaseUrlStopTheStartNamingThem() throws Exception {
        Path file = Files.writeString(data.resolve("bot.yaml"), "friendRequests:\n  autoAnswerDailyCap: 7\n");

        assertThatThrownBy(() -> parse(List.of("--data-dir", data.toString(), "--no-console"),
                Map.of("BOT_PUBLIC_URL", "http://203.0.113.5:8080", "BOT_CONFIG", file.toString())))
                .hasMessageStartingWith("no GeWe base URL, yet --public-url / BOT_PUBLIC_URL, --no-console, "
                        + "--config / BOT_CONFIG point at a real GeWe: give --gewe-base-url / GEWE_BASE_URL");
        assertThatThrownBy(() -> parse(List.of("--data-dir", data.toString(), "--public-url", "http://203.0.113.5:8080"),
                Map.of())).hasMessageStartingWith("no GeWe base URL, yet --public-url / BOT_PUBLIC_URL points at a real GeWe");
        // Nothing pointing at a real GeWe: the quick start's sandbox.
        assertThat(parse(List.of("--data-dir", data.toString()), Map.of()).embeddedSandbox()).isTrue();
    }

    @Test
    void anUnreadableSavedAccountIsNamedWithoutItsContent() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"half-writ");

        assertThatThrownBy(() -> parse(List.of("--gewe-base-url", GEWE, "--data-dir", data.toString()), Map.of()))
                .hasMessageContaining(AccountFile.in(data) + " is not a saved account").hasMessageContaining("login")
                .hasMessageNotContaining("half-writ");
    }

    @Test
    void loginTakesTheHostsGeweOptionsAndTheHostedOnesOnlyWhenGiven() throws Exception {
        LoginConfig plain = HostCommandLine.login(List.of("login", "--data-dir", data.toString()),
                Map.of("GEWE_BASE_URL", GEWE, "GEWE_TOKEN", "t-1", "GEWE_APP_ID", "wx_1"));
        assertThat(plain.geweBaseUrl()).isEqualTo(GEWE);
        assertThat(plain.geweToken()).isEqualTo("t-1");
        assertThat(plain.geweAppId()).isEqualTo("wx_1");
        assertThat(plain.dataDir()).isEqualTo(data.toAbsolutePath().normalize());
        assertThat(plain.loginType()).isEmpty();
        assertThat(plain.regionId()).isEmpty();
        assertThat(plain.pollInterval()).hasSeconds(5);

        LoginConfig hosted = HostCommandLine.login(List.of("login", "--gewe-base-url", GEWE, "--login-type", "MAC",
                "--region-id", "320000"), Map.of());
        assertThat(hosted.loginType()).contains("mac");
        assertThat(hosted.regionId()).contains("320000");
        assertThat(hosted.toString()).doesNotContain("t-1");
    }

    @Test
    void loginRefusesWhatItCannotUse() {
        assertThatThrownBy(() -> HostCommandLine.login(List.of("login"), Map.of()))
                .hasMessageStartingWith("--gewe-base-url / GEWE_BASE_URL must be given");
        assertThatThrownBy(() -> HostCommandLine.login(List.of("login", "--gewe-base-url", GEWE, "--login-type", "android"),
                Map.of())).hasMessage("--login-type / GEWE_LOGIN_TYPE must be ipad or mac");
    }

    @Test
    void loginHelpListsItsFlagsAndNeverThePollInterval() throws Exception {
        StringWriter help = new StringWriter();

        assertThat(HostCommandLine.invocation(List.of("login", "--help"), Map.of(), HOME, new PrintWriter(help)))
                .isEmpty();
        assertThat(help.toString()).startsWith("Usage: java -jar host-sample.jar login [OPTIONS]")
                .contains("--login-type").contains("GEWE_LOGIN_TYPE").contains("--region-id").contains("--timeout")
                .contains("[env GEWE_BASE_URL; default: none: login needs it]").doesNotContain("--poll-interval");
        assertThat(HostCommandLine.help()).contains("Commands:").containsPattern("login +Logs the WeChat account in by QR code");
    }

    @Test
    void aLoginCommandLineIsNeverEchoedInAnError() {
        assertThatThrownBy(() -> HostCommandLine.fromCommandLine(List.of("login", "--gewe-base-url", GEWE, "--gewe-token",
                "tok-secret-9"), Map.of(), HOME, new PrintWriter(new StringWriter())))
                .hasMessageNotContaining("tok-secret-9");
    }
}
