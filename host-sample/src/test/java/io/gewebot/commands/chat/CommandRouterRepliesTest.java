package io.gewebot.commands.chat;

import io.gewebot.common.chat.AccountState;
import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.FriendRequest;
import io.gewebot.common.text.Messages;
import io.gewebot.common.settings.PacingPolicy;
import io.gewebot.commands.store.FriendRequestInbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the admin reads back from {@code /dismiss}, a stale ticket, and {@code /history}, in English
 * and in Chinese; the extension is {@link CommandRouterFailureKindsTest.KindStub}, failing every
 * operation with the kind and text it is given.
 */
class CommandRouterRepliesTest {

    private static final String ADMIN = "wxid_admin";

    @TempDir
    Path dir;

    private RouterRig rig;
    private FriendRequestInbox inbox;
    private AccountState account;

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private CommandRouter router(String lang, FailureKind kind, String text) throws Exception {
        // An hour between friend requests: after the first, every /add waits in the queue.
        rig = new RouterRig(dir, CommandRouterFailureKindsTest.KindStub.class,
                Map.of("stub.kind", kind.name(), "stub.text", text), PacingPolicy.defaults().withSkipWarmup(true)
                        .withAddInterval(Duration.ofHours(1)).withAddJitter(Duration.ZERO)
                        .withAnswerInterval(Duration.ZERO), lang, Clock.systemUTC());
        inbox = rig.inbox;
        account = rig.account;
        return rig.router;
    }

    private String run(CommandRouter router, Origin origin, String text) {
        return rig.run(origin, text).strip();
    }

    private String console(CommandRouter router, String text) {
        return run(router, Origin.console(), text);
    }

    private void pending(String wxid) {
        inbox.put(RouterRig.APP, new FriendRequest(wxid, "Alice", "hi", 3, "v3_" + wxid, "v4_" + wxid, Instant.now()));
    }

    @Test
    void aStaleTicketOffersDismissWhichRemovesTheRequest() throws Exception {
        CommandRouter router = router("en", FailureKind.TICKET_INVALID, "the ticket went stale");
        pending("wxid_alice");

        assertThat(console(router, "/accept wxid_alice")).isEqualTo("Accepting wxid_alice failed: the request's ticket is no longer valid."
                + " WeChat no longer takes an answer to this request; /dismiss wxid_alice removes it.");
        assertThat(console(router, "/requests")).contains("wxid_alice (Alice)");

        assertThat(console(router, "/dismiss wxid_alice"))
                .isEqualTo("Removed the friend request from wxid_alice from /requests without answering it.");
        assertThat(console(router, "/requests")).isEqualTo("No pending friend requests.");
        assertThat(console(router, "/dismiss wxid_alice"))
                .isEqualTo("There is no pending friend request from wxid_alice. See /requests.");
    }

    @Test
    void theDismissOfferFollowsTheFailureKindNotItsWords() throws Exception {
        CommandRouter router = router("en", FailureKind.PLATFORM, "user ticket invalid");
        pending("wxid_alice");

        assertThat(console(router, "/reject wxid_alice")).isEqualTo("Rejecting wxid_alice failed: the platform refused it")
                .doesNotContain("/dismiss");
    }

    @Test
    void aStaleTicketOffersDismissInChinese() throws Exception {
        CommandRouter router = router("zh", FailureKind.TICKET_INVALID, "票据过期");
        pending("wxid_alice");

        assertThat(console(router, "/reject wxid_alice"))
                .isEqualTo("拒绝 wxid_alice失败：请求的票据已失效。微信已不再接受对这个请求的答复；/dismiss wxid_alice 可将其移除。");
        assertThat(console(router, "/dismiss wxid_alice")).isEqualTo("已把 wxid_alice 的好友请求从 /requests 中移除，未作答复。");
    }

    @Test
    void historyNamesWhoAskedTheSameWayForAddsAndCancellations() throws Exception {
        CommandRouter router = router("en", FailureKind.PLATFORM, "nope");
        // The admin's replies are printed here too, for the test to read.
        Origin admin = new Origin(Origin.CONSOLE, ADMIN);

        run(router, admin, "/add wxid_a");
        assertThat(run(router, admin, "/add wxid_b")).startsWith("Friend request to wxid_b queued");
        assertThat(console(router, "/add wxid_c")).startsWith("Friend request to wxid_c queued");
        assertThat(console(router, "/cancel wxid_c")).isEqualTo("Removed the queued friend request to wxid_c.");
        assertThat(run(router, admin, "/cancel wxid_b")).isEqualTo("Removed the queued friend request to wxid_b.");

        String history = console(router, "/history");
        assertThat(history).contains("/add wxid_a by " + ADMIN + ": FAILED (the platform refused it)")
                .contains("/add wxid_b by " + ADMIN + ": CANCELLED (cancelled by " + ADMIN + ")")
                .contains("/add wxid_c by @console: CANCELLED (cancelled by @console)")
                .doesNotContain(" by -");
    }

