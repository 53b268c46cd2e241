package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One built host serving two accounts from its configuration file, each on a GeWe of its own (its
 * base URL, token and appId) that pushes to the host's one callback URL: a risk-control pause of one
 * account leaves the other's friend requests going out, and an admin of one account is nobody in the
 * other's chats.
 */
class AccountsIT extends RigTest {

    /** The second account's admin: an admin there only. */
    static final String ADMIN_B = "wxid_admin_of_b";
    static final String APP_B = "wx_second_account";
    static final String TOKEN_B = "tok-second-account-9e41b7d2";

    private GeweSandbox second;
    private HostProcess host;

    @BeforeEach
    void startBoth() throws Exception {
        second = GeweSandbox.start(SandboxOptions.defaults().withToken(TOKEN_B).withAppId(APP_B)
                .withAccountWxid("wxid_second_bot"));
        Path config = Files.writeString(rig.dir.resolve("bot.yaml"), """
                accounts:
                  - appId: %s
                    admins: [%s]
                  - appId: %s
                    baseUrl: %s
                    token: ${GEWE_TOKEN_B}
                    admins: [%s]
                    lang: zh
                """.formatted(gewe.appId(), ADMIN, APP_B, second.baseUrl(), ADMIN_B));
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--config", config.toString()));
        // The first account takes base URL and token from the variables the rig gives.
        host = rig.start(Map.of("GEWE_TOKEN_B", TOKEN_B), args);
        second.setCallbackUrl(host.callbackUrl());
    }

    @AfterEach
    void stopSecond() {
        try {
            assertThat(host.output()).as("host output").doesNotContain(TOKEN_B);
            assertThat(second.postedTexts()).noneMatch(t -> t.content().contains(TOKEN_B));
        } finally {
            second.close();
        }
    }

    /** Pushes a private text from someone through the second account's GeWe. */
    private void toSecond(String from, String text) {
        assertThat(second.callbacks().pushText(from, text)).as("callback status of '%s'", text).isEqualTo(200);
    }

    private PostedText awaitSecond(int mark, String to, String contains) {
        return Awaitility.await("a text to " + to + " containing " + contains).atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> {
                    List<PostedText> texts = second.postedTexts();
                    return texts.subList(Math.min(mark, texts.size()), texts.size()).stream()
                            .filter(t -> t.toWxid().equals(to) && t.content().contains(contains)).findFirst();
                }, Optional::isPresent).get();
    }

    @Test
    void aRiskControlPauseOfOneAccountLeavesTheOthersAddsGoingOut() throws Exception {
        gewe.faults().once("/contacts/addContacts", Fault.ret500(PacingIT.OFTEN));
        assertThat(rig.ask("/add wxid_demo", "wxid_demo")).isEqualTo("Friend request to wxid_demo:"
                + " the outcome is not known (rate-limited). The request may have gone out, so it will not be sent again.");
        assertThat(rig.ask("/add wxid_demo_alias", "paused")).startsWith("Friend requests are paused until ");

        int mark = second.postedTexts().size();
        toSecond(ADMIN_B, "/add wxid_demo");
        assertThat(awaitSecond(mark, ADMIN_B, "wxid_demo").content()).startsWith("已向 Demo Friend-to-be")
                .endsWith("发送好友请求。");
        assertThat(second.calls("/contacts/addContacts")).singleElement().satisfies(call -> {
            assertThat(call.json().path("appId").asText()).isEqualTo(APP_B);
            assertThat(call.headers()).containsEntry("x-gewe-token", TOKEN_B);
        });
        // The paused account sent nothing more.
        assertThat(gewe.calls("/contacts/addContacts")).hasSize(1);
        assertThat(rig.ask("/queue", "Paused")).startsWith("Paused until ");
        toSecond(ADMIN_B, "/queue");
        assertThat(awaitSecond(mark, ADMIN_B, "排队中").content()).isEqualTo("没有排队中的好友请求。");

        JsonNode health = host.health();
        assertThat(health.path("accounts")).hasSize(2);
        assertThat(health.path("accounts").get(0).path("appId").asText()).isEqualTo(gewe.appId());
        assertThat(health.path("accounts").get(0).path("friendRequests").has("pausedUntil")).isTrue();
        assertThat(health.path("accounts").get(1).path("appId").asText()).isEqualTo(APP_B);
        assertThat(health.path("accounts").get(1).path("friendRequests").has("pausedUntil")).isFalse();
        assertThat(health.path("friendRequests").has("pausedUntil")).as("the top level: the first account's").isTrue();
    }

    @Test
    void anAdminOfOneAccountIsNobodyInTheOthersChats() throws Exception {
        // The first account's admin writes through the second account: not an admin there.
        int mark = second.postedTexts().size();
        toSecond(ADMIN, "/add wxid_demo");
        // And the second's admin through the first.
        assertThat(gewe.callbacks().pushText(ADMIN_B, "/add wxid_demo_alias")).isEqualTo(200);
        host.awaitOutput("Ignored a command from " + ADMIN_B, Rig.WAIT);
        host.awaitOutput("Ignored a command from " + ADMIN, Rig.WAIT);
        Rig.never("a contact call for someone who is not that account's admin", Duration.ofSeconds(2),
                () -> !second.calls("/contacts/search").isEmpty() || !gewe.calls("/contacts/search").isEmpty()
                        || second.postedTexts().size() > mark);

        // Each account's own admin is: the same command through the right account acts on it alone.
        toSecond(ADMIN_B, "/add wxid_demo");
        assertThat(awaitSecond(mark, ADMIN_B, "wxid_demo").content()).startsWith("已向 Demo Friend-to-be")
                .endsWith("发送好友请求。");
        assertThat(second.calls("/contacts/addContacts")).hasSize(1);
        assertThat(gewe.calls("/contacts/addContacts")).isEmpty();
        assertThat(rig.ask("/history", "commands")).isEqualTo("No commands yet.");
    }

    @Test
    void aSlowGeweForOneAccountHoldsUpNothingOfTheOthers() throws Exception {
        // The first account's GeWe takes 15 s to answer a search and to take a text.
        gewe.faults().once("/contacts/search", Fault.delay(Duration.ofSeconds(15)));
        gewe.faults().once("/message/postText", Fault.delay(Duration.ofSeconds(15)));
        rig.admin("/help");
        rig.admin("/add wxid_demo");
        Awaitility.await("the first account's calls held at its GeWe").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> !gewe.calls("/message/postText").isEmpty() && !gewe.calls("/contacts/search").isEmpty());

        int mark = second.postedTexts().size();
        toSecond(ADMIN_B, "/add wxid_demo");
        PostedText sent = Awaitility.await("the second account's reply, while the first's GeWe is slow")
                .atMost(Duration.ofSeconds(5)).pollInterval(Rig.POLL)
                .until(() -> second.postedTexts().subList(Math.min(mark, second.postedTexts().size()),
                        second.postedTexts().size()).stream().filter(t -> t.toWxid().equals(ADMIN_B)).findFirst(),
                        Optional::isPresent).get();
        assertThat(sent.content()).startsWith("已向 Demo Friend-to-be").endsWith("发送好友请求。");
        assertThat(second.calls("/contacts/addContacts")).hasSize(1);
    }
}
