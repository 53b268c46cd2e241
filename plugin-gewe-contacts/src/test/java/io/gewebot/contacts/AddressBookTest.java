package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.ContactSettings;
import io.gewebot.api.Listing;
import io.gewebot.api.Relation;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The address book, and texts from the account, through the sandbox, checking exactly what GeWe received
 * and what the host is told.
 */
class AddressBookTest {

    private static final String FRIEND = GeweSandbox.DEMO_FRIEND;
    private static final String LABEL_LIST = "/label/list";
    private static final String LABEL_ADD = "/label/add";
    private static final String MODIFY = "/label/modifyMemberList";
    private static final String BRIEF = "/contacts/getBriefInfo";
    private static final String FETCH = "/contacts/fetchContactsList";
    private static final String FETCH_CACHE = "/contacts/fetchContactsListCache";
    private static final String CHECK_RELATION = "/contacts/checkRelation";
    private static final String POST_TEXT = "/message/postText";
    /** Far beyond the short response timeout some tests set; the sandbox is closed long before it ends. */
    private static final Duration LONG_DELAY = Duration.ofSeconds(10);

    private GeweSandbox gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        action = configured(gewe, Map.of());
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    private static GeweContactAction configured(GeweSandbox sandbox, Map<String, String> settings) {
        GeweContactAction configured = new GeweContactAction(new OpenActions());
        configured.configure(Fixtures.settings(sandbox, settings));
        return configured;
    }

    /** Replaces the action with one configured with these settings too. */
    private void reconfigure(Map<String, String> settings) {
        action.close();
        action = configured(gewe, settings);
    }

    private static GeweSandbox hostedGewe() {
        return GeweSandbox.start(SandboxOptions.defaults().withVariant(SandboxOptions.Variant.HOSTED));
    }

    private List<String> paths() {
        return gewe.calls().stream().map(RecordedCall::path).toList();
    }

    private String onlyBody(String path) {
        List<RecordedCall> calls = gewe.calls(path);
        assertThat(calls).hasSize(1);
        return calls.get(0).body();
    }

    private static Done done(String wxid, String nickname) {
        return new Done(Optional.of(wxid), Optional.ofNullable(nickname));
    }

