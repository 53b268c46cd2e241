package io.gewebot.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.common.settings.FriendRequestRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file's {@code accounts:} on the command line: each account's keys over the flags
 * and variables, which are the defaults of the keys an account leaves out.
 */
class HostConfigAccountsTest {

    private static final String TOKEN_A = "tok-account-a-51c0e2";

    @TempDir
    Path dir;

    private HostConfig parse(String yaml, List<String> args, Map<String, String> env) throws Exception {
        Path file = Files.writeString(dir.resolve("bot.yaml"), yaml);
        List<String> all = new java.util.ArrayList<>(List.of("--config", file.toString(), "--data-dir",
                dir.resolve("data").toString()));
        all.addAll(args);
        return HostCommandLine.parse(all, env, dir);
    }

    private static final String TWO = """
            friendRequests:
              rules:
                - name: top
                  action: ask
            accounts:
              - appId: wx_aaa
                baseUrl: http://gewe-a:2531/v2/api
                token: ${GEWE_TOKEN_A}
                admins: [wxid_x, wxid_y]
                lang: zh
                pacing: { addDailyCap: 8, addInterval: 45m }
                friendRequests:
                  rules:
                    - name: own
                      action: accept
              - appId: wx_bbb
                baseUrl: http://api.geweapi.com/gewe/v2/api
            """;

    @Test
    void eachAccountTakesWhatItLeavesOutFromTheFlagsAndVariables() throws Exception {
        HostConfig c = parse(TWO, List.of("--add-daily-cap", "5", "--admins", "wxid_flag", "--add-jitter", "1m"),
                Map.of("GEWE_TOKEN_A", TOKEN_A, "GEWE_TOKEN", "tok-shared", "BOT_WARMUP", "2d"));

        assertThat(c.accounts()).extracting(AccountConfig::appId).containsExactly("wx_aaa", "wx_bbb");
        AccountConfig a = c.accounts().get(0);
        assertThat(a.geweBaseUrl()).contains("http://gewe-a:2531/v2/api");
        assertThat(a.geweToken()).isEqualTo(TOKEN_A);
        assertThat(a.admins()).isEqualTo(Set.of("wxid_x", "wxid_y"));
        assertThat(a.language()).isEqualTo("zh");
        assertThat(a.pacing().addDailyCap()).isEqualTo(8);
        assertThat(a.pacing().addInterval()).isEqualTo(Duration.ofMinutes(45));
        assertThat(a.pacing().addJitter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(a.pacing().warmup()).isEqualTo(Duration.ofDays(2));
        assertThat(a.variant()).isEqualTo(GeweVariant.SELF_HOSTED);
        assertThat(a.friendRequestRules().rules()).extracting(FriendRequestRule::name).containsExactly("own");

        AccountConfig b = c.accounts().get(1);
        assertThat(b.geweToken()).isEqualTo("tok-shared");
        assertThat(b.admins()).isEqualTo(Set.of("wxid_flag"));
        assertThat(b.language()).isEqualTo("en");
        assertThat(b.pacing().addDailyCap()).isEqualTo(5);
        assertThat(b.pacing().addInterval()).isEqualTo(Duration.ofMinutes(30));
        // Each account's variant is guessed from its own base URL.
        assertThat(b.variant()).isEqualTo(GeweVariant.HOSTED);
        assertThat(b.variantGuessed()).isTrue();
        // Beside accounts:, the top-level rules are those of every account without its own.
        assertThat(b.friendRequestRules().rules()).extracting(FriendRequestRule::name).containsExactly("top");

        // The host-wide fields are the first account's: it is the console's.
        assertThat(c.first().appId()).isEqualTo("wx_aaa");
        assertThat(c.embeddedSandbox()).isFalse();
        assertThat(c.storage().ephemeralData()).isFalse();
        assertThat(c.endpoint().bind()).isEqualTo(EndpointConfig.BIND_ALL);
        assertThat(c.toString()).doesNotContain(TOKEN_A).doesNotContain("tok-shared").contains("wx_bbb");
    }

    @Test
    void withoutAccountsTheFlagsDescribeTheOneAccount() throws Exception {
        HostConfig c = HostCommandLine.parse(List.of("--gewe-base-url", "http://gewe:2531/v2/api", "--gewe-token", "t",
                "--gewe-app-id", "wx_one", "--admins", "wxid_a", "--add-daily-cap", "3"), Map.of(), dir);

        assertThat(c.accounts()).singleElement().satisfies(a -> {
            assertThat(a.appId()).isEqualTo("wx_one");
            assertThat(a.geweBaseUrl()).contains("http://gewe:2531/v2/api");
            assertThat(a.admins()).isEqualTo(Set.of("wxid_a"));
            assertThat(a.pacing()).isEqualTo(c.first().pacing());
            assertThat(a.pacing().addDailyCap()).isEqualTo(3);
        });
        assertThat(HostCommandLine.parse(List.of(), Map.of(), dir).accounts()).singleElement()
                .satisfies(a -> assertThat(a.geweBaseUrl()).isEqualTo(Optional.empty()));
    }

    @Test
    void aRefusalOfTheFileNamesTheFlagTheFileTheLineAndTheKey() throws Exception {
        assertThatThrownBy(() -> parse("accounts:\n  - appId: wx_a\n    baseUrl: http://g/v2/api\n  - appId: wx_b\n"
                + "    baseUrl: http://g/v2/api\n    pacing:\n      addDailyCap: lots\n", List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("bot.yaml") + " line 7: "
                        + "accounts[1].pacing.addDailyCap: must be a whole number of at least 0");
        assertThatThrownBy(() -> parse(TWO, List.of(), Map.of()))
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("bot.yaml") + " line 8: "
                        + "accounts[0].token: ${GEWE_TOKEN_A} is not set in the environment");
    }

    @Test
    void anAccountsPacingThatBreaksAPolicyRuleWithTheFlagsIsRefusedNamingTheFileTheLineAndTheKey() throws Exception {
        String yaml = "accounts:\n  - appId: wx_a\n    baseUrl: http://g/v2/api\n  - appId: wx_b\n"
                + "    baseUrl: http://g/v2/api\n    pacing:\n      backoffBase: 0s\n";
        assertThatThrownBy(() -> parse(yaml, List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("bot.yaml") + " line 4: "
                        + "accounts[1].pacing.backoffBase: must be positive");
        String shorter = "accounts:\n  - appId: wx_a\n    baseUrl: http://g/v2/api\n    pacing:\n      backoffMax: 30m\n";
        assertThatThrownBy(() -> parse(shorter, List.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("bot.yaml") + " line 2: "
                        + "accounts[0].pacing.backoffMax: must not be shorter than backoffBase");
    }

    @Test
    void anAccountNeedsABaseUrlFromTheFileOrTheFlag() throws Exception {
        String yaml = "accounts:\n  - appId: wx_a\n    baseUrl: http://g/v2/api\n  - appId: wx_b\n";
        assertThatThrownBy(() -> parse(yaml, List.of(), Map.of()))
                .hasMessage("--config / BOT_CONFIG: " + dir.resolve("bot.yaml") + " line 4: accounts[1].baseUrl: must "
                        + "be given, here or by --gewe-base-url / GEWE_BASE_URL (the embedded sandbox serves one "
                        + "account, without accounts:)");
        assertThat(parse(yaml, List.of(), Map.of("GEWE_BASE_URL", "http://flag/v2/api")).accounts())
                .extracting(a -> a.geweBaseUrl().orElseThrow())
                .containsExactly("http://g/v2/api", "http://flag/v2/api");
    }
}
