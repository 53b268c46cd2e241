package io.gewebot.host.hardening;

import static io.gewebot.host.hardening.Rig.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gewebot.sandbox.PostedText;
import io.gewebot.testkit.HostProcess;
import io.gewebot.testkit.TestPostgres;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for a few seconds while GeWe pushes chat texts (50 a second) and an admin's
 * commands (a {@code /limits} every second, a few {@code /add}s): every callback the host answers 200 is
 * carried out once, however late; one it could not record is answered 503 and, pushed again by GeWe with
 * the same {@code NewMsgId}, taken once. Every command is answered exactly once, every {@code /add} sends
 * exactly one friend request, and {@code /health} says {@code DEGRADED} while the database is away and
 * {@code UP} by itself after.
 */
class DatabaseOutageIT extends RigTest {

    private static final String PASSWORD = "pg-outage-5b21c7";
    private static final Duration LOAD = Duration.ofSeconds(16);
    private static final Duration OUTAGE_AT = Duration.ofSeconds(4);
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void postgresqlRestartedUnderLoadLosesNoCommandAndCarriesNoneOutTwice() throws Exception {
        try (TestPostgres.Server pg = TestPostgres.Server.start(dir.resolve("pg"))) {
            TestPostgres.Db db = pg.database("bot");
            List<String> args = new ArrayList<>(HostProcess.NO_PACING);
            args.addAll(List.of("--database-url", db.jdbcUrl()));
            HostProcess host = rig.start(Map.of("BOT_DATABASE_USER", db.user(), "BOT_DATABASE_PASSWORD", PASSWORD),
                    args);

            Load load = new Load();
            load.run(() -> {
                pg.stop();
                awaitHealth(host, "\"state\":\"UNREACHABLE\"");
                Thread.sleep(OUTAGE.toMillis());
                pg.restart();
            });
            load.assertEachCommandCarriedOutOnce();
            awaitHealth(host, "\"state\":\"UP\"");
            assertThat(host.get("/health").body()).doesNotContain("DEGRADED");
            // Whether a callback already recorded meets the outage while it is handled (and waits) is the load's
            // timing; that every one is carried out once is what the load checked.
            assertThat(host.output()).contains("cannot be reached or written").contains("answers again, after")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void aSqliteFileOthersHoldLockedUnderLoadLosesNoCommandAndCarriesNoneOutTwice() throws Exception {
        HostProcess host = rig.start(HostProcess.NO_PACING);
        Path file = rig.data.resolve("host.db");

        Load load = new Load();
        load.run(() -> {
            // Another program (a backup, an operator's sqlite3) holds the file's write lock for a while.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("BEGIN EXCLUSIVE");
                awaitHealth(host, "\"state\":\"UNREACHABLE\"");
                Thread.sleep(OUTAGE.toMillis());
                s.execute("ROLLBACK");
            }
        });
        load.assertEachCommandCarriedOutOnce();
        awaitHealth(host, "\"state\":\"UP\"");
        assertThat(host.output()).contains("cannot be reached or written: [SQLITE_BUSY]")
                .contains("answered 503, so that GeWe pushes them again").contains("answers again, after");
    }

    /** /health, read until it says something. */
    private static void awaitHealth(HostProcess host, String part) {
        await("/health saying " + part).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    String body = host.get("/health").body();
                    assertThat(body).doesNotContain(PASSWORD);
                    return body.contains(part) && (!part.contains("UNREACHABLE") || body.contains("\"DEGRADED\""));
                });
    }

    /** Something the test does to the database while the load runs. */
    private interface Outage {
        void run() throws Exception;
    }

    /**
     * GeWe's side: unique chat texts from a stranger, 50 a second, and an admin's commands; a callback not
     * answered 200 (a 503, or no answer in time) is pushed again after a while, as it was.
     */
    private final class Load {
        private final AtomicLong ids = new AtomicLong(7_100_000_000_000_000_000L);
        private final AtomicInteger limits = new AtomicInteger();
        private final List<String> adds = new ArrayList<>();
        private final Map<Long, Integer> refusals = new ConcurrentHashMap<>();
        private final ScheduledExecutorService gewePushes = Executors.newScheduledThreadPool(8);
        private int mark;

        void run(Outage outage) throws Exception {
            mark = rig.mark();
            long start = System.nanoTime();
            gewePushes.scheduleAtFixedRate(() -> push("wxid_chatter", "hello " + ids.get()), 0, 20,
                    TimeUnit.MILLISECONDS);
            gewePushes.scheduleAtFixedRate(() -> {
                limits.incrementAndGet();
                push(ADMIN, "/limits");
            }, 0, 1, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                String target = "wxid_outage_" + i;
                gewe.addPerson(target, "outage_" + i, "1380000000" + i, "Outage " + i);
                synchronized (adds) {
                    adds.add(target);
                }
                gewePushes.schedule(() -> push(ADMIN, "/add " + target), 1 + i * 4L, TimeUnit.SECONDS);
            }
            Thread.sleep(OUTAGE_AT.toMillis());
            outage.run();
            long left = LOAD.toNanos() - (System.nanoTime() - start);
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(left)));
            gewePushes.shutdown();
            // What was refused is pushed again until taken: the pushes under way finish.
            assertThat(gewePushes.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        }

        private void push(String from, String text) {
            long id = ids.incrementAndGet();
            String json = gewe.callbacks().textJson(from, text, id);
            pushUntilTaken(json, id);
        }

        private void pushUntilTaken(String json, long id) {
            int status;
            try {
                status = gewe.callbacks().pushRaw(json);
            } catch (UncheckedIOException e) {
                status = -1;
            }
            if (status != 200) {
                refusals.merge(id, 1, Integer::sum);
                if (!gewePushes.isShutdown()) {
                    gewePushes.schedule(() -> pushUntilTaken(json, id), 500, TimeUnit.MILLISECONDS);
                } else {
                    sleepQuietly();
                    pushUntilTaken(json, id);
                }
            }
        }

        private void sleepQuietly() {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void assertEachCommandCarriedOutOnce() {
            assertThat(refusals).as("callbacks refused while the database was away").isNotEmpty();
            int expected = limits.get();
            try {
                await("a reply to each of " + expected + " /limits and " + adds.size() + " /add")
                        .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> replies("Limits of account").size() >= expected
                                && replies("Friend request sent").size() >= adds.size());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(replies("Limits of account").size() + " of " + expected + " /limits and "
                        + replies("Friend request sent").size() + " of " + adds.size() + " /add answered; texts: "
                        + rig.textsSince(mark).stream().filter(t -> t.toWxid().equals(ADMIN)).toList()
                        + "\nhost output:\n" + rig.host().output(), e);
            }
            // Late ones would come now.
            Rig.never("a second reply to a command", Duration.ofSeconds(3),
                    () -> replies("Limits of account").size() > expected
                            || replies("Friend request sent").size() > adds.size());
            assertThat(replies("Limits of account")).hasSize(expected);
            for (String target : adds) {
                assertThat(replies("Friend request sent")).as("replies to /add " + target)
                        .filteredOn(t -> t.content().contains(target)).hasSize(1);
            }
            assertThat(gewe.outgoingRequests()).as("friend requests sent").hasSize(adds.size());
            assertThat(rig.addContacts(2)).hasSize(adds.size());
        }

        private List<PostedText> replies(String part) {
            return rig.textsSince(mark).stream()
                    .filter(t -> t.toWxid().equals(ADMIN) && t.content().contains(part)).toList();
        }
    }
}
