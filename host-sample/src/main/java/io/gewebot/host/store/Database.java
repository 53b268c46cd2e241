package io.gewebot.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The host's database, which every store shares: one SQLite file, or a PostgreSQL database.
 * {@link #transaction} runs work in one transaction, so a store's writes are atomic.
 *
 * <p>On SQLite there is one connection and one lock: transactions never interleave. On PostgreSQL
 * connections come from a pool and transactions run at once, each at {@code READ COMMITTED}: a store
 * that must not lose a race says so in its SQL (a conditional {@code UPDATE}, an
 * {@code INSERT ... ON CONFLICT}).
 *
 * <p>Opening creates the schema, or migrates it, with Flyway: the migrations in
 * {@code db/migration/sqlite} and {@code db/migration/postgresql} are the one place the schema is
 * written. A SQLite file of a version before Flyway (its tables, no history) is taken as version 0
 * and migrated from there.
 */
public final class Database implements AutoCloseable {

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection the open connection, in a transaction
         * @return a result
         * @throws SQLException when a statement fails; the transaction is then rolled back
         */
        T run(Connection connection) throws SQLException;
    }

    /** How the transactions of one kind of database get their connection. */
    private sealed interface Connections extends AutoCloseable permits OneConnection, Pool {
        <T> T transaction(Work<T> work, DatabaseSettings settings);

        @Override
        void close() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseSettings settings;
    private final Connections connections;

    private Database(DatabaseSettings settings, Connections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    /**
     * Opens (creating it when missing) SQLite's {@value DatabaseSettings#DEFAULT_FILE} in a folder.
     *
     * @param dataDir the folder; created when missing
     * @return the open database, its schema current
     * @throws StoreException when it cannot be opened or migrated
     */
    public static Database open(Path dataDir) {
        return open(DatabaseSettings.sqliteIn(Objects.requireNonNull(dataDir, "dataDir")));
    }

    /**
     * Opens a database, and creates or migrates its schema.
     *
     * @param settings which database
     * @return the open database, its schema current
     * @throws StoreException when it cannot be reached, opened or migrated; its message names the
     *     database (PostgreSQL's host and port) and never the password
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return switch (settings.dialect()) {
            case SQLITE -> new Database(settings, openSqlite(settings));
            case POSTGRESQL -> new Database(settings, openPostgresql(settings));
        };
    }

    /** @return which kind of database this is, for the little SQL that differs */
    public Dialect dialect() {
        return settings.dialect();
    }

    /**
     * The pool of connections, for a chat extension that keeps its tables in the host's database: there
     * is one on PostgreSQL. SQLite's one connection is the host's alone; an extension keeps a file of its
     * own beside it.
     *
     * @return the pool, or empty on SQLite
     */
    public Optional<DataSource> dataSource() {
        return connections instanceof Pool pool ? Optional.of(pool.dataSource) : Optional.empty();
    }

    /** @return which database this is, the password masked */
    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Measures the pool of connections into a registry ({@code hikaricp_connections_*}); SQLite's one
     * connection has nothing to measure.
     *
     * @param registry the host's meter registry
     */
    public void bindMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (connections instanceof Pool pool) {
            pool.dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work the work
     * @param <T> its result type
     * @return its result
     * @throws StoreException when a statement fails
     */
    public <T> T transaction(Work<T> work) {
        return connections.transaction(work, settings);
    }

    @Override
    public void close() {
        try {
            connections.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the host database: " + settings.mask(e.getMessage()), e);
        }
    }

    private static Connections openSqlite(DatabaseSettings settings) {
        Path file = settings.sqliteFile().orElseThrow();
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(5000);
            SQLiteDataSource migrations = new SQLiteDataSource(config);
            migrations.setUrl(settings.url());
            migrate(migrations, settings);
            Connection connection = DriverManager.getConnection(settings.url());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // WAL + NORMAL survives a killed process (every commit is in the WAL file); only a
                // power loss may drop the last commits, which costs an fsync per callback to prevent.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            connection.setAutoCommit(false);
            return new OneConnection(connection);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the host database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connections openPostgresql(DatabaseSettings settings) {
        String where = settings.server().orElse("?");
        HikariConfig config = new HikariConfig();
        config.setPoolName("host-db");
        config.setJdbcUrl(settings.connectionUrl());
        settings.effectivePassword().ifPresent(config::setPassword);
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach the host database, PostgreSQL at " + where + ": "
                    + settings.mask(rootMessage(e)), null);
        }
        try {
            migrate(pool, settings);
            return new Pool(pool);
        } catch (StoreException e) {
            pool.close();
            throw e;
        }
    }

    private static void migrate(DataSource dataSource, DatabaseSettings settings) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(settings.dialect().migrationLocation())
                    // A SQLite file of a version before Flyway has the tables and no history: version 0,
                    // which V1 takes from whatever shape it finds. Never on PostgreSQL, which the host
                    // used only with Flyway: there a baseline would race the history table of another
                    // host starting at the same moment ("already exists, and is empty").
                    .baselineOnMigrate(settings.dialect() == Dialect.SQLITE)
                    .baselineVersion("0")
                    .baselineDescription("schema before Flyway")
                    .load()
                    .migrate();
            LOG.info("Database schema at version {}{}", result.targetSchemaVersion == null ? result.initialSchemaVersion
                    : result.targetSchemaVersion, result.migrationsExecuted == 0 ? ""
                            : " (" + result.migrationsExecuted + " migration(s) applied, from version "
                                    + Optional.ofNullable(result.initialSchemaVersion).orElse("none") + ")");
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the host database (" + settings.describe() + "): "
                    + settings.mask(rootMessage(e)), null);
        }
    }

    /** The message of the deepest cause: the driver's own words (refused, unknown host, bad password). */
    private static String rootMessage(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return Optional.ofNullable(deepest.getMessage()).orElse(deepest.getClass().getSimpleName());
    }

    private static StoreException failed(Exception e, DatabaseSettings settings) {
        if (e instanceof StoreException se) {
            return se;
        }
        return new StoreException("database: " + settings.mask(e.getMessage()), e);
    }

    private static void rollback(Connection connection, Exception e) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            e.addSuppressed(suppressed);
        }
    }

    /** Runs work on a connection in its transaction: committed when it returns, rolled back when it throws. */
    private static <T> T runAndCommit(Connection connection, Work<T> work, DatabaseSettings settings) {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(connection, e);
            throw failed(e, settings);
        }
    }

    /** SQLite: one connection, one transaction at a time. */
    private static final class OneConnection implements Connections {
        private final Connection connection;
        private final Object lock = new Object();

        OneConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public <T> T transaction(Work<T> work, DatabaseSettings settings) {
            synchronized (lock) {
                return runAndCommit(connection, work, settings);
            }
        }

        @Override
        public void close() throws SQLException {
            synchronized (lock) {
                connection.close();
            }
        }
    }

    /** PostgreSQL: a connection from the pool per transaction, transactions at once. */
    private static final class Pool implements Connections {
        private final HikariDataSource dataSource;

        Pool(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public <T> T transaction(Work<T> work, DatabaseSettings settings) {
            try (Connection connection = dataSource.getConnection()) {
                return runAndCommit(connection, work, settings);
            } catch (SQLException e) {
                // No connection within the pool's timeout (the server gone), or closing it failed.
                throw failed(e, settings);
            }
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }
}
