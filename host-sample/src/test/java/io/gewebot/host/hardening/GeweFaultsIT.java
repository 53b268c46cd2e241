package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way GeWe can fail a friend request or an accept ends in one clear reply to the admin and one
 * warning in the host's log, and the host serves on. The host runs with a short GeWe timeout and a
 * token that must never show up anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeweFaultsIT {

    static final String ADD_CONTACTS = "/contacts/addContacts";
    static final String TOKEN_EXPIRED = "HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期";
    static final String MAYBE = "The request may have gone out, so it will not be sent again.";

    Rig rig;
    GeweSandbox gewe;
    HostProcess host;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        rig = new Rig(dir).withGewePlugin();
        gewe = rig.gewe;
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--gewe-timeout", "2s"));
        host = rig.start(args);
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
    }

    @Test
    @Order(1)
    void everyFailedFriendRequestIsAnsweredClearlyAndLoggedOnce() throws Exception {
        expect(Fault.delay(Duration.ofSeconds(5)), "/add", "wxid_f_timeout", "Friend request to wxid_f_timeout: "
                + "the outcome is not known (no answer in time). " + MAYBE);
        expect(Fault.httpStatus(502), "/add", "wxid_f_502",
                "Friend request to wxid_f_502: the outcome is not known (an unexpected HTTP status). " + MAYBE);
        expect(Fault.connectionReset(), "/add", "wxid_f_reset", "Friend request to wxid_f_reset: the outcome is not "
                + "known (could not connect). " + MAYBE);
        expect(Fault.malformedJson(), "/add", "wxid_f_json", "Friend request to wxid_f_json: the outcome is not "
                + "known (an unreadable answer). " + MAYBE);
        expect(Fault.ret500(TOKEN_EXPIRED), "/add", "wxid_f_token",
                "Friend request to wxid_f_token failed: the token is not valid");
        expect(Fault.ret500("user ticket invalid"), "/add", "wxid_f_ticket",
                "Friend request to wxid_f_ticket failed: the request's ticket is no longer valid");
        expect(Fault.ret500("微信已离线，请重新登录"), "/add", "wxid_f_offline",
                "Friend request to wxid_f_offline failed: the account is offline");

        int mark = rig.mark();
        expect(Fault.ret500("操作过于频繁，请稍后再试"), "/add", "wxid_f_often",
                "Friend request to wxid_f_often: the outcome is not known (rate-limited). " + MAYBE);
        assertThat(rig.awaitText(mark, Rig.OTHER_ADMIN, "risk-control").content())
                .startsWith("WeChat answered with a risk-control text (rate-limited). All friend requests are paused until ");
        assertThat(rig.ask("/resume", "resumed")).isEqualTo("Friend requests resumed.");

        // Each of them reached GeWe once, and the host still sends the next one.
        assertThat(rig.addContacts(2)).hasSize(8);
        gewe.addPerson("wxid_f_fine", null, null, "Fine");
        assertThat(rig.ask("/add wxid_f_fine", "wxid_f_fine")).isEqualTo("Friend request sent to Fine (wxid_f_fine).");
    }

    @Test
    @Order(2)
    void everyFailedAcceptIsAnsweredClearlyAndLoggedOnce() throws Exception {
        expect(Fault.delay(Duration.ofSeconds(5)), "/accept", "wxid_a_timeout", "Accepting wxid_a_timeout: the "
                + "outcome is not known (no answer in time). " + MAYBE);
        expect(Fault.httpStatus(502), "/accept", "wxid_a_502",
                "Accepting wxid_a_502: the outcome is not known (an unexpected HTTP status). " + MAYBE);
        expect(Fault.connectionReset(), "/accept", "wxid_a_reset", "Accepting wxid_a_reset: the outcome is not "
                + "known (could not connect). " + MAYBE);
        expect(Fault.malformedJson(), "/accept", "wxid_a_json", "Accepting wxid_a_json: the outcome is not "
                + "known (an unreadable answer). " + MAYBE);
        expect(Fault.ret500(TOKEN_EXPIRED), "/accept", "wxid_a_token", "Accepting wxid_a_token failed: the token is not valid");
        expect(Fault.ret500("微信已离线，请重新登录"), "/accept", "wxid_a_offline",
                "Accepting wxid_a_offline failed: the account is offline");
        int often = rig.mark();
        expect(Fault.ret500("操作过于频繁，请稍后再试"), "/accept", "wxid_a_often",
                "Accepting wxid_a_often: the outcome is not known (rate-limited). " + MAYBE);
        // A warning for the account, whatever it answered: friend requests pause too.
        assertThat(rig.awaitText(often, Rig.OTHER_ADMIN, "risk-control").content())
                .startsWith("WeChat answered with a risk-control text (rate-limited). All friend requests are paused until ");
        assertThat(rig.ask("/add wxid_demo", "paused")).startsWith("Friend requests are paused until ");
        assertThat(rig.ask("/resume", "resumed")).isEqualTo("Friend requests resumed.");

        // A request whose tickets GeWe no longer knows: GeWe's own ticket-invalid answer.
        int mark = rig.mark();
        gewe.callbacks().pushRaw(gewe.callbacks().friendRequestJson("wxid_a_stale", "Stale", "hello", 6,
                "v3_stale@stranger", "v4_stale", 7_000_001L));
        rig.awaitText(mark, ADMIN, "wxid_a_stale");
        long log = host.mark();
        assertThat(rig.ask("/accept wxid_a_stale", "wxid_a_stale"))
                .isEqualTo("Accepting wxid_a_stale failed: the request's ticket is no longer valid. WeChat no longer takes an"
                        + " answer to this request; /dismiss wxid_a_stale removes it.");
        assertThat(warningLines(host.outputSince(log))).hasSize(1);
        assertThat(rig.ask("/dismiss wxid_a_stale", "wxid_a_stale"))
                .isEqualTo("Removed the friend request from wxid_a_stale from /requests without answering it.");
        assertThat(rig.ask("/requests", "friend requests")).doesNotContain("wxid_a_stale");

        assertThat(rig.addContacts(3)).hasSize(8);
        mark = rig.mark();
        gewe.callbacks().pushFriendRequest("wxid_a_fine", "Fine", "hi", 6);
        rig.awaitText(mark, ADMIN, "New friend request from Fine");
        assertThat(rig.ask("/accept wxid_a_fine", "Accepted"))
                .isEqualTo("Accepted the friend request from Fine (wxid_a_fine).");
    }

    @Test
    @Order(3)
    void afterAllOfThemTheHostIsHealthyAndNeverShowedItsToken() throws Exception {
        var health = host.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain(gewe.token());
        assertThat(rig.ask("/help", "Commands:")).contains("/add <wxid|WeChat ID|phone>");
        rig.assertTokenNeverShown();
    }

    /**
     * Arms a fault on GeWe's addContacts, sends the command, and checks the exact reply and that the
     * host logged exactly one warning for it.
     */
    void expect(Fault fault, String command, String target, String reply) throws Exception {
        int mark = rig.mark();
        if (command.equals("/add")) {
            gewe.addPerson(target, null, null, target);
        } else {
            gewe.callbacks().pushFriendRequest(target, target, "hi", 6);
            rig.awaitText(mark, ADMIN, "New friend request from " + target);
        }
        gewe.faults().once(ADD_CONTACTS, fault);
        long log = host.mark();
        assertThat(rig.ask(command + " " + target, target)).isEqualTo(reply);
        assertThat(warningLines(host.outputSince(log))).as("host warnings for %s %s", command, target).hasSize(1);
    }

    /** Every warning or error line, the host's and the plugin's: a failure is reported once. */
    static List<String> warningLines(String output) {
        return Arrays.stream(output.split("\n"))
                .filter(l -> l.contains("[WARN]") || l.contains("[ERROR]"))
                .toList();
    }
}
