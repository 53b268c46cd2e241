package io.gewebot.host.store;

import io.gewebot.commands.store.FriendRequestInbox;

import io.gewebot.common.store.StoreException;
import io.gewebot.common.store.Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gewebot.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

    @TempDir
    Path dir;

    private static int count(Database db, String sql) {
        return db.transaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    /** Work that inserts a delivered id, then fails with {@code why}. */
    private static Database.Work<Void> insertThenFail(String key, String why) {
        return c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO delivered (msg_key, seen_at) VALUES (?, 1)")) {
                s.setString(1, key);
                s.executeUpdate();
            }
            throw new SQLException(why);
        };
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void workThatThrowsLeavesNothingBehindAndTheDatabaseGoesOn(DatabaseKind kind) {
        try (Database db = Databases.open(kind.newDatabase(dir))) {
            assertThat(db.dialect().name()).isEqualTo(kind.name());
            assertThatThrownBy(() -> db.transaction(insertThenFail("app:1", "the work failed half-way"))).isInstanceOf(StoreException.class).hasMessage("database: the work failed half-way");
            assertThat(count(db, "SELECT COUNT(*) FROM delivered")).isZero();
            assertThat(Deliveries.first(new DeliveredCallbacks(db, java.time.Clock.systemUTC(),
                    java.time.Duration.ofDays(1), 10), "app:1")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void workOfStatementsThatStandAloneKeepsOnPostgresqlWhatWentThroughBeforeAFailureAndTheConnectionGoesOn(
            DatabaseKind kind) {
        try (Database db = Databases.open(kind.newDatabase(dir))) {
            assertThatThrownBy(() -> db.atOnce(insertThenFail("app:2", "the second statement failed"))).isInstanceOf(StoreException.class).hasMessage("database: the second statement failed");
            // PostgreSQL committed the first statement as it ended; SQLite ran the work as one transaction.
            assertThat(count(db, "SELECT COUNT(*) FROM delivered")).isEqualTo(kind == DatabaseKind.POSTGRESQL ? 1 : 0);
            // Every pooled connection is back in a transaction of its own: a transaction's work rolls back whole.
            for (int i = 0; i < 12; i++) {
                assertThatThrownBy(() -> db.transaction(insertThenFail("app:3", "the work failed half-way")))
                        .isInstanceOf(StoreException.class);
            }
            assertThat(count(db, "SELECT COUNT(*) FROM delivered WHERE msg_key = 'app:3'")).isZero();
        }
    }

    @Nested
    class OnPostgresql {

        @RepeatedTest(5)
        void hostsStartingAtOnceOnAnEmptyDatabaseAllOpenItAndTheSchemaIsCreatedOnce() throws Exception {
            DatabaseSettings where = DatabaseKind.POSTGRESQL.newDatabase(dir);
            int hosts = 3;
            ExecutorService pool = Executors.newFixedThreadPool(hosts);
            List<Database> opened = new ArrayList<>();
            try {
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Database>> starts = new ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    starts.add(pool.submit(() -> {
                        gate.await();
                        return Databases.open(where);
                    }));
                }
                gate.countDown();
                for (Future<Database> start : starts) {
                    opened.add(start.get(60, TimeUnit.SECONDS));
                }
                assertThat(count(opened.get(0), "SELECT COUNT(*) FROM contact_commands_history WHERE success"))
                        .as("each version, applied by one of them")
                        .isEqualTo(count(opened.get(0), "SELECT COUNT(DISTINCT version) FROM contact_commands_history"))
                        .isGreaterThanOrEqualTo(2);
                new FriendRequestInbox(opened.get(1)).expectContact("app", "wxid_a");
                assertThat(new FriendRequestInbox(opened.get(2)).contactArrived("app", "wxid_a")).isTrue();
            } finally {
                pool.shutdownNow();
                opened.forEach(Database::close);
            }
        }

        @Test
        void thePoolIsMeasuredIntoTheHostsRegistry() {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (HostDatabase host = HostDatabase.open(DatabaseKind.POSTGRESQL.newDatabase(dir))) {
                host.migrate();
                host.bindMetrics(registry);
                count(host.store(), "SELECT COUNT(*) FROM delivered");
                assertThat(registry.find("hikaricp.connections.max").tag("pool", "host-db").gauge())
                        .isNotNull().satisfies(g -> assertThat(g.value()).isEqualTo(10.0));
                assertThat(registry.find("hikaricp.connections.usage").tag("pool", "host-db").timer())
                        .isNotNull().satisfies(t -> assertThat(t.count()).isPositive());
            }
        }

        @Test
        void anUnreachableServerFailsTheOpenNamingHostAndPortButNeverThePassword() throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            DatabaseSettings where = DatabaseSettings.parse("jdbc:postgresql://127.0.0.1:" + port + "/bot?password=s3cret-in-url",
                    "bot", "");

            assertThatThrownBy(() -> Databases.open(where)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("cannot reach the host database, PostgreSQL at 127.0.0.1:" + port + ": ")
                    .hasMessageContaining("refused")
                    .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause())
                            .doesNotContain("s3cret-in-url"));
        }

        @Test
        void aWrongPasswordIsRefusedWithoutSayingIt() {
            TestPostgres.Db db = TestPostgres.freshDatabase();
            // The test server trusts local connections, so a user that does not exist stands in for a refusal.
            DatabaseSettings where = DatabaseSettings.parse(db.jdbcUrl(), "nobody", "pa55-word");

            assertThatThrownBy(() -> Databases.open(where)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("PostgreSQL at localhost:" + db.port())
                    .hasMessageContaining("nobody")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pa55-word"));
        }
    }
}
