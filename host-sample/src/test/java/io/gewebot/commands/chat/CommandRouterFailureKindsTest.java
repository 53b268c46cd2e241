package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactAction;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.FriendRequest;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host acts on a plugin's failure kind, not on its wording: a stub extension that answers
 * "rate-limited" or "account offline" with a neutral text gets the same treatment as GeWe's own
 * texts would. Every failure kind and every refusal reason a contact plugin can answer has words in
 * English and in Chinese, and the reply to {@code /add} and its line in {@code /history} use the same
 * words, never the plugin's or the platform's own text (Chinese from GeWe, English from the plugin).
 */
class CommandRouterFailureKindsTest {


    @TempDir
    Path dir;

    private RouterRig rig;

    /**
     * An extension whose every add, accept and reject fails with the kind and text its settings name
     * ({@code stub.kind}, {@code stub.text}; a kind the platform does not report is a transport failure),
     * or is refused for the reason {@code stub.reason} with the text.
     */
    public static final class KindStub implements ContactAction {
        private volatile ContactOutcome failure;

        /** Found by {@link java.util.ServiceLoader}. */
        public KindStub() {
        }

        @Override
        public String name() {
            return "kind-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
            String text = settings.get("stub.text").orElseThrow();
            Optional<String> reason = settings.get("stub.reason");
            FailureKind kind = FailureKind.valueOf(settings.get("stub.kind").orElse(FailureKind.PLATFORM.name()));
            failure = reason.isPresent() ? new ContactOutcome.Refused(ContactOutcome.Reason.valueOf(reason.get()), text)
                    : kind.reportedByPlatform() ? ContactOutcome.Failed.platform(kind, 500, text, null, null)
                    : ContactOutcome.Failed.transport(kind, text, false);
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            return failure;
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            return failure;
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            return failure;
        }
    }

    /** An extension whose every search finds nobody, in GeWe's own Chinese words (as the sandbox answers). */
    public static final class NobodyStub implements ContactAction {

        /** Found by {@link java.util.ServiceLoader}. */
        public NobodyStub() {
        }

        @Override
        public String name() {
            return "nobody-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
        }

        @Override
        public ContactOutcome lookup(String target) {
            return ContactOutcome.Failed.platform(FailureKind.NOT_FOUND, 500, "搜索联系人失败", "-4", "用户不存在");
        }

        @Override
        public ContactOutcome add(AddRequest request) {
            throw new AssertionError("nobody was found: nothing is sent");
        }

        @Override
        public ContactOutcome accept(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }

        @Override
        public ContactOutcome reject(FriendRequest request, String message) {
            throw new AssertionError("not used");
        }
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private void nobody(String lang) throws Exception {
        rig = new RouterRig(dir, NobodyStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                .withSearchInterval(Duration.ZERO), lang, Clock.systemUTC());
    }

    private String console(String text) {
        return rig.run(Origin.console(), text).strip();
    }

    @Test
    void nobodyFoundIsSaidInEnglishFromTheKindAndHistoryCallsItFailedToo() throws Exception {
        nobody("en");

        assertThat(console("/add wxid_nobody_here"))
                .isEqualTo("Friend request to wxid_nobody_here failed: no WeChat user is found for it");
        String history = console("/history");
        assertThat(history).endsWith("/add wxid_nobody_here by @console: FAILED (no WeChat user is found for it)")
                .doesNotContain("REFUSED").doesNotContain("搜索").doesNotContain("用户不存在");
    }

    @Test
    void nobodyFoundIsSaidInChineseFromTheKindAndHistoryCallsItFailedToo() throws Exception {
        nobody("zh");

        assertThat(console("/add wxid_nobody_here")).isEqualTo("向 wxid_nobody_here 发送好友请求失败：找不到这个微信用户");
        String history = console("/history");
        assertThat(history).endsWith("/add wxid_nobody_here（@console）：失败（找不到这个微信用户）")
                .doesNotContain("未发送").doesNotContain("搜索").doesNotContain("用户不存在");
    }

    private CommandRouter router(FailureKind kind, String text) throws Exception {
        rig = new RouterRig(dir, KindStub.class, Map.of("stub.kind", kind.name(), "stub.text", text),
                PacingPolicy.defaults().withSkipWarmup(true).withAddInterval(Duration.ZERO).withAddJitter(Duration.ZERO)
                        .withSearchInterval(Duration.ZERO), "en", Clock.systemUTC());
        return rig.router;
    }

