package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers in shapes the sandbox never produces but GeWe deployments do (or might). */
class LenientAnswerTest {

    private static final String SEARCH = "/contacts/search";
    private static final String ADD = "/contacts/addContacts";
    private static final String STRANGER = "{\"ret\":200,\"msg\":\"操作成功\",\"data\":{\"v3\":\"v3_abc@stranger\","
            + "\"v4\":\"v4_def@stranger\",\"nickName\":\"Zed\"}}";

    private ScriptedGewe gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = new ScriptedGewe();
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe.baseUrl(), "scripted-token", "wx_app", Map.of()));
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    @Test
    void unknownFieldsAndNumbersBeyondSixtyFourBitsDoNotFailARead() {
        gewe.answer(SEARCH, "{\"ret\":200,\"msg\":\"操作成功\",\"extra\":{\"id\":14216284872728580667},"
                + "\"data\":{\"v3\":\"v3_abc@stranger\",\"v4\":\"v4_def@stranger\",\"nickName\":\"Zed\","
                + "\"sex\":1,\"snsBgObjectId\":14216284872728580667,\"score\":1e400,\"tags\":[1,2]}}");
        gewe.answer(ADD, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":null,\"seq\":99999999999999999999999}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_zed"), Optional.of("Zed")));
    }

    @Test
    void aDetailCodeSentAsANumberIsReportedAsText() {
        gewe.answer(SEARCH, "{\"ret\":500,\"msg\":\"搜索联系人失败\",\"data\":{\"code\":-4,\"msg\":\"用户不存在\"}}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.platform(FailureKind.NOT_FOUND, 500, "搜索联系人失败", "-4", "用户不存在"));
    }

    @Test
    void aFailureWhoseDataIsNotAnObjectKeepsItsCodeAndMessage() {
        gewe.answer(SEARCH, "{\"ret\":500,\"msg\":\"搜索联系人失败\",\"data\":\"oops\"}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.platform(500, "搜索联系人失败", null, null));
    }

    @Test
    void aResultCodeSentAsTextIsUnderstood() {
        gewe.answer(SEARCH, STRANGER.replace("\"ret\":200", "\"ret\":\"200\""));
        gewe.answer(ADD, "{\"ret\":\"200\",\"msg\":\"操作成功\"}");

        assertThat(action.add(AddRequest.of("wxid_zed"))).isInstanceOf(Done.class);
    }

    @Test
    void anAnswerWithoutResultCodeIsUnreadable() {
        gewe.answer(SEARCH, STRANGER);
        gewe.answer(ADD, "{\"msg\":\"操作成功\"}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/addContacts has no result code (ret)", true));
    }

    @Test
    void anImpossiblyLargeResultCodeIsUnreadableRatherThanAnError() {
        gewe.answer(SEARCH, STRANGER);
        gewe.answer(ADD, "{\"ret\":99999999999999999999,\"msg\":\"?\"}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/addContacts has an impossible result code 99999999999999999999", true));
    }

    @Test
    void anEmptyAnswerIsUnreadable() {
        gewe.answer(SEARCH, STRANGER);
        gewe.answer(ADD, "");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/addContacts is empty", true));
    }

    @Test
    void aJsonAnswerThatIsNotAnEnvelopeIsUnreadable() {
        gewe.answer(SEARCH, "[1,2,3]");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/search is not a GeWe envelope", false));
    }

    @Test
    void aSuccessfulSearchWithoutDataIsUnreadableAndNothingIsSent() {
        gewe.answer(SEARCH, "{\"ret\":200,\"msg\":\"操作成功\"}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's search for wxid_zed gave no v3 ticket", false));
    }

    @Test
    void aStrangerWithoutV4TicketIsUnreadableAndNothingIsSent() {
        gewe.answer(SEARCH, "{\"ret\":200,\"data\":{\"v3\":\"v3_abc@stranger\",\"nickName\":\"Zed\"}}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's search for wxid_zed gave no v4 ticket", false));
    }

    @Test
    void searchDataOfTheWrongShapeIsUnreadable() {
        gewe.answer(SEARCH, "{\"ret\":200,\"data\":{\"v3\":{\"nested\":true}}}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/search has unreadable data", false));
    }

    @Test
    void anHttpErrorWithAGeweEnvelopeIsStillAnHttpFailure() {
        gewe.answer(SEARCH, STRANGER);
        gewe.answer(ADD, 500, "{\"ret\":500,\"msg\":\"系统异常\"}");

        ContactOutcome outcome = action.add(AddRequest.of("wxid_zed"));

        assertThat(outcome).isEqualTo(Failed.transport(FailureKind.HTTP_STATUS, "GeWe answered HTTP 500", true));
    }
}
