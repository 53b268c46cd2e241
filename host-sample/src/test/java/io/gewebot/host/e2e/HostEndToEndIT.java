package io.gewebot.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.IncomingRequest;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built host jar, run as its own process with the built plugin jar in a fresh plugins folder and
 * the sandbox as GeWe, driven only through GeWe callbacks over HTTP.
 */
class HostEndToEndIT {

    static final String ADMIN = "wxid_admin_e2e";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    GeweSandbox gewe;
    HostProcess host;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        Files.copy(BuiltHost.pluginJar(), dir.resolve("plugins/plugin-gewe-contacts.jar"));
        Files.copy(BuiltHost.commandsJar(), dir.resolve("plugins/plugin-contact-commands.jar"));
        gewe = GeweSandbox.start();
        host = startHost();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
        gewe.close();
    }

    HostProcess startHost() throws IOException {
        HostProcess started = BuiltHost.builder(dir).env(Map.of(
                "GEWE_BASE_URL", gewe.baseUrl(),
                "GEWE_TOKEN", gewe.token(),
                "GEWE_APP_ID", gewe.appId(),
                "BOT_ADMINS", ADMIN + ",wxid_other_admin",
                "BOT_PLUGINS_DIR", dir.resolve("plugins").toString(),
                "BOT_DATA_DIR", dir.resolve("data").toString()))
                .args("--port", "0", "--no-console", "--allow-unauthenticated-callbacks").noPacing().start();
        started.awaitListening(BuiltHost.START_LIMIT);
        gewe.setCallbackUrl(started.callbackUrl());
        return started;
    }

    PostedText awaitTextTo(String toWxid, String contains) {
        try {
            return await("a text to " + toWxid + " containing '" + contains + "'").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(25))
                    .until(() -> gewe.postedTexts().stream()
                            .filter(t -> t.toWxid().equals(toWxid) && t.content().contains(contains)).findFirst(),
                            Optional::isPresent).get();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no text to " + toWxid + " containing '" + contains + "'; texts: "
                    + gewe.postedTexts(), e);
        }
    }

    @Test
    void addFromAnAdminSearchesThenSendsTheRequestThenRepliesInTheChat() throws Exception {
        assertThat(gewe.callbacks().pushText(ADMIN, "/add wxid_demo  Hello from the bot")).isEqualTo(200);

        RecordedCall search = gewe.awaitCall("/contacts/search", WAIT);
        assertThat(search.header("X-GEWE-TOKEN")).isEqualTo(gewe.token());
        assertThat(search.json()).isEqualTo(json.readTree(
                "{\"appId\":\"" + gewe.appId() + "\",\"contactsInfo\":\"wxid_demo\"}"));
        RecordedCall add = gewe.awaitCall("/contacts/addContacts", WAIT);
        JsonNode body = add.json();
        assertThat(body.get("appId").asText()).isEqualTo(gewe.appId());
        assertThat(body.get("option").asInt()).isEqualTo(2);
        assertThat(body.get("scene").asInt()).isEqualTo(3);
        assertThat(body.get("v3").asText()).startsWith("v3_");
        assertThat(body.get("v4").asText()).startsWith("v4_");
        assertThat(body.get("content").asText()).isEqualTo("Hello from the bot");
        assertThat(add.receivedAt()).isAfterOrEqualTo(search.receivedAt());

        PostedText reply = awaitTextTo(ADMIN, "Friend request sent");
        assertThat(reply.content()).isEqualTo("Friend request sent to Demo Friend-to-be (wxid_demo).");
    }

    @Test
    void friendRequestIsAnnouncedThenAcceptSendsOptionThreeWithTheTicketsOfTheXml() throws Exception {
        IncomingRequest incoming = gewe.callbacks().pushFriendRequest("wxid_alice", "Alice", "hi bot", 6);
        assertThat(incoming.status()).isEqualTo(200);
        PostedText notice = awaitTextTo(ADMIN, "wxid_alice");
        assertThat(notice.content()).isEqualTo(
                "New friend request from Alice (wxid_alice): \"hi bot\". Answer with /accept wxid_alice or /reject wxid_alice.");
        awaitTextTo("wxid_other_admin", "New friend request from Alice");

        gewe.callbacks().pushText(ADMIN, "/accept wxid_alice welcome");
        JsonNode body = gewe.awaitCall("/contacts/addContacts", WAIT).json();
        assertThat(body).isEqualTo(json.readTree(json.writeValueAsString(Map.of(
                "appId", gewe.appId(), "scene", 6, "option", 3, "v3", incoming.v3(), "v4", incoming.v4(),
                "content", "welcome"))));
        assertThat(awaitTextTo(ADMIN, "Accepted").content())
                .isEqualTo("Accepted the friend request from Alice (wxid_alice).");
        assertThat(gewe.isFriend("wxid_alice")).isTrue();
        // The sandbox then pushes ModContacts for Alice, which the admins hear of.
        assertThat(awaitTextTo(ADMIN, "is now a contact").content()).isEqualTo("Alice (wxid_alice) is now a contact.");

        gewe.callbacks().pushText(ADMIN, "/requests");
        awaitTextTo(ADMIN, "No pending friend requests.");
    }

    @Test
    void rejectSendsOptionFourAndEmptiesTheInbox() throws Exception {
        IncomingRequest incoming = gewe.callbacks().pushFriendRequest("wxid_bob", "Bob", "let me in", 30);
        awaitTextTo(ADMIN, "wxid_bob");
        gewe.callbacks().pushText(ADMIN, "/reject wxid_bob");
        JsonNode body = gewe.awaitCall("/contacts/addContacts", WAIT).json();
        assertThat(body.get("option").asInt()).isEqualTo(4);
        assertThat(body.get("scene").asInt()).isEqualTo(30);
        assertThat(body.get("v3").asText()).isEqualTo(incoming.v3());
        assertThat(body.get("v4").asText()).isEqualTo(incoming.v4());
        assertThat(body.get("content").asText()).isEmpty();
        awaitTextTo(ADMIN, "Rejected the friend request from Bob (wxid_bob).");
        assertThat(gewe.isFriend("wxid_bob")).isFalse();

        gewe.callbacks().pushText(ADMIN, "/reject wxid_bob");
        awaitTextTo(ADMIN, "There is no pending friend request from wxid_bob.");
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);
    }

    @Test
    void addInAGroupIsAnsweredInThatGroup() {
        gewe.callbacks().pushGroupText("4455@chatroom", ADMIN, "/add " + GeweSandbox.DEMO_PHONE);
        JsonNode body = gewe.awaitCall("/contacts/addContacts", WAIT).json();
        assertThat(body.get("scene").asInt()).isEqualTo(15);
        PostedText reply = awaitTextTo("4455@chatroom", "Friend request sent");
        assertThat(reply.content()).contains(GeweSandbox.DEMO_PHONE);
        assertThat(gewe.postedTexts()).noneMatch(t -> t.toWxid().equals(ADMIN) && t.content().contains("sent to"));
    }

    @Test
    void commandsFromSomeoneWhoIsNotAnAdminNeverReachGewe() {
        gewe.callbacks().pushText("wxid_stranger", "/add wxid_demo");
        gewe.callbacks().pushGroupText("4455@chatroom", "wxid_stranger", "/add wxid_demo");
        gewe.callbacks().pushGroupText("4455@chatroom", "wxid_stranger", "/accept wxid_demo");
        // Callbacks are handled in order: once the admin's /help is answered, the others were handled.
        gewe.callbacks().pushText(ADMIN, "/help");
        awaitTextTo(ADMIN, "/add <wxid|WeChat ID|phone>");

        assertThat(gewe.calls("/contacts/search")).isEmpty();
        assertThat(gewe.calls("/contacts/addContacts")).isEmpty();
        assertThat(gewe.postedTexts()).noneMatch(t -> t.toWxid().equals("wxid_stranger")
                || t.toWxid().equals("4455@chatroom"));
    }

    @Test
    void pendingFriendRequestsSurviveARestart() throws Exception {
        IncomingRequest incoming = gewe.callbacks().pushFriendRequest("wxid_carol", "Carol", "remember me", 14);
        awaitTextTo(ADMIN, "wxid_carol");

        assertThat(host.terminate()).isZero();
        host = startHost();

        gewe.clearRecords();
        gewe.callbacks().pushText(ADMIN, "/requests");
        PostedText list = awaitTextTo(ADMIN, "Pending friend requests");
        assertThat(list.content()).contains("wxid_carol (Carol)").contains("\"remember me\"");

        gewe.callbacks().pushText(ADMIN, "/accept wxid_carol");
        JsonNode body = gewe.awaitCall("/contacts/addContacts", WAIT).json();
        assertThat(body.get("v3").asText()).isEqualTo(incoming.v3());
        assertThat(body.get("v4").asText()).isEqualTo(incoming.v4());
        assertThat(body.get("scene").asInt()).isEqualTo(14);
        awaitTextTo(ADMIN, "Accepted the friend request from Carol (wxid_carol).");
    }

    @Test
    void everyDocumentedCallbackIsAccepted() throws Exception {
        Path samples = Path.of("src/test/resources/callbacks");
        List<Path> files;
        try (Stream<Path> s = Files.list(samples)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(31);
        for (Path file : files) {
            String body = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(host.post("/gewe/callback", body).statusCode()).as(file.getFileName().toString()).isEqualTo(200);
        }
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
        assertThat(host.alive()).isTrue();
        assertThat(host.output()).doesNotContain("could not be handled").doesNotContain("Rejected a callback");
    }

    @Test
    void healthReportsThePluginItsExtensionAndGewe() throws Exception {
        JsonNode health = json.readTree(host.get("/health").body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        // Both plugins of the folder, in the order of their ids: the contact commands and the GeWe plugin.
        assertThat(health.get("plugins").findValuesAsText("id")).containsExactly("contact-commands", "gewe-contacts");
        assertThat(health.get("plugins").findValuesAsText("state")).containsExactly("STARTED", "STARTED");
        assertThat(health.get("extensions").get(0).get("name").asText()).isEqualTo("gewe-contacts");
        assertThat(health.get("extensions").get(0).get("state").asText()).isEqualTo("ready");
        assertThat(health.get("gewe").get("answered").asBoolean()).isTrue();
        assertThat(health.toString()).doesNotContain(gewe.token());
    }
}
