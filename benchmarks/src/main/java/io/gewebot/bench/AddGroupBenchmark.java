package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /addgroup} of the sandbox's group of {@value GeweSandbox#DEMO_BIG_GROUP_SIZE} members: how long the
 * host takes to answer it (from the callback posted to the reply at the sandbox: the member list read from
 * GeWe, the friends read once, every member queued), and what it asks of the database per member queued.
 * Each run is a fresh host on a fresh database, whose account first sends one {@code /add} (so that the
 * interval holds every member in the queue and none goes out while the counts are read). On SQLite and on
 * PostgreSQL (statements from {@code pg_stat_statements}, as {@link AddCounts} reads them).
 */
final class AddGroupBenchmark {

    private static final Pattern QUEUED = Pattern.compile("queued now: (\\d+)");
    private static final List<String> PACED = List.of("--skip-warmup", "--online-since", "2020-01-01",
            "--add-interval", "1h", "--search-interval", "0s");

    /**
     * One {@code /addgroup}.
     *
     * @param database where the host kept its state
     * @param millis from the callback posted to the reply at the sandbox
     * @param queued members queued
     * @param statements statements the database ran for it, BEGIN and COMMIT left out (PostgreSQL; -1 on SQLite)
     * @param writes transactions that wrote (PostgreSQL: ids handed out; SQLite: commits in its log)
     */
    record Run(String database, double millis, int queued, long statements, long writes) {
    }

    /** @param runs every run, SQLite's first */
    record Result(List<Run> runs) {
    }

    private final Setup setup;

    AddGroupBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int runsEach) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < runsEach; i++) {
            runs.add(once(HostDatabase.SQLITE, null));
        }
        try (BenchPostgres postgres = BenchPostgres.start()) {
            for (int i = 0; i < runsEach; i++) {
                runs.add(once(postgres.freshDatabase(), postgres));
            }
        }
        return new Result(runs);
    }

    private Run once(HostDatabase database, BenchPostgres postgres) throws Exception {
        Path dir = setup.newWorkDir("addgroup");
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of("-Xmx64m"), PACED, database)) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            String first = ask(sandbox, host.port(), "/add " + GeweSandbox.DEMO_STRANGER, 7_700_000_000_000L);
            if (!first.startsWith("Friend request sent to")) {
                throw new IllegalStateException("unexpected reply to the first /add: " + first);
            }
            Thread.sleep(500);
            Map<String, Long> callsBefore = postgres == null ? Map.of() : postgres.counts(database.catalog()).calls();
            long writesBefore = writes(dir, database, postgres);
            long began = System.nanoTime();
            String reply = ask(sandbox, host.port(), "/addgroup " + GeweSandbox.DEMO_BIG_GROUP, 7_700_000_000_001L);
            double millis = (System.nanoTime() - began) / 1e6;
            Matcher m = QUEUED.matcher(reply);
            if (!m.find()) {
                throw new IllegalStateException("unexpected reply to /addgroup: " + reply);
            }
            Thread.sleep(500);
            long statements = -1;
            if (postgres != null) {
                Map<String, Long> after = postgres.counts(database.catalog()).calls();
                statements = 0;
                for (Map.Entry<String, Long> e : after.entrySet()) {
                    String q = e.getKey().strip().toUpperCase(java.util.Locale.ROOT);
                    if (!q.equals("BEGIN") && !q.equals("COMMIT") && !q.equals("ROLLBACK")) {
                        statements += e.getValue() - callsBefore.getOrDefault(e.getKey(), 0L);
                    }
                }
            }
            return new Run(database.name(), millis, Integer.parseInt(m.group(1)), statements,
                    writes(dir, database, postgres) - writesBefore);
        }
    }

    private static long writes(Path dir, HostDatabase database, BenchPostgres postgres) throws Exception {
        return postgres != null ? postgres.counts(database.catalog()).nextXid()
                : SqliteWal.read(BenchHost.sqliteWal(dir)).commits();
    }

    /** Posts a command from the admin and returns the host's reply, once the sandbox has it. */
    private static String ask(GeweSandbox sandbox, int port, String text, long msgId) throws Exception {
        int replies = sandbox.postedTexts().size();
        byte[] request = HttpConnection.post(port, BenchHost.CALLBACK_PATH,
                sandbox.callbacks().textJson(BenchHost.ADMIN, text, msgId).getBytes(StandardCharsets.UTF_8));
        try (HttpConnection webhook = new HttpConnection(port)) {
            int status = webhook.exchange(request).status();
            if (status != 200) {
                throw new IllegalStateException("the host answered the callback with " + status);
            }
        }
        List<PostedText> texts = sandbox.awaitPostedTexts(replies + 1, Duration.ofSeconds(60));
        return texts.get(replies).content();
    }
}
