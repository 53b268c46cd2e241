package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * With a callback queue of one, a burst of callbacks gets 503 for those that do not fit (GeWe pushes
 * them again later), and every callback answered 200 is processed.
 */
class QueueFullIT extends RigTest {

    static final int BURST = 300;
    static final int MAX_BURSTS = 10;

    @Test
    void aFullQueueAnswers503AndEveryCallbackAnswered200IsProcessed() throws Exception {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.addAll(List.of("--queue-capacity", "1"));
        HostProcess host = rig.start(args);

        Map<String, Integer> status = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            long id = 1_000_000;
            for (int burst = 0; burst < MAX_BURSTS && !status.containsValue(503); burst++) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    String target = "wxid_b" + (++id);
                    String body = gewe.callbacks().textJson(ADMIN, "/cancel " + target, id);
                    sent.add(clients.submit(() -> {
                        HttpResponse<String> response = host.post("/gewe/callback", body);
                        status.put(target, response.statusCode());
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get();
                }
            }
        } finally {
            clients.shutdownNow();
        }

        Map<Integer, Long> counts = status.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.println("Burst of " + status.size() + " callbacks into a queue of one: " + counts);
        assertThat(counts.keySet()).as("statuses %s", counts).containsOnly(200, 503);
        Set<String> accepted = status.entrySet().stream().filter(e -> e.getValue() == 200).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        await("a reply to each of the " + accepted.size() + " callbacks answered 200").atMost(Duration.ofSeconds(30))
                .pollInterval(Rig.POLL).until(() -> answered(gewe).size() >= accepted.size());
        rig.ask("/help", "Commands:");
        assertThat(answered(gewe)).isEqualTo(accepted);
        assertThat(host.get("/health").statusCode()).isEqualTo(200);
        assertThat(host.output()).contains("Callback queue full: answering 503");
    }

    /** The targets the host answered "No queued friend request to ..." for. */
    static Set<String> answered(GeweSandbox gewe) {
        return gewe.postedTexts().stream().map(PostedText::content)
                .filter(c -> c.startsWith("No queued friend request to "))
                .map(c -> c.substring("No queued friend request to ".length(), c.length() - 1))
                .collect(Collectors.toSet());
    }
}
