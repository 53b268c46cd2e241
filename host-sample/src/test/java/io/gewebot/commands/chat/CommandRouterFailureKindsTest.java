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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host acts on a plugin's failure kind, not on its wording: a stub extension that answers
 * "rate-limited" or "account offline" with a neutral text gets the same treatment as GeWe's own
 * texts would.
 */
class CommandRouterFailureKindsTest {


    @TempDir
    Path dir;

    private RouterRig rig;

    /** An extension whose every add fails with the kind and text its settings name. */
    public static final class KindStub implements ContactAction {
        private volatile ContactOutcome.Failed failure;

        /** Found by {@link java.util.ServiceLoader}. */
        public KindStub() {
        }

        @Override
        public String name() {
            return "kind-stub";
        }

        @Override
        public void configure(ContactSettings settings) {
            failure = ContactOutcome.Failed.platform(FailureKind.valueOf(settings.get("stub.kind").orElseThrow()), 500,
                    settings.get("stub.text").orElseThrow(), null, null);
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
        assertThat(first).contains("Friend request to wxid_a failed: rate-limited")
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
}
