package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageAndOnlineTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void postedTextIsRecordedAndAnsweredLikeGeWe() {
        JsonNode envelope = client.call("/message/postText", "toWxid", "34757816141@chatroom",
                "content", "@张三 已添加", "ats", "wxid_zhang");

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(envelope.path("msg").asText()).isEqualTo("操作成功");
        JsonNode data = envelope.path("data");
        assertThat(data.path("toWxid").asText()).isEqualTo("34757816141@chatroom");
        assertThat(data.path("createTime").asLong()).isPositive();
        assertThat(data.path("msgId").asLong()).isZero();
        assertThat(data.path("newMsgId").asLong()).isPositive();
        assertThat(data.path("type").asInt()).isEqualTo(1);
        assertThat(sandbox.postedTexts())
                .containsExactly(new PostedText("34757816141@chatroom", "@张三 已添加", "wxid_zhang"));
    }

    @Test
    void textWithoutAtsIsRecordedWithNullAts() {
        client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "hello");

        assertThat(sandbox.postedTexts()).containsExactly(new PostedText("wxid_demo_friend", "hello", null));
    }

    @Test
    void textWithoutContentIsRefusedAndNotRecorded() {
        JsonNode envelope = client.call("/message/postText", "toWxid", "wxid_demo_friend");

        assertThat(envelope.path("msg").asText()).isEqualTo("content 不可为空");
        assertThat(sandbox.postedTexts()).isEmpty();
    }

    @Test
    void awaitPostedTextsReturnsOnceEnoughTextsArrived() {
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "one");
            client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "two");
        });

        assertThat(sandbox.awaitPostedTexts(2, Duration.ofSeconds(5)))
                .extracting(PostedText::content).containsExactly("one", "two");
        sending.join();
    }

    @Test
    void awaitPostedTextsFailsWhenTooFewArrive() {
        assertThatThrownBy(() -> sandbox.awaitPostedTexts(1, Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("posted text");
    }

    @Test
    void checkOnlineFollowsSetOnline() {
        assertThat(client.call("/login/checkOnline").toString())
                .isEqualTo("{\"ret\":200,\"msg\":\"操作成功\",\"data\":true}");

        sandbox.setOnline(false);

        assertThat(client.call("/login/checkOnline").toString())
                .isEqualTo("{\"ret\":200,\"msg\":\"操作成功\",\"data\":false}");
        assertThat(sandbox.isOnline()).isFalse();
    }

    @Test
    void offlineAccountCannotSearchOrSend() {
        sandbox.setOnline(false);

        JsonNode search = client.call("/contacts/search", "contactsInfo", "wxid_demo");
        JsonNode post = client.call("/message/postText", "toWxid", "wxid_demo_friend", "content", "hi");

        assertThat(search.path("ret").asInt()).isEqualTo(500);
        assertThat(search.path("msg").asText()).contains("微信已离线");
        assertThat(post.path("msg").asText()).contains("微信已离线");
        assertThat(sandbox.postedTexts()).isEmpty();

        sandbox.setOnline(true);
        assertThat(client.call("/contacts/search", "contactsInfo", "wxid_demo").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void awaitCallReturnsTheFirstCallOnThatPathEvenIfItCameLater() {
        CompletableFuture<JsonNode> later = CompletableFuture.supplyAsync(() -> {
            client.call("/login/checkOnline");
            return client.call("/contacts/search", "contactsInfo", "wxid_demo");
        });

        RecordedCall call = sandbox.awaitCall("/contacts/search", Duration.ofSeconds(5));

        assertThat(call.json().path("contactsInfo").asText()).isEqualTo("wxid_demo");
        later.join();
        client.call("/contacts/search", "contactsInfo", "second");
        assertThat(sandbox.awaitCall("/contacts/search", Duration.ofSeconds(1))).isEqualTo(call);
        assertThat(sandbox.awaitCalls("/contacts/search", 2, Duration.ofSeconds(1))).hasSize(2);
    }

    @Test
    void awaitCallFailsWithIllegalStateWhenNothingArrives() {
        assertThatThrownBy(() -> sandbox.awaitCall("/contacts/addContacts", Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/contacts/addContacts");
    }

    @Test
    void contactReadEndpointsReflectTheDirectory() {
        JsonNode brief = client.call("/contacts/getBriefInfo", "wxids", java.util.List.of("wxid_demo_alias", "wxid_x"));
        assertThat(brief.path("data")).hasSize(1);
        assertThat(brief.path("data").get(0).path("alias").asText()).isEqualTo("demo_alias");

        assertThat(client.call("/contacts/setFriendRemark", "wxid", "wxid_demo_friend", "remark", "老朋友")
                .path("ret").asInt()).isEqualTo(200);
        assertThat(client.call("/contacts/getDetailInfo", "wxids", java.util.List.of("wxid_demo_friend"))
                .path("data").get(0).path("remark").asText()).isEqualTo("老朋友");

        assertThat(client.call("/contacts/fetchContactsList").path("data").path("friends").toString())
                .isEqualTo("[\"wxid_demo_friend\"]");
        assertThat(client.call("/contacts/deleteFriend", "wxid", "wxid_demo_friend").path("ret").asInt()).isEqualTo(200);
        assertThat(sandbox.isFriend("wxid_demo_friend")).isFalse();
    }
}
