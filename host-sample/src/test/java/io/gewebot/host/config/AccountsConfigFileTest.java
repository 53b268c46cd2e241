package io.gewebot.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gewebot.common.settings.PacingSettings;
import io.gewebot.common.settings.FriendRequestRule;
import io.gewebot.common.settings.RuleAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's {@code accounts:}: what each account says, and each refusal with its line and key. */
class AccountsConfigFileTest {

    private static final String SECRET = "tok-from-the-environment-7f3a9c";

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("bot.yaml"), yaml, StandardCharsets.UTF_8);
    }

    private ConfigFile read(String yaml, Map<String, String> env) throws Exception {
        return ConfigFile.read(file(yaml), env);
    }

    /** The refusal, with the file named "bot.yaml" as in the README. */
    private String refusal(String yaml, Map<String, String> env) throws Exception {
        Path written = file(yaml);
        try {
            ConfigFile.read(written, env);
        } catch (ConfigFileException e) {
            assertThat(e.getMessage()).startsWith(written.toString()).doesNotContain("\n");
            return "bot.yaml" + e.getMessage().substring(written.toString().length());
        }
        throw new AssertionError("the file was accepted:\n" + yaml);
    }

    private static final String TWO = """
            friendRequests:
              rules:
                - name: everyone
                  action: ask
            accounts:
              - appId: wx_aaa
                baseUrl: http://gewe:2531/v2/api
                token: ${GEWE_TOKEN_A}
                admins: [wxid_x, wxid_y]
                lang: zh
                defaultGreeting: "你好"
                commandMaxAge: 5m
                geweVariant: hosted
                pacing: { addDailyCap: 8, addInterval: 45m }
                friendRequests:
                  autoAnswerDailyCap: 3
                  rules:
                    - name: join
                      greetingContains: [join]
                      action: accept
              - appId: wx_bbb
                pacing:
                  addJitter: 0s
                  answerInterval: 2s
                  answerDailyCap: 20
                  searchInterval: 1s
                  searchDailyCap: 5
                  addDedupWindow: 14d
                  warmup: 1d
                  onlineSince: 2026-01-31
                  skipWarmup: true
                  backoffBase: 30m
                  backoffMax: 12h
            """;

    @Test
    void eachAccountSaysWhatItGivesAndLeavesTheRestEmpty() throws Exception {
        ConfigFile file = read(TWO, Map.of("GEWE_TOKEN_A", SECRET));

        assertThat(file.accounts()).extracting(AccountSettings::appId, AccountSettings::line)
                .containsExactly(tuple("wx_aaa", 6),
                        tuple("wx_bbb", 21));
        AccountSettings a = file.accounts().get(0);
        assertThat(a.baseUrl()).contains("http://gewe:2531/v2/api");
        assertThat(a.token()).contains(SECRET);
        assertThat(a.admins()).contains(Set.of("wxid_x", "wxid_y"));
        assertThat(a.language()).contains("zh");
        assertThat(a.defaultGreeting()).contains("你好");
        assertThat(a.commandMaxAge()).contains(Duration.ofMinutes(5));
        assertThat(a.geweVariant()).contains("hosted");
        assertThat(a.pacing().addDailyCap()).contains(8);
        assertThat(a.pacing().addInterval()).contains(Duration.ofMinutes(45));
        assertThat(a.pacing().addJitter()).isEmpty();
        assertThat(a.friendRequestRules()).hasValueSatisfying(r -> {
            assertThat(r.autoAnswerDailyCap()).isEqualTo(3);
            assertThat(r.rules()).extracting(FriendRequestRule::name, FriendRequestRule::action)
                    .containsExactly(tuple("join", RuleAction.ACCEPT));
        });
        // The secret is the account's, never its description's.
        assertThat(a.toString()).doesNotContain(SECRET).contains("token=***");

        AccountSettings b = file.accounts().get(1);
        assertThat(b.baseUrl()).isEmpty();
        assertThat(b.token()).isEmpty();
        assertThat(b.admins()).isEmpty();
        assertThat(b.friendRequestRules()).isEmpty();
        assertThat(b.pacing()).isEqualTo(new PacingSettings(Optional.empty(), Optional.empty(),
                Optional.of(Duration.ZERO), Optional.of(Duration.ofSeconds(2)), Optional.of(20),
                Optional.of(Duration.ofSeconds(1)), Optional.of(5), Optional.of(Duration.ofDays(14)),
                Optional.of(Duration.ofDays(1)), Optional.of(Instant.parse("2026-01-31T00:00:00Z")), Optional.of(true),
                Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofHours(12))));
        // The top-level rules are still read: the host gives them to accounts without their own.
        assertThat(file.friendRequestRules().rules()).extracting(FriendRequestRule::name).containsExactly("everyone");
    }

    @Test
    void withoutAccountsTheFileHasNone() throws Exception {
        assertThat(read("friendRequests: {}\n", Map.of()).accounts()).isEmpty();
        assertThat(ConfigFile.none().accounts()).isEmpty();
    }

    @Test
    void aVariableMayStandForPartOfATextAndInAnyTextOfAnAccount() throws Exception {
        ConfigFile file = read("""
                accounts:
                  - appId: ${APP}
                    baseUrl: http://${GEWE_HOST}:2531/v2/api
                    admins: ["${BOSS}", wxid_y]
                    pacing: { addInterval: "${EVERY}" }
                """, Map.of("APP", "wx_env", "GEWE_HOST", "10.0.0.7", "BOSS", "wxid_boss", "EVERY", "2h"));

        AccountSettings a = file.accounts().get(0);
        assertThat(a.appId()).isEqualTo("wx_env");
        assertThat(a.baseUrl()).contains("http://10.0.0.7:2531/v2/api");
        assertThat(a.admins()).contains(Set.of("wxid_boss", "wxid_y"));
        assertThat(a.pacing().addInterval()).contains(Duration.ofHours(2));
    }

    @Test
    void anUnsetVariableIsNamedWithItsKeyAndLine() throws Exception {
        assertThat(refusal(TWO, Map.of()))
                .isEqualTo("bot.yaml line 8: accounts[0].token: ${GEWE_TOKEN_A} is not set in the environment");
        assertThat(refusal("accounts:\n  - appId: wx_a\n    baseUrl: \"${\"\n", Map.of()))
                .isEqualTo("bot.yaml line 3: accounts[0].baseUrl: has a ${ that names no variable; write ${NAME} "
                        + "with letters, digits and _");
    }

    @Test
    void aBadValueFromTheEnvironmentIsRefusedWithoutQuotingIt() throws Exception {
        String yaml = """
                accounts:
                  - appId: wx_a
                    lang: ${LANG_A}
                    geweVariant: ${VARIANT_A}
                """;
        assertThat(refusal(yaml, Map.of("LANG_A", SECRET, "VARIANT_A", "hosted")))
                .isEqualTo("bot.yaml line 3: accounts[0].lang: must be en or zh");
        assertThat(refusal(yaml, Map.of("LANG_A", "en", "VARIANT_A", SECRET)))
                .isEqualTo("bot.yaml line 4: accounts[0].geweVariant: must be self-hosted or hosted");
        assertThat(refusal("accounts:\n  - appId: wx_a\n    pacing:\n      warmup: ${W}\n", Map.of("W", SECRET)))
                .isEqualTo("bot.yaml line 4: accounts[0].pacing.warmup: must be a duration such as 250ms, 90s, 5m, "
                        + "2h, 3d or PT1H");
        assertThat(refusal("accounts:\n  - appId: wx_a\n    baseUrl: ${U}\n", Map.of("U", SECRET)))
                .isEqualTo("bot.yaml line 3: accounts[0].baseUrl: must be an http(s) URL");
        // A value the file says itself may be quoted: it is no secret.
        assertThat(refusal("accounts:\n  - appId: wx_a\n    lang: fr\n", Map.of()))
                .isEqualTo("bot.yaml line 3: accounts[0].lang: must be en or zh, not 'fr'");
    }

    @Test
    void aDurationWithoutItsUnitIsRefusedInEveryDurationKeyQuotedOrNotAndZeroAloneIsAllowed() throws Exception {
        String bare = "must be a duration with its unit, such as 30m or 90s, not a bare number (0 alone means none)";
        List<String> pacingKeys = List.of("addInterval", "addJitter", "answerInterval", "searchInterval",
                "addDedupWindow", "warmup", "backoffBase", "backoffMax");
        for (String key : pacingKeys) {
            for (String value : List.of("30", "\"30\"")) {
                assertThat(refusal("accounts:\n  - appId: wx_a\n    pacing:\n      " + key + ": " + value + "\n", Map.of()))
                        .isEqualTo("bot.yaml line 4: accounts[0].pacing." + key + ": " + bare);
            }
            assertThat(read("accounts:\n  - appId: wx_a\n    pacing:\n      " + key + ": \"0\"\n", Map.of())
                    .accounts().get(0).pacing().toString()).contains("PT0S");
        }
        for (String value : List.of("30", "\"30\"", "${MAX_AGE}")) {
            assertThat(refusal("accounts:\n  - appId: wx_a\n    commandMaxAge: " + value + "\n", Map.of("MAX_AGE", "30")))
                    .isEqualTo("bot.yaml line 3: accounts[0].commandMaxAge: " + bare);
        }
        assertThat(read("accounts:\n  - appId: wx_a\n    pacing: { addInterval: 30m, addJitter: 90s }\n", Map.of())
                .accounts().get(0).pacing().addInterval()).contains(Duration.ofMinutes(30));
    }

    @Test
    void eachWrongKeyOrValueIsRefusedWithItsKeyAndLine() throws Exception {
        String head = "accounts:\n  - appId: wx_a\n  - appId: wx_b\n";
        assertThat(refusal(head + "    pacing:\n      addDailyCap: -1\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.addDailyCap: must be a whole number of at least 0");
        assertThat(refusal(head + "    pacing:\n      addDailyCap: \"8\"\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.addDailyCap: must be a whole number of at least 0");
        assertThat(refusal(head + "    pacing:\n      searchDailyCap: 0\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.searchDailyCap: must be a whole number of at least 1");
        assertThat(refusal(head + "    pacing:\n      addInterval: 45x\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.addInterval: must be a duration such as 250ms, 90s, "
                        + "5m, 2h, 3d or PT1H");
        assertThat(refusal(head + "    pacing:\n      skipWarmup: \"yes\"\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.skipWarmup: must be true or false");
        assertThat(refusal(head + "    pacing:\n      onlineSince: yesterday\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[1].pacing.onlineSince: must be a date (2026-01-31) or an "
                        + "instant (2026-01-31T08:00:00Z)");
        assertThat(refusal(head + "    pacing:\n      addDailyCapp: 3\n", Map.of()))
                .startsWith("bot.yaml line 5: accounts[1].pacing.addDailyCapp: unknown key; known here: addDailyCap, "
                        + "addInterval, addJitter, answerInterval, answerDailyCap, searchInterval, searchDailyCap, "
                        + "addDedupWindow, warmup, onlineSince, skipWarmup, backoffBase, backoffMax");
        assertThat(refusal(head + "    tokn: x\n", Map.of()))
                .isEqualTo("bot.yaml line 4: accounts[1].tokn: unknown key; known here: appId, baseUrl, token, admins, "
                        + "lang, defaultGreeting, commandMaxAge, geweVariant, pacing, friendRequests");
        assertThat(refusal(head + "    admins: wxid_x\n", Map.of()))
                .isEqualTo("bot.yaml line 4: accounts[1].admins: must be a list of texts");
        assertThat(refusal(head + "    friendRequests:\n      rules:\n        - name: r\n          action: acept\n",
                Map.of())).isEqualTo("bot.yaml line 7: accounts[1].friendRequests.rules[0].action: must be accept, "
                        + "reject or ask, not 'acept'");
        assertThat(refusal("accounts:\n  appId: wx_a\n", Map.of())).startsWith("bot.yaml line 2: accounts: must be a "
                + "list of mappings, each with the keys appId, baseUrl");
    }

    @Test
    void anAccountWithoutAnAppIdOrWithAnotherOnesIsRefused() throws Exception {
        assertThat(refusal("accounts:\n  - appId: wx_a\n  - lang: en\n    admins: [wxid_x]\n", Map.of()))
                .isEqualTo("bot.yaml line 3: accounts[1].appId: must be given: each account needs its appId");
        assertThat(refusal("accounts:\n  - appId: wx_a\n  - appId: wx_b\n  - lang: en\n    appId: wx_a\n", Map.of()))
                .isEqualTo("bot.yaml line 5: accounts[2].appId: is the appId of accounts[0] too; each account is "
                        + "given once");
        assertThat(refusal("accounts:\n  - appId: \"\"\n", Map.of()))
                .isEqualTo("bot.yaml line 2: accounts[0].appId: must not be empty");
    }

    @Test
    void aSecretFromTheEnvironmentIsInNoRefusal() throws Exception {
        List<String> yamls = List.of(
                "accounts:\n  - appId: wx_a\n    token: ${T}\n    pacing:\n      addDailyCap: x\n",
                "accounts:\n  - appId: wx_a\n    token: ${T}\n  - appId: wx_a\n",
                "accounts:\n  - appId: wx_a\n    token: ${T}\n    lang: ${T}\n");
        for (String yaml : yamls) {
            assertThat(refusal(yaml, Map.of("T", SECRET))).doesNotContain(SECRET);
        }
    }
}
