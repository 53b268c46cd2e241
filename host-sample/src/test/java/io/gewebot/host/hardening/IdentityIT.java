package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * People are known by who they are, not by how they were typed; {@code /add} looks them up at once
 * and answers a friend, nobody or a failure right away; searches and answers have caps of their
 * own; {@code /limits} and {@code --help} show the defaults. The host runs with the default pacing
 * unless a test says otherwise, and with {@code --online-since} for an account online long ago.
 */
class IdentityIT extends RigTest {

    static final List<String> ONLINE_LONG_AGO = List.of("--online-since", "2020-01-01");
    /**
     * Far below the 10 s a search would wait for its slot, which is what "at once" rules out; above what a
     * host's first command takes on a cold JVM on a busy 2-core machine.
     */
    static final Duration AT_ONCE = Duration.ofSeconds(3);

    /** Asks, and checks the answer came at once. */
    private String askAtOnce(String command, String contains) {
        Instant asked = Instant.now();
        String reply = rig.ask(command, contains);
        assertThat(Duration.between(asked, Instant.now())).as("time to answer %s", command).isLessThan(AT_ONCE);
        return reply;
    }

    private List<String> args(String... extra) {
        List<String> args = new java.util.ArrayList<>(ONLINE_LONG_AGO);
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void thePersonAddedAsPhoneNumberWeChatIdAndWxidGetsExactlyOneRequestAlsoAcrossARestart() throws Exception {
        gewe.addPerson("wxid_zhao", "zhao_liu", "13900000002", "Zhao Liu");
        // Searches are not spaced here, so that five /adds do not take a minute.
        HostProcess host = rig.start(args("--search-interval", "0s"));

        assertThat(rig.ask("/add 13900000002", "13900000002")).isEqualTo("Friend request sent to Zhao Liu (13900000002).");
        assertThat(rig.ask("/add zhao_liu", "zhao_liu"))
                .startsWith("A friend request to Zhao Liu (zhao_liu) was already sent at ")
                .endsWith("; it is not sent twice within 7d.");
        assertThat(rig.ask("/add wxid_zhao", "wxid_zhao")).startsWith("A friend request to Zhao Liu (wxid_zhao) was already sent at ");

        assertThat(host.terminate()).isZero();
        rig.start(args("--search-interval", "0s"));
        assertThat(rig.ask("/add zhao_liu", "zhao_liu")).startsWith("A friend request to Zhao Liu (zhao_liu) was already sent at ");
        assertThat(rig.ask("/add wxid_zhao", "wxid_zhao")).startsWith("A friend request to Zhao Liu (wxid_zhao) was already sent at ");
        assertThat(rig.ask("/add 13900000002", "13900000002")).startsWith("A friend request to 13900000002 was already sent at ");

        assertThat(gewe.outgoingRequests()).singleElement().satisfies(r -> assertThat(r.toWxid()).isEqualTo("wxid_zhao"));
        assertThat(rig.addContacts(2)).hasSize(1);
        assertThat(rig.ask("/history", "Recent")).contains("/add wxid_zhao by " + ADMIN + ": REFUSED");
    }

    @Test
    void aPersonQueuedUnderOneSpellingIsRefusedUnderAnotherNamingTheQueuedOneAndCancelledByEither() throws Exception {
        HostProcess host = rig.start(args("--search-interval", "0s"));
        rig.ask("/add wxid_demo", "Friend request sent");

        assertThat(rig.ask("/add " + GeweSandbox.DEMO_PHONE, GeweSandbox.DEMO_PHONE))
                .startsWith("Friend request to Demo By Phone (13800138000) queued (position 1); expected to go out at ");
        assertThat(rig.ask("/add " + GeweSandbox.DEMO_PHONE_WXID, GeweSandbox.DEMO_PHONE_WXID))
                .startsWith("Demo By Phone (wxid_demo_phone) is the same person as Demo By Phone (13800138000), whose "
                        + "friend request is already queued; expected to go out at ");

        assertThat(host.terminate()).isZero();
        rig.start(args("--search-interval", "0s"));
        assertThat(rig.ask("/add " + GeweSandbox.DEMO_PHONE_WXID, GeweSandbox.DEMO_PHONE_WXID))
                .startsWith("Demo By Phone (wxid_demo_phone) is the same person as Demo By Phone (13800138000)");
        assertThat(rig.ask("/queue", "Waiting")).startsWith("Waiting friend requests (1):\n1. Demo By Phone (13800138000), "
                + "expected at ");
        assertThat(rig.ask("/cancel " + GeweSandbox.DEMO_PHONE_WXID, GeweSandbox.DEMO_PHONE_WXID))
                .isEqualTo("Removed the queued friend request to wxid_demo_phone (queued as 13800138000).");
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
        assertThat(rig.addContacts(2)).hasSize(1);
    }

    @Test
    void addOfAFriendIsAnsweredAtOnceAndTheSameTextAgainCostsNoSearch() throws Exception {
        rig.start(ONLINE_LONG_AGO);

        assertThat(askAtOnce("/add " + GeweSandbox.DEMO_FRIEND, GeweSandbox.DEMO_FRIEND))
                .isEqualTo("Demo Friend (wxid_demo_friend) is already a friend; no request was sent.");
        assertThat(askAtOnce("/add " + GeweSandbox.DEMO_FRIEND, GeweSandbox.DEMO_FRIEND))
                .isEqualTo("Demo Friend (wxid_demo_friend) is already a friend; no request was sent.");
        assertThat(gewe.calls("/contacts/search")).hasSize(1);
        assertThat(rig.addContacts(2)).isEmpty();
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
    }

    /**
     * A friend the address book knows (read by {@code /contacts}) is answered at once by wxid and by WeChat ID,
     * right after another {@code /add}'s search, when a search would wait the 10 s search interval: GeWe is
     * asked no search for them.
     */
    private void aKnownFriendRightAfterAnotherAdd(Map<String, String> env, String friendByWxid, String friendByAlias)
            throws Exception {
        rig.start(env, ONLINE_LONG_AGO);
        rig.ask("/contacts", GeweSandbox.DEMO_FRIEND);
        rig.ask("/add wxid_demo", "wxid_demo");
        assertThat(gewe.calls("/contacts/search")).singleElement()
                .satisfies(c -> assertThat(c.json().path("contactsInfo").asText()).isEqualTo("wxid_demo"));

        assertThat(askAtOnce("/add " + GeweSandbox.DEMO_FRIEND, GeweSandbox.DEMO_FRIEND)).isEqualTo(friendByWxid);
        assertThat(askAtOnce("/add DEMO_FRIEND", "DEMO_FRIEND")).isEqualTo(friendByAlias);
        assertThat(gewe.calls("/contacts/search")).hasSize(1);
        assertThat(rig.addContacts(2)).hasSize(1);
    }

    @Test
    void aFriendTheAddressBookKnowsIsAnsweredAtOnceWithoutASearchRightAfterAnotherAdd() throws Exception {
        aKnownFriendRightAfterAnotherAdd(Map.of(),
                "Demo Friend (wxid_demo_friend) is already a friend; no request was sent.",
                "Demo Friend (DEMO_FRIEND) is already a friend; no request was sent.");
    }

    @Test
    void aFriendTheAddressBookKnowsIsAnsweredAtOnceWithoutASearchInChinese() throws Exception {
        aKnownFriendRightAfterAnotherAdd(Map.of("BOT_LANG", "zh"),
                "Demo Friend (wxid_demo_friend) 已经是好友，未发送请求。",
                "Demo Friend (DEMO_FRIEND) 已经是好友，未发送请求。");
    }

    @Test
    void addOfAnUnknownTargetIsAnsweredAtOnceAndTheNextSearchWaitsForTheSearchInterval() throws Exception {
        rig.start(ONLINE_LONG_AGO);

        assertThat(askAtOnce("/add wxid_nobody", "wxid_nobody"))
                .isEqualTo("Friend request to wxid_nobody failed: no WeChat user is found for it");
        Instant asked = Instant.now();
        assertThat(rig.ask("/add wxid_nobody_either", "wxid_nobody_either"))
                .isEqualTo("Friend request to wxid_nobody_either failed: no WeChat user is found for it");
        assertThat(Duration.between(asked, Instant.now())).isGreaterThan(Duration.ofSeconds(8));
        assertThat(gewe.calls("/contacts/search")).hasSize(2);
        assertThat(rig.ask("/queue", "waiting")).isEqualTo("No friend requests are waiting.");
    }

    @Test
    void aGeweFailureOnTheSearchIsAnsweredAtOnceAndLimitsShowTheDefaultsInBothLanguages() throws Exception {
        HostProcess host = rig.start(ONLINE_LONG_AGO);
        gewe.faults().once("/contacts/search", Fault.httpStatus(502));

        assertThat(askAtOnce("/add wxid_demo", "wxid_demo"))
                .isEqualTo("Friend request to wxid_demo failed: an unexpected HTTP status");
        assertThat(rig.addContacts(2)).isEmpty();

        String limits = rig.ask("/limits", "Limits");
        assertThat(limits).startsWith("Limits of account " + gewe.appId() + " (counts are of the last 24 hours):\n")
                .contains("\nFriend requests: 0 of 10, at least 30m apart plus up to 10m at random\n")
                .contains("\nThe next friend request may go out now (0 waiting in the queue)\n")
                .contains("\nSearches for people: 1 of 30, at least 10s apart\n")
                .contains("\nAnswers (accept and reject): 0 of 100, at least 5s apart\n")
                .contains("\nThe same person is never sent a second request within 7d\n")
                .contains("\nNot paused\n")
                .contains("\nWarm-up: ended at ");
        assertThat(host.terminate()).isZero();

        rig.start(Map.of("BOT_LANG", "zh"), ONLINE_LONG_AGO);
        assertThat(rig.ask("/limits", "限额")).startsWith("账号 " + gewe.appId() + " 的限额（按最近 24 小时计）：\n")
                .contains("\n好友请求：0 / 10，间隔至少 30 分钟，另加最多 10 分钟随机等待\n")
                .contains("\n搜索联系人：1 / 30，间隔至少 10 秒\n")
                .contains("\n处理好友请求（同意和拒绝）：0 / 100，间隔至少 5 秒\n")
                .contains("\n未暂停\n")
                .contains("\n预热期：已于 ");
    }

    @Test
    void beyondTheSearchCapAddIsRefusedWithWhenAndBeyondTheAnswerCapAcceptIsRefusedAndTheRequestStays() throws Exception {
        rig.start(args("--search-interval", "0s", "--search-daily-cap", "1", "--answer-daily-cap", "1",
                "--answer-interval", "0s"));
        rig.ask("/add wxid_demo", "Friend request sent");

        assertThat(askAtOnce("/add " + GeweSandbox.DEMO_ALIAS, "Searches"))
                .startsWith("Searches for people are limited to 1 in any 24 hours and that many were made; the next "
                        + "search is possible at ");
        assertThat(gewe.calls("/contacts/search")).hasSize(1);

        int mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_one", "One", "hi", 6);
        gewe.callbacks().pushFriendRequest("wxid_two", "Two", "hi", 6);
        rig.awaitText(mark, ADMIN, "wxid_two");
        assertThat(rig.ask("/accept wxid_one", "Accepted")).isEqualTo("Accepted the friend request from One (wxid_one).");
        assertThat(rig.ask("/accept wxid_two", "Answers")).startsWith("Answers to friend requests are limited to 1 in "
                + "any 24 hours and that many were given; the next is possible at ");
        assertThat(rig.ask("/requests", "Pending")).startsWith("Pending friend requests (1):").contains("wxid_two (Two)");
        assertThat(rig.addContacts(3)).hasSize(1);
    }

    @Test
    void helpAndTheReadmeShowTheNewDefaults() throws Exception {
        try (HostProcess help = BuiltHost.builder(dir).args("--help").start()) {
            assertThat(help.waitFor(Duration.ofSeconds(30))).isTrue();
            String text = help.output().replaceAll("\\s+", " ");
            assertThat(text).contains("--add-interval=<duration> minimum time between two friend requests "
                    + "[env BOT_ADD_INTERVAL; default: 30m]")
                    .contains("[env BOT_ADD_JITTER; default: 10m]")
                    .contains("[env BOT_ADD_DAILY_CAP; default: 10]")
                    .contains("[env BOT_ADD_DEDUP_WINDOW; default: 7d]")
                    .contains("[env BOT_WARMUP; default: 3d]")
                    .contains("--search-interval=<duration>").contains("[env BOT_SEARCH_INTERVAL; default: 10s]")
                    .contains("--search-daily-cap=<n>").contains("[env BOT_SEARCH_DAILY_CAP; default: 30]")
                    .contains("--answer-daily-cap=<n>").contains("[env BOT_ANSWER_DAILY_CAP; default: 100]");
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("| `--add-interval` | `BOT_ADD_INTERVAL` | `30m` |")
                .contains("| `--add-jitter` | `BOT_ADD_JITTER` | `10m` |")
                .contains("| `--add-daily-cap` | `BOT_ADD_DAILY_CAP` | `10` |")
                .contains("| `--search-interval` | `BOT_SEARCH_INTERVAL` | `10s` |")
                .contains("| `--search-daily-cap` | `BOT_SEARCH_DAILY_CAP` | `30` |")
                .contains("| `--answer-daily-cap` | `BOT_ANSWER_DAILY_CAP` | `100` |")
                .contains("| `--add-dedup-window` | `BOT_ADD_DEDUP_WINDOW` | `7d` |")
                .contains("| `--warmup` | `BOT_WARMUP` | `3d` |")
                .contains("| `/limits` |");
    }
}
