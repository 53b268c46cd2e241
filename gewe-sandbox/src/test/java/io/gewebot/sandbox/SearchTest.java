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
    void eachSearchIssuesAFreshV4ButTheStrangersOwnV3() {
        JsonNode first = client.call("/contacts/search", "contactsInfo", "wxid_demo").path("data");
        JsonNode second = client.call("/contacts/search", "contactsInfo", "wxid_demo").path("data");

        assertThat(second.path("v4").asText()).isNotEqualTo(first.path("v4").asText());
        assertThat(second.path("v3").asText()).isEqualTo(first.path("v3").asText());
    }

    @Test
    void aStrangerHasOneV3WhetherFoundByWxidWeChatIdOrPhone() {
        String byPhone = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_PHONE)
                .path("data").path("v3").asText();
        String byWxid = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_PHONE_WXID)
                .path("data").path("v3").asText();
        String byAlias = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_ALIAS)
                .path("data").path("v3").asText();
        String aliasByWxid = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_ALIAS_WXID)
                .path("data").path("v3").asText();

        assertThat(byPhone).startsWith("v3_").isEqualTo(byWxid);
        assertThat(byAlias).startsWith("v3_").isEqualTo(aliasByWxid).isNotEqualTo(byPhone);
    }

    @Test
    void aV3SetForAStrangerIsWhatEverySearchForThemGivesAndItsTicketsAddThem() {
        sandbox.setSearchV3("wxid_demo_alias", "v3_from_an_earlier_run@stranger");

        assertThat(client.call("/contacts/search", "contactsInfo", "wxid_demo_alias").path("data").path("v3").asText())
                .isEqualTo("v3_from_an_earlier_run@stranger");
        JsonNode data = client.call("/contacts/search", "contactsInfo", "demo_alias").path("data");
        assertThat(data.path("v3").asText()).isEqualTo("v3_from_an_earlier_run@stranger");
        assertThat(client.call("/contacts/addContacts", "scene", 3, "option", 2, "v3", data.path("v3").asText(),
                "v4", data.path("v4").asText(), "content", "hi").path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void theTicketsOfEverySearchStayValidForAFriendRequest() {
        JsonNode older = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_PHONE).path("data");
        JsonNode newer = client.call("/contacts/search", "contactsInfo", GeweSandbox.DEMO_PHONE_WXID).path("data");

        assertThat(client.call("/contacts/addContacts", "scene", 15, "option", 2, "v3", older.path("v3").asText(),
                "v4", older.path("v4").asText(), "content", "hi").path("ret").asInt()).isEqualTo(200);
        assertThat(client.call("/contacts/addContacts", "scene", 3, "option", 2, "v3", newer.path("v3").asText(),
                "v4", newer.path("v4").asText(), "content", "hi").path("ret").asInt()).isEqualTo(200);
        assertThat(client.call("/contacts/addContacts", "scene", 3, "option", 2, "v3", older.path("v3").asText(),
                "v4", "v4_forged@stranger", "content", "hi").path("data").path("msg").asText())
                .isEqualTo("user ticket invalid");
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
