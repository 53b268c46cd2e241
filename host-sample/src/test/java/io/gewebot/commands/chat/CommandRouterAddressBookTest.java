package io.gewebot.commands.chat;

import io.gewebot.common.chat.Origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.Relation;
import io.gewebot.common.settings.PacingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the admin reads back from the address book's commands, and what the extension is asked, in
 * English and in Chinese; the extension is {@link AddressBookStub}, or for a plugin written before
 * the address book {@link CommandRouterFailureKindsTest.KindStub}.
 */
class CommandRouterAddressBookTest {

    private static final Contact ALICE = new Contact("wxid_alice", "Alice", "", "alice_w", List.of("family"));
    private static final Contact BOB = new Contact("wxid_bob", "Bob", "Bobby Al", "", List.of());
    private static final Contact CAROL = new Contact("wxid_carol", "Carol", "", "", List.of("work"));
    private static final Contact HANK = new Contact("wxid_hal", "Hank", "", "", List.of());
    private static final Origin ADMIN_A = new Origin(Origin.CONSOLE, "wxid_admin_a");
    private static final Origin ADMIN_B = new Origin(Origin.CONSOLE, "wxid_admin_b");

    @TempDir
    Path dir;

    private final CommandRouterTicketsTest.SettableClock clock = new CommandRouterTicketsTest.SettableClock();
    private RouterRig rig;

    @BeforeEach
    void reset() {
        AddressBookStub.reset();
        AddressBookStub.friends = List.of(ALICE, BOB, CAROL, HANK);
    }

    @AfterEach
    void close() {
        if (rig != null) {
            rig.close();
        }
    }

    private void start(String lang) throws Exception {
        rig = new RouterRig(dir, AddressBookStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                .withSearchInterval(Duration.ZERO), lang, clock);
    }

    private void startOldPlugin(String lang) throws Exception {
        rig = new RouterRig(dir, CommandRouterFailureKindsTest.KindStub.class,
                Map.of("stub.kind", FailureKind.PLATFORM.name(), "stub.text", "nope"),
                PacingPolicy.defaults().withSkipWarmup(true), lang, clock);
    }

    private String run(Origin origin, String text) {
        return rig.run(origin, text).strip().replace(System.lineSeparator(), "\n");
    }

    private String console(String text) {
        return run(Origin.console(), text);
    }

    private static List<String> asked() {
        return new ArrayList<>(AddressBookStub.ASKED);
    }

    /** Fills the cache, then forgets that it was asked to. */
    private void filled() {
        console("/contacts");
        AddressBookStub.ASKED.clear();
    }

    // ---- /remark -----------------------------------------------------------------------------

    @Test
    void remarkSetsTheRemarkAsTypedAndTheCacheShowsIt() throws Exception {
        start("en");
        filled();

        assertThat(console("/remark wxid_alice Ally  Smith")).isEqualTo("Remark of wxid_alice set to “Ally  Smith”.");
        assertThat(asked()).containsExactly("setRemark wxid_alice Ally  Smith");
        assertThat(console("/contacts smith"))
                .isEqualTo("Contacts matching “smith” (1):\nAlly  Smith (wxid_alice), nickname Alice, labels: family");
        assertThat(asked()).containsExactly("setRemark wxid_alice Ally  Smith");
    }

    @Test
    void aRefusedRemarkSaysItsKindNotThePlatformsWordsAndLeavesTheCacheAlone() throws Exception {
        start("en");
        filled();
        AddressBookStub.failure = ContactOutcome.Failed.platform(FailureKind.PLATFORM, 500, "remark refused", null, null);

        assertThat(console("/remark wxid_alice Ally")).isEqualTo("Setting the remark of wxid_alice failed: the platform refused it");
        AddressBookStub.failure = null;
        assertThat(console("/contacts ally")).isEqualTo("No contacts match “ally”.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/remark", "/remark wxid_alice", "/remark wxid_alice   "})
    void aRemarkWithoutWxidOrTextGetsTheUsageAndAsksNothing(String text) throws Exception {
        start("en");

        assertThat(console(text)).isEqualTo("/remark: an argument is missing. Usage: /remark <wxid> <text>");
        assertThat(asked()).isEmpty();
    }

