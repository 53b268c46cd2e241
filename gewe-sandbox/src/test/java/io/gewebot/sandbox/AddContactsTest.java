package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddContactsTest {

    private static final String TICKET_INVALID =
            "{\"ret\":500,\"msg\":\"添加好友失败\",\"data\":{\"code\":\"-2\",\"msg\":\"user ticket invalid\"}}";

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    private JsonNode searchData(String who) {
        return client.call("/contacts/search", "contactsInfo", who).path("data");
    }

    private JsonNode add(ObjectNode body) {
        return GeweClient.envelope(client.post("/contacts/addContacts", body.toString(), sandbox.token()));
    }

    private ObjectNode addBody(JsonNode tickets, int scene, int option, String content) {
        return client.body("scene", scene, "option", option, "v3", tickets.path("v3").asText(),
                "v4", tickets.path("v4").asText(), "content", content);
    }

    @Test
    void addingWithSearchTicketsSucceedsAndRecordsTheRequest() {
        JsonNode tickets = searchData("demo_alias");

        JsonNode envelope = add(addBody(tickets, 3, 2, "你好，我是机器人"));

        assertThat(envelope.toString()).isEqualTo("{\"ret\":200,\"msg\":\"操作成功\"}");
        assertThat(sandbox.outgoingRequests())
                .containsExactly(new OutgoingRequest("wxid_demo_alias", 3, "你好，我是机器人"));
        assertThat(sandbox.isFriend("wxid_demo_alias")).isFalse();
    }

    @Test
    void olderSearchTicketsOfTheSamePersonStillWork() {
        JsonNode older = searchData("wxid_demo");
        searchData("wxid_demo");

        assertThat(add(addBody(older, 3, 2, "")).path("ret").asInt()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 8, 15})
    void everyDocumentedAddSceneIsAccepted(int scene) {
        assertThat(add(addBody(searchData("wxid_demo"), scene, 2, "hi")).path("ret").asInt()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 6, 17, 30, -3})
    void addingWithAnUndocumentedSceneIsRefused(int scene) {
        JsonNode envelope = add(addBody(searchData("wxid_demo"), scene, 2, "hi"));

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).startsWith("scene 参数错误");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void sceneSentAsAStringIsRefused() {
        ObjectNode body = addBody(searchData("wxid_demo"), 3, 2, "hi");
        body.put("scene", "3");

        assertThat(add(body).path("msg").asText()).startsWith("scene 参数错误");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, -2})
    void optionOtherThanTwoThreeOrFourIsRefused(int option) {
        JsonNode envelope = add(addBody(searchData("wxid_demo"), 3, option, "hi"));

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).startsWith("option 参数错误");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene", "option", "v3", "v4", "content"})
    void everyFieldIsRequired(String field) {
        ObjectNode body = addBody(searchData("wxid_demo"), 3, 2, "hi");
        body.remove(field);

        JsonNode envelope = add(body);

        assertThat(envelope.toString()).isEqualTo("{\"ret\":500,\"msg\":\"" + field + " 不可为空\"}");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void emptyGreetingIsAllowed() {
        assertThat(add(addBody(searchData("wxid_demo"), 15, 2, "")).path("ret").asInt()).isEqualTo(200);
    }

    @Test
    void ticketsOfAnotherPersonAreInvalid() {
        JsonNode mine = searchData("wxid_demo");
        JsonNode theirs = searchData("demo_alias");
        ObjectNode body = addBody(mine, 3, 2, "hi");
        body.put("v4", theirs.path("v4").asText());

        assertThat(add(body).toString()).isEqualTo(TICKET_INVALID);
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }

    @Test
    void madeUpTicketsAreInvalid() {
        ObjectNode body = client.body("scene", 3, "option", 2, "v3", "v3_made_up@stranger",
                "v4", "v4_made_up@stranger", "content", "hi");

        assertThat(add(body).toString()).isEqualTo(TICKET_INVALID);
    }

    @Test
    void swappedV3AndV4AreInvalid() {
        JsonNode tickets = searchData("wxid_demo");
        ObjectNode body = client.body("scene", 3, "option", 2, "v3", tickets.path("v4").asText(),
                "v4", tickets.path("v3").asText(), "content", "hi");

        assertThat(add(body).toString()).isEqualTo(TICKET_INVALID);
    }

    @Test
    void searchTicketsCannotAcceptAFriendRequest() {
        JsonNode envelope = add(addBody(searchData("wxid_demo"), 6, 3, ""));

        assertThat(envelope.toString()).isEqualTo(TICKET_INVALID);
        assertThat(sandbox.isFriend("wxid_demo")).isFalse();
    }

    @Test
    void addingFailsWhileOffline() {
        JsonNode tickets = searchData("wxid_demo");
        sandbox.setOnline(false);

        JsonNode envelope = add(addBody(tickets, 3, 2, "hi"));

        assertThat(envelope.path("ret").asInt()).isEqualTo(500);
        assertThat(envelope.path("msg").asText()).contains("微信已离线");
        assertThat(sandbox.outgoingRequests()).isEmpty();
    }
}
