package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group chats: their members as GeWe lists them, and friend requests to a member through the group. */
class GroupsTest {

    private static final String GROUP = "34757816141@chatroom";
    private static final String MEMBERS = "/group/getChatroomMemberList";
    private static final String ADD = "/group/addGroupMemberAsFriend";

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    private void group() {
        sandbox.addGroup(GROUP, List.of("wxid_owner", sandbox.accountWxid(), GeweSandbox.DEMO_FRIEND, GeweSandbox.DEMO_STRANGER));
    }

    @Test
    void theMembersAreListedWithTheAccountAmongThemAndTheOwnerFirst() {
        group();

        JsonNode data = client.call(MEMBERS, "chatroomId", GROUP).path("data");

        List<String> wxids = new ArrayList<>();
        data.path("memberList").forEach(m -> wxids.add(m.path("wxid").asText()));
        assertThat(wxids).containsExactly("wxid_owner", sandbox.accountWxid(), GeweSandbox.DEMO_FRIEND,
                GeweSandbox.DEMO_STRANGER);
        assertThat(data.path("chatroomOwner").asText()).isEqualTo("wxid_owner");
        assertThat(data.path("memberList").get(2).path("nickName").asText()).isEqualTo("Demo Friend");
        assertThat(data.path("memberList").get(1).path("nickName").asText()).isEqualTo(GeweSandbox.ACCOUNT_NICKNAME);
        assertThat(data.has("adminWxid")).isTrue();
    }

    @Test
    void aGroupTheAccountIsNotInIsNotListed() {
        sandbox.addGroup(GROUP, List.of("wxid_owner", GeweSandbox.DEMO_FRIEND));

        JsonNode envelope = client.call(MEMBERS, "chatroomId", GROUP);

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).isEqualTo("获取群成员列表失败");
    }

    @Test
    void theDemoGroupsAreThereWithTheirMembers() {
        assertThat(client.call(MEMBERS, "chatroomId", GeweSandbox.DEMO_BIG_GROUP).path("data").path("memberList").size())
                .isEqualTo(GeweSandbox.DEMO_BIG_GROUP_SIZE);
        assertThat(client.call(MEMBERS, "chatroomId", GeweSandbox.DEMO_GROUP).path("data").path("memberList").size())
                .isEqualTo(5);
    }

    @Test
    void aMemberIsSentAFriendRequestThroughTheGroupAndTheirV3Answered() {
        group();

        JsonNode envelope = client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_STRANGER, "content", "hi");

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        String v3 = envelope.path("data").path("v3").asText();
        assertThat(v3).startsWith("v3_")
                .isEqualTo(client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_STRANGER).path("data").path("v3").asText());
        assertThat(sandbox.outgoingRequests()).containsExactly(new OutgoingRequest(GeweSandbox.DEMO_STRANGER, 8, "hi"));
    }

    @Test
    void aMemberWhoTurnedOffAddingFromGroupsRefuses() {
        group();
        sandbox.forbidAddFromGroup(GeweSandbox.DEMO_STRANGER);

        JsonNode envelope = client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_STRANGER, "content", "hi");

        assertThat(envelope.toString()).isEqualTo(
                "{\"ret\":500,\"msg\":\"添加好友失败\",\"data\":{\"code\":\"-24\",\"msg\":\"对方已关闭通过群聊添加好友\"}}");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void someoneOutsideTheGroupOrAFriendIsNotAdded() {
        group();

        assertThat(client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_ALIAS_WXID, "content", "hi")
                .path("data").path("msg").asText()).isEqualTo("不是群成员");
        assertThat(client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_FRIEND, "content", "hi")
                .path("ret").asInt()).isEqualTo(500);
        assertThat(client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_STRANGER)
                .path("msg").asText()).isEqualTo("content 不可为空");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void anAcceptedRequestMakesTheMemberAFriend() {
        group();
        client.call(ADD, "chatroomId", GROUP, "memberWxid", GeweSandbox.DEMO_STRANGER, "content", "hi");

        sandbox.acceptOutgoingRequest(GeweSandbox.DEMO_STRANGER);

        assertThat(sandbox.isFriend(GeweSandbox.DEMO_STRANGER)).isTrue();
    }
}
