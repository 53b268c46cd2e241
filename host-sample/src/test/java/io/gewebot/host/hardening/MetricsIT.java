package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.testkit.HostProcess;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on the built host: the Prometheus text format, the callbacks, duplicates,
 * commands and friend requests of the account counted once each beside the JVM's meters, and nothing
 * secret or personal in it. Like {@code /health}, it answers without the callback secret.
 */
class MetricsIT extends RigTest {

    private static final String GREETING = "greeting-that-stays-out-of-metrics";
    private static final String STRANGER = "wxid_metrics_stranger";

    @Test
    void metricsCountTheAccountsCallbacksCommandsAndFriendRequestsAndShowNoSecret() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        String add = gewe.callbacks().textJson(ADMIN, "/add wxid_demo " + GREETING, 5_151_001L);
        assertThat(gewe.callbacks().pushRaw(add)).isEqualTo(200);
        rig.awaitText(0, ADMIN, "Friend request sent");
        // The same message again, as GeWe retries it: received, and dropped as a duplicate.
        assertThat(gewe.callbacks().pushRaw(add)).isEqualTo(200);
        int mark = rig.mark();
        assertThat(gewe.callbacks().pushFriendRequest(STRANGER, "Metrics Stranger", "let me in", 6).status())
                .isEqualTo(200);
        rig.awaitText(mark, ADMIN, "New friend request from Metrics Stranger");

        String app = gewe.appId();
        String body = await("the callbacks counted").atMost(Rig.WAIT).pollInterval(Rig.POLL)
                .until(() -> metrics(host).body(), text -> text.contains(
                        "gewebot_callbacks_received_total{account=\"" + app + "\"} 3.0\n"));
        assertThat(body).contains(
                "gewebot_callbacks_duplicates_total{account=\"" + app + "\"} 1.0\n",
                "gewebot_commands_total{account=\"" + app + "\",command=\"add\"} 1.0\n",
                "gewebot_friend_requests_total{account=\"" + app + "\",outcome=\"sent\"} 1.0\n",
                "gewebot_friend_requests_queue_depth{account=\"" + app + "\"} 0.0\n",
                "gewebot_friend_requests_pending{account=\"" + app + "\"} 1.0\n");
        assertThat(body).doesNotContain("outcome=\"queued\"", "outcome=\"refused\"", "outcome=\"failed\"",
                "gewebot_callbacks_refused_total", "gewebot_risk_control_pauses_total");
        assertThat(body).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_gc_",
                "jvm_classes_loaded_classes ", "process_uptime_seconds ", "system_cpu_count ");
        assertThat(body).doesNotContain(gewe.token(), ADMIN, GREETING, STRANGER, "wxid_demo", "Metrics Stranger");
    }

    @Test
    void metricsAnswerOnlyGetAndCountCallbacksTheEndpointRefuses() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        HttpResponse<String> post = host.post("/metrics", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.body()).isEqualTo("{\"error\":\"use GET\"}");
        assertThat(host.post("/gewe/callback", "not json").statusCode()).isEqualTo(400);

        HttpResponse<String> metrics = metrics(host);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("gewebot_callbacks_refused_total{status=\"400\"} 1.0\n");
    }

    private static HttpResponse<String> metrics(HostProcess host) throws Exception {
        return host.get("/metrics");
    }
}
