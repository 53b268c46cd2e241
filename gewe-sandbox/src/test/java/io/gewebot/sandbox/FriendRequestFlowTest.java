package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class FriendRequestFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);
    private final CallbackReceiver receiver = new CallbackReceiver();

    FriendRequestFlowTest() {
        sandbox.setCallbackUrl(receiver.url());
    }

    @AfterEach
    void close() {
        sandbox.close();
        receiver.close();
    }

    static Element msgElement(JsonNode callback) throws Exception {
        String xml = callback.path("Data").path("Content").path("string").asText();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    private JsonNode reply(IncomingRequest request, int option) {
        return client.call("/contacts/addContacts", "scene", request.scene(), "option", option,
                "v3", request.v3(), "v4", request.v4(), "content", "");
    }

    @Test
    void friendRequestArrivesAsMsgType37WhoseXmlCarriesTheIssuedTickets() throws Exception {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "新朋友", "我是 \"小李\" & <你好>", 6);

        JsonNode callback = receiver.await(1, WAIT).get(0);
        assertThat(request.status()).isEqualTo(200);
        assertThat(callback.path("TypeName").asText()).isEqualTo("AddMsg");
        assertThat(callback.path("Appid").asText()).isEqualTo(sandbox.appId());
        assertThat(callback.path("Wxid").asText()).isEqualTo(sandbox.accountWxid());
        assertThat(callback.path("Data").path("MsgType").asInt()).isEqualTo(37);
        assertThat(callback.path("Data").path("FromUserName").path("string").asText()).isEqualTo("fmessage");
        assertThat(callback.path("Data").path("NewMsgId").asLong()).isEqualTo(request.newMsgId());
        Element msg = msgElement(callback);
        assertThat(msg.getTagName()).isEqualTo("msg");
        assertThat(msg.getAttribute("fromusername")).isEqualTo("wxid_new");
        assertThat(msg.getAttribute("fromnickname")).isEqualTo("新朋友");
        assertThat(msg.getAttribute("content")).isEqualTo("我是 \"小李\" & <你好>");
        assertThat(msg.getAttribute("scene")).isEqualTo("6");
        assertThat(msg.getAttribute("encryptusername")).isEqualTo(request.v3()).startsWith("v3_");
        assertThat(msg.getAttribute("ticket")).isEqualTo(request.v4()).startsWith("v4_");
        assertThat(sandbox.pendingIncomingRequests()).extracting(IncomingRequest::fromWxid).containsExactly("wxid_new");
    }

    @Test
    void greetingWithLineBreaksSurvivesTheXmlAttribute() throws Exception {
        sandbox.callbacks().pushFriendRequest("wxid_new", "N", "line one\nline two\ttab", 30);

        assertThat(msgElement(receiver.await(1, WAIT).get(0)).getAttribute("content"))
                .isEqualTo("line one\nline two\ttab");
    }

    @Test
    void acceptingMakesAFriendAndPushesModContactsWithTheV3() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "新朋友", "hi", 6);

        JsonNode envelope = reply(request, 3);

        assertThat(envelope.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
        assertThat(sandbox.isFriend("wxid_new")).isTrue();
        assertThat(sandbox.pendingIncomingRequests()).isEmpty();
        List<JsonNode> callbacks = receiver.await(2, WAIT);
        JsonNode modContacts = callbacks.get(1);
        assertThat(modContacts.path("TypeName").asText()).isEqualTo("ModContacts");
        assertThat(modContacts.path("Appid").asText()).isEqualTo(sandbox.appId());
        assertThat(modContacts.path("Data").path("UserName").path("string").asText()).isEqualTo("wxid_new");
        assertThat(modContacts.path("Data").path("NickName").path("string").asText()).isEqualTo("新朋友");
        assertThat(modContacts.path("Data").path("EncryptUserName").asText()).isEqualTo(request.v3());
    }

    @Test
    void aRequestHeldWithAnEarlierGewesTicketsIsAcceptedWithThemAndNothingIsPushed() {
        IncomingRequest held = sandbox.accounts().get(0).holdFriendRequest("wxid_earlier", "Earlier",
                "v3_earlier@stranger", "v4_earlier@stranger", 14);

        assertThat(sandbox.pendingIncomingRequests()).containsExactly(held);
        assertThat(reply(held, 3).path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.isFriend("wxid_earlier")).isTrue();
        assertThat(receiver.await(1, WAIT).get(0).path("TypeName").asText()).isEqualTo("ModContacts");
    }

    @Test
    void acceptedFriendIsFoundBySearchWithPlainWxid() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);
        reply(request, 3);

        assertThat(client.call("/contacts/search", "contactsInfo", "wxid_new").path("data").path("v3").asText())
                .isEqualTo("wxid_new");
    }

    @Test
    void rejectingClearsThePendingRequestAndItsTickets() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);

        assertThat(reply(request, 4).path("ret").asInt()).isEqualTo(200);

        assertThat(sandbox.isFriend("wxid_new")).isFalse();
        assertThat(sandbox.pendingIncomingRequests()).isEmpty();
        assertThat(reply(request, 3).path("data").path("msg").asText()).isEqualTo("user ticket invalid");
        assertThat(sandbox.isFriend("wxid_new")).isFalse();
    }

    @Test
    void acceptingTwiceFailsTheSecondTimeWithoutAnotherPush() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);
        reply(request, 3);
        receiver.await(2, WAIT);

        assertThat(reply(request, 3).path("data").path("code").asText()).isEqualTo("-2");
    }

    @Test
    void aNewerRequestFromTheSamePersonReplacesTheOlderTickets() {
        IncomingRequest older = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);
        IncomingRequest newer = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi again", 6);

        assertThat(newer.v3()).isNotEqualTo(older.v3());
        assertThat(reply(older, 3).path("data").path("msg").asText()).isEqualTo("user ticket invalid");
        assertThat(reply(newer, 3).path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void ticketsOfOneRequestDoNotAcceptAnother() {
        IncomingRequest a = sandbox.callbacks().pushFriendRequest("wxid_a", "A", "hi", 6);
        IncomingRequest b = sandbox.callbacks().pushFriendRequest("wxid_b", "B", "hi", 6);

        JsonNode envelope = client.call("/contacts/addContacts", "scene", 6, "option", 3,
                "v3", a.v3(), "v4", b.v4(), "content", "");

        assertThat(envelope.path("data").path("msg").asText()).isEqualTo("user ticket invalid");
        assertThat(sandbox.isFriend("wxid_a")).isFalse();
        assertThat(sandbox.isFriend("wxid_b")).isFalse();
    }

    @Test
    void acceptingWithoutACallbackUrlStillMakesAFriend() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);
        sandbox.setCallbackUrl(null);

        assertThat(reply(request, 3).path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.isFriend("wxid_new")).isTrue();
    }

    @Test
    void theOtherSideAcceptingAnOutgoingRequestPushesModContacts() {
        sandbox.acceptOutgoingRequest("wxid_demo");

        JsonNode modContacts = receiver.await(1, WAIT).get(0);
        assertThat(sandbox.isFriend("wxid_demo")).isTrue();
        assertThat(modContacts.path("Data").path("UserName").path("string").asText()).isEqualTo("wxid_demo");
    }
}