    @Test
    void historyInChineseShowsStatesDetailsAndTimesInChinese() throws Exception {
        CommandRouter router = router("zh", FailureKind.PLATFORM, "nope");

        console(router, "/add wxid_a");
        console(router, "/add wxid_b");
        console(router, "/add wxid_b");
        console(router, "/cancel wxid_b");
        account.markOffline();
        assertThat(console(router, "/add wxid_c")).isEqualTo("微信账号已掉线；重新上线前 /add 将被拒绝。");

        String history = console(router, "/history");
        assertThat(history).startsWith("最近的命令：")
                .contains("/add wxid_a（@console）：失败（平台拒绝了请求）")
                .contains("/add wxid_b（@console）：已取消（由 @console 取消）")
                .contains("/add wxid_b（@console）：未发送（已在队列中）")
                .contains("/add wxid_c（@console）：未发送（账号已掉线）");
        for (String english : List.of("QUEUED", "CANCELLED", "REFUSED", "FAILED", "cancelled", "already", "offline", "#detail")) {
            assertThat(history).as("English word %s", english).doesNotContain(english);
        }
    }

    private String limitsOf(String lang, PacingPolicy policy) throws Exception {
        rig = new RouterRig(dir, CommandRouterFailureKindsTest.KindStub.class,
                Map.of("stub.kind", FailureKind.PLATFORM.name(), "stub.text", "nope"), policy, lang, Clock.systemUTC());
        String limits = console(rig.router, "/limits").replace(System.lineSeparator(), "\n");
        return limits.substring(limits.lastIndexOf('\n') + 1);
    }

    @Test
    void limitsSayTheWarmUpWasSkippedForAnAccountOnlineSinceTheEpochNotA1970Date() throws Exception {
        // The host's sandbox account: online since the epoch, "since before the bot knew it".
        assertThat(limitsOf("en", PacingPolicy.defaults().withOnlineSince(Instant.EPOCH))).isEqualTo(
                "Warm-up: skipped: the account has been online since before the bot knew it (onlineSince is the epoch)");
    }

    @Test
    void limitsSayTheWarmUpWasSkippedForAnAccountOnlineSinceTheEpochInChinese() throws Exception {
        assertThat(limitsOf("zh", PacingPolicy.defaults().withOnlineSince(Instant.EPOCH)))
                .isEqualTo("预热期：已跳过：账号在机器人知道它之前就已在线（onlineSince 为纪元起点）");
    }

    @Test
    void limitsSayWhyTheWarmUpWasSkipped() throws Exception {
        assertThat(limitsOf("en", PacingPolicy.defaults().withSkipWarmup(true)))
                .isEqualTo("Warm-up: skipped (skipWarmup is set)");
    }

    @Test
    void limitsSayWhyTheWarmUpWasSkippedInChinese() throws Exception {
        assertThat(limitsOf("zh", PacingPolicy.defaults().withSkipWarmup(true))).isEqualTo("预热期：已跳过（设置了 skipWarmup）");
    }

    @Test
    void limitsShowTheRealEndOfAWarmUpThatEnded() throws Exception {
        assertThat(limitsOf("en", PacingPolicy.defaults().withOnlineSince(Instant.parse("2020-01-01T00:00:00Z"))))
                .isEqualTo("Warm-up: ended at 2020-01-04 00:00:00");
    }

    @Test
    void aDetailWithATimeOrADurationIsShownInTheAdminsLanguage() throws Exception {
        Messages zh = Messages.of("zh", ZoneOffset.UTC);
        Messages en = Messages.of("en", ZoneOffset.UTC);
        Instant at = Instant.parse("2026-11-20T08:30:00Z");

        assertThat(Details.render(zh, Details.code("warmup", at))).isEqualTo("预热期至 2026-11-20 08:30:00");
        assertThat(Details.render(en, Details.code("warmup", at))).isEqualTo("warm-up until 2026-11-20 08:30:00");
        assertThat(Details.render(zh, Details.code("timeout", Duration.ofSeconds(45)))).isEqualTo("插件在 45 秒内没有应答");
        assertThat(Details.render(zh, "interrupted by a restart")).isEqualTo("因重启而中断");
        // A failure the platform gave no words for is worded from its kind.
        assertThat(Details.render(zh, Details.code("kind.TICKET_INVALID"))).isEqualTo("请求的票据已失效");
        assertThat(Details.render(en, Details.code("kind.TICKET_INVALID"))).isEqualTo("the request's ticket is no longer valid");
        // A refusal kept with the plugin's own words (by an earlier release) is shown by its reason alone.
        assertThat(Details.render(zh, Details.code("refused.ALREADY_FRIEND", "already friends"))).isEqualTo("已经是好友");
        assertThat(Details.render(en, Details.code("refused.NOTHING_TO_ACCEPT", "no friend request to answer")))
                .isEqualTo("there is no friend request to answer");
        // A detail whose argument is a code is worded all through.
        assertThat(Details.render(en, Details.code("lookupAgain", Details.code("kind.NOT_FOUND"))))
                .isEqualTo("looking up again: no WeChat user is found for it");
        assertThat(Details.render(zh, Details.code("lookupAgain", Details.code("kind.NOT_FOUND"))))
                .isEqualTo("重新查找：找不到这个微信用户");
        // A platform's own text (in a ledger from before) is shown as it came.
        assertThat(Details.render(zh, "添加好友失败")).isEqualTo("添加好友失败");
    }
}
