package io.gewebot.host.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.gewebot.common.store.Database;
import io.gewebot.common.store.StoreException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The host's database: one SQLite file, or a PostgreSQL database reached through a pool. The host keeps
 * its own table in it (the callbacks it has handled) and hands the same database to every account's chat
 * extension, which keeps its tables there beside the host's and migrates them itself.
 *
 * <p>{@link #migrate} creates or migrates the host's table with Flyway, under the history table
 * {@value #HISTORY}; a database of an earlier version, whose history of every table is in Flyway's default
 * {@code flyway_schema_history}, starts from the version recorded there.
 */
public final class HostDatabase implements AutoCloseable {

    /** The host's Flyway history table. */
    static final String HISTORY = "host_schema_history";

    private final DatabaseSettings settings;
    private final Optional<HikariDataSource> pool;
    private final Database db;

    private HostDatabase(DatabaseSettings settings, Optional<HikariDataSource> pool, Database db) {
        this.settings = settings;
        this.pool = pool;
        this.db = db;
    }

    /**
     * Opens (creating it when missing) SQLite's {@value DatabaseSettings#DEFAULT_FILE} in a folder.
     *
     * @param dataDir the folder; created when missing
     * @return the open database
     * @throws StoreException when it cannot be opened
     */
    public static HostDatabase open(Path dataDir) {
        return open(DatabaseSettings.sqliteIn(Objects.requireNonNull(dataDir, "dataDir")));
    }

    /**
     * Opens a database; {@link #migrate} creates or migrates the host's table.
     *
     * @param settings which database
     * @return the open database
     * @throws StoreException when it cannot be reached, opened or migrated; its message names the
     *     database (PostgreSQL's host and port) and never the password
     */
    public static HostDatabase open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HostDatabase opened = switch (settings.dialect()) {
            case SQLITE -> new HostDatabase(settings, Optional.empty(), Database.over(
                    Database.sqliteFile(settings.sqliteFile().orElseThrow()), name(settings), settings::mask));
            case POSTGRESQL -> {
                HikariDataSource pool = pool(settings);
                try {
                    yield new HostDatabase(settings, Optional.of(pool), Database.owning(pool, name(settings),
                            settings::mask));
                } catch (RuntimeException e) {
                    pool.close();
                    throw e;
                }
            }
        };
        return opened;
    }

    /**
     * Creates or migrates the host's table. The host calls it once its accounts' extensions have started:
     * on a new database the commands then create theirs in an empty one.
     *
     * @throws StoreException when it cannot be migrated
     */
    public void migrate() {
        db.migrate(new Database.Migrations("host", "classpath:io/gewebot/host/db", HISTORY,
                HostDatabase.class.getClassLoader(), Optional.of(Database.FLYWAY_DEFAULT_HISTORY)));
    }

    private static String name(DatabaseSettings settings) {
        return "the host database (" + settings.describe() + ")";
    }

    private static HikariDataSource pool(DatabaseSettings settings) {
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
        // GeWe waits a few seconds for a callback's answer: one that cannot be recorded is answered 503 within them.
        config.setConnectionTimeout(3_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach the host database, PostgreSQL at " + settings.server().orElse("?")
                    + ": " + settings.mask(Database.rootMessage(e)), null);
        }
    }

    /** @return transactions on it, for the host's own table */
    public Database store() {
        return db;
    }

    /**
     * The database, for a chat extension that keeps its tables in it: the pool on PostgreSQL, the file
     * on SQLite (the extension opens a connection of its own to it).
     *
     * @return the database
     */
    public DataSource dataSource() {
        return db.dataSource();
    }

    /** @return which database this is, the password masked */
    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Measures the pool of connections into a registry ({@code hikaricp_connections_*}); SQLite's
     * connections have nothing to measure.
     *
     * @param registry the host's meter registry
     */
    public void bindMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        pool.ifPresent(p -> p.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
    }

    @Override
    public void close() {
        db.close();
    }
}