    @Test
    void remarkInChinese() throws Exception {
        start("zh");

        assertThat(console("/remark wxid_alice 小爱")).isEqualTo("已将 wxid_alice 的备注设为“小爱”。");
        assertThat(asked()).containsExactly("setRemark wxid_alice 小爱");
    }

    // ---- /label and /unlabel -----------------------------------------------------------------

    @Test
    void labelAddsTheLabelsOnceAndTheReplyShowsTheFriendsLabelsNow() throws Exception {
        start("en");
        filled();

        assertThat(console("/label wxid_alice work 健身 work"))
                .isEqualTo("Labelled wxid_alice with work, 健身.\nLabels of wxid_alice now: family, work, 健身");
        assertThat(asked()).containsExactly("addLabels wxid_alice [work, 健身]");
    }

    @Test
    void unlabelTakesTheLabelsOffAndKeepsTheOthers() throws Exception {
        start("en");
        filled();
        console("/label wxid_alice work gym");

        assertThat(console("/unlabel wxid_alice family work"))
                .isEqualTo("Took the labels family, work off wxid_alice.\nLabels of wxid_alice now: gym");
        assertThat(asked()).containsExactly("addLabels wxid_alice [work, gym]", "removeLabels wxid_alice [family, work]");
        assertThat(console("/unlabel wxid_alice gym"))
                .isEqualTo("Took the labels gym off wxid_alice.\nLabels of wxid_alice now: none");
    }

