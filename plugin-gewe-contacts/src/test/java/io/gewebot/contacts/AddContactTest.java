package io.gewebot.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.api.AddRequest;
import io.gewebot.api.ContactOutcome;
import io.gewebot.api.ContactOutcome.Done;
import io.gewebot.api.ContactOutcome.FailureKind;
import io.gewebot.api.ContactOutcome.Failed;
import io.gewebot.api.ContactOutcome.Reason;
import io.gewebot.api.ContactOutcome.Refused;
import io.gewebot.api.ContactSettings;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.OutgoingRequest;
import io.gewebot.sandbox.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending friend requests through the sandbox, checking exactly what GeWe received. */
class AddContactTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEARCH = "/contacts/search";
    private static final String ADD = "/contacts/addContacts";

    private GeweSandbox gewe;
    private GeweContactAction action;

    @BeforeEach
    void start() {
        gewe = GeweSandbox.start();
        action = new GeweContactAction(new OpenActions());
        action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.DEFAULT_GREETING, "Hello from the bot")));
    }

    @AfterEach
    void stop() {
        action.close();
        gewe.close();
    }

    @Test
    void addingByWxidSearchesThenSendsOption2WithScene3AndTheSearchTickets() {
        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo", "Hi, it's Ann"));

        assertThat(outcome).isEqualTo(new Done(Optional.of("wxid_demo"), Optional.of("Demo Friend-to-be")));
        RecordedCall search = gewe.calls(SEARCH).get(0);
        assertThat(search.json()).isEqualTo(json("{\"appId\":\"wx_sandbox_app\",\"contactsInfo\":\"wxid_demo\"}"));
        assertThat(search.header("X-GEWE-TOKEN")).isEqualTo(gewe.token());
        RecordedCall add = onlyCall(ADD);
        assertThat(add.header("X-GEWE-TOKEN")).isEqualTo(gewe.token());
        assertThat(add.header("Content-Type")).startsWith("application/json");
        assertThat(add.json()).isEqualTo(addContacts(add, 3, 2, "Hi, it's Ann"));
        assertThat(add.json().get("v3").asText()).startsWith("v3_");
        assertThat(add.json().get("v4").asText()).startsWith("v4_");
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest("wxid_demo", 3, "Hi, it's Ann"));
    }

    @Test
    void addingByPhoneNumberUsesScene15AndReportsNoWxid() {
        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_PHONE, "Hi"));

        assertThat(outcome).isEqualTo(new Done(Optional.empty(), Optional.of("Demo By Phone")));
        assertThat(gewe.calls(SEARCH).get(0).json().get("contactsInfo").asText()).isEqualTo("13800138000");
        RecordedCall add = onlyCall(ADD);
        assertThat(add.json()).isEqualTo(addContacts(add, 15, 2, "Hi"));
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest("wxid_demo_phone", 15, "Hi"));
    }

    @Test
    void addingByWeChatIdUsesScene3AndReportsNoWxid() {
        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_ALIAS, "Hi"));

        assertThat(outcome).isEqualTo(new Done(Optional.empty(), Optional.of("Demo By Alias")));
        RecordedCall add = onlyCall(ADD);
        assertThat(add.json()).isEqualTo(addContacts(add, 3, 2, "Hi"));
        assertThat(gewe.outgoingRequests()).containsExactly(new OutgoingRequest("wxid_demo_alias", 3, "Hi"));
    }

    @Test
    void aRequestWithoutGreetingSendsTheConfiguredDefaultGreeting() {
        action.add(AddRequest.of("wxid_demo"));

        RecordedCall add = onlyCall(ADD);
        assertThat(add.json()).isEqualTo(addContacts(add, 3, 2, "Hello from the bot"));
    }

    @Test
    void withoutAnyGreetingConfiguredTheContentIsSentEmpty() {
        action.configure(Fixtures.settings(gewe));

        action.add(AddRequest.of("wxid_demo"));

        RecordedCall add = onlyCall(ADD);
        assertThat(add.json()).isEqualTo(addContacts(add, 3, 2, ""));
    }

    @Test
    void anExplicitSceneOverridesTheDerivedOne() {
        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_PHONE, "from the group").withScene(8));

        assertThat(outcome).isInstanceOf(Done.class);
        RecordedCall add = onlyCall(ADD);
        assertThat(add.json()).isEqualTo(addContacts(add, 8, 2, "from the group"));
    }

    @Test
    void aPersonWhoIsAlreadyAFriendIsRefusedAndNoFriendRequestIsSent() {
        ContactOutcome outcome = action.add(AddRequest.of(GeweSandbox.DEMO_FRIEND, "Hi"));

        assertThat(outcome).isEqualTo(
                new Refused(Reason.ALREADY_FRIEND, "Demo Friend (wxid_demo_friend) is already a friend"));
        assertThat(gewe.calls(SEARCH)).hasSize(1);
        assertThat(gewe.calls(ADD)).isEmpty();
        assertThat(gewe.outgoingRequests()).isEmpty();
    }

    @Test
    void aPersonWhoBecameAFriendIsRefusedOnTheNextAdd() {
        gewe.addPerson("wxid_new_pal", "new_pal", "13900000000", "New Pal");
        assertThat(action.add(AddRequest.of("new_pal"))).isInstanceOf(Done.class);
        gewe.makeFriend("wxid_new_pal");

        ContactOutcome outcome = action.add(AddRequest.of("new_pal"));

        assertThat(outcome).isEqualTo(new Refused(Reason.ALREADY_FRIEND, "New Pal (wxid_new_pal) is already a friend"));
        assertThat(gewe.calls(ADD)).hasSize(1);
    }

    @Test
    void anUnknownPersonFailsWithGewesOwnTextsAndNothingIsSent() {
        ContactOutcome outcome = action.add(AddRequest.of("wxid_nobody_here"));

        assertThat(outcome).isEqualTo(new Failed(FailureKind.NOT_FOUND, Optional.of(500), Optional.of("搜索联系人失败"),
                Optional.of("-4"), Optional.of("用户不存在"), false));
        assertThat(((Failed) outcome).texts()).isEqualTo("搜索联系人失败: 用户不存在");
        assertThat(gewe.calls(ADD)).isEmpty();
    }

    @Test
    void anOfflineAccountFailsWithGewesText() {
        gewe.setOnline(false);

        ContactOutcome outcome = action.add(AddRequest.of("wxid_demo"));

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.ACCOUNT_OFFLINE);
            assertThat(failed.texts()).isEqualTo("微信已离线，请重新登录");
            assertThat(failed.possiblyDelivered()).isFalse();
        });
    }

    @Test
    void aBaseUrlWithATrailingSlashReachesTheSamePaths() {
        action.configure(Fixtures.settings(gewe, Map.of(ContactSettings.BASE_URL, gewe.baseUrl() + "/")));

        assertThat(action.add(AddRequest.of("wxid_demo"))).isInstanceOf(Done.class);
        assertThat(gewe.calls()).extracting(RecordedCall::path).containsExactly(SEARCH, ADD);
    }

    private RecordedCall onlyCall(String path) {
        List<RecordedCall> calls = gewe.calls(path);
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    /** The body addContacts must have had, with the tickets the sandbox's search handed out. */
    private static JsonNode addContacts(RecordedCall sent, int scene, int option, String content) {
        ObjectNode expected = JSON.createObjectNode();
        expected.put("appId", "wx_sandbox_app");
        expected.put("scene", scene);
        expected.put("option", option);
        expected.put("v3", sent.json().path("v3").asText());
        expected.put("v4", sent.json().path("v4").asText());
        expected.put("content", content);
        return expected;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
