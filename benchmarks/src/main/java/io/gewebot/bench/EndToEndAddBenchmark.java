package io.gewebot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.sandbox.ServedCall;
import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of one {@code /add} end to end, one command at a time on an idle host: from the
 * harness starting to post the callback to the sandbox having answered the reply's
 * {@code /message/postText}. The sandbox's own time on the three GeWe calls the command makes
 * ({@code /contacts/search}, {@code /contacts/addContacts}, {@code /message/postText}, as
 * {@link GeweSandbox#servedCalls()} reports it) is subtracted; what is left is the host's overhead:
 * the webhook, the queue, the journal and pacer, the plugin and its HTTP client, the reply worker
 * and the loopback network.
 *
 * <p>Beside it, the baseline: the same three calls made one after another by the harness with a
 * bare {@link HttpClient}, timed from before the first to the answer of the last. Host and baseline
 * commands alternate, so both see the same machine.
 */
final class EndToEndAddBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> THREE_CALLS = List.of("/contacts/search", "/contacts/addContacts",
            "/message/postText");

    /**
     * One command's time, split into the sandbox's share and the gaps around it, which are the
     * client's: before the first call reached the sandbox, between one call's answer and the next
     * call's arrival, and (baseline only) from the last answer to the client having it.
     *
     * @param total the whole command
     * @param sandbox the sandbox's time on its three calls
     * @param gaps the four gaps, in order; they add up to {@code total - sandbox}
     */
    record Split(long total, long sandbox, long[] gaps) {
        static Split of(long started, List<ServedCall> ordered, long finished) {
            long[] gaps = new long[ordered.size() + 1];
            long sandbox = 0;
            long previousEnd = started;
            for (int i = 0; i < ordered.size(); i++) {
                ServedCall call = ordered.get(i);
                // A handler notes its end just after writing the answer, and on a busy machine it may
                // be descheduled in between while the client already has the answer and sends the
                // next call: a call ends no later than the next one starts (the last no later than
                // the client has it), so the sandbox is never credited with the client's time.
                long end = Math.min(call.answeredNanos(),
                        i + 1 < ordered.size() ? ordered.get(i + 1).startedNanos() : finished);
                gaps[i] = call.startedNanos() - previousEnd;
                sandbox += end - call.startedNanos();
                previousEnd = end;
            }
            gaps[ordered.size()] = finished - previousEnd;
            return new Split(finished - started, sandbox, gaps);
        }

        long overhead() {
            return total - sandbox;
        }
    }

    /**
     * Order statistics of many splits.
     *
     * @param total of the whole command
     * @param sandbox of the sandbox's time
     * @param overhead of the rest
     * @param gaps of each gap
     */
    record Splits(Stats total, Stats sandbox, Stats overhead, List<Stats> gaps) {
        static Splits of(List<Split> splits) {
            List<Stats> gaps = new java.util.ArrayList<>();
            for (int g = 0; g < splits.get(0).gaps().length; g++) {
                int at = g;
                gaps.add(Stats.of(splits.stream().mapToLong(x -> x.gaps()[at]).toArray()));
            }
            return new Splits(Stats.of(splits.stream().mapToLong(Split::total).toArray()),
                    Stats.of(splits.stream().mapToLong(Split::sandbox).toArray()),
                    Stats.of(splits.stream().mapToLong(Split::overhead).toArray()), gaps);
        }
    }

    /**
     * @param host the commands through the host
     * @param baseline the same calls from a bare client
     */
    record Result(Splits host, Splits baseline) {
        double ratio() {
            return (double) host.total().p50() / baseline.total().p50();
        }
    }

    private final Setup setup;
    private final HostDatabase database;

    EndToEndAddBenchmark(Setup setup) {
        this(setup, HostDatabase.SQLITE);
    }

    /** The same on another database than the host's default SQLite file. */
    EndToEndAddBenchmark(Setup setup, HostDatabase database) {
        this.setup = setup;
        this.database = database;
    }

    Result run(int warmup, int measured) throws Exception {
        Path dir = setup.newWorkDir("e2e");
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of("-Xmx64m"),
                        HostProcess.NO_PACING, database);
                HttpConnection webhook = new HttpConnection(host.port())) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            Baseline baseline = new Baseline(sandbox);
            List<Split> hostSplits = new java.util.ArrayList<>();
            List<Split> baseSplits = new java.util.ArrayList<>();
            for (int i = 0; i < warmup + measured; i++) {
                Split h = hostAdd(sandbox, webhook, host.port(), "wxid_e2e_" + i, 7_200_000_000_000L + i);
                Split b = baseline.add("wxid_base_" + i);
                if (i >= warmup) {
                    hostSplits.add(h);
                    baseSplits.add(b);
                }
            }
            return new Result(Splits.of(hostSplits), Splits.of(baseSplits));
        }
    }

    /** One {@code /add} through the host, ending when the sandbox has answered the reply. */
    private static Split hostAdd(GeweSandbox sandbox, HttpConnection webhook, int port, String target, long msgId)
            throws IOException {
        sandbox.addPerson(target, null, null, "E2E " + target);
        byte[] request = HttpConnection.post(port, "/gewe/callback", sandbox.callbacks()
                .textJson(BenchHost.ADMIN, "/add " + target + " hi", msgId).getBytes(StandardCharsets.UTF_8));
        sandbox.clearRecords();
        long started = System.nanoTime();
        int status = webhook.exchange(request).status();
        if (status != 200) {
            throw new IllegalStateException("the host answered the /add callback with " + status);
        }
        List<PostedText> texts = sandbox.awaitPostedTexts(1, Duration.ofSeconds(30));
        if (!texts.get(0).content().startsWith("Friend request sent to") || !texts.get(0).content().contains(target)) {
            throw new IllegalStateException("unexpected reply to /add " + target + ": " + texts.get(0).content());
        }
        List<ServedCall> served = awaitServed(sandbox, 3);
        return Split.of(started, served, served.get(2).answeredNanos());
    }

    /**
     * The served calls once the postText's answer is written (it is listed just after the text), in
     * the order they started.
     */
    private static List<ServedCall> awaitServed(GeweSandbox sandbox, int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<ServedCall> served;
        while ((served = sandbox.servedCalls()).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the sandbox served only " + served);
            }
            LockSupport.parkNanos(20_000);
        }
        List<ServedCall> ordered = served.stream().sorted(Comparator.comparingLong(ServedCall::startedNanos)).toList();
        if (!ordered.stream().map(ServedCall::path).toList().equals(THREE_CALLS)) {
            throw new IllegalStateException("expected search, addContacts and postText, got " + ordered);
        }
        return ordered;
    }

    /** The three calls an {@code /add} makes, made by a bare {@link HttpClient}, as the plugin and host would. */
    private static final class Baseline {
        private final GeweSandbox sandbox;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Baseline(GeweSandbox sandbox) {
            this.sandbox = sandbox;
        }

        Split add(String target) throws IOException, InterruptedException {
            sandbox.addPerson(target, null, null, "Base " + target);
            sandbox.clearRecords();
            long started = System.nanoTime();
            JsonNode found = call("/contacts/search", body().put("contactsInfo", target)).path("data");
            call("/contacts/addContacts", body().put("scene", 3).put("option", 2)
                    .put("v3", found.path("v3").asText()).put("v4", found.path("v4").asText()).put("content", "hi"));
            call("/message/postText", body().put("toWxid", BenchHost.ADMIN)
                    .put("content", "Friend request sent to " + found.path("nickName").asText() + " (" + target + ")."));
            long finished = System.nanoTime();
            return Split.of(started, awaitServed(sandbox, 3), finished);
        }

        private ObjectNode body() {
            return JSON.createObjectNode().put("appId", sandbox.appId());
        }

        private JsonNode call(String path, ObjectNode body) throws IOException, InterruptedException {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-GEWE-TOKEN", sandbox.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode envelope = JSON.readTree(response.body());
            if (response.statusCode() != 200 || envelope.path("ret").asInt() != 200) {
                throw new IllegalStateException(path + " failed: " + envelope);
            }
            return envelope;
        }
    }
}
