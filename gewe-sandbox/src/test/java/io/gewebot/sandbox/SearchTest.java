package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void strangerFoundByWxidGetsStrangerTicketsAndProfile() {
        JsonNode envelope = client.call("/contacts/search", "contactsInfo", "wxid_demo");

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        assertThat(envelope.path("msg").asText()).isEqualTo("操作成功");
        JsonNode data = envelope.path("data");
        assertThat(data.path("v3").asText()).startsWith("v3_").endsWith("@stranger");
        assertThat(data.path("v4").asText()).startsWith("v4_").endsWith("@stranger");
        assertThat(data.path("nickName").asText()).isEqualTo("Demo Friend-to-be");
        assertThat(data.has("sex")).isTrue();
        assertThat(data.has("signature")).isTrue();
        assertThat(data.path("bigHeadImgUrl").asText()).startsWith("http");
        assertThat(data.path("smallHeadImgUrl").asText()).startsWith("http");
    }

    @Test
    void strangerFoundByWeChatIdAlias() {
        JsonNode data = client.call("/contacts/search", "contactsInfo", "demo_alias").path("data");

        assertThat(data.path("nickName").asText()).isEqualTo("Demo By Alias");
        assertThat(data.path("v3").asText()).startsWith("v3_");
    }

    @Test
    void strangerFoundByPhoneNumber() {
        JsonNode data = client.call("/contacts/search", "contactsInfo", "13800138000").path("data");

        assertThat(data.path("nickName").asText()).isEqualTo("Demo By Phone");
        assertThat(data.path("v3").asText()).startsWith("v3_");
    }

    @Test
    void friendIsAnsweredWithTheirPlainWxidAsV3() {
        JsonNode data = client.call("/contacts/search", "contactsInfo", "wxid_demo_friend").path("data");

        assertThat(data.path("v3").asText()).isEqualTo("wxid_demo_friend");
        assertThat(data.path("nickName").asText()).isEqualTo("Demo Friend");
    }

    @Test
    void unknownPersonGivesTheVendorNotFoundFailure() {
        JsonNode envelope = client.call("/contacts/search", "contactsInfo", "wxid_nobody");

        assertThat(envelope.toString())
                .isEqualTo("{\"ret\":500,\"msg\":\"搜索联系人失败\",\"data\":{\"code\":\"-4\",\"msg\":\"用户不存在\"}}");
    }

    @Test
    void eachSearchIssuesFreshTickets() {
        String first = client.call("/contacts/search", "contactsInfo", "wxid_demo").path("data").path("v3").asText();
        String second = client.call("/contacts/search", "contactsInfo", "wxid_demo").path("data").path("v3").asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void personAddedByATestIsFoundByAliasAndPhone() {
        sandbox.addPerson("wxid_zhang", "zhang_san", "13900000001", "张三");

        assertThat(client.call("/contacts/search", "contactsInfo", "zhang_san").path("data").path("nickName").asText())
                .isEqualTo("张三");
        assertThat(client.call("/contacts/search", "contactsInfo", "13900000001").path("data").path("nickName").asText())
                .isEqualTo("张三");
        assertThat(sandbox.isFriend("wxid_zhang")).isFalse();
        sandbox.makeFriend("wxid_zhang");
        assertThat(client.call("/contacts/search", "contactsInfo", "zhang_san").path("data").path("v3").asText())
                .isEqualTo("wxid_zhang");
    }

    @Test
    void withoutDemoPeopleTheDirectoryIsEmpty() {
        try (GeweSandbox empty = GeweSandbox.start(SandboxOptions.defaults().withDemoPeople(false))) {
            JsonNode envelope = new GeweClient(empty).call("/contacts/search", "contactsInfo", "wxid_demo");
            assertThat(envelope.path("data").path("code").asText()).isEqualTo("-4");
        }
    }

    @Test
    void missingContactsInfoIsRefused() {
        JsonNode envelope = client.call("/contacts/search");

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).isEqualTo("contactsInfo 不可为空");
    }
}
