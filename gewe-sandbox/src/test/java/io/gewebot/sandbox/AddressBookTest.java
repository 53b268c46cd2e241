package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The friends the account already has: remarks, labels, the list of friends, deleting, relations. */
class AddressBookTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String FRIEND = GeweSandbox.DEMO_FRIEND;

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    private JsonNode brief(String wxid) {
        return client.call("/contacts/getBriefInfo", "wxids", List.of(wxid)).path("data").get(0);
    }

    @Test
    void aRemarkIsKeptAndShownByTheBriefInfo() {
        JsonNode set = client.call("/contacts/setFriendRemark", "wxid", FRIEND, "remark", "老朋友（大学）");

        assertThat(set.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
        assertThat(sandbox.remarkOf(FRIEND)).isEqualTo("老朋友（大学）");
        JsonNode brief = brief(FRIEND);
        assertThat(brief.path("userName").asText()).isEqualTo(FRIEND);
        assertThat(brief.path("nickName").asText()).isEqualTo("Demo Friend");
        assertThat(brief.path("remark").asText()).isEqualTo("老朋友（大学）");
        assertThat(brief.path("alias").asText()).isEqualTo("demo_friend");
        assertThat(brief.path("labelList").isTextual()).isTrue();
        assertThat(brief.path("labelList").asText()).isEmpty();
    }

    @Test
    void aRemarkForSomeoneWhoIsNoFriendIsRefused() {
        JsonNode set = client.call("/contacts/setFriendRemark", "wxid", GeweSandbox.DEMO_STRANGER, "remark", "x");

        assertThat(set.path("ret").asInt()).isEqualTo(500);
        assertThat(sandbox.remarkOf(GeweSandbox.DEMO_STRANGER)).isEmpty();
    }

    @Test
    void addingALabelAnswersItAndAnExistingNameAnswersTheExistingLabel() {
        JsonNode family = client.call("/label/add", "labelName", "家人");
        JsonNode work = client.call("/label/add", "labelName", "Work");
        JsonNode again = client.call("/label/add", "labelName", "家人");

        assertThat(family.path("data").toString()).isEqualTo("{\"labelId\":1,\"labelName\":\"家人\"}");
        assertThat(work.path("data").toString()).isEqualTo("{\"labelId\":2,\"labelName\":\"Work\"}");
        assertThat(again.path("data").toString()).isEqualTo("{\"labelId\":1,\"labelName\":\"家人\"}");
        assertThat(client.call("/label/list").path("data").toString()).isEqualTo(
                "{\"labelList\":[{\"labelId\":1,\"labelName\":\"家人\"},{\"labelId\":2,\"labelName\":\"Work\"}]}");
        assertThat(client.call("/label/add", "labelName", " ").toString())
                .isEqualTo("{\"ret\":500,\"msg\":\"labelName 不可为空\"}");
    }

    @Test
    void modifyMemberListReplacesTheFriendsWholeLabelSet() {
        sandbox.setLabels(FRIEND, List.of("Family", "Work"));
        client.call("/label/add", "labelName", "VIP");
        assertThat(brief(FRIEND).path("labelList").asText()).isEqualTo("1,2");

        JsonNode modified = client.call("/label/modifyMemberList", "labelIds", "3", "wxIds", List.of(FRIEND));

        assertThat(modified.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
        assertThat(brief(FRIEND).path("labelList").asText()).isEqualTo("3");
        assertThat(sandbox.labelsOf(FRIEND)).containsExactly("VIP");
        assertThat(sandbox.labelNames()).containsExactly("Family", "Work", "VIP");
    }

    @Test
    void modifyMemberListWithNoIdsTakesEveryLabelOff() {
        sandbox.setLabels(FRIEND, List.of("Family", "Work"));

        client.call("/label/modifyMemberList", "labelIds", "", "wxIds", List.of(FRIEND));

        assertThat(brief(FRIEND).path("labelList").asText()).isEmpty();
        assertThat(sandbox.labelsOf(FRIEND)).isEmpty();
    }

    @Test
    void modifyMemberListChangesNothingWhenALabelOrAFriendIsUnknown() {
        sandbox.setLabels(FRIEND, List.of("Family"));

        JsonNode unknownLabel = client.call("/label/modifyMemberList", "labelIds", "1,7", "wxIds", List.of(FRIEND));
        JsonNode stranger = client.call("/label/modifyMemberList", "labelIds", "1",
                "wxIds", List.of(FRIEND, GeweSandbox.DEMO_STRANGER));
        JsonNode malformed = client.call("/label/modifyMemberList", "labelIds", "1;2", "wxIds", List.of(FRIEND));
        JsonNode noIds = client.call("/label/modifyMemberList", "wxIds", List.of(FRIEND));

        assertThat(unknownLabel.path("msg").asText()).isEqualTo("修改标签成员失败: 标签 7 不存在");
        assertThat(stranger.path("msg").asText()).isEqualTo("修改标签成员失败: wxid_demo 不是好友");
        assertThat(malformed.path("msg").asText()).startsWith("labelIds 参数错误");
        assertThat(noIds.path("msg").asText()).isEqualTo("labelIds 不可为空");
        assertThat(sandbox.labelsOf(FRIEND)).containsExactly("Family");
        assertThat(sandbox.labelsOf(GeweSandbox.DEMO_STRANGER)).isEmpty();
    }

    @Test
    void deletingALabelTakesItOffEveryFriend() {
        sandbox.makeFriend("wxid_pal", "Pal");
        sandbox.setLabels(FRIEND, List.of("Family", "Work"));
        sandbox.setLabels("wxid_pal", List.of("Work"));

        JsonNode deleted = client.call("/label/delete", "labelIds", "2");

        assertThat(deleted.path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.labelNames()).containsExactly("Family");
        assertThat(brief(FRIEND).path("labelList").asText()).isEqualTo("1");
        assertThat(brief("wxid_pal").path("labelList").asText()).isEmpty();
    }

    @Test
    void theBriefInfoAnswersAtMostOneHundredAndSkipsWhomItDoesNotKnow() {
        JsonNode both = client.call("/contacts/getBriefInfo", "wxids", List.of(FRIEND, "wxid_nobody"));
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "wxid_" + i).toList();

        assertThat(both.path("data")).hasSize(1);
        assertThat(client.call("/contacts/getBriefInfo", "wxids", many).path("msg").asText())
                .isEqualTo("wxids 最多 100 个");
    }

    @Test
    void theContactsListNamesTheFriendsAndItsCacheTheListAnsweredLast() {
        sandbox.makeFriend("wxid_pal", "Pal");
        JsonNode noCacheYet = client.call("/contacts/fetchContactsListCache");

        JsonNode list = client.call("/contacts/fetchContactsList");
        sandbox.makeFriend("wxid_later", "Later");
        JsonNode cached = client.call("/contacts/fetchContactsListCache");

        assertThat(noCacheYet.path("ret").asInt()).isEqualTo(500);
        assertThat(list.path("data").toString())
                .isEqualTo("{\"friends\":[\"wxid_demo_friend\",\"wxid_pal\"],\"chatrooms\":[],\"ghs\":[]}");
        assertThat(cached.path("data")).isEqualTo(list.path("data"));
        assertThat(client.call("/contacts/fetchContactsList").path("data").path("friends")).hasSize(3);
    }

    @Test
    void theContactsCacheAnswersNoLongerThanItsLifetime() {
        client.call("/contacts/fetchContactsList");
        sandbox.setContactsCacheLifetime(Duration.ZERO);

        JsonNode cached = client.call("/contacts/fetchContactsListCache");

        assertThat(cached.path("ret").asInt()).isEqualTo(500);
        assertThat(cached.path("msg").asText()).contains("缓存");
    }

    @Test
    void deletingAFriendEndsTheFriendshipForgetsRemarkAndLabelsAndPushesDelContacts() {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sandbox.setCallbackUrl(receiver.url());
            sandbox.setRemark(FRIEND, "old pal");
            sandbox.setLabels(FRIEND, List.of("Family"));

            JsonNode deleted = client.call("/contacts/deleteFriend", "wxid", FRIEND);

            assertThat(deleted.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
            assertThat(sandbox.isFriend(FRIEND)).isFalse();
            assertThat(client.call("/contacts/fetchContactsList").path("data").path("friends")).isEmpty();
            assertThat(sandbox.remarkOf(FRIEND)).isEmpty();
            assertThat(sandbox.labelsOf(FRIEND)).isEmpty();
            JsonNode pushed = receiver.await(1, WAIT).get(0);
            assertThat(CallbacksTest.shape(pushed)).isEqualTo(CallbacksTest.shape(CallbacksTest.sample("29-friend-deleted.json")));
            assertThat(pushed.path("TypeName").asText()).isEqualTo("DelContacts");
            assertThat(pushed.path("Appid").asText()).isEqualTo(sandbox.appId());
            assertThat(pushed.path("Wxid").asText()).isEqualTo(sandbox.accountWxid());
            assertThat(pushed.path("Data").path("UserName").path("string").asText()).isEqualTo(FRIEND);
        }
    }

    @Test
    void deletingSomeoneWhoIsNoFriendPushesNothing() {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sandbox.setCallbackUrl(receiver.url());

            assertThat(client.call("/contacts/deleteFriend", "wxid", GeweSandbox.DEMO_STRANGER).path("ret").asInt())
                    .isEqualTo(200);
            client.call("/contacts/deleteFriend", "wxid", FRIEND);

            // Pushes go out in order: once the friend's has arrived, a push for the stranger would have too.
            List<JsonNode> pushed = receiver.await(1, WAIT);
            assertThat(pushed).extracting(p -> p.path("Data").path("UserName").path("string").asText())
                    .containsExactly(FRIEND);
        }
    }

    @Test
    void theSelfHostedVariantAnswersTheRelationCheckAsAnUnknownPath() {
        HttpResponse<String> answer = client.post("/contacts/checkRelation",
                client.body("wxids", List.of(FRIEND)).toString(), sandbox.token());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"ret\":404,\"msg\":\"接口不存在\"}");
        assertThat(sandbox.calls("/contacts/checkRelation")).hasSize(1);
    }

    @Test
    void theHostedVariantAnswersEachPersonsRelation() {
        try (GeweSandbox hosted = GeweSandbox.start(SandboxOptions.defaults().withVariant(SandboxOptions.Variant.HOSTED))) {
            GeweClient hostedClient = new GeweClient(hosted);
            hosted.makeFriend("wxid_gone", "Gone");
            hosted.setRelation("wxid_gone", 1);

            JsonNode answer = hostedClient.call("/contacts/checkRelation",
                    "wxids", List.of(FRIEND, "wxid_gone", GeweSandbox.DEMO_STRANGER, "wxid_nobody"));

            assertThat(answer.path("ret").asInt()).isEqualTo(200);
            assertThat(answer.path("data").toString()).isEqualTo("[{\"wxid\":\"wxid_demo_friend\",\"relation\":0},"
                    + "{\"wxid\":\"wxid_gone\",\"relation\":1},{\"wxid\":\"wxid_demo\",\"relation\":99}]");
            List<String> many = IntStream.range(0, 21).mapToObj(i -> "wxid_" + i).toList();
            assertThat(hostedClient.call("/contacts/checkRelation", "wxids", many).path("msg").asText())
                    .isEqualTo("wxids 最多 20 个");
        }
    }

    @Test
    void aFriendRequestCarriesAnyGreetingAndSceneAsWritten() throws Exception {
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            sandbox.setCallbackUrl(receiver.url());
            String greeting = "你好！我是群里的　小王（Ｗａｎｇ）～";

            IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_wang", "小王", greeting, 14);

            Element msg = FriendRequestFlowTest.msgElement(receiver.await(1, WAIT).get(0));
            assertThat(msg.getAttribute("content")).isEqualTo(greeting);
            assertThat(msg.getAttribute("scene")).isEqualTo("14");
            assertThat(request.scene()).isEqualTo(14);
        }
    }
}