    private String run(CommandRouter router, String text) {
        return rig.run(Origin.console(), text);
    }

    @Test
    void aRateLimitedAnswerInNeutralWordsPausesAdds() throws Exception {
        CommandRouter router = router(FailureKind.RATE_LIMITED, "please slow down");

        String first = run(router, "/add wxid_a");
        // Counted as maybe sent, never sent again: the reply says so, as /history does.
        assertThat(first).contains("Friend request to wxid_a: the outcome is not known (rate-limited). The request may "
                        + "have gone out, so it will not be sent again.")
                .contains("WeChat answered with a risk-control text (rate-limited). All friend requests are paused until ")
                .doesNotContain("please slow down");
        assertThat(run(router, "/add wxid_b")).startsWith("Friend requests are paused until ");
    }

    @Test
    void anAccountOfflineAnswerInNeutralWordsRefusesTheNextAdd() throws Exception {
        CommandRouter router = router(FailureKind.ACCOUNT_OFFLINE, "not logged in");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: the account is offline")
                .doesNotContain("not logged in");
        assertThat(run(router, "/add wxid_b"))
                .isEqualTo("The WeChat account is offline; /add is refused until it is online again." + System.lineSeparator());
    }

    @Test
    void anyOtherPlatformFailureNeitherPausesNorTakesTheAccountOffline() throws Exception {
        CommandRouter router = router(FailureKind.PLATFORM, "频繁 离线");

        assertThat(run(router, "/add wxid_a")).contains("Friend request to wxid_a failed: the platform refused it")
                .doesNotContain("paused").doesNotContain("频繁");
        assertThat(run(router, "/add wxid_b")).contains("Friend request to wxid_b failed: the platform refused it");
    }

    // ---- every kind and reason in words, alike in the reply and in /history ------------------------

    /** What GeWe or the plugin says in its own words, which never reach the admin. */
    private static final String OWN_WORDS = "搜索联系人失败: plugin's own words";

    private void answering(Map<String, String> answer, String lang) throws Exception {
        Map<String, String> settings = new HashMap<>(answer);
        settings.put("stub.text", OWN_WORDS);
        rig = new RouterRig(dir, KindStub.class, settings, PacingPolicy.defaults()
                .withSkipWarmup(true).withAddInterval(Duration.ZERO).withAddJitter(Duration.ZERO).withSearchInterval(Duration.ZERO), lang,
                Clock.systemUTC());
    }

    private String historyOf(String target) {
        return console("/history").lines().filter(l -> l.contains("/add " + target)).findFirst().orElseThrow()
                .replaceFirst("^\\S+ \\S+ ", "");
    }

    /** Every kind but risk control, which pauses the account and is tested on its own: its words in English and Chinese. */
    private static final Object[][] KINDS = {
        {FailureKind.ACCOUNT_OFFLINE, "the account is offline", "账号已掉线"},
        {FailureKind.TOKEN_INVALID, "the token is not valid", "令牌无效"},
        {FailureKind.TICKET_INVALID, "the request's ticket is no longer valid", "请求的票据已失效"},
        {FailureKind.NOT_FOUND, "no WeChat user is found for it", "找不到这个微信用户"},
        {FailureKind.BAD_REQUEST, "the request was refused as malformed", "请求格式有误而被拒绝"},
        {FailureKind.PLATFORM, "the platform refused it", "平台拒绝了请求"},
        {FailureKind.TIMEOUT, "no answer in time", "未能及时应答"},
        {FailureKind.CONNECTION, "could not connect", "无法连接"},
        {FailureKind.HTTP_STATUS, "an unexpected HTTP status", "意外的 HTTP 状态"},
        {FailureKind.UNREADABLE_RESPONSE, "an unreadable answer", "无法读取的应答"},
        {FailureKind.INTERNAL, "an internal error", "内部错误"},
    };