    @Test
    void aLabelForAFriendTheCacheDoesNotKnowSaysWhatWasAdded() throws Exception {
        start("en");

        assertThat(console("/label wxid_zed work")).isEqualTo("Labelled wxid_zed with work.");
        assertThat(asked()).containsExactly("addLabels wxid_zed [work]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"label", "unlabel"})
    void aLabelCommandWithoutLabelsGetsTheUsageAndAsksNothing(String name) throws Exception {
        start("en");

        assertThat(console("/" + name + " wxid_alice"))
                .isEqualTo("/" + name + ": an argument is missing. Usage: /" + name + " <wxid> <label>...");
        assertThat(asked()).isEmpty();
    }

    @Test
    void labelAndUnlabelInChinese() throws Exception {
        start("zh");
        filled();

        assertThat(console("/label wxid_alice 同事")).isEqualTo("已给 wxid_alice 加上标签 同事。\nwxid_alice 现在的标签：family, 同事");
        assertThat(console("/unlabel wxid_alice family")).isEqualTo("已去掉 wxid_alice 的标签 family。\nwxid_alice 现在的标签：同事");
        assertThat(asked()).containsExactly("addLabels wxid_alice [同事]", "removeLabels wxid_alice [family]");
    }

    // ---- /contacts ---------------------------------------------------------------------------

    @Test
    void contactsReadsTheFriendsOnceThenAnswersFromTheCacheMatchingWxidNicknameOrRemarkInAnyCase() throws Exception {
        start("en");

        assertThat(console("/contacts AL")).isEqualTo("""
                Read 4 contacts from WeChat.
                Contacts matching “AL” (3):
                Alice (wxid_alice), labels: family
                Bobby Al (wxid_bob), nickname Bob
                Hank (wxid_hal)""");
        assertThat(console("/contacts")).isEqualTo("""
                Contacts (4):
                Alice (wxid_alice), labels: family
                Bobby Al (wxid_bob), nickname Bob
                Carol (wxid_carol), labels: work
                Hank (wxid_hal)""");
        assertThat(console("/contacts zed")).isEqualTo("No contacts match “zed”.");
        assertThat(asked()).containsExactly("friends");
    }

    @Test
    void contactsListsAtMostTwentyAndSaysHowManyMore() throws Exception {
        AddressBookStub.friends = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> new Contact(String.format("wxid_p%02d", i), String.format("Person %02d", i), "", "", List.of()))
                .toList();
        start("en");

        String reply = console("/contacts person");

        List<String> lines = reply.lines().toList();
        assertThat(lines).hasSize(23);
        assertThat(lines.get(0)).isEqualTo("Read 25 contacts from WeChat.");
        assertThat(lines.get(1)).isEqualTo("Contacts matching “person” (25):");
        assertThat(lines.subList(2, 22)).isEqualTo(IntStream.rangeClosed(1, 20)
                .mapToObj(i -> String.format("Person %02d (wxid_p%02d)", i, i)).toList());
        assertThat(lines.get(22)).isEqualTo("… and 5 more; /contacts <text> narrows the list.");
    }

    @Test
    void refreshReadsTheFriendsAgain() throws Exception {
        start("en");
        filled();
        AddressBookStub.friends = List.of(ALICE, new Contact("wxid_eve", "Eve", "", "", List.of()));

        assertThat(console("/contacts eve")).isEqualTo("No contacts match “eve”.");
        assertThat(console("/contacts --refresh eve")).isEqualTo("""
                Read 2 contacts from WeChat.
                Contacts matching “eve” (1):
                Eve (wxid_eve)""");
        assertThat(console("/contacts bob")).isEqualTo("No contacts match “bob”.");
        assertThat(asked()).containsExactly("friends");
    }

    @Test
    void contactsThatCannotBeReadSayWhyAndAreAskedForAgainNextTime() throws Exception {
        start("en");
        AddressBookStub.failure = ContactOutcome.Failed.transport(FailureKind.CONNECTION, "connection refused", false);

        assertThat(console("/contacts")).isEqualTo("Reading the contacts failed: could not connect");
        AddressBookStub.failure = null;
        assertThat(console("/contacts carol")).startsWith("Read 4 contacts from WeChat.");
        assertThat(asked()).containsExactly("friends", "friends");
    }

    @Test
    void contactsInChinese() throws Exception {
        start("zh");

        assertThat(console("/contacts al")).isEqualTo("""
                已从微信读取 4 个联系人。
                与“al”匹配的联系人（3）：
                Alice (wxid_alice)，标签：family
                Bobby Al (wxid_bob)，昵称 Bob
                Hank (wxid_hal)""");
        assertThat(console("/contacts 无人")).isEqualTo("没有与“无人”匹配的联系人。");
    }

    // ---- /delete -----------------------------------------------------------------------------

    @Test
    void deleteAsksForAConfirmationAndDeletesOnlyOnIt() throws Exception {
        start("en");
        filled();

        assertThat(run(ADMIN_A, "/delete wxid_alice"))
                .isEqualTo("Send /delete wxid_alice confirm within 1m to delete Alice (wxid_alice).");
        assertThat(asked()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(run(ADMIN_A, "/delete wxid_alice confirm")).isEqualTo("Deleted Alice (wxid_alice) from the friends.");
        assertThat(asked()).containsExactly("deleteFriend wxid_alice");
        assertThat(console("/contacts alice")).isEqualTo("No contacts match “alice”.");
    }

    @Test
    void aRepeatedConfirmationAfterTheDeleteFindsNothingPending() throws Exception {
        start("en");
        run(ADMIN_A, "/delete wxid_alice");
        run(ADMIN_A, "/delete wxid_alice confirm");

        assertThat(run(ADMIN_A, "/delete wxid_alice confirm"))
                .isEqualTo("No /delete wxid_alice is waiting for its confirmation; send /delete wxid_alice first.");
        assertThat(asked()).containsExactly("deleteFriend wxid_alice");
    }

    @Test
    void aConfirmationWithoutADeleteIsRefused() throws Exception {
        start("en");

        assertThat(run(ADMIN_A, "/delete wxid_alice confirm"))
                .isEqualTo("No /delete wxid_alice is waiting for its confirmation; send /delete wxid_alice first.");
        assertThat(asked()).isEmpty();
    }

    @Test
    void aConfirmationByAnotherAdminIsRefusedAndTheAskersStillCounts() throws Exception {
        start("en");
        run(ADMIN_A, "/delete wxid_alice");

        assertThat(run(ADMIN_B, "/delete wxid_alice confirm"))
                .isEqualTo("The /delete of wxid_alice was asked by wxid_admin_a: only they can confirm it.");
        assertThat(asked()).isEmpty();
        assertThat(run(ADMIN_A, "/delete wxid_alice confirm")).isEqualTo("Deleted wxid_alice from the friends.");
        assertThat(asked()).containsExactly("deleteFriend wxid_alice");
    }

    @Test
    void aConfirmationAfterSixtySecondsIsRefusedAndNeedsANewDelete() throws Exception {
        start("en");
        run(ADMIN_A, "/delete wxid_alice");
        clock.advance(Duration.ofSeconds(61));

        assertThat(run(ADMIN_A, "/delete wxid_alice confirm")).isEqualTo("The /delete of wxid_alice asked at "
                + "2026-03-01 08:00:00 was not confirmed within 1m; send /delete wxid_alice again.");
        assertThat(run(ADMIN_A, "/delete wxid_alice confirm")).startsWith("No /delete wxid_alice is waiting");
        assertThat(asked()).isEmpty();
    }

    @Test
    void deleteTakesNothingButConfirm() throws Exception {
        start("en");

        assertThat(console("/delete wxid_alice now"))
                .isEqualTo("/delete: unexpected words after the arguments. Usage: /delete <wxid> [confirm]");
        assertThat(console("/delete")).isEqualTo("/delete: an argument is missing. Usage: /delete <wxid> [confirm]");
    }

    @Test
    void deleteInChinese() throws Exception {
        start("zh");
        filled();

        assertThat(console("/delete wxid_bob")).isEqualTo("请在 1 分钟内发送 /delete wxid_bob confirm，以删除 Bobby Al (wxid_bob)。");
        assertThat(console("/delete wxid_bob confirm")).isEqualTo("已从好友中删除 Bobby Al (wxid_bob)。");
        assertThat(console("/delete wxid_bob confirm"))
                .isEqualTo("没有等待确认的 /delete wxid_bob；请先发送 /delete wxid_bob。");
        assertThat(asked()).containsExactly("deleteFriend wxid_bob");
    }

    // ---- /check ------------------------------------------------------------------------------

    @Test
    void checkAnswersOneLinePerWxidInTheOrderTyped() throws Exception {
        start("en");
        filled();
        AddressBookStub.RELATIONS.putAll(Map.of("wxid_b", Relation.Kind.DELETED_YOU, "wxid_c", Relation.Kind.BLOCKED_YOU,
                "wxid_d", Relation.Kind.YOU_BLOCKED, "wxid_e", Relation.Kind.OTHER));

        assertThat(console("/check wxid_alice wxid_b wxid_c wxid_d wxid_e ghost_f")).isEqualTo("""
                Relations (6):
                Alice (wxid_alice): normal
                wxid_b: deleted you
                wxid_c: blocked you
                wxid_d: you blocked them
                wxid_e: other (code 6)
                ghost_f: no answer""");
        assertThat(asked()).containsExactly("checkRelations [wxid_alice, wxid_b, wxid_c, wxid_d, wxid_e, ghost_f]");
    }

    @Test
    void checkOfMoreThanTwentyIsRefusedWithTheUsage() throws Exception {
        start("en");
        String wxids = IntStream.rangeClosed(1, 21).mapToObj(i -> "wxid_" + i).collect(Collectors.joining(" "));

        assertThat(console("/check " + wxids)).isEqualTo("/check: at most 20 wxids at once. Usage: /check <wxid>...");
        assertThat(console("/check")).isEqualTo("/check: an argument is missing. Usage: /check <wxid>...");
        assertThat(asked()).isEmpty();
    }

    @Test
    void aPluginThatSaysRelationChecksAreUnsupportedIsToldPlainly() throws Exception {
        start("en");
        AddressBookStub.failure = new ContactOutcome.Refused(ContactOutcome.Reason.UNSUPPORTED, "not on this GeWe");

        assertThat(console("/check wxid_a")).isEqualTo("Relation checks are not possible: self-hosted GeWe (and contact "
                + "plugins older than relation checks) does not offer them.");
        assertThat(asked()).containsExactly("checkRelations [wxid_a]");
    }

    @Test
    void checkedTooOftenPausesCheckForAnHourThenTwoAndANormalAnswerStartsAgainFromOne() throws Exception {
        start("en");
        AddressBookStub.RELATIONS.put("wxid_a", Relation.Kind.CHECKED_TOO_OFTEN);

        assertThat(console("/check wxid_a")).isEqualTo("""
                Relations (1):
                wxid_a: not told: checked too often
                WeChat says relations were checked too often: /check is paused until 2026-03-01 09:00:00.""");
        clock.advance(Duration.ofMinutes(59));
        assertThat(console("/check wxid_b"))
                .isEqualTo("/check is paused until 2026-03-01 09:00:00: WeChat said relations were checked too often.");
        assertThat(asked()).containsExactly("checkRelations [wxid_a]");

        clock.advance(Duration.ofMinutes(1));
        assertThat(console("/check wxid_a")).endsWith("/check is paused until 2026-03-01 11:00:00.");
        clock.advance(Duration.ofHours(2));
        assertThat(console("/check wxid_b")).isEqualTo("Relations (1):\nwxid_b: normal");
        assertThat(console("/check wxid_a")).endsWith("/check is paused until 2026-03-01 12:00:00.");
    }

    @Test
    void aCheckPauseOutlivesARestart() throws Exception {
        start("en");
        AddressBookStub.RELATIONS.put("wxid_a", Relation.Kind.CHECKED_TOO_OFTEN);
        console("/check wxid_a");
        rig.close();

        start("en");
        assertThat(console("/check wxid_b"))
                .isEqualTo("/check is paused until 2026-03-01 09:00:00: WeChat said relations were checked too often.");
    }

    @Test
    void checkInChinese() throws Exception {
        start("zh");
        AddressBookStub.RELATIONS.putAll(Map.of("wxid_b", Relation.Kind.DELETED_YOU, "wxid_c", Relation.Kind.CHECKED_TOO_OFTEN));

        assertThat(console("/check wxid_a wxid_b wxid_c")).isEqualTo("""
                关系（3）：
                wxid_a：正常
                wxid_b：已删除你
                wxid_c：未告知：检查次数过多
                微信表示关系检查次数过多：/check 暂停至 2026-03-01 09:00:00。""");
        assertThat(console("/check wxid_a")).isEqualTo("/check 暂停至 2026-03-01 09:00:00：微信表示关系检查次数过多。");
    }

    // ---- /add of someone the address book knows ----------------------------------------------

    /** Ten seconds between searches, as a busy default: a second search would have to wait for them. */
    private void startWithSearchInterval(String lang) throws Exception {
        rig = new RouterRig(dir, AddressBookStub.class, Map.of(), PacingPolicy.defaults().withSkipWarmup(true)
                .withSearchInterval(Duration.ofSeconds(10)), lang, clock);
    }

    /** Answers a command on a worker thread, so that a wait for a search slot fails the test instead of hanging it. */
    private String atOnce(String text) throws Exception {
        java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            return worker.submit(() -> console(text)).get(3, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void aKnownFriendIsAnsweredAtOnceWithoutASearchEvenRightAfterAnotherAdd() throws Exception {
        startWithSearchInterval("en");
        filled();
        assertThat(console("/add wxid_stranger")).startsWith("Friend request sent to wxid_stranger");
        assertThat(asked()).containsExactly("lookup wxid_stranger", "add wxid_stranger");
        AddressBookStub.ASKED.clear();

        assertThat(atOnce("/add wxid_alice")).isEqualTo("Alice (wxid_alice) is already a friend; no request was sent.");
        // By WeChat ID, in any letter case.
        assertThat(atOnce("/add Alice_W")).isEqualTo("Alice (Alice_W) is already a friend; no request was sent.");
        assertThat(asked()).isEmpty();
        assertThat(console("/history")).contains("/add wxid_alice by @console: REFUSED (already a friend)");
    }

    @Test
    void aKnownFriendIsAnsweredAtOnceWithoutASearchInChinese() throws Exception {
        startWithSearchInterval("zh");
        filled();
        console("/add wxid_stranger");
        AddressBookStub.ASKED.clear();

        assertThat(atOnce("/add wxid_alice")).isEqualTo("Alice (wxid_alice) 已经是好友，未发送请求。");
        assertThat(atOnce("/add alice_w")).isEqualTo("Alice (alice_w) 已经是好友，未发送请求。");
        assertThat(asked()).isEmpty();
    }

    @Test
    void historySaysDoneOnce() throws Exception {
        start("en");
        console("/add wxid_stranger");

        assertThat(console("/history").lines().filter(l -> l.contains("/add wxid_stranger")))
                .containsExactly("2026-03-01 08:00:00 /add wxid_stranger by @console: DONE");
    }

    @Test
    void historySaysDoneOnceInChinese() throws Exception {
        start("zh");
        console("/add wxid_stranger");

        assertThat(console("/history").lines().filter(l -> l.contains("/add wxid_stranger")))
                .containsExactly("2026-03-01 08:00:00 /add wxid_stranger（@console）：已完成");
    }

    // ---- what every address book command shares ---------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/remark wxid_a Ally", "/label wxid_a work", "/unlabel wxid_a work", "/contacts",
        "/check wxid_a"})
    void aRateLimitedAnswerPausesFriendRequestsLikeOneToAnAdd(String command) throws Exception {
        start("en");
        AddressBookStub.failure = ContactOutcome.Failed.platform(FailureKind.RATE_LIMITED, 500, "slow down", null, null);

        assertThat(console(command)).contains(" failed: rate-limited").doesNotContain("slow down")
                .contains("WeChat answered with a risk-control text (rate-limited). All friend requests are paused until "
                        + "2026-03-01 09:00:00; /resume ends the pause.");
        assertThat(console("/add wxid_x")).startsWith("Friend requests are paused until 2026-03-01 09:00:00");
        assertThat(asked()).doesNotContain("add wxid_x");
    }

    @Test
    void aRateLimitedDeletePausesFriendRequestsToo() throws Exception {
        start("en");
        console("/delete wxid_a");
        AddressBookStub.failure = ContactOutcome.Failed.platform(FailureKind.RATE_LIMITED, 500, "slow down", null, null);

        assertThat(console("/delete wxid_a confirm")).contains("Deleting wxid_a failed: rate-limited")
                .contains("All friend requests are paused until 2026-03-01 09:00:00");
    }

    @Test
    void aPluginWrittenBeforeTheAddressBookIsSaidNotToOfferIt() throws Exception {
        startOldPlugin("en");

        assertThat(console("/remark wxid_a Ally"))
                .isEqualTo("Setting the remark of wxid_a is not possible: the contact plugin or this GeWe does not offer it.");
        assertThat(console("/label wxid_a work"))
                .isEqualTo("Labelling wxid_a is not possible: the contact plugin or this GeWe does not offer it.");
        assertThat(console("/contacts"))
                .isEqualTo("Reading the contacts is not possible: the contact plugin or this GeWe does not offer it.");
        console("/delete wxid_a");
        assertThat(console("/delete wxid_a confirm"))
                .isEqualTo("Deleting wxid_a is not possible: the contact plugin or this GeWe does not offer it.");
        assertThat(console("/check wxid_a")).startsWith("Relation checks are not possible");
    }

    @Test
    void aPluginWrittenBeforeTheAddressBookIsSaidNotToOfferItInChinese() throws Exception {
        startOldPlugin("zh");

        assertThat(console("/remark wxid_a 小爱")).isEqualTo("无法设置 wxid_a 的备注：联系人插件或此 GeWe 不提供该功能。");
        assertThat(console("/check wxid_a"))
                .isEqualTo("无法检查关系：自建的 GeWe（以及早于该功能的联系人插件）不提供关系检查。");
    }

    @Test
    void helpListsTheAddressBookCommandsBeforeTheRulesAndHelp() throws Exception {
        start("en");

        assertThat(console("/help")).contains("""
                /remark <wxid> <text>  set the remark of a friend
                /label <wxid> <label>...  file a friend under labels, keeping their others
                /unlabel <wxid> <label>...  take labels off a friend, keeping their others
                /contacts [--refresh] [text]  friends whose wxid, nickname or remark contains the text (at most 20 \
                listed); --refresh reads them from WeChat again
                /delete <wxid> [confirm]  delete a friend; /delete <wxid> confirm within 60s confirms it
                /check <wxid>...  how up to 20 people stand with the account (normal, deleted you, blocked you, you \
                blocked them)
                /rules  the friend-request rules, and what each did in the last 24 hours
                /help  this list""");
    }
}
