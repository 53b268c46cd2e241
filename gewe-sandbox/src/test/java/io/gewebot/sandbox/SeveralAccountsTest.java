package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One token holding two accounts, A (the first) and B, over real HTTP. */
class SeveralAccountsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String OK = "{\"ret\":200,\"msg\":\"操作成功\"}";
    private static final String BAD_APP_ID = "{\"ret\":500,\"msg\":\"appId 不可用或已过期\"}";
    private static final String TICKET_INVALID =
            "{\"ret\":500,\"msg\":\"添加好友失败\",\"data\":{\"code\":\"-2\",\"msg\":\"user ticket invalid\"}}";

    private final GeweSandbox sandbox = GeweSandbox.start(SandboxOptions.defaults()
            .withMoreAccounts(new SandboxOptions.Account("wx_b", "wxid_b")));
    private final SandboxAccount a = sandbox.account(sandbox.appId());
    private final SandboxAccount b = sandbox.account("wx_b");
    private final GeweClient clientA = new GeweClient(sandbox);
    private final GeweClient clientB = new GeweClient(sandbox, "wx_b");
    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void close() {
        sandbox.close();
        receiver.close();
    }

    private static JsonNode search(GeweClient client, String who) {
        return client.call("/contacts/search", "contactsInfo", who).path("data");
    }

    private static JsonNode add(GeweClient client, JsonNode tickets, int option) {
        return client.call("/contacts/addContacts", "scene", option == 2 ? 3 : 6, "option", option,
                "v3", tickets.path("v3").asText(), "v4", tickets.path("v4").asText(), "content", "hi");
    }

    private static JsonNode answer(GeweClient client, IncomingRequest request, int option) {
        return client.call("/contacts/addContacts", "scene", request.scene(), "option", option,
                "v3", request.v3(), "v4", request.v4(), "content", "");
    }

    @Test
    void theTokenHoldsBothAccountsInOrderEachWithItsOwnWxid() {
        assertThat(sandbox.accounts()).containsExactly(a, b);
        assertThat(a.appId()).isEqualTo("wx_sandbox_app");
        assertThat(a.wxid()).isEqualTo("wxid_sandbox_bot");
        assertThat(b.wxid()).isEqualTo("wxid_b");
        assertThat(sandbox.options().accounts()).containsExactly(
                new SandboxOptions.Account("wx_sandbox_app", "wxid_sandbox_bot"), new SandboxOptions.Account("wx_b", "wxid_b"));
    }

    @Test
    void anAddOnOneAccountIsNotInTheOtherAccountsOutgoingRequests() {
        assertThat(add(clientA, search(clientA, "wxid_demo"), 2).toString()).isEqualTo(OK);

        assertThat(a.outgoingRequests()).containsExactly(new OutgoingRequest("wxid_demo", 3, "hi"));
        assertThat(b.outgoingRequests()).isEmpty();
        assertThat(a.calls("/contacts/addContacts")).hasSize(1);
        assertThat(b.calls("/contacts/addContacts")).isEmpty();
        assertThat(sandbox.calls("/contacts/addContacts")).hasSize(1);
    }

    @Test
    void aSearchTicketIssuedToOneAccountIsForeignToTheOther() {
        JsonNode ticketsOfA = search(clientA, "wxid_demo");
        JsonNode ticketsOfB = search(clientB, "wxid_demo");

        // The v3 stands for the person, whoever searches; the v4 is the searcher's.
        assertThat(ticketsOfB.path("v3").asText()).isEqualTo(ticketsOfA.path("v3").asText());
        assertThat(ticketsOfB.path("v4").asText()).isNotEqualTo(ticketsOfA.path("v4").asText());
        assertThat(add(clientB, ticketsOfA, 2).toString()).isEqualTo(TICKET_INVALID);
        assertThat(b.outgoingRequests()).isEmpty();
        assertThat(add(clientB, ticketsOfB, 2).toString()).isEqualTo(OK);
    }

    @Test
    void aFriendOfOneAccountIsAStrangerToTheOther() {
        a.makeFriend("wxid_only_a", "Only A");
        a.setRemark("wxid_only_a", "colleague");
        a.setLabels("wxid_only_a", List.of("VIP"));

        assertThat(a.isFriend("wxid_only_a")).isTrue();
        assertThat(b.isFriend("wxid_only_a")).isFalse();
        assertThat(search(clientA, "wxid_only_a").path("v3").asText()).isEqualTo("wxid_only_a");
        assertThat(search(clientB, "wxid_only_a").path("v3").asText()).startsWith("v3_");
        assertThat(clientA.call("/contacts/fetchContactsList").path("data").path("friends"))
                .extracting(JsonNode::asText).containsExactly(GeweSandbox.DEMO_FRIEND, "wxid_only_a");
        assertThat(clientB.call("/contacts/fetchContactsList").path("data").path("friends"))
                .extracting(JsonNode::asText).containsExactly(GeweSandbox.DEMO_FRIEND);
        JsonNode seenByB = clientB.call("/contacts/getBriefInfo", "wxids", List.of("wxid_only_a")).path("data").get(0);
        assertThat(seenByB.path("nickName").asText()).isEqualTo("Only A");
        assertThat(seenByB.path("remark").asText()).isEmpty();
        assertThat(seenByB.path("labelList").asText()).isEmpty();
        assertThat(clientB.call("/label/list").path("data").path("labelList")).isEmpty();
        assertThat(b.labelNames()).isEmpty();
    }

    @Test
    void riskControlOnOneAccountLeavesTheOtherServed() {
        a.faults().always("/contacts/addContacts", Fault.ret500("操作过于频繁"));

        assertThat(add(clientA, search(clientA, "wxid_demo"), 2).toString())
                .isEqualTo("{\"ret\":500,\"msg\":\"操作过于频繁\"}");
        assertThat(add(clientB, search(clientB, "wxid_demo"), 2).toString()).isEqualTo(OK);
        assertThat(a.outgoingRequests()).isEmpty();
        assertThat(b.outgoingRequests()).containsExactly(new OutgoingRequest("wxid_demo", 3, "hi"));
    }

    @Test
    void aSlowAccountDoesNotHoldUpTheOther() {
        a.faults().always(Faults.ANY_PATH, Fault.delay(Duration.ofSeconds(30)));
        String searchA = clientA.body("contactsInfo", "wxid_demo").toString();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                () -> clientA.post("/contacts/search", searchA, sandbox.token(), Duration.ofSeconds(40)));
        a.awaitCall("/contacts/search", WAIT);

        assertThat(search(clientB, "wxid_demo").path("nickName").asText()).isEqualTo("Demo Friend-to-be");
        assertThat(slow).isNotDone();
    }

    @Test
    void textsPostedByOneAccountAreRecordedForItOnly() {
        clientB.call("/message/postText", "toWxid", GeweSandbox.DEMO_FRIEND, "content", "from B");

        assertThat(b.awaitPostedTexts(1, WAIT)).containsExactly(new PostedText(GeweSandbox.DEMO_FRIEND, "from B", null));
        assertThat(a.postedTexts()).isEmpty();
        assertThat(sandbox.postedTexts()).isEmpty();
        assertThatThrownBy(() -> a.awaitPostedTexts(1, Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlineIsEachAccountsOwn() {
        b.setOnline(false);

        assertThat(clientB.call("/contacts/search", "contactsInfo", "wxid_demo").toString())
                .isEqualTo("{\"ret\":500,\"msg\":\"微信已离线，请重新登录\"}");
        assertThat(clientB.call("/login/checkOnline").path("data").asBoolean()).isFalse();
        assertThat(clientA.call("/login/checkOnline").path("data").asBoolean()).isTrue();
        assertThat(search(clientA, "wxid_demo").path("nickName").asText()).isEqualTo("Demo Friend-to-be");
        assertThat(a.isOnline()).isTrue();
    }

    @Test
    void everyAccountsCallbacksGoToTheTokensOneUrlWithItsOwnAppidAndWxid() {
        JsonNode registered = clientA.call("/tools/setCallback", "token", sandbox.token(), "callbackUrl", receiver.url());
        assertThat(registered.toString()).isEqualTo(OK);

        b.callbacks().pushText(GeweSandbox.DEMO_FRIEND, "to B");
        a.callbacks().pushText(GeweSandbox.DEMO_FRIEND, "to A");

        List<JsonNode> pushed = receiver.await(3, WAIT);
        assertThat(pushed.get(0).path("testMsg").asText()).isEqualTo("验证回调地址是否可用");
        assertThat(pushed.get(1).path("Appid").asText()).isEqualTo("wx_b");
        assertThat(pushed.get(1).path("Wxid").asText()).isEqualTo("wxid_b");
        assertThat(pushed.get(1).path("Data").path("ToUserName").path("string").asText()).isEqualTo("wxid_b");
        assertThat(pushed.get(1).path("Data").path("Content").path("string").asText()).isEqualTo("to B");
        assertThat(pushed.get(2).path("Appid").asText()).isEqualTo("wx_sandbox_app");
        assertThat(pushed.get(2).path("Wxid").asText()).isEqualTo("wxid_sandbox_bot");
    }

    @Test
    void aFriendRequestToOneAccountIsAnsweredOnlyByItAndItsModContactsNamesIt() {
        sandbox.setCallbackUrl(receiver.url());
        IncomingRequest request = b.callbacks().pushFriendRequest("wxid_asker", "Asker", "hello B", 6);
        assertThat(receiver.await(1, WAIT).get(0).path("Appid").asText()).isEqualTo("wx_b");
        assertThat(b.pendingIncomingRequests()).extracting(IncomingRequest::fromWxid).containsExactly("wxid_asker");
        assertThat(a.pendingIncomingRequests()).isEmpty();

        assertThat(answer(clientA, request, 3).toString()).isEqualTo(TICKET_INVALID);
        assertThat(answer(clientB, request, 3).toString()).isEqualTo(OK);

        JsonNode modContacts = receiver.await(2, WAIT).get(1);
        assertThat(modContacts.path("TypeName").asText()).isEqualTo("ModContacts");
        assertThat(modContacts.path("Appid").asText()).isEqualTo("wx_b");
        assertThat(b.isFriend("wxid_asker")).isTrue();
        assertThat(a.isFriend("wxid_asker")).isFalse();
    }

    @Test
    void deletingAFriendOnOneAccountPushesItsDelContactsAndLeavesTheOthersFriendship() {
        sandbox.setCallbackUrl(receiver.url());

        assertThat(clientB.call("/contacts/deleteFriend", "wxid", GeweSandbox.DEMO_FRIEND).toString()).isEqualTo(OK);

        JsonNode deleted = receiver.await(1, WAIT).get(0);
        assertThat(deleted.path("TypeName").asText()).isEqualTo("DelContacts");
        assertThat(deleted.path("Appid").asText()).isEqualTo("wx_b");
        assertThat(deleted.path("Wxid").asText()).isEqualTo("wxid_b");
        assertThat(b.isFriend(GeweSandbox.DEMO_FRIEND)).isFalse();
        assertThat(a.isFriend(GeweSandbox.DEMO_FRIEND)).isTrue();
    }

    @Test
    void anAppIdNoAccountOfTheTokenHasIsRefusedAndChangesNothing() {
        GeweClient stranger = new GeweClient(sandbox, "wx_someone_else");
        JsonNode tickets = search(clientA, "wxid_demo");

        assertThat(stranger.call("/contacts/search", "contactsInfo", "wxid_demo").toString()).isEqualTo(BAD_APP_ID);
        assertThat(add(stranger, tickets, 2).toString()).isEqualTo(BAD_APP_ID);
        assertThat(stranger.call("/message/postText", "toWxid", GeweSandbox.DEMO_FRIEND, "content", "x").toString())
                .isEqualTo(BAD_APP_ID);
        assertThat(stranger.call("/login/checkOnline").toString()).isEqualTo(BAD_APP_ID);
        assertThat(stranger.call("/login/getLoginQrCode").toString()).isEqualTo(BAD_APP_ID);
        assertThat(a.outgoingRequests()).isEmpty();
        assertThat(b.outgoingRequests()).isEmpty();
        assertThat(a.postedTexts()).isEmpty();
        assertThat(b.postedTexts()).isEmpty();
        assertThat(sandbox.calls()).hasSize(6);
        assertThat(a.calls()).hasSize(1);
        assertThat(b.calls()).isEmpty();
    }

    @Test
    void eachDeviceLogsInOnItsOwnAndANewDeviceBecomesTheOneWaitingForALogin() {
        b.setOnline(false);

        JsonNode code = GeweClient.envelope(clientA.post("/login/getLoginQrCode", "{\"appId\":\"\"}", sandbox.token()))
                .path("data");
        assertThat(code.path("appId").asText()).isEqualTo("wx_b");
        String uuid = code.path("uuid").asText();
        assertThat(b.latestLoginQrData()).contains("http://weixin.qq.com/x/" + uuid);
        assertThat(a.latestLoginQrData()).isEmpty();
        assertThat(clientA.call("/login/checkLogin", "uuid", uuid).toString())
                .isEqualTo("{\"ret\":500,\"msg\":\"uuid 不存在\"}");

        b.scanLoginQrCode();
        assertThat(clientB.call("/login/checkLogin", "uuid", uuid).path("data").path("status").asInt()).isEqualTo(1);
        JsonNode loggedIn = clientB.call("/login/checkLogin", "uuid", uuid).path("data");
        assertThat(loggedIn.path("status").asInt()).isEqualTo(2);
        assertThat(loggedIn.path("loginInfo").path("wxid").asText()).isEqualTo("wxid_b");
        assertThat(b.isOnline()).isTrue();
    }

    @Test
    void anAccountAddedWhileRunningIsServedAndAppIdsAndWxidsStayUnique() {
        SandboxAccount c = sandbox.addAccount("wx_c", "wxid_c");

        assertThat(sandbox.account("wx_c")).isSameAs(c);
        assertThat(new GeweClient(sandbox, "wx_c").call("/login/checkOnline").path("data").asBoolean()).isTrue();
        assertThat(c.isFriend(GeweSandbox.DEMO_FRIEND)).isTrue();
        assertThatThrownBy(() -> sandbox.addAccount("wx_b", "wxid_new"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appId wx_b");
        assertThatThrownBy(() -> sandbox.addAccount("wx_new", "wxid_b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wxid wxid_b");
        assertThatThrownBy(() -> sandbox.account("wx_nobody")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sandbox.accounts()).containsExactly(a, b, c);
    }

    @Test
    void optionsRefuseAnAppIdOrWxidGivenTwice() {
        assertThatThrownBy(() -> SandboxOptions.defaults().withMoreAccounts(new SandboxOptions.Account("wx_sandbox_app", "wxid_x")))
                .hasMessage("appId wx_sandbox_app is given to two accounts");
        assertThatThrownBy(() -> SandboxOptions.defaults().withMoreAccounts(new SandboxOptions.Account("wx_x", "wxid_b"),
                new SandboxOptions.Account("wx_y", "wxid_b")))
                .hasMessage("wxid wxid_b is given to two accounts");
    }

    @Test
    void theSandboxsOwnPerAccountMethodsActOnTheFirstAccount() {
        sandbox.makeFriend("wxid_first", "First");
        sandbox.setOnline(false);

        assertThat(a.isFriend("wxid_first")).isTrue();
        assertThat(b.isFriend("wxid_first")).isFalse();
        assertThat(a.isOnline()).isFalse();
        assertThat(b.isOnline()).isTrue();
        assertThat(sandbox.faults()).isSameAs(a.faults());
        assertThat(sandbox.callbacks()).isSameAs(a.callbacks());
    }
}
