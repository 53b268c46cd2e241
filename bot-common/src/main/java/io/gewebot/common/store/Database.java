package io.gewebot.common.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Transactions over a database someone opened: one SQLite file, or a PostgreSQL database. {@link #transaction}
 * runs work in one transaction, so a store's writes are atomic.
 *
 * <p>On SQLite there is one connection and one lock: transactions never interleave. On PostgreSQL each
 * transaction takes a connection of its own from the {@link DataSource} (a pool) and they run at once, each
 * at {@code READ COMMITTED}: a store that must not lose a race says so in its SQL (a conditional
 * {@code UPDATE}, an {@code INSERT ... ON CONFLICT}).
 *
 * <p>{@link #migrate} creates or migrates one owner's tables with Flyway, under a history table of that
 * owner's: the host and the contact commands keep their tables in one database, each migrating its own.
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

    /**
     * One owner's migrations.
     *
     * @param owner who owns the tables, for the log ({@code host}, {@code contact commands})
     * @param location the classpath folder holding a {@code sqlite} and a {@code postgresql} folder of migrations
     * @param historyTable the owner's Flyway history table
     * @param classLoader where the migrations are found: the owner's own, which in a plugin is not the
     *     thread's
     * @param adoptedHistory a history table the same migrations were once recorded in, under another name:
     *     a database that has it and not {@code historyTable} starts from the version recorded there
     */
    public record Migrations(String owner, String location, String historyTable, ClassLoader classLoader,
            Optional<String> adoptedHistory) {
        /** Checks the parts. */
        public Migrations {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(historyTable, "historyTable");
            Objects.requireNonNull(classLoader, "classLoader");
            Objects.requireNonNull(adoptedHistory, "adoptedHistory");
        }
    }

    /** Where Flyway records migrations when told no other table: earlier versions kept every owner's there. */
    public static final String FLYWAY_DEFAULT_HISTORY = "flyway_schema_history";
    /** A password given as a parameter of a JDBC URL ({@code ?password=} or {@code &password=}). */
    public static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)([^&]*)");

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** Tries of a migration: two processes starting on one new database may race to create the history table. */
    private static final int MIGRATE_TRIES = 3;
    /** Tries of a SQLite transaction that found the file written by another connection since it read. */
    private static final int BUSY_TRIES = 5;
    /**
     * How long a SQLite transaction waits for the write lock another connection holds: far longer than any
     * transaction of the host or the commands takes, and short enough that a callback that cannot be
     * recorded (a file another program keeps locked) is answered 503 before GeWe gives up waiting.
     */
    private static final int BUSY_TIMEOUT_MS = 3_000;
    /** A transaction refused at once (another connection wrote since it read) is run again; one that waited is not. */
    private static final long BUSY_RETRY_WITHIN_MS = 500;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String name;
    private final UnaryOperator<String> mask;
    private final Optional<Connection> one;
    private final Optional<AutoCloseable> owned;
    private final Object lock = new Object();

    private Database(DataSource dataSource, Dialect dialect, String name, UnaryOperator<String> mask,
            Optional<Connection> one, Optional<AutoCloseable> owned) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.name = name;
        this.mask = mask;
        this.one = one;
        this.owned = owned;
    }

    /**
     * Transactions over a database opened elsewhere; closing this leaves the {@link DataSource} open.
     *
     * @param dataSource the database
     * @param name what the database is, for messages ({@code the host database}); never a password
     * @param mask removes secrets from a driver's message
     * @return the database
     * @throws StoreException when it cannot be reached, or is of another kind
     */
    public static Database over(DataSource dataSource, String name, UnaryOperator<String> mask) {
        return over(dataSource, name, mask, Optional.empty());
    }

    /**
     * Transactions over a database this one owns: closing this closes the pool too.
     *
     * @param pool the database, closed with this
     * @param name what the database is, for messages; never a password
     * @param mask removes secrets from a driver's message
     * @param <P> a pool that can be closed
     * @return the database
     * @throws StoreException when it cannot be reached, or is of another kind; the pool is then left open
     */
    public static <P extends DataSource & AutoCloseable> Database owning(P pool, String name,
            UnaryOperator<String> mask) {
        return over(pool, name, mask, Optional.of(pool));
    }

    private static Database over(DataSource dataSource, String name, UnaryOperator<String> mask,
            Optional<AutoCloseable> owned) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mask, "mask");
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.ofProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StoreException("cannot reach " + name + ": " + mask.apply(rootMessage(e)), null);
        }
        if (dialect != Dialect.SQLITE) {
            return new Database(dataSource, dialect, name, mask, Optional.empty(), owned);
        }
        try {
            Connection connection = dataSource.getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // WAL + NORMAL survives a killed process (every commit is in the WAL file); only a
                // power loss may drop the last commits, which costs an fsync per callback to prevent.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
            }
            // Transactions are begun by hand (BEGIN IMMEDIATE): see sqliteTransaction.
            connection.setAutoCommit(true);
            return new Database(dataSource, dialect, name, mask, Optional.of(connection), owned);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + name + ": " + mask.apply(e.getMessage()), e);
        }
    }

    /**
     * A SQLite file, for one process: made when missing, with its folder.
     *
     * @param file the file
     * @return a data source over it, waiting up to 3 s for a lock another connection holds
     * @throws StoreException when its folder cannot be made
     */
    public static DataSource sqliteFile(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot make the folder of " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return sqlite;
    }

    /** @return which kind of database this is, for the little SQL that differs */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the database these transactions run on */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Creates or migrates one owner's tables. A SQLite file of a version before Flyway (its tables, no
     * history) is taken as version 0 and migrated from there; a database whose history of these migrations
     * is under {@link Migrations#adoptedHistory} starts from the version recorded there.
     *
     * @param migrations whose, and where they are
     * @throws StoreException when they cannot be applied; the message names the database, never a password
     */
    public void migrate(Migrations migrations) {
        for (int attempt = 1;; attempt++) {
            try {
                String baseline = adoptedVersion(migrations).orElse("0");
                MigrateResult result = Flyway.configure(migrations.classLoader())
                        .dataSource(dataSource)
                        .locations(migrations.location() + "/" + dialect.folder())
                        .table(migrations.historyTable())
                        // The owner's tables in a database that already holds others' (or, on SQLite, its own of
                        // a version before Flyway): the history starts at the version they are known to be at.
                        .baselineOnMigrate(true)
                        .baselineVersion(baseline)
                        .baselineDescription("schema before Flyway")
                        .load()
                        .migrate();
                LOG.info("{}: the {} tables at version {}{}", name, migrations.owner(),
                        result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                        result.migrationsExecuted == 0 ? "" : " (" + result.migrationsExecuted
                                + " migration(s) applied, from version "
                                + Optional.ofNullable(result.initialSchemaVersion).orElse("none") + ")");
                return;
            } catch (FlywayException | StoreException e) {
                if (attempt >= MIGRATE_TRIES) {
                    throw new StoreException("cannot migrate the " + migrations.owner() + " tables of " + name + ": "
                            + mask.apply(rootMessage(e)), null);
                }
                LOG.info("{}: migrating the {} tables failed ({}); trying again", name, migrations.owner(),
                        mask.apply(rootMessage(e)));
                pause(attempt * 200L);
            }
        }
    }

    /** The newest version a history table of another name recorded, when it exists and this one does not. */
    private Optional<String> adoptedVersion(Migrations migrations) {
        if (migrations.adoptedHistory().isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, migrations.historyTable()) || !exists(c, migrations.adoptedHistory().get())) {
                return Optional.empty();
            }
            try (Statement s = c.createStatement();
                    var r = s.executeQuery("SELECT version FROM " + migrations.adoptedHistory().get()
                            + " WHERE success AND version IS NOT NULL")) {
                int newest = 0;
                while (r.next()) {
                    newest = Math.max(newest, Integer.parseInt(r.getString(1)));
                }
                return Optional.of(Integer.toString(newest));
            }
        } catch (SQLException | NumberFormatException e) {
            throw new StoreException("cannot read " + migrations.adoptedHistory().get() + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (var r = c.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return r.next();
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
        if (one.isPresent()) {
            for (int attempt = 1;; attempt++) {
                long began = System.nanoTime();
                try {
                    synchronized (lock) {
                        began = System.nanoTime();
                        return sqliteTransaction(one.get(), work);
                    }
                } catch (StoreException e) {
                    // Another connection to the file wrote after this transaction read (a data source opened
                    // elsewhere, in the default deferred mode): rolled back, it is run again on a fresh snapshot.
                    // One that waited out the busy timeout found the file locked: that is said at once.
                    boolean waited = System.nanoTime() - began > BUSY_RETRY_WITHIN_MS * 1_000_000;
                    if (attempt >= BUSY_TRIES || !busy(e) || waited) {
                        throw e;
                    }
                    pause(attempt * 5L);
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                return runAndCommit(connection, work);
            } finally {
                if (autoCommit) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            // No connection within the pool's timeout (the server gone), or closing it failed.
            throw failed(e);
        }
    }

    /**
     * Runs work whose statements each stand alone: each one's effect is whole by itself, whatever a failure
     * after it leaves, and none needs to see the data as another of them saw it. On PostgreSQL each is
     * committed as it ends (autocommit), which spares the round trip of a {@code COMMIT}: at the isolation
     * the host uses, read committed, each statement sees the data as it is when it starts, in a transaction
     * or not. On SQLite, inside the process, it is a {@link #transaction}.
     *
     * @param work the work
     * @param <T> its result type
     * @return its result
     * @throws StoreException when a statement fails; those before it took effect
     */
    public <T> T atOnce(Work<T> work) {
        if (one.isPresent()) {
            return transaction(work);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.run(connection);
            } catch (SQLException | RuntimeException e) {
                throw failed(e);
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            // No connection within the pool's timeout (the server gone), or closing it failed.
            throw failed(e);
        }
    }

    /** Closes SQLite's one connection, and the pool when this owns it ({@link #owning}). */
    @Override
    public void close() {
        try {
            if (one.isPresent()) {
                synchronized (lock) {
                    one.get().close();
                }
            }
            if (owned.isPresent()) {
                owned.get().close();
            }
        } catch (Exception e) {
            throw new StoreException("cannot close " + name + ": " + mask.apply(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * A transaction on SQLite's one connection. The host and the commands may each hold a connection to the
     * file: the transaction takes the write lock as it begins ({@code BEGIN IMMEDIATE}, waiting up to the busy
     * timeout for the other's), rather than read first and then fail to write because the other wrote meanwhile.
     */
    private <T> T sqliteTransaction(Connection connection, Work<T> work) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw failed(e);
        }
    }

    /** Committed when it returns, rolled back when it throws. */
    private <T> T runAndCommit(Connection connection, Work<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failed(e);
        }
    }

    private StoreException failed(Exception e) {
        if (e instanceof StoreException se) {
            return se;
        }
        return new StoreException("database: " + mask.apply(e.getMessage()), e);
    }

    /**
     * The message of the deepest cause: the driver's own words (refused, unknown host, bad password).
     *
     * @param e a failure
     * @return its deepest message, or the class of the deepest cause without one
     */
    public static String rootMessage(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return Optional.ofNullable(deepest.getMessage()).orElse(deepest.getClass().getSimpleName());
    }

    /**
     * Masks what a driver's message may say of a password: a URL's {@code password=} parameter. For a database
     * someone else opened, whose password this code never knew.
     *
     * @param text a message
     * @return it, any {@code password=} value masked
     */
    public static String maskPasswordParameters(String text) {
        return PASSWORD_PARAMETER.matcher(String.valueOf(text)).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***"));
    }

    private static boolean busy(StoreException e) {
        return e.getCause() instanceof SQLException sql && String.valueOf(sql.getMessage()).contains("SQLITE_BUSY");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the database", e);
        }
    }
}
