package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.sandbox.Fault;
import io.gewebot.testkit.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token GeWe refuses, or none at all, is loud: an error at start with GeWe's own text, {@code /health}
 * {@code DEGRADED} with the reason, and {@code /add} answered with the token problem at once, before any
 * warm-up or queue, while the host keeps running. The built jar against the sandbox, which refuses any
 * token but its own.
 */
class TokenIT {

    /** The sandbox's answer to a wrong token, as GeWe words it. */
    private static final String REFUSED = "HTTP HEADER: X-GEWE-TOKEN=xxx 不可用或已过期";

    @TempDir
    Path dir;

    /** A host on the rig's sandbox with its console, the warm-up in force (a new account). */
    private HostProcess start(Rig rig, Map<String, String> env) throws Exception {
        HostProcess host = BuiltHost.builder(dir).env(rig.env()).env(env).separateStderr().args("--port", "0").start();
        host.awaitListening(BuiltHost.START_LIMIT);
        return host;
    }

    @Test
    void aWrongTokenIsAnErrorAtStartDegradesHealthAndIsTheAnswerToAdd() throws Exception {
        try (Rig rig = new Rig(dir).withGewePlugin()) {
            HostProcess host = start(rig, Map.of("GEWE_TOKEN", "nope"));

            assertThat(host.stderr()).contains("ERROR").contains("GeWe refuses the token: " + REFUSED);
            JsonNode health = host.health();
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.path("reason").asText()).isEqualTo("GeWe refuses the token: " + REFUSED);
            assertThat(health.path("account").path("state").asText()).isEqualTo("token-invalid");
            assertThat(health.path("account").path("reason").asText()).isEqualTo(REFUSED);

            long mark = host.mark();
            host.type("/add wxid_demo hello\n");
            host.awaitOutput("GeWe refuses the host's token", Duration.ofSeconds(20));
            // GeWe's own words are in the log line (above), not in the reply.
            assertThat(host.outputSince(mark)).contains("GeWe refuses the host's token; every friend request would fail.")
                    .contains("--gewe-token").doesNotContain("held back").doesNotContain("queued");
            assertThat(rig.gewe.calls("/contacts/search")).isEmpty();
            assertThat(rig.gewe.calls("/contacts/addContacts")).isEmpty();
            assertThat(host.alive()).isTrue();
            assertThat(host.get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void noTokenIsNamedAsSuchNotAsAMissingPlugin() throws Exception {
        try (Rig rig = new Rig(dir).withGewePlugin()) {
            HostProcess host = start(rig, Map.of("GEWE_TOKEN", ""));

            assertThat(host.stderr()).contains("No GeWe token is configured (--gewe-token / GEWE_TOKEN)");
            JsonNode health = host.health();
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.path("reason").asText()).isEqualTo("no GeWe token is configured (--gewe-token / GEWE_TOKEN)");
            assertThat(health.path("account").path("state").asText()).isEqualTo("token-invalid");

            long mark = host.mark();
            host.type("/add wxid_demo\n");
            host.awaitOutput("No GeWe token is configured;", Duration.ofSeconds(20));
            assertThat(host.outputSince(mark)).doesNotContain("no contact plugin");
            assertThat(rig.gewe.calls()).noneMatch(call -> call.path().startsWith("/contacts/"));
            assertThat(host.alive()).isTrue();
        }
    }

    @Test
    void aTokenThatIsRefusedLaterIsNoticedByTheNextCheck() throws Exception {
        try (Rig rig = new Rig(dir).withGewePlugin()) {
            HostProcess host = start(rig, Map.of());
            assertThat(host.health().path("account").path("state").asText()).isEqualTo("online");

            // GeWe starts refusing the token (it expired): the next health check says so.
            rig.gewe.faults().always("/login/checkOnline", Fault.ret500(REFUSED));
            JsonNode health = await("health saying the token is refused").atMost(Rig.WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(host::health, h -> h.path("status").asText().equals("DEGRADED"));

            assertThat(health.path("reason").asText()).isEqualTo("GeWe refuses the token: " + REFUSED);
            assertThat(health.path("account").path("state").asText()).isEqualTo("token-invalid");
            host.awaitOutput("GeWe refuses the token: " + REFUSED, Duration.ofSeconds(10));
        }
    }
}