    /** Every reason the host does not word as it would itself (already a friend, no plugin: below). */
    private static final Object[][] REASONS = {
        {ContactOutcome.Reason.NOTHING_TO_ACCEPT, "there is no friend request to answer", "没有可答复的好友请求"},
        {ContactOutcome.Reason.INVALID_TARGET, "the target cannot be used", "目标无法使用"},
        {ContactOutcome.Reason.UNSUPPORTED, "the contact plugin or this GeWe does not offer it", "联系人插件或此 GeWe 不提供该功能"},
    };

    /** Each row once in English and once in Chinese: the stub's setting and its value, the language, its words there. */
    private static Stream<Arguments> inBothLanguages(String setting, Object[][] rows) {
        return Stream.of(rows).flatMap(r -> Stream.of(Arguments.of(setting, r[0].toString(), "en", r[1]),
                Arguments.of(setting, r[0].toString(), "zh", r[2])));
    }

    static Stream<Arguments> answers() {
        return Stream.concat(inBothLanguages("stub.kind", KINDS), inBothLanguages("stub.reason", REASONS));
    }

    @Test
    void theTableCoversEveryKindButRiskControl() {
        EnumSet<FailureKind> listed = EnumSet.noneOf(FailureKind.class);
        Stream.of(KINDS).forEach(row -> listed.add((FailureKind) row[0]));
        assertThat(EnumSet.complementOf(listed)).containsExactly(FailureKind.RATE_LIMITED);
    }

    /** A failure is FAILED and a refusal REFUSED, with the same words in the reply and in {@code /history}. */
    @ParameterizedTest
    @MethodSource("answers")
    void anAnswerIsSaidInWordsAlikeInTheReplyAndInHistory(String setting, String value, String lang, String words)
            throws Exception {
        answering(Map.of(setting, value), lang);
        boolean failed = setting.equals("stub.kind");

        assertThat(console("/add wxid_a")).isEqualTo(lang.equals("en")
                ? "Friend request to wxid_a " + (failed ? "failed: " : "was not sent: ") + words
                : "向 wxid_a 发送好友请求" + (failed ? "失败：" : "未发送：") + words);
        assertThat(historyOf("wxid_a")).isEqualTo(lang.equals("en")
                ? "/add wxid_a by @console: " + (failed ? "FAILED" : "REFUSED") + " (" + words + ")"
                : "/add wxid_a（@console）：" + (failed ? "失败" : "未发送") + "（" + words + "）");
    }

    /** Risk control counts as maybe sent (never sent again): the reply and /history both say so, in the same words. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | Friend request to wxid_a: the outcome is not known (rate-limited). The request may have gone out, so it will not be sent again. | /add wxid_a by @console: MAYBE_SENT (rate-limited)
            zh | 向 wxid_a 发送好友请求：结果未知（触发了风险控制）。请求可能已发送，因此不会再次发送。                                      | /add wxid_a（@console）：可能已发送（触发了风险控制）
            """)
    void riskControlIsMaybeSentInTheReplyAndInHistory(String lang, String reply, String history) throws Exception {
        answering(Map.of("stub.kind", FailureKind.RATE_LIMITED.name()), lang);

        // After the notice to the admins (the console is one) that friend requests pause, the reply.
        assertThat(console("/add wxid_a").lines().reduce((first, second) -> second).orElseThrow()).isEqualTo(reply);
        assertThat(historyOf("wxid_a")).isEqualTo(history);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ALREADY_FRIEND | en | wxid_a is already a friend; no request was sent.         | /add wxid_a by @console: REFUSED (already a friend)
            ALREADY_FRIEND | zh | wxid_a 已经是好友，未发送请求。                              | /add wxid_a（@console）：未发送（已是好友）
            NOT_CONFIGURED | en | Friend request to wxid_a failed: no contact plugin is loaded. | /add wxid_a by @console: FAILED (no contact plugin is loaded)
            NOT_CONFIGURED | zh | 向 wxid_a 发送好友请求失败：没有加载联系人插件。            | /add wxid_a（@console）：失败（没有加载联系人插件）
            """)
    void aFriendOrNoPluginIsSaidAsTheHostSaysItItselfInTheReplyAndInHistory(ContactOutcome.Reason reason, String lang,
            String reply, String history) throws Exception {
        answering(Map.of("stub.reason", reason.name()), lang);

        assertThat(console("/add wxid_a")).isEqualTo(reply);
        assertThat(historyOf("wxid_a")).isEqualTo(history);
    }
}
