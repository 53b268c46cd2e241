package io.gewebot.bench;

import io.gewebot.sandbox.GeweSandbox;
import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one {@code /add} asks of the host's database, counted from outside the host, one command at
 * a time on an otherwise idle host (pacing off, as in the end-to-end benchmark). Between one
 * command and the next the counts are read once they stopped moving (the reply is posted before
 * the last of the command's work is written), so consecutive windows cover all the time and each
 * holds one command.
 *
 * <ul>
 *   <li>PostgreSQL ({@link BenchPostgres}): every statement's calls from {@code pg_stat_statements},
 *       BEGIN among them (the driver opens each transaction with one; this server's
 *       {@code pg_stat_statements} lists no COMMIT), and the transactions that wrote (transaction ids
 *       handed out).
 *   <li>SQLite: the commits that wrote, from the {@code -wal} file ({@link SqliteWal}). SQLite runs
 *       inside the host's process, so nothing outside it sees its statements or its read-only
 *       transactions.
 * </ul>
 *
 * <p>The idle host's own work (on PostgreSQL the lease renewed every 5 s, and the pacer looking at
 * its queue) is counted over an idle stretch first; the windows in which a statement that marks
 * that work ran are set apart ({@link Result#markers()}), and the medians are over the others.
 */
final class AddCounts {

    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "ROLLBACK");

    /**
     * The counts one window added.
     *
     * @param calls per statement (PostgreSQL; empty for SQLite)
     * @param writes transactions that wrote
     * @param complete false when SQLite started its log over within the window, which hides what the
     *     earlier round held after the window began
     */
    record Window(Map<String, Long> calls, long writes, boolean complete) {
        long statements() {
            return calls.entrySet().stream().filter(e -> !TRANSACTION_CONTROL.contains(e.getKey().toUpperCase(Locale.ROOT)))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long control(String word) {
            return calls.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(word))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        boolean touches(Set<String> queries) {
            return calls.keySet().stream().anyMatch(queries::contains);
        }
    }

    /**
     * @param database the database's name
     * @param statementsSeen whether statements were counted (PostgreSQL) or only commits (SQLite)
     * @param idle what the idle host did over {@code idleSeconds}
     * @param idleSeconds how long it was watched idle
     * @param adds one window per measured {@code /add}
     */
    record Result(String database, boolean statementsSeen, Window idle, double idleSeconds, List<Window> adds) {
        /**
         * The marks of the idle host's own work in a window: statements it ran when idle that an
         * {@code /add} usually does not (their median calls over the windows is 0), such as the
         * lease's. Statements that both run (the pacer's look at its queue) are no mark.
         */
        Set<String> markers() {
            Set<String> out = new TreeSet<>();
            for (String query : idle.calls().keySet()) {
                long[] calls = adds.stream().mapToLong(w -> w.calls().getOrDefault(query, 0L)).toArray();
                if (!TRANSACTION_CONTROL.contains(query.toUpperCase(Locale.ROOT)) && Stats.median(calls) == 0) {
                    out.add(query);
                }
            }
            return out;
        }

        /** The windows without a mark of the idle host's work in them, and whole. */
        List<Window> clean() {
            Set<String> markers = markers();
            return adds.stream().filter(w -> w.complete() && !w.touches(markers)).toList();
        }
    }

    /** One reading of the counts. */
    private record Reading(Map<String, Long> calls, long round, long writes) {
        Window since(Reading before) {
            Map<String, Long> delta = new TreeMap<>();
            calls.forEach((query, n) -> {
                long d = n - before.calls().getOrDefault(query, 0L);
                if (d != 0) {
                    delta.put(query, d);
                }
            });
            return new Window(delta, writes - before.writes(), round == before.round());
        }
    }

    @FunctionalInterface
    private interface Reader {
        Reading read() throws Exception;
    }

    private final Setup setup;

    AddCounts(Setup setup) {
        this.setup = setup;
    }

    /**
     * @param database where the host keeps its state
     * @param postgres the server it is on, for a PostgreSQL database; null for SQLite
     */
    Result run(HostDatabase database, BenchPostgres postgres, int warmup, int measured, Duration idle)
            throws Exception {
        Path dir = setup.newWorkDir("counts");
        Reader reader = postgres != null ? () -> {
            BenchPostgres.Counts c = postgres.counts(database.catalog());
            return new Reading(c.calls(), 0, c.nextXid());
        } : () -> {
            SqliteWal wal = SqliteWal.read(BenchHost.sqliteWal(dir));
            return new Reading(Map.of(), wal.round(), wal.commits());
        };
        try (GeweSandbox sandbox = GeweSandbox.start();
                HostProcess host = BenchHost.start(setup, dir, sandbox, List.of("-Xmx64m"), HostProcess.NO_PACING,
                        database)) {
            host.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10), true);
            for (int i = 0; i < warmup; i++) {
                add(sandbox, host.port(), "wxid_cntw_" + i, 7_600_000_000_000L + i);
            }
            Reading before = settled(reader);
            long began = System.nanoTime();
            Thread.sleep(idle.toMillis());
            Reading after = reader.read();
            double idleSeconds = (System.nanoTime() - began) / 1e9;
            Window idleWindow = after.since(before);
            List<Window> adds = new ArrayList<>();
            before = settled(reader);
            for (int i = 0; i < measured; i++) {
                add(sandbox, host.port(), "wxid_cnt_" + i, 7_650_000_000_000L + i);
                after = settled(reader);
                adds.add(after.since(before));
                before = after;
            }
            return new Result(database.name(), postgres != null, idleWindow, idleSeconds, adds);
        }
    }

    /**
     * One {@code /add}, returning once its reply reached the sandbox; on a connection of its own, since
     * the host closes one left idle (the idle stretch is longer than its request timeout).
     */
    private static void add(GeweSandbox sandbox, int port, String target, long msgId) throws Exception {
        sandbox.addPerson(target, null, null, "Count " + target);
        int replies = sandbox.postedTexts().size();
        byte[] request = HttpConnection.post(port, BenchHost.CALLBACK_PATH, sandbox.callbacks()
                .textJson(BenchHost.ADMIN, "/add " + target + " hi", msgId).getBytes(StandardCharsets.UTF_8));
        int status;
        try (HttpConnection webhook = new HttpConnection(port)) {
            status = webhook.exchange(request).status();
        }
        if (status != 200) {
            throw new IllegalStateException("the host answered the /add callback with " + status);
        }
        List<PostedText> texts = sandbox.awaitPostedTexts(replies + 1, Duration.ofSeconds(30));
        String reply = texts.get(replies).content();
        if (!reply.startsWith("Friend request sent to") || !reply.contains(target)) {
            throw new IllegalStateException("unexpected reply to /add " + target + ": " + reply);
        }
    }

    /** The counts once they held still for 100 ms (and at least 200 ms after the reply), at most 3 s on. */
    private static Reading settled(Reader reader) throws Exception {
        Thread.sleep(200);
        long deadline = System.nanoTime() + 3_000_000_000L;
        Reading last = reader.read();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            Reading now = reader.read();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
