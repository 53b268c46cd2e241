package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LaunchConfigTest {

    @Test
    void noArgumentsListenOnTheContainerPortWithDefaults() {
        LaunchConfig config = LaunchConfig.parse();

        assertThat(config.options()).isEqualTo(SandboxOptions.defaults().withPort(2531));
        assertThat(config.callbackUrl()).isNull();
        assertThat(config.help()).isFalse();
        assertThat(config.loggedOut()).isFalse();
        assertThat(config.scanAfterPolls()).isNegative();
    }

    @Test
    void theLoginIsPlayedAsTold() {
        LaunchConfig config = LaunchConfig.parse("--logged-out", "--scan-after-polls", "3");

        assertThat(config.loggedOut()).isTrue();
        assertThat(config.scanAfterPolls()).isEqualTo(3);
        assertThatThrownBy(() -> LaunchConfig.parse("--scan-after-polls", "-1")).hasMessageContaining("--scan-after-polls");
    }

    @Test
    void everyOptionIsReadInBothSpellings() {
        LaunchConfig config = LaunchConfig.parse("--port", "8849", "--token=t-1", "--app-id", "wx_1",
                "--callback-url", "http://127.0.0.1:9/cb", "--prefix=/gewe/v2/api", "--host", "0.0.0.0",
                "--account-wxid", "wxid_me", "--no-demo-people");

        assertThat(config.options()).isEqualTo(
                new SandboxOptions("0.0.0.0", 8849, "/gewe/v2/api", "t-1", "wx_1", "wxid_me", false));
        assertThat(config.callbackUrl()).isEqualTo("http://127.0.0.1:9/cb");
    }

    @Test
    void theVariantIsSelfHostedUnlessToldHosted() {
        assertThat(LaunchConfig.parse().options().variant()).isEqualTo(SandboxOptions.Variant.SELF_HOSTED);
        assertThat(LaunchConfig.parse("--variant", "hosted").options().variant()).isEqualTo(SandboxOptions.Variant.HOSTED);
        assertThat(LaunchConfig.parse("--variant=self-hosted").options().variant())
                .isEqualTo(SandboxOptions.Variant.SELF_HOSTED);
        assertThatThrownBy(() -> LaunchConfig.parse("--variant", "cloud"))
                .hasMessage("--variant must be self-hosted or hosted, was cloud");
    }

    @Test
    void moreAccountsAreReadAsAppIdWxidPairsInBothSpellingsAndMayBeRepeated() {
        LaunchConfig config = LaunchConfig.parse("--accounts", "wx_b=wxid_b, wx_c=wxid_c", "--accounts=wx_d=wxid_d");

        assertThat(config.options().moreAccounts()).containsExactly(new SandboxOptions.Account("wx_b", "wxid_b"),
                new SandboxOptions.Account("wx_c", "wxid_c"), new SandboxOptions.Account("wx_d", "wxid_d"));
        assertThat(config.options().accounts()).first().isEqualTo(new SandboxOptions.Account("wx_sandbox_app", "wxid_sandbox_bot"));
        assertThat(LaunchConfig.USAGE).contains("--accounts A=W,...");
    }

    @Test
    void badAccountListsAreRefusedWithAReason() {
        assertThatThrownBy(() -> LaunchConfig.parse("--accounts", "wx_b"))
                .hasMessage("--accounts takes appId=wxid pairs separated by commas, was wx_b");
        assertThatThrownBy(() -> LaunchConfig.parse("--accounts", "wx_b=wxid_b,"))
                .hasMessageContaining("--accounts takes appId=wxid pairs");
        assertThatThrownBy(() -> LaunchConfig.parse("--accounts", "=wxid_b")).hasMessageContaining("--accounts takes");
        assertThatThrownBy(() -> LaunchConfig.parse("--app-id", "wx_1", "--accounts", "wx_1=wxid_b"))
                .hasMessage("appId wx_1 is given to two accounts");
    }

    @Test
    void aSandboxStartedFromTheCommandLineServesEveryAccountItNamesAndItsBannerListsThem() {
        LaunchConfig config = LaunchConfig.parse("--port", "0", "--accounts", "wx_b=wxid_b,wx_c=wxid_c");
        try (GeweSandbox sandbox = GeweSandbox.start(config.options())) {
            JsonNode online = new GeweClient(sandbox, "wx_c").call("/login/checkOnline");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            sandbox.printBanner(new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(online.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\",\"data\":true}");
            assertThat(sandbox.account("wx_c").wxid()).isEqualTo("wxid_c");
            assertThat(bytes.toString(StandardCharsets.UTF_8))
                    .contains("appId    : wx_sandbox_app")
                    .contains("also     : appId wx_b, account wxid_b")
                    .contains("also     : appId wx_c, account wxid_c");
        }
    }

    @Test
    void helpIsRecognized() {
        assertThat(LaunchConfig.parse("--help").help()).isTrue();
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertThatThrownBy(() -> LaunchConfig.parse("--port", "abc")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LaunchConfig.parse("--port", "70000")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LaunchConfig.parse("--token")).hasMessageContaining("missing value after --token");
        assertThatThrownBy(() -> LaunchConfig.parse("--bogus")).hasMessageContaining("unknown option: --bogus");
    }

    @Test
    void bannerShowsWhatAClientNeeds() {
        try (GeweSandbox sandbox = GeweSandbox.start(SandboxOptions.defaults().withToken("t-9").withAppId("wx_9"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            sandbox.printBanner(new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(bytes.toString(StandardCharsets.UTF_8))
                    .contains(sandbox.baseUrl()).contains("t-9").contains("wx_9").contains("variant  : self-hosted");
        }
    }

    @Test
    void prefixIsNormalized() {
        assertThat(SandboxOptions.defaults().withPathPrefix("v2/api/").pathPrefix()).isEqualTo("/v2/api");
        assertThat(SandboxOptions.defaults().withPathPrefix("/").pathPrefix()).isEmpty();
    }
}
