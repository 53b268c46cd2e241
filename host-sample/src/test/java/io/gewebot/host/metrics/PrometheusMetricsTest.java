package io.gewebot.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.commands.pacing.CommandMeters;
import io.gewebot.commands.pacing.CommandMeters.AnswerBy;
import io.gewebot.commands.pacing.CommandMeters.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

    private static final String APP = "wx_app_one";
    private static final String OTHER = "wx_app_two";

    @Test
    void countsAreRenderedInThePrometheusTextFormatOnePerAccount() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            HostMetrics host = metrics.host();
            host.callbackReceived(APP);
            host.callbackReceived(APP);
            host.callbackReceived(OTHER);
            host.duplicateDropped(APP);
            host.callbackRefused(503);
            host.commandCarriedOut(APP, "add");
            host.commandCarriedOut(APP, "add");
            host.commandCarriedOut(APP, "unknown");
            CommandMeters commands = new CommandMeters((meter, tags) -> host.count(APP, meter, tags));
            commands.friendRequest(Outcome.SENT);
            commands.friendRequest(Outcome.QUEUED);
            commands.friendRequest(Outcome.FAILED);
            commands.friendRequest(Outcome.FAILED);
            commands.answer(true, AnswerBy.RULE, Outcome.SENT);
            commands.answer(false, AnswerBy.ADMIN, Outcome.REFUSED);
            commands.riskControlPause();

            assertThat(scrape(metrics)).contains(
                    "gewebot_callbacks_received_total{account=\"wx_app_one\"} 2.0\n",
                    "gewebot_callbacks_received_total{account=\"wx_app_two\"} 1.0\n",
                    "gewebot_callbacks_duplicates_total{account=\"wx_app_one\"} 1.0\n",
                    "gewebot_callbacks_refused_total{status=\"503\"} 1.0\n",
                    "gewebot_commands_total{account=\"wx_app_one\",command=\"add\"} 2.0\n",
                    "gewebot_commands_total{account=\"wx_app_one\",command=\"unknown\"} 1.0\n",
                    "gewebot_friend_requests_total{account=\"wx_app_one\",outcome=\"sent\"} 1.0\n",
                    "gewebot_friend_requests_total{account=\"wx_app_one\",outcome=\"queued\"} 1.0\n",
                    "gewebot_friend_requests_total{account=\"wx_app_one\",outcome=\"failed\"} 2.0\n",
                    "gewebot_friend_request_answers_total{account=\"wx_app_one\",answer=\"accept\",by=\"rule\","
                            + "outcome=\"sent\"} 1.0\n",
                    "gewebot_friend_request_answers_total{account=\"wx_app_one\",answer=\"reject\",by=\"admin\","
                            + "outcome=\"refused\"} 1.0\n",
                    "gewebot_risk_control_pauses_total{account=\"wx_app_one\"} 1.0\n");
        }
    }

    @Test
    void gaugesAreReadAtEachScrape() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            AtomicInteger queued = new AtomicInteger(2);
            metrics.host().queueDepth(APP, queued::get);
            metrics.host().pendingFriendRequests(APP, () -> 5);
            assertThat(scrape(metrics)).contains("gewebot_friend_requests_queue_depth{account=\"wx_app_one\"} 2.0\n",
                    "gewebot_friend_requests_pending{account=\"wx_app_one\"} 5.0\n");
            queued.set(0);
            assertThat(scrape(metrics)).contains("gewebot_friend_requests_queue_depth{account=\"wx_app_one\"} 0.0\n");
        }
    }

    @Test
    void theJvmIsMeasuredBesideTheHost() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            String text = scrape(metrics);
            assertThat(text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ",
                    "process_uptime_seconds ", "system_cpu_count ", "# TYPE jvm_gc_");
        }
    }

    @Test
    void noMeterOfTheHostIsShownBeforeItCountsSomething() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            assertThat(scrape(metrics)).doesNotContain("gewebot_");
        }
    }

    private static String scrape(PrometheusMetrics metrics) {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }
}
