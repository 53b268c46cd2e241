package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.SandboxOptions;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand generated callbacks against the running host, from a few client threads: no answer is
 * a 5xx other than the documented 503, and afterwards the host is alive, healthy and answers an admin.
 * The seed is printed, and can be given back with {@code -Dfuzz.seed=...} to replay a run.
 */
class FuzzIT extends RigTest {

    static final int CALLBACKS = 10_000;
    static final int CLIENTS = 24;
    static final Duration LIMIT = Duration.ofMinutes(2);

    /** The Appid of the vendor's samples: the sandbox plays that device, so the samples are for the host's account. */
    static final String SAMPLE_APP_ID = "wx_wR_U4zPj2M_OTS3BCyoE4";

    static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[A-Z]+\\] \\w+ - .*");

    @Override
    SandboxOptions sandboxOptions() {
        return SandboxOptions.defaults().withAppId(SAMPLE_APP_ID);
    }

    @Test
    void tenThousandGeneratedCallbacksGetNo5xxButTheDocumented503AndLeaveTheHostHealthy() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        String replay = "fuzz seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")";
        System.out.println(replay);
        HostProcess host = rig.start(HostProcess.NO_PACING);
        CallbackFuzz fuzz = new CallbackFuzz(seed, Path.of("src/test/resources/callbacks"),
                List.of(Rig.ADMIN, Rig.OTHER_ADMIN), gewe.appId(), gewe.callbacks());
        assertThat(fuzz.samples()).isEqualTo(31);

        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<CallbackFuzz.Kind, LongAdder> kinds = new ConcurrentHashMap<>();
        Map<Integer, String> unexpected = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        Instant start = Instant.now();
        Instant deadline = start.plus(LIMIT);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < CALLBACKS && Instant.now().isBefore(deadline)) {
                    CallbackFuzz.Case fuzzCase = fuzz.make(i);
                    kinds.computeIfAbsent(fuzzCase.kind(), k -> new LongAdder()).increment();
                    int status;
                    try {
                        status = http.send(HttpRequest.newBuilder(URI.create(host.url("/gewe/callback")))
                                .timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body())).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                        unexpected.putIfAbsent(i, fuzzCase.kind() + ": " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (status >= 500 && status != 503) {
                        unexpected.putIfAbsent(i, fuzzCase.kind() + ": HTTP " + status);
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(LIMIT.toSeconds() + 30, TimeUnit.SECONDS)).as(replay).isTrue();
        Duration took = Duration.between(start, Instant.now());

        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.sum()));
        Map<CallbackFuzz.Kind, Long> byKind = new EnumMap<>(CallbackFuzz.Kind.class);
        kinds.forEach((k, n) -> byKind.put(k, n.sum()));
        System.out.println("Posted " + byStatus.values().stream().mapToLong(Long::longValue).sum() + " callbacks in "
                + took.toMillis() + " ms; by status " + byStatus + "; by kind " + byKind);

        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).as(replay).isEqualTo(CALLBACKS);
        assertThat(unexpected).as(replay + ": callbacks answered with a 5xx other than 503, or not at all").isEmpty();
        assertThat(byStatus.keySet()).as(replay).allMatch(s -> s == 200 || s == 400 || s == 413 || s == 503);

        // Afterwards: alive, healthy, and an admin is answered (once the queue is worked off).
        assertThat(host.alive()).as(replay).isTrue();
        assertThat(host.get("/health").statusCode()).as(replay).isEqualTo(200);
        int mark = rig.mark();
        rig.admin("/help");
        await("the admin's /help answered after the fuzz (" + replay + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Rig.POLL).until(() -> rig.textsSince(mark).stream().anyMatch(t -> t.toWxid().equals(Rig.ADMIN)
                        && t.content().startsWith("Commands:")));
        String output = host.output();
        assertThat(output).as(replay).doesNotContain("failed inside the host").doesNotContain("could not be handled")
                .doesNotContain("Exception in thread").doesNotContain("OutOfMemoryError");
        // Every line is one of the host's own log lines: nothing from a callback started a line of its own.
        assertThat(output.lines().filter(l -> !LOG_LINE.matcher(l).matches()).limit(5)).as(replay).isEmpty();
        assertThat(output.lines()).as(replay).allMatch(l -> l.length() < 1_000);
        rig.assertTokenNeverShown();
    }
}
