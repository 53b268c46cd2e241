package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.testkit.HostProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code /health} tells one account state with the time it took it, and the friend-request queue
 * beside the callback queue: no two fields that contradict each other.
 */
class HealthIT extends RigTest {

    @Test
    void healthShowsOneAccountStateWithItsTimeAndTheFriendRequestQueue() throws Exception {
        Instant before = Instant.now();
        HostProcess host = rig.start(List.of("--add-interval", "1h", "--add-jitter", "0s", "--online-since", "2020-01-01",
                // The account stays dropped while the test looks: no reconnection within it.
                "--reconnect-waits", "10m"));
        rig.ask("/add wxid_demo", "Friend request sent");
        rig.ask("/add " + GeweSandbox.DEMO_ALIAS, "queued");

        JsonNode health = host.health();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.has("reason")).isFalse();
        assertThat(health.path("account").path("state").asText()).isEqualTo("online");
        Instant onlineSince = Instant.parse(health.path("account").path("since").asText());
        assertThat(onlineSince).isBetween(before.minusSeconds(1), Instant.now());
        // The one state replaces the two booleans that could disagree.
        assertThat(health.has("accountOffline")).isFalse();
        assertThat(health.path("gewe").has("online")).isFalse();
        assertThat(health.path("gewe").path("answered").asBoolean()).isTrue();
        assertThat(health.path("queue").path("waiting").asInt()).isZero();
        assertThat(health.path("queue").path("capacity").asInt()).isEqualTo(10_000);
        assertThat(health.path("friendRequests").path("waiting").asInt()).isEqualTo(1);
        assertThat(Instant.parse(health.path("friendRequests").path("nextSendAt").asText()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(58)), Instant.now().plus(Duration.ofMinutes(61)));

        // The account drops: GeWe pushes the notice (delivered while texts still go out), then says so.
        int mark = rig.mark();
        gewe.callbacks().pushOffline();
        rig.awaitText(mark, Rig.ADMIN, "went offline");
        gewe.setOnline(false);
        JsonNode offline = await("health after the account dropped").atMost(Rig.WAIT).pollInterval(Duration.ofMillis(200))
                .until(host::health, h -> h.path("account").path("state").asText().equals("offline"));

        assertThat(offline.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(offline.path("reason").asText()).isEqualTo("the WeChat account is not logged in");
        assertThat(Instant.parse(offline.path("account").path("since").asText())).isAfter(onlineSince);
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
    }
}
