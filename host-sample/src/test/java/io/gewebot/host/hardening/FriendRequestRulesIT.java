package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.IncomingRequest;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Friend-request rules from a configuration file, on the built host and plugin against the sandbox:
 * requests whose greeting carries a keyword are accepted without an admin and followed by the welcome,
 * the remark and the labels; others, and those past the rules' daily cap, are left to the admins.
 */
class FriendRequestRulesIT extends RigTest {

    private static final String CONFIG = """
            # The rules of the README's example, with a cap this test reaches.
            friendRequests:
              autoAnswerDailyCap: 2
              rules:
                - name: keyword
                  greetingContains: ["加好友", "join"]
                  action: accept
                  welcome: "你好 {nickname}，欢迎！"
                  remark: "{nickname}-{date}"
                  labels: ["from-bot"]
            """;

    private HostProcess start() throws Exception {
        Path config = Files.writeString(dir.resolve("bot.yaml"), CONFIG);
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--config", config.toString()));
        return rig.start(args);
    }

    private List<PostedText> textsTo(String wxid) {
        return gewe.postedTexts().stream().filter(t -> t.toWxid().equals(wxid)).toList();
    }

    @Test
    void keywordRequestsAreAcceptedWithoutAnAdminThenWelcomedOnceRemarkedAndLabelled() throws Exception {
        gewe.addPerson("wxid_kw_cn", null, null, "小明");
        gewe.setLabels("wxid_kw_cn", List.of("vip"));
        HostProcess host = start();

        int mark = rig.mark();
        IncomingRequest incoming = gewe.callbacks().pushFriendRequest("wxid_kw_cn", "小明", "你好，我想加好友", 6);
        assertThat(incoming.status()).isEqualTo(200);
        String json = gewe.callbacks().friendRequestJson("wxid_kw_cn", "小明", "你好，我想加好友", 6,
                incoming.v3(), incoming.v4(), incoming.newMsgId());
        assertThat(rig.awaitText(mark, ADMIN, "Rule").content())
                .isEqualTo("Rule “keyword” accepted the friend request from 小明 (wxid_kw_cn).");
        assertThat(rig.awaitText(mark, "wxid_kw_cn", "欢迎").content()).isEqualTo("你好 小明，欢迎！");

        List<RecordedCall> accepts = rig.addContacts(3);
        assertThat(accepts).singleElement().satisfies(c -> {
            assertThat(c.json().path("v3").asText()).isEqualTo(incoming.v3());
            assertThat(c.json().path("v4").asText()).isEqualTo(incoming.v4());
            assertThat(c.json().path("scene").asInt()).isEqualTo(6);
        });
        // The remark, then the labels: the friend's own label is sent along, as GeWe replaces the set.
        RecordedCall remark = gewe.awaitCall("/contacts/setFriendRemark", Rig.WAIT);
        assertThat(remark.json().path("wxid").asText()).isEqualTo("wxid_kw_cn");
        assertThat(remark.json().path("remark").asText()).isIn(
                "小明-" + LocalDate.now().minusDays(1), "小明-" + LocalDate.now(), "小明-" + LocalDate.now().plusDays(1));
        gewe.awaitCall("/label/modifyMemberList", Rig.WAIT);
        org.awaitility.Awaitility.await().atMost(Rig.WAIT)
                .untilAsserted(() -> assertThat(gewe.labelsOf("wxid_kw_cn")).containsExactly("vip", "from-bot"));
        assertThat(gewe.remarkOf("wxid_kw_cn")).startsWith("小明-");

        // The same callback twice more, once after a restart: answered once, welcomed once.
        assertThat(gewe.callbacks().pushRaw(json)).isEqualTo(200);
        assertThat(host.terminate()).isZero();
        start();
        assertThat(gewe.callbacks().pushRaw(gewe.callbacks().friendRequestJson("wxid_kw_cn", "小明", "你好，我想加好友", 6,
                incoming.v3(), incoming.v4(), incoming.newMsgId() + 1))).isEqualTo(200);
        assertThat(rig.ask("/history", "Recent commands")).startsWith("Recent commands:\n")
                .containsPattern(" /accept wxid_kw_cn by rule “keyword”: DONE(\n|$)").doesNotContain("(done)");
        Rig.never("a second answer or welcome", Duration.ofSeconds(2),
                () -> rig.addContacts(3).size() > 1 || textsTo("wxid_kw_cn").size() > 1);
        assertThat(textsTo("wxid_kw_cn")).hasSize(1);
        assertThat(textsTo(ADMIN).stream().filter(t -> t.content().startsWith("Rule “keyword”"))).hasSize(1);
    }

    @Test
    void fullWidthKeywordsMatchUnmatchedRequestsAndThosePastTheRulesCapAreLeftToTheAdmins() throws Exception {
        start();

        int mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_kw_wide", "Wide", "please ＪＯＩＮ us", 30);
        assertThat(rig.awaitText(mark, ADMIN, "Rule").content())
                .isEqualTo("Rule “keyword” accepted the friend request from Wide (wxid_kw_wide).");

        mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_plain", "Plain", "hello there", 6);
        assertThat(rig.awaitText(mark, ADMIN, "wxid_plain").content()).isEqualTo(
                "New friend request from Plain (wxid_plain): \"hello there\". Answer with /accept wxid_plain or "
                        + "/reject wxid_plain.");

        mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_kw_two", "Two", "加好友", 6);
        assertThat(rig.awaitText(mark, ADMIN, "Rule").content())
                .isEqualTo("Rule “keyword” accepted the friend request from Two (wxid_kw_two).");

        // The third keyword request finds the rules' cap of 2 full: the admins are asked.
        mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_kw_three", "Three", "join", 6);
        String asked = rig.awaitText(mark, ADMIN, "wxid_kw_three").content();
        assertThat(asked).contains("New friend request from Three (wxid_kw_three)")
                .contains("Rule “keyword” matched, but rules already gave 2 answers in the last 24 hours "
                        + "(autoAnswerDailyCap)");
        assertThat(rig.addContacts(3)).hasSize(2);
        assertThat(rig.ask("/requests", "Pending")).startsWith("Pending friend requests (2):")
                .contains("wxid_plain (Plain)").contains("wxid_kw_three (Three)");

        String rules = rig.ask("/rules", "rules");
        assertThat(rules).contains("“keyword”: accept; matched 3, answered 2, left to the admins 1")
                .contains("Automatic answers: 2 of 2 (autoAnswerDailyCap)");

        // An admin's /accept of a request the rule matched gets the rule's follow-ups too.
        mark = rig.mark();
        assertThat(rig.ask("/accept wxid_kw_three", "Accepted"))
                .isEqualTo("Accepted the friend request from Three (wxid_kw_three).");
        assertThat(rig.awaitText(mark, "wxid_kw_three", "欢迎").content()).isEqualTo("你好 Three，欢迎！");
    }
}
