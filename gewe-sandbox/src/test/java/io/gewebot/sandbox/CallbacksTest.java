package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);
    private final CallbackReceiver receiver = new CallbackReceiver();

    CallbacksTest() {
        sandbox.setCallbackUrl(receiver.url());
    }

    @AfterEach
    void close() {
        sandbox.close();
        receiver.close();
    }

    static JsonNode sample(String name) {
        try (InputStream in = CallbacksTest.class.getResourceAsStream("/callbacks/" + name)) {
            return GeweClient.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shape of a JSON document: keys in order and the kind of every value, not the values. */
    static Object shape(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> keys = new LinkedHashMap<>();
            node.properties().forEach(e -> keys.put(e.getKey(), shape(e.getValue())));
            return keys;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(shape(item)));
            return items;
        }
        return node.getNodeType();
    }

    static List<String> attributeNames(String xml) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\s([a-z]+)=\"").matcher(xml.substring(0, xml.indexOf('>')));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void privateTextHasTheShapeOfTheVendorSample() {
        int status = sandbox.callbacks().pushText("wxid_demo_friend", "/add wxid_demo 你好");

        JsonNode text = receiver.await(1, WAIT).get(0);
        assertThat(status).isEqualTo(200);
        assertThat(shape(text)).isEqualTo(shape(sample("01-text.json")));
        assertThat(text.path("Appid").asText()).isEqualTo(sandbox.appId());
        assertThat(text.path("Wxid").asText()).isEqualTo(sandbox.accountWxid());
        JsonNode data = text.path("Data");
        assertThat(data.path("MsgType").asInt()).isEqualTo(1);
        assertThat(data.path("FromUserName").path("string").asText()).isEqualTo("wxid_demo_friend");
        assertThat(data.path("ToUserName").path("string").asText()).isEqualTo(sandbox.accountWxid());
        assertThat(data.path("Content").path("string").asText()).isEqualTo("/add wxid_demo 你好");
        assertThat(data.path("NewMsgId").asLong()).isPositive();
    }

    @Test
    void groupTextComesFromTheChatroomWithTheSenderPrefixedToTheContent() {
        sandbox.callbacks().pushGroupText("34757816141", "wxid_demo_friend", "/accept wxid_x");

        JsonNode data = receiver.await(1, WAIT).get(0).path("Data");
        assertThat(shape(receiver.await(1, WAIT).get(0))).isEqualTo(shape(sample("01-text.json")));
        assertThat(data.path("FromUserName").path("string").asText()).isEqualTo("34757816141@chatroom");
        assertThat(data.path("Content").path("string").asText()).isEqualTo("wxid_demo_friend:\n/accept wxid_x");
    }

    @Test
    void groupIdAlreadyEndingInChatroomIsNotSuffixedTwice() {
        JsonNode json = CallbackReceiver.parse(sandbox.callbacks().groupTextJson("1@chatroom", "wxid_a", "hi", 5L));

        assertThat(json.path("Data").path("FromUserName").path("string").asText()).isEqualTo("1@chatroom");
        assertThat(json.path("Data").path("NewMsgId").asLong()).isEqualTo(5L);
    }

    @Test
    void friendRequestHasTheShapeAndXmlAttributesOfTheVendorSample() {
        IncomingRequest request = sandbox.callbacks().pushFriendRequest("wxid_new", "N", "hi", 6);

        JsonNode pushed = receiver.await(1, WAIT).get(0);
        JsonNode vendor = sample("10-friend-request.json");
        assertThat(shape(pushed)).isEqualTo(shape(vendor));
        assertThat(attributeNames(pushed.path("Data").path("Content").path("string").asText()))
                .isEqualTo(attributeNames(vendor.path("Data").path("Content").path("string").asText()));
        assertThat(pushed.path("Data").path("NewMsgId").asLong()).isEqualTo(request.newMsgId());
    }

    @Test
    void modContactsHasTheShapeOfTheVendorSample() {
        sandbox.callbacks().pushModContacts("wxid_demo_friend");

        JsonNode pushed = receiver.await(1, WAIT).get(0);
        assertThat(shape(pushed)).isEqualTo(shape(sample("11-contact-modified.json")));
        assertThat(pushed.path("Data").path("SnsUserInfo").path("SnsBgobjectId").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("14216284872728580667"));
    }

    @Test
    void modContactsForSomeoneUnknownIsRefused() {
        assertThatThrownBy(() -> sandbox.callbacks().pushModContacts("wxid_nobody"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(receiver.bodies()).isEmpty();
    }

    @Test
    void offlineIsExactlyTheVendorSampleForThisDevice() {
        sandbox.callbacks().pushOffline();

        JsonNode pushed = receiver.await(1, WAIT).get(0);
        assertThat(shape(pushed)).isEqualTo(shape(sample("31-offline.json")));
        assertThat(pushed.toString()).isEqualTo(
                "{\"TypeName\":\"Offline\",\"Appid\":\"wx_sandbox_app\",\"Wxid\":\"wxid_sandbox_bot\"}");
    }

    @Test
    void everyPushGetsANewPositiveNewMsgId() {
        sandbox.callbacks().pushText("wxid_a", "1");
        sandbox.callbacks().pushGroupText("g", "wxid_a", "2");
        sandbox.callbacks().pushFriendRequest("wxid_b", "B", "3", 6);

        List<Long> ids = receiver.await(3, WAIT).stream().map(j -> j.path("Data").path("NewMsgId").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isPositive());
    }

    @Test
    void builtJsonCanBePostedTwiceAsADuplicate() {
        String json = sandbox.callbacks().textJson("wxid_a", "same", 42L);

        sandbox.callbacks().pushRaw(json);
        sandbox.callbacks().pushRaw(json);

        assertThat(receiver.await(2, WAIT)).extracting(j -> j.path("Data").path("NewMsgId").asLong())
                .containsExactly(42L, 42L);
    }

    @Test
    void pushReturnsTheStatusTheReceiverAnswered() {
        receiver.answerWith(503);

        assertThat(sandbox.callbacks().pushText("wxid_a", "hi")).isEqualTo(503);
    }

    @Test
    void pushWithoutACallbackUrlIsRefused() {
        sandbox.setCallbackUrl(null);

        assertThatThrownBy(() -> sandbox.callbacks().pushText("wxid_a", "hi"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("callback URL");
    }

    @Test
    void pushToAnUnreachableUrlFailsWithAnIoError() {
        receiver.close();

        assertThatThrownBy(() -> sandbox.callbacks().pushText("wxid_a", "hi"))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void setCallbackEndpointSendsTheTestMessageThenStoresTheUrl() {
        sandbox.setCallbackUrl(null);

        JsonNode envelope = client.call("/tools/setCallback", "token", sandbox.token(), "callbackUrl", receiver.url());

        assertThat(envelope.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
        assertThat(receiver.await(1, WAIT).get(0).toString())
                .isEqualTo("{\"testMsg\":\"验证回调地址是否可用\",\"token\":\"sandbox-token\"}");
        assertThat(sandbox.callbackUrl()).isEqualTo(receiver.url());
    }

    @Test
    void theHostedVariantsSetCallbackSendsTheTestMessageThenStoresTheUrl() {
        sandbox.setCallbackUrl(null);

        JsonNode envelope = client.call("/login/setCallback", "token", sandbox.token(), "callbackUrl", receiver.url());

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(receiver.await(1, WAIT).get(0).path("testMsg").asText()).isEqualTo("验证回调地址是否可用");
        assertThat(sandbox.callbackUrl()).isEqualTo(receiver.url());
    }

    @Test
    void setCallbackKeepsNoUrlThatCannotBeReached() {
        sandbox.setCallbackUrl(null);
        String url = receiver.url();
        receiver.close();

        JsonNode envelope = client.call("/tools/setCallback", "token", sandbox.token(), "callbackUrl", url);

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).contains("回调地址不可用");
        assertThat(sandbox.callbackUrl()).isNull();
    }

    @Test
    void setCallbackKeepsNoUrlThatDoesNotAnswer200() {
        sandbox.setCallbackUrl(null);
        receiver.answerWith(500);

        JsonNode envelope = client.call("/tools/setCallback", "token", sandbox.token(), "callbackUrl", receiver.url());

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).contains("回调地址不可用");
        assertThat(sandbox.callbackUrl()).isNull();
    }

    @Test
    void setCallbackWithAWrongTokenInTheBodyIsRefused() {
        sandbox.setCallbackUrl(null);

        JsonNode envelope = client.call("/tools/setCallback", "token", "other", "callbackUrl", receiver.url());

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(receiver.bodies()).isEmpty();
        assertThat(sandbox.callbackUrl()).isNull();
    }
}
