package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static io.gewebot.host.hardening.Rig.OTHER_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.Fault;
import io.gewebot.sandbox.RecordedCall;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dropped account is brought back with GeWe's {@code /login/reconnection}, after an {@code Offline}
 * callback (up to three attempts, with growing waits) and at start (one attempt); the admins are told
 * how it went, and to log the account in again when nothing worked.
 */
class ReconnectionIT extends RigTest {

    static final List<String> SHORT_WAITS = List.of("--reconnect-waits", "300ms,600ms,1200ms");
    static final String REFUSAL = "重连失败，请重新扫码登录";

    @Test
    void anOfflineCallbackIsFollowedByReconnectionAttemptsUntilOneWorksAndTheAdminsAreTold() throws Exception {
        HostProcess host = rig.start(SHORT_WAITS);
        gewe.faults().once("/login/reconnection", Fault.ret500(REFUSAL));
        int mark = rig.mark();
        gewe.setOnline(false);

        assertThat(gewe.callbacks().pushOffline()).isEqualTo(200);

        String back = "The WeChat account is online again: reconnecting it worked (attempt 2 of 3).";
        assertThat(rig.awaitText(mark, ADMIN, "online again").content()).isEqualTo(back);
        assertThat(rig.awaitText(mark, OTHER_ADMIN, "online again").content()).isEqualTo(back);
        List<RecordedCall> attempts = gewe.calls("/login/reconnection");
        assertThat(attempts).hasSize(2)
                .allSatisfy(c -> assertThat(c.body()).isEqualTo("{\"appId\":\"" + gewe.appId() + "\"}"));
        assertThat(gewe.isOnline()).isTrue();
        assertThat(host.health().path("account").path("state").asText()).isEqualTo("online");
        assertThat(host.output()).contains("Reconnecting the WeChat account failed (attempt 1 of 3): " + REFUSAL);
        // Back online, commands work again.
        assertThat(rig.ask("/help", "/add")).isNotEmpty();
    }

    @Test
    void whenEveryAttemptFailsTheAdminsAreToldToLogTheAccountInAgain() throws Exception {
        HostProcess host = rig.start(SHORT_WAITS);
        gewe.faults().always("/login/reconnection", Fault.ret500(REFUSAL));
        int mark = rig.mark();

        // The notice arrives while texts still go out, so that the admins' notices can be seen.
        assertThat(gewe.callbacks().pushOffline()).isEqualTo(200);

        // GeWe's own words go to the log, not to the admins.
        String login = "The WeChat account could not be reconnected (3 attempts). Log it in again: java -jar "
                + "host-sample.jar login";
        assertThat(rig.awaitText(mark, ADMIN, "Log it in again").content()).isEqualTo(login);
        assertThat(rig.awaitText(mark, OTHER_ADMIN, "Log it in again").content()).isEqualTo(login);
        Rig.never("a fourth attempt", Duration.ofSeconds(2), () -> gewe.calls("/login/reconnection").size() > 3);
        List<RecordedCall> attempts = gewe.calls("/login/reconnection");
        assertThat(attempts).hasSize(3);
        // The waits grow: 600 ms before the second attempt, 1200 ms before the third.
        assertThat(Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(Duration.between(attempts.get(1).receivedAt(), attempts.get(2).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1150));
        assertThat(host.output()).contains("Reconnecting the WeChat account failed 3 times, the last: " + REFUSAL
                + ". Log it in again with 'java -jar host-sample.jar login'");
    }

    @Test
    void anAccountOfflineAtStartGetsOneAttemptBeforeTheAdminsAreTold() throws Exception {
        gewe.setOnline(false);

        HostProcess host = rig.start(SHORT_WAITS);

        String back = "The WeChat account was not logged in when the bot started; reconnecting it worked, it is "
                + "online again.";
        assertThat(rig.awaitText(0, ADMIN, "when the bot started").content()).isEqualTo(back);
        assertThat(rig.awaitText(0, OTHER_ADMIN, "when the bot started").content()).isEqualTo(back);
        assertThat(gewe.calls("/login/reconnection")).hasSize(1);
        assertThat(host.health().path("account").path("state").asText()).isEqualTo("online");
    }

    @Test
    void anAccountOfflineAtStartThatCannotBeReconnectedIsToldToLogIn() throws Exception {
        gewe.setOnline(false);
        gewe.faults().always("/login/reconnection", Fault.ret500(REFUSAL));

        HostProcess host = rig.start(SHORT_WAITS);

        await("the outcome in the log").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> host.output().contains("The WeChat account is not logged in and reconnecting it failed: "
                        + REFUSAL + ". Log it in again with 'java -jar host-sample.jar login'"));
        // The notice could not reach the chats (the account is offline); it was tried, once per admin.
        await("the notices tried").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> gewe.calls("/message/postText").size() >= 2);
        assertThat(gewe.calls("/message/postText")).extracting(c -> c.json().path("content").asText())
                .containsOnly("The WeChat account is not logged in and could not be reconnected. Log it in again: "
                        + "java -jar host-sample.jar login")
                .hasSize(2);
        assertThat(gewe.calls("/login/reconnection")).hasSize(1);
        assertThat(host.health().path("account").path("state").asText()).isEqualTo("offline");
    }
}
