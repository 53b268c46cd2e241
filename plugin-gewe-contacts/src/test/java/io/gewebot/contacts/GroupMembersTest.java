package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.GroupMember;
import io.gewebot.api.Listing;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.OutgoingRequest;
import io.gewebot.sandbox.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group's members and friend requests through the group, checking exactly what GeWe received. */
class GroupMembersTest {

    private static final String GROUP = "34757816141@chatroom";
    private static final String MEMBERS = "/group/getChatroomMemberList";
    private static final String ADD = "/group/addGroupMemberAsFriend";

    private GeweSandbox gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        gewe.addGroup(GROUP, List.of("wxid_owner", gewe.accountWxid(), GeweSandbox.DEMO_FRIEND, GeweSandbox.DEMO_STRANGER));
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe, Map.of()));
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    private String onlyBody(String path) {
        List<RecordedCall> calls = gewe.calls(path);
        assertThat(calls).hasSize(1);
        return calls.get(0).body();
    }

    @Test
    void theMembersAreReadWithOneCallNamingTheGroup() {
        Listing<GroupMember> members = action.groupMembers(" " + GROUP + " ");

        assertThat(onlyBody(MEMBERS)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"chatroomId\":\"" + GROUP + "\"}");
        assertThat(members).isEqualTo(new Listing.Listed<>(List.of(
                new GroupMember("wxid_owner", "wxid_owner", ""),
                new GroupMember(gewe.accountWxid(), GeweSandbox.ACCOUNT_NICKNAME, ""),
                new GroupMember(GeweSandbox.DEMO_FRIEND, "Demo Friend", ""),
                new GroupMember(GeweSandbox.DEMO_STRANGER, "Demo Friend-to-be", ""))));
    }

    @Test
    void aGroupGeweRefusesToListIsAFailureWithItsTexts() {
        Listing<GroupMember> members = action.groupMembers("nobody@chatroom");

        assertThat(members).isInstanceOfSatisfying(Listing.NotListed.class, notListed ->
                assertThat(((Failed) notListed.outcome()).texts()).isEqualTo("获取群成员列表失败: 不是群成员"));
    }

    @Test
    void aBlankGroupIsRefusedWithoutCallingGewe() {
        assertThat(action.groupMembers(" ")).isInstanceOfSatisfying(Listing.NotListed.class, notListed ->
                assertThat(((Refused) notListed.outcome()).reason()).isEqualTo(Reason.INVALID_TARGET));
        assertThat(action.addGroupMember(GROUP, "", "hi")).isInstanceOf(Refused.class);
        assertThat(gewe.calls()).isEmpty();
    }

    @Test
    void aMemberIsAddedThroughTheGroupWithTheExactBody() {
        ContactOutcome outcome = action.addGroupMember(GROUP, GeweSandbox.DEMO_STRANGER, "你好");

        assertThat(outcome).isEqualTo(new Done(Optional.of(GeweSandbox.DEMO_STRANGER), Optional.empty()));
        assertThat(onlyBody(ADD)).isEqualTo("{\"appId\":\"wx_sandbox_app\",\"chatroomId\":\"" + GROUP
                + "\",\"memberWxid\":\"wxid_demo\",\"content\":\"你好\"}");
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest(GeweSandbox.DEMO_STRANGER, 8, "你好"));
    }

    @Test
    void aMemberWhoForbidsAddingFromGroupsIsAPlatformFailureNotDelivered() {
        gewe.forbidAddFromGroup(GeweSandbox.DEMO_STRANGER);

        ContactOutcome outcome = action.addGroupMember(GROUP, GeweSandbox.DEMO_STRANGER, "hi");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.PLATFORM);
            assertThat(failed.possiblyDelivered()).isFalse();
            assertThat(failed.texts()).isEqualTo("添加好友失败: 对方已关闭通过群聊添加好友");
        });
    }

    @Test
    void riskControlOnAGroupAddIsRateLimitedAndTheRequestIsSentOnce() {
        gewe.faults().once(ADD, Fault.ret500("操作过于频繁，请稍后再试"));

        ContactOutcome outcome = action.addGroupMember(GROUP, GeweSandbox.DEMO_STRANGER, "hi");

        assertThat(outcome).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.RATE_LIMITED));
        assertThat(gewe.calls(ADD)).hasSize(1);
    }
}
