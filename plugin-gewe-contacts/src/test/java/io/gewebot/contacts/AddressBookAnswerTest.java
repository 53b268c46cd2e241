package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Contact;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.Listing;
import io.gewebot.api.Relation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Address-book answers in shapes the sandbox never gives: other number types, gaps, odd data, GeWe's own 404. */
class AddressBookAnswerTest {

    private static final String BRIEF = "/contacts/getBriefInfo";
    private static final String LABEL_LIST = "/label/list";
    private static final String CHECK_RELATION = "/contacts/checkRelation";

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
    void labelIdsSentAsTextOrNumbersAndMissingProfileFieldsAreRead() {
        gewe.answer(BRIEF, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":[null,{\"userName\":\"wxid_a\",\"nickName\":\"A\","
                + "\"labelList\":\" 2, 9,1 \",\"sex\":1},{\"nickName\":\"no wxid\"}]}");
        gewe.answer(LABEL_LIST, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":{\"labelList\":["
                + "{\"labelId\":1,\"labelName\":\"One\"},{\"labelId\":\"2\",\"labelName\":\"Two\"},null]}}");

        Listing<Contact> profiles = action.profiles(List.of("wxid_a"));

        // Label 9 does not exist (any more): it has no name to show.
        assertThat(profiles).isEqualTo(new Listing.Listed<>(List.of(
                new Contact("wxid_a", "A", "", "", List.of("Two", "One")))));
    }

    @Test
    void profilesOfAnOddShapeAreAnUnreadableAnswer() {
        gewe.answer(BRIEF, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":{\"userName\":\"wxid_a\"}}");

        Listing<Contact> profiles = action.profiles(List.of("wxid_a"));

        assertThat(profiles).isEqualTo(new Listing.NotListed<>(Failed.transport(FailureKind.UNREADABLE_RESPONSE,
                "GeWe's answer to /contacts/getBriefInfo has unreadable data", false)));
    }

    @Test
    void relationCodesSentAsTextAreRead() {
        gewe.answer(CHECK_RELATION, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":[{\"wxid\":\"wxid_a\",\"relation\":\"1\"},"
                + "null,{\"wxid\":\"wxid_b\",\"relation\":99}]}");

        Listing<Relation> relations = action.checkRelations(List.of("wxid_a", "wxid_b"));

        assertThat(relations).isEqualTo(new Listing.Listed<>(List.of(
                new Relation("wxid_a", Relation.Kind.DELETED_YOU, 1), new Relation("wxid_b", Relation.Kind.OTHER, 99))));
    }

    @Test
    void aRelationWithoutItsCodeIsAnUnreadableAnswer() {
        gewe.answer(CHECK_RELATION, "{\"ret\":200,\"msg\":\"操作成功\",\"data\":[{\"wxid\":\"wxid_a\"}]}");

        assertThat(action.checkRelations(List.of("wxid_a"))).isEqualTo(new Listing.NotListed<>(Failed.transport(
                FailureKind.UNREADABLE_RESPONSE, "GeWe's answer to /contacts/checkRelation gives no relation for wxid_a",
                false)));
    }

    @Test
    void gewesOwnNoSuchEndpointAnswerMakesTheRelationCheckUnsupported() {
        gewe.answer(CHECK_RELATION, "{\"ret\":500,\"msg\":\"接口不存在\"}");

        assertThat(action.checkRelations(List.of("wxid_a"))).isEqualTo(new Listing.NotListed<>(
                new Refused(Reason.UNSUPPORTED, "checkRelations on this GeWe is not supported")));
    }

    @Test
    void aRateLimitedRelationCheckFailsAsRateLimited() {
        gewe.answer(CHECK_RELATION, "{\"ret\":500,\"msg\":\"检测过于频繁\"}");

        assertThat(action.checkRelations(List.of("wxid_a"))).isEqualTo(new Listing.NotListed<>(
                Failed.platform(FailureKind.RATE_LIMITED, 500, "检测过于频繁", null, null)));
    }
}
