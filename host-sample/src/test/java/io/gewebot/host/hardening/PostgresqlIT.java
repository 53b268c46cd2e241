package io.gewebot.host.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.host.e2e.BuiltHost;
import io.gewebot.testkit.HostProcess;
import io.gewebot.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built host keeps its state in PostgreSQL when {@code --database-url} names one: what it did is
 * there after a restart, nothing goes to {@code host.db}, and the password shows nowhere.
 */
class PostgresqlIT extends RigTest {

    private static final String PASSWORD = "pg-pass-7f3a91";

    @Test
    void anAddIsSentAndStillInTheHistoryAfterARestartWithTheStateInPostgresql() throws Exception {
        TestPostgres.Db db = TestPostgres.freshDatabase();
        Map<String, String> database = Map.of("BOT_DATABASE_USER", db.user(), "BOT_DATABASE_PASSWORD", PASSWORD);

        HostProcess host = rig.start(database, concat("--database-url", db.jdbcUrl()));
        assertThat(host.output()).contains("Database: PostgreSQL at " + db.jdbcUrl() + " as user " + db.user());
        assertThat(rig.ask("/add wxid_demo", "Friend request sent")).contains("wxid_demo");
        assertThat(rig.addContacts(2)).hasSize(1);
        assertThat(rig.addContacts(2).get(0).json().path("v3").asText()).isNotEmpty();
        assertThat(host.get("/health").body()).doesNotContain(PASSWORD);
        assertThat(host.terminate()).isZero();

        host = rig.start(database, concat("--database-url", db.jdbcUrl()));
        String history = rig.ask("/history", "Recent commands");
        assertThat(history).contains("wxid_demo").contains("DONE");
        assertThat(Files.exists(rig.data.resolve("host.db"))).as("no SQLite file beside").isFalse();
        assertThat(host.terminate()).isZero();
        assertThat(host.output()).doesNotContain(PASSWORD);
    }

    @Test
    void anUnreachableServerStopsTheStartNamingHostAndPortButNotThePassword() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/bot?password=" + PASSWORD;
        try (HostProcess host = BuiltHost.builder(dir.resolve("work")).env(rig.env()).env("BOT_DATABASE_URL", url)
                .env("BOT_DATABASE_PASSWORD", PASSWORD).args("--port", "0", "--no-console").start()) {
            assertThat(host.waitFor(Duration.ofSeconds(60))).isTrue();

            assertThat(host.exitCode()).isEqualTo(1);
            assertThat(host.output()).contains("Cannot start: cannot reach the host database, PostgreSQL at 127.0.0.1:"
                    + port + ": ").contains("refused").doesNotContain(PASSWORD);
        }
    }

    private static List<String> concat(String flag, String value) {
        List<String> args = new ArrayList<>(HostProcess.NO_PACING);
        args.add(flag);
        args.add(value);
        return args;
    }
}