    @Test
    void settingARemarkSendsTheFriendAndTheRemark() {
        ContactOutcome outcome = action.setRemark(FRIEND, "老朋友（大学）");

        assertThat(outcome).isEqualTo(done(FRIEND, null));
        assertThat(onlyBody("/contacts/setFriendRemark"))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxid\":\"wxid_demo_friend\",\"remark\":\"老朋友（大学）\"}");
        assertThat(gewe.remarkOf(FRIEND)).isEqualTo("老朋友（大学）");
    }

    @Test
    void aRateLimitedRemarkFailsAsRateLimitedWithGewesText() {
        gewe.faults().once("/contacts/setFriendRemark", Fault.ret500("操作过于频繁，请稍后再试"));

        ContactOutcome outcome = action.setRemark(FRIEND, "x");

        assertThat(outcome).isEqualTo(new Failed(FailureKind.RATE_LIMITED, Optional.of(500),
                Optional.of("操作过于频繁，请稍后再试"), Optional.empty(), Optional.empty(), false));
        assertThat(gewe.remarkOf(FRIEND)).isEmpty();
        assertThat(gewe.calls("/contacts/setFriendRemark")).hasSize(1);
    }

    @Test
    void aRemarkForSomeoneWhoIsNoFriendFailsWithGewesText() {
        ContactOutcome outcome = action.setRemark(GeweSandbox.DEMO_STRANGER, "x");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.texts()).isEqualTo("设置好友备注失败: 不是好友"));
    }

    @Test
    void addingALabelSendsTheLabelsTheFriendHasTooAndCreatesTheMissingOne() {
        gewe.setLabels(FRIEND, List.of("Family", "Work"));

        ContactOutcome outcome = action.addLabels(FRIEND, List.of("VIP"));

        assertThat(outcome).isEqualTo(done(FRIEND, "Demo Friend"));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF, LABEL_ADD, MODIFY);
        assertThat(onlyBody(LABEL_LIST)).isEqualTo("{\"appId\":\"wx_sandbox_app\"}");
        assertThat(onlyBody(BRIEF)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxids\":[\"wxid_demo_friend\"]}");
        assertThat(onlyBody(LABEL_ADD)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"labelName\":\"VIP\"}");
        assertThat(onlyBody(MODIFY))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"labelIds\":\"1,2,3\",\"wxIds\":[\"wxid_demo_friend\"]}");
        assertThat(gewe.labelsOf(FRIEND)).containsExactly("Family", "Work", "VIP");
    }

    @Test
    void anExistingLabelIsNotCreatedAgain() {
        gewe.setLabels(FRIEND, List.of("Family"));
        gewe.setLabels(GeweSandbox.DEMO_STRANGER, List.of("Work"));
        gewe.makeFriend("wxid_pal", "Pal");

        ContactOutcome outcome = action.addLabels("wxid_pal", List.of("Work", "Family"));

        assertThat(outcome).isEqualTo(done("wxid_pal", "Pal"));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF, MODIFY);
        assertThat(onlyBody(MODIFY))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"labelIds\":\"2,1\",\"wxIds\":[\"wxid_pal\"]}");
        assertThat(gewe.labelsOf("wxid_pal")).containsExactly("Work", "Family");
    }

    @Test
    void labelsTheFriendHasAlreadyChangeNothingAndSendNothing() {
        gewe.setLabels(FRIEND, List.of("Family", "Work"));

        ContactOutcome outcome = action.addLabels(FRIEND, List.of("Work", " Family "));

        assertThat(outcome).isEqualTo(done(FRIEND, "Demo Friend"));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF);
        assertThat(gewe.labelsOf(FRIEND)).containsExactly("Family", "Work");
    }

    @Test
    void removingALabelKeepsTheFriendsOtherLabelsInTheirOrder() {
        gewe.setLabels(FRIEND, List.of("Family", "Work", "VIP"));

        ContactOutcome outcome = action.removeLabels(FRIEND, List.of("Work"));

        assertThat(outcome).isEqualTo(done(FRIEND, "Demo Friend"));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF, MODIFY);
        assertThat(onlyBody(MODIFY))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"labelIds\":\"1,3\",\"wxIds\":[\"wxid_demo_friend\"]}");
        assertThat(gewe.labelsOf(FRIEND)).containsExactly("Family", "VIP");
        assertThat(gewe.labelNames()).containsExactly("Family", "Work", "VIP");
    }

    @Test
    void removingEveryLabelSendsAnEmptySet() {
        gewe.setLabels(FRIEND, List.of("Family"));

        action.removeLabels(FRIEND, List.of("Family"));

        assertThat(onlyBody(MODIFY))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"labelIds\":\"\",\"wxIds\":[\"wxid_demo_friend\"]}");
        assertThat(gewe.labelsOf(FRIEND)).isEmpty();
    }

    @Test
    void removingLabelsTheFriendDoesNotHaveSendsNothing() {
        gewe.setLabels(FRIEND, List.of("Family"));
        gewe.setLabels(GeweSandbox.DEMO_STRANGER, List.of("Work"));

        assertThat(action.removeLabels(FRIEND, List.of("Work"))).isEqualTo(done(FRIEND, "Demo Friend"));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF);

        gewe.clearRecords();
        assertThat(action.removeLabels(FRIEND, List.of("No such label"))).isEqualTo(done(FRIEND, null));
        assertThat(paths()).containsExactly(LABEL_LIST);
        assertThat(gewe.labelsOf(FRIEND)).containsExactly("Family");
    }

    @Test
    void labelsForSomeoneGeweDoesNotKnowAreRefusedBeforeAnyLabelIsCreated() {
        ContactOutcome outcome = action.addLabels("wxid_nobody", List.of("VIP"));

        assertThat(outcome).isEqualTo(new Failed(FailureKind.NOT_FOUND, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("GeWe knows no contact wxid_nobody"), false));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF);
        assertThat(gewe.labelNames()).isEmpty();
    }

    @Test
    void aFailedLabelReadingSendsNothingAndIsReportedAsNotDelivered() {
        gewe.faults().once(BRIEF, Fault.httpStatus(502));

        ContactOutcome outcome = action.addLabels(FRIEND, List.of("VIP"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 502", false));
        assertThat(paths()).containsExactly(LABEL_LIST, BRIEF);
    }

    @Test
    void deletingAFriendSendsTheirWxid() {
        ContactOutcome outcome = action.deleteFriend(FRIEND);

        assertThat(outcome).isEqualTo(done(FRIEND, null));
        assertThat(onlyBody("/contacts/deleteFriend")).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxid\":\"wxid_demo_friend\"}");
        assertThat(gewe.isFriend(FRIEND)).isFalse();
    }

    @Test
    void sendingATextPostsTheAppIdTheWxidAndTheTextAsGiven() {
        ContactOutcome outcome = action.sendText(" " + FRIEND + " ", "欢迎！Welcome, \"friend\"\n:)");

        assertThat(outcome).isEqualTo(done(FRIEND, null));
        assertThat(paths()).containsExactly(POST_TEXT);
        assertThat(onlyBody(POST_TEXT)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"toWxid\":\"wxid_demo_friend\","
                + "\"content\":\"欢迎！Welcome, \\\"friend\\\"\\n:)\"}");
        assertThat(gewe.postedTexts()).containsExactly(new PostedText(FRIEND, "欢迎！Welcome, \"friend\"\n:)", null));
    }

    @Test
    void aTextToAGroupGoesToTheChatroom() {
        ContactOutcome outcome = action.sendText("34757816141@chatroom", "Hello, all");

        assertThat(outcome).isEqualTo(done("34757816141@chatroom", null));
        assertThat(onlyBody(POST_TEXT))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"toWxid\":\"34757816141@chatroom\",\"content\":\"Hello, all\"}");
        assertThat(gewe.postedTexts()).containsExactly(new PostedText("34757816141@chatroom", "Hello, all", null));
    }

    @Test
    void aRateLimitedTextFailsAsRateLimitedWithGewesTextAndIsNotRepeated() {
        gewe.faults().once(POST_TEXT, Fault.ret500("操作过于频繁，请稍后再试"));

        ContactOutcome outcome = action.sendText(FRIEND, "Welcome");

        assertThat(outcome).isEqualTo(new Failed(FailureKind.RATE_LIMITED, Optional.of(500),
                Optional.of("操作过于频繁，请稍后再试"), Optional.empty(), Optional.empty(), false));
        assertThat(gewe.calls(POST_TEXT)).hasSize(1);
        assertThat(gewe.postedTexts()).isEmpty();
    }

    @Test
    void aTextFromAnOfflineAccountFailsAsOfflineWithGewesText() {
        gewe.setOnline(false);

        ContactOutcome outcome = action.sendText(FRIEND, "Welcome");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.ACCOUNT_OFFLINE);
            assertThat(failed.platformCode()).isEqualTo(Optional.of(500));
            assertThat(failed.texts()).isEqualTo("微信已离线，请重新登录");
            assertThat(failed.possiblyDelivered()).isFalse();
        });
        assertThat(gewe.calls(POST_TEXT)).hasSize(1);
        assertThat(gewe.postedTexts()).isEmpty();
    }

    @Test
    void aTextWhoseAnswerTimesOutMayHaveBeenDeliveredAndIsNotSentAgain() {
        reconfigure(Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "300"));
        gewe.faults().once(POST_TEXT, Fault.delay(LONG_DELAY));

        ContactOutcome outcome = action.sendText(FRIEND, "Welcome");

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.TIMEOUT,
                "GeWe did not answer /message/postText within 300 ms", true));
        // The sandbox took the text before it answered late: it went out once, and only once.
        assertThat(gewe.awaitPostedTexts(1, Duration.ofSeconds(5)))
                .containsExactly(new PostedText(FRIEND, "Welcome", null));
        assertThat(gewe.calls(POST_TEXT)).hasSize(1);
    }

    @Test
    void aTextThatGetsAnHttpErrorMayHaveBeenDelivered() {
        gewe.faults().once(POST_TEXT, Fault.httpStatus(502));

        ContactOutcome outcome = action.sendText(FRIEND, "Welcome");

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 502", true));
        assertThat(gewe.calls(POST_TEXT)).hasSize(1);
    }

    @Test
    void theFriendsAreListedWithTheirRemarksAliasesAndLabelNames() {
        gewe.makeFriend("wxid_pal", "Pal");
        gewe.setRemark(FRIEND, "老朋友");
        gewe.setLabels(FRIEND, List.of("Family", "Work"));

        Listing<Contact> friends = action.friends();

        assertThat(friends).isEqualTo(new Listing.Listed<>(List.of(
                new Contact(FRIEND, "Demo Friend", "老朋友", "demo_friend", List.of("Family", "Work")),
                new Contact("wxid_pal", "Pal", "", "", List.of()))));
        assertThat(paths()).containsExactly(FETCH, BRIEF, LABEL_LIST);
        assertThat(onlyBody(FETCH)).isEqualTo("{\"appId\":\"wx_sandbox_app\"}");
        assertThat(onlyBody(BRIEF))
                .isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxids\":[\"wxid_demo_friend\",\"wxid_pal\"]}");
    }

    @Test
    void manyFriendsAreReadTwentyAtATime() {
        IntStream.range(0, 25).forEach(i -> gewe.makeFriend("wxid_f" + i, "F" + i));

        Listing<Contact> friends = action.friends();

        assertThat(friends).isInstanceOfSatisfying(Listing.Listed.class, listed -> assertThat(listed.items()).hasSize(26));
        assertThat(gewe.calls(BRIEF)).extracting(call -> call.json().path("wxids").size()).containsExactly(20, 6);
        // Nobody has a label: there are no names to read.
        assertThat(gewe.calls(LABEL_LIST)).isEmpty();
    }

    @Test
    void manyProfilesAreReadInBatchesAPauseApart() {
        List<String> wxids = IntStream.range(0, 45).mapToObj(i -> "wxid_f" + i).toList();
        wxids.forEach(w -> gewe.makeFriend(w, "F"));

        long started = System.nanoTime();
        Listing<Contact> profiles = action.profiles(wxids);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(profiles).isInstanceOfSatisfying(Listing.Listed.class, listed -> assertThat(listed.items()).hasSize(45));
        assertThat(gewe.calls(BRIEF)).extracting(call -> call.json().path("wxids").size()).containsExactly(20, 20, 5);
        // Three batches, two pauses between them.
        assertThat(took).isGreaterThanOrEqualTo(GeweApi.BATCH_PAUSE.multipliedBy(2));
    }

    @Test
    void theFriendsWxidsAreOneContactsListCallWithoutProfiles() {
        gewe.makeFriend("wxid_pal", "Pal");

        Listing<String> wxids = action.friendWxids();

        assertThat(wxids).isEqualTo(new Listing.Listed<>(List.of(FRIEND, "wxid_pal")));
        assertThat(paths()).containsExactly(FETCH);
        assertThat(onlyBody(FETCH)).isEqualTo("{\"appId\":\"wx_sandbox_app\"}");
    }

    @Test
    void aContactsListThatTimesOutIsReadFromGewesCache() {
        reconfigure(Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "300"));
        gewe.faults().once(FETCH, Fault.delay(LONG_DELAY));

        Listing<Contact> friends = action.friends();

        assertThat(friends).isEqualTo(new Listing.Listed<>(List.of(
                new Contact(FRIEND, "Demo Friend", "", "demo_friend", List.of()))));
        assertThat(paths()).containsExactly(FETCH, FETCH_CACHE, BRIEF);
        assertThat(onlyBody(FETCH_CACHE)).isEqualTo("{\"appId\":\"wx_sandbox_app\"}");
    }

    @Test
    void whenTheCacheCannotAnswerEitherTheTimeoutIsReported() {
        reconfigure(Map.of(ContactSettings.RESPONSE_TIMEOUT_MS, "300"));
        gewe.setContactsCacheLifetime(Duration.ZERO);
        gewe.faults().once(FETCH, Fault.delay(LONG_DELAY));

        Listing<Contact> friends = action.friends();

        assertThat(friends).isEqualTo(new Listing.NotListed<>(Failed.transport(FailureKind.TIMEOUT,
                "GeWe did not answer /contacts/fetchContactsList within 300 ms", false)));
        assertThat(paths()).containsExactly(FETCH, FETCH_CACHE);
    }

    @Test
    void anOfflineAccountListsNoFriendsNorTheirWxidsAndSaysWhy() {
        gewe.setOnline(false);

        List<Listing<?>> listings = List.of(action.friends(), action.friendWxids());

        assertThat(listings).allSatisfy(listing -> assertThat(listing).isInstanceOfSatisfying(Listing.NotListed.class,
                notListed -> assertThat(((Failed) notListed.outcome()).kind()).isEqualTo(FailureKind.ACCOUNT_OFFLINE)));
        assertThat(paths()).containsExactly(FETCH, FETCH);
    }

    @Test
    void profilesLeaveOutWhomGeweDoesNotKnow() {
        gewe.setLabels(GeweSandbox.DEMO_STRANGER, List.of("Prospect"));

        Listing<Contact> profiles = action.profiles(List.of(GeweSandbox.DEMO_STRANGER, "wxid_nobody", GeweSandbox.DEMO_STRANGER));

        assertThat(profiles).isEqualTo(new Listing.Listed<>(List.of(
                new Contact(GeweSandbox.DEMO_STRANGER, "Demo Friend-to-be", "", "", List.of("Prospect")))));
        assertThat(onlyBody(BRIEF)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxids\":[\"wxid_demo\",\"wxid_nobody\"]}");
    }

    @Test
    void relationsAreNotAskedOfTheSelfHostedGewe() {
        reconfigure(Map.of(ContactSettings.VARIANT, "self-hosted"));

        Listing<Relation> relations = action.checkRelations(List.of(FRIEND));

        assertThat(relations).isEqualTo(new Listing.NotListed<>(
                new Refused(Reason.UNSUPPORTED, "checkRelations on self-hosted GeWe is not supported")));
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void withNoVariantSetAGeweThatDoesNotKnowTheRelationCheckMakesItUnsupported() {
        Listing<Relation> relations = action.checkRelations(List.of(FRIEND));

        assertThat(relations).isEqualTo(new Listing.NotListed<>(
                new Refused(Reason.UNSUPPORTED, "checkRelations on this GeWe is not supported")));
        assertThat(onlyBody(CHECK_RELATION)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"wxids\":[\"wxid_demo_friend\"]}");
    }

    @Test
    void aHostedGeweThatAnswers404IsAFailureNotAMissingFeature() {
        reconfigure(Map.of(ContactSettings.VARIANT, "hosted"));

        Listing<Relation> relations = action.checkRelations(List.of(FRIEND));

        assertThat(relations).isEqualTo(new Listing.NotListed<>(
                Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 404", false)));
    }

    @Test
    void theHostedGeweTellsEachRelationWithItsCode() {
        try (GeweSandbox hosted = hostedGewe();
             GeweContactAction onHosted = configured(hosted, Map.of(ContactSettings.VARIANT, "hosted"))) {
            int[] codes = {1, 2, 3, 5, 7};
            for (int i = 0; i < codes.length; i++) {
                hosted.makeFriend("wxid_r" + i, "R" + i);
                hosted.setRelation("wxid_r" + i, codes[i]);
            }

            Listing<Relation> relations = onHosted.checkRelations(
                    List.of(FRIEND, "wxid_r0", "wxid_r1", "wxid_r2", "wxid_r3", "wxid_r4"));

            assertThat(relations).isEqualTo(new Listing.Listed<>(List.of(
                    new Relation(FRIEND, Relation.Kind.NORMAL, 0),
                    new Relation("wxid_r0", Relation.Kind.DELETED_YOU, 1),
                    new Relation("wxid_r1", Relation.Kind.BLOCKED_YOU, 2),
                    new Relation("wxid_r2", Relation.Kind.YOU_BLOCKED, 3),
                    new Relation("wxid_r3", Relation.Kind.CHECKED_TOO_OFTEN, 5),
                    new Relation("wxid_r4", Relation.Kind.OTHER, 7))));
            assertThat(hosted.calls(CHECK_RELATION)).singleElement().extracting(RecordedCall::body).isEqualTo(
                    "{\"appId\":\"wx_sandbox_app\",\"wxids\":[\"wxid_demo_friend\",\"wxid_r0\",\"wxid_r1\","
                            + "\"wxid_r2\",\"wxid_r3\",\"wxid_r4\"]}");
        }
    }

    @Test
    void manyRelationsAreCheckedTwentyAtATime() {
        try (GeweSandbox hosted = hostedGewe();
             GeweContactAction onHosted = configured(hosted, Map.of())) {
            List<String> wxids = IntStream.range(0, 25).mapToObj(i -> "wxid_f" + i).toList();
            wxids.forEach(w -> hosted.makeFriend(w, w));

            Listing<Relation> relations = onHosted.checkRelations(wxids);

            assertThat(relations).isInstanceOfSatisfying(Listing.Listed.class,
                    listed -> assertThat(listed.items()).hasSize(25));
            assertThat(hosted.calls(CHECK_RELATION)).extracting(call -> call.json().path("wxids").size())
                    .containsExactly(20, 5);
        }
    }

    @Test
    void aVariantOtherThanTheTwoIsRefusedByConfigure() {
        GeweContactAction fresh = new GeweContactAction(new OpenActions());

        assertThatThrownBy(() -> fresh.configure(Fixtures.settings(gewe, Map.of(ContactSettings.VARIANT, "cloud"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'variant' must be self-hosted or hosted");
    }

    @Test
    void unusableArgumentsAreRefusedWithoutCallingGewe() {
        assertThat(action.setRemark(" ", "x")).isEqualTo(new Refused(Reason.INVALID_TARGET, "no friend given"));
        assertThat(action.deleteFriend(null)).isEqualTo(new Refused(Reason.INVALID_TARGET, "no friend given"));
        assertThat(action.addLabels(FRIEND, List.of())).isEqualTo(new Refused(Reason.INVALID_TARGET, "no labels given"));
        assertThat(action.removeLabels(FRIEND, List.of("ok", " ")))
                .isEqualTo(new Refused(Reason.INVALID_TARGET, "a label name is blank"));
        assertThat(action.profiles(List.of()))
                .isEqualTo(new Listing.NotListed<>(new Refused(Reason.INVALID_TARGET, "no one to look up")));
        assertThat(action.checkRelations(java.util.Arrays.asList(FRIEND, null)))
                .isEqualTo(new Listing.NotListed<>(new Refused(Reason.INVALID_TARGET, "no one to check")));
        assertThat(action.sendText(" ", "Welcome")).isEqualTo(new Refused(Reason.INVALID_TARGET, "no one to send to"));
        assertThat(action.sendText(null, "Welcome")).isEqualTo(new Refused(Reason.INVALID_TARGET, "no one to send to"));
        assertThat(action.sendText(FRIEND, "")).isEqualTo(new Refused(Reason.INVALID_TARGET, "no text to send"));
        assertThat(action.sendText(FRIEND, " \n")).isEqualTo(new Refused(Reason.INVALID_TARGET, "no text to send"));
        assertThat(action.sendText(FRIEND, null)).isEqualTo(new Refused(Reason.INVALID_TARGET, "no text to send"));
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void beforeConfigureAndAfterCloseNothingIsAsked() {
        action.close();
        Refused notConfigured = new Refused(Reason.NOT_CONFIGURED, "gewe-contacts is not configured");

        assertThat(action.setRemark(FRIEND, "x")).isEqualTo(notConfigured);
        assertThat(action.addLabels(FRIEND, List.of("VIP"))).isEqualTo(notConfigured);
        assertThat(action.friends()).isEqualTo(new Listing.NotListed<>(notConfigured));
        assertThat(action.checkRelations(List.of(FRIEND))).isEqualTo(new Listing.NotListed<>(notConfigured));
        assertThat(action.sendText(FRIEND, "Welcome")).isEqualTo(notConfigured);
        assertThat(gewe.calls()).isEmpty();
    }
}
