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
        return HostConfig.parse(args, env, HOME);
    }

    @Test
    void withoutFlagsOrVariablesTheHostTakesTheSavedAccount() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        HostConfig c = parse(List.of("--gewe-base-url", GEWE, "--data-dir", data.toString()), Map.of());

        assertThat(c.geweToken()).isEqualTo("saved-token");
        assertThat(c.geweAppId()).isEqualTo("wx_saved");
        assertThat(c.accountWxid()).isEqualTo("wxid_saved");
        assertThat(c.toString()).doesNotContain("saved-token").contains("account=wxid_saved");
    }

    @Test
    void flagsAndVariablesWinOverTheSavedAccount() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        HostConfig c = parse(List.of("--gewe-base-url", GEWE, "--gewe-app-id", "wx_flag"),
                Map.of("GEWE_TOKEN", "env-token", "BOT_DATA_DIR", data.toString()));

        assertThat(c.geweToken()).isEqualTo("env-token");
        assertThat(c.geweAppId()).isEqualTo("wx_flag");
        assertThat(c.accountWxid()).as("the saved wxid is of another device").isEmpty();
    }

    @Test
    void theEmbeddedSandboxIgnoresTheSavedAccount() throws Exception {
        Files.writeString(AccountFile.in(data), "{\"token\":\"saved-token\",\"appId\":\"wx_saved\",\"wxid\":\"wxid_saved\",\"nickname\":\"Saved\"}");

        HostConfig c = parse(List.of("--data-dir", data.toString()), Map.of());

        assertThat(c.geweToken()).isEmpty();
        assertThat(c.geweAppId()).isEmpty();
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
        LoginConfig plain = HostConfig.login(List.of("login", "--data-dir", data.toString()),
                Map.of("GEWE_BASE_URL", GEWE, "GEWE_TOKEN", "t-1", "GEWE_APP_ID", "wx_1"));
        assertThat(plain.geweBaseUrl()).isEqualTo(GEWE);
        assertThat(plain.geweToken()).isEqualTo("t-1");
        assertThat(plain.geweAppId()).isEqualTo("wx_1");
        assertThat(plain.dataDir()).isEqualTo(data.toAbsolutePath().normalize());
        assertThat(plain.loginType()).isEmpty();
        assertThat(plain.regionId()).isEmpty();
        assertThat(plain.pollInterval()).hasSeconds(5);

        LoginConfig hosted = HostConfig.login(List.of("login", "--gewe-base-url", GEWE, "--login-type", "MAC",
                "--region-id", "320000"), Map.of());
        assertThat(hosted.loginType()).contains("mac");
        assertThat(hosted.regionId()).contains("320000");
        assertThat(hosted.toString()).doesNotContain("t-1");
    }

    @Test
    void loginRefusesWhatItCannotUse() {
        assertThatThrownBy(() -> HostConfig.login(List.of("login"), Map.of()))
                .hasMessageStartingWith("--gewe-base-url / GEWE_BASE_URL must be given");
        assertThatThrownBy(() -> HostConfig.login(List.of("login", "--gewe-base-url", GEWE, "--login-type", "android"),
                Map.of())).hasMessage("--login-type / GEWE_LOGIN_TYPE must be ipad or mac");
    }

    @Test
    void loginHelpListsItsFlagsAndNeverThePollInterval() throws Exception {
        StringWriter help = new StringWriter();

        assertThat(HostConfig.invocation(List.of("login", "--help"), Map.of(), HOME, new PrintWriter(help)))
                .isEmpty();
        assertThat(help.toString()).startsWith("Usage: java -jar host-sample.jar login [OPTIONS]")
                .contains("--login-type").contains("GEWE_LOGIN_TYPE").contains("--region-id").contains("--timeout")
                .contains("[env GEWE_BASE_URL; default: none: login needs it]").doesNotContain("--poll-interval");
        assertThat(HostConfig.help()).contains("Commands:").contains("login  Logs the WeChat account in by QR code");
    }

    @Test
    void aLoginCommandLineIsNeverEchoedInAnError() {
        assertThatThrownBy(() -> HostConfig.fromCommandLine(List.of("login", "--gewe-base-url", GEWE, "--gewe-token",
                "tok-secret-9"), Map.of(), HOME, new PrintWriter(new StringWriter())))
                .hasMessageNotContaining("tok-secret-9");
    }
}
