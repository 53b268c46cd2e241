package io.gewebot.host.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The host's one SQLite file. Every store shares its single connection; {@link #transaction} runs
 * work under one lock and one transaction, so a store's writes are atomic and never interleave.
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

    private final Connection connection;
    private final Object lock = new Object();

    private Database(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating it when missing) {@code host.db} in a folder.
     *
     * @param dataDir the folder; created when missing
     * @return the open database
     * @throws StoreException when it cannot be opened
     */
    public static Database open(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        try {
            Files.createDirectories(dataDir);
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("host.db"));
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // WAL + NORMAL survives a killed process (every commit is in the WAL file); only a
                // power loss may drop the last commits, which costs an fsync per callback to prevent.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            connection.setAutoCommit(false);
            return new Database(connection);
        } catch (IOException | SQLException e) {
            throw new StoreException("cannot open the host database in " + dataDir + ": " + e.getMessage(), e);
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
        synchronized (lock) {
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
                if (e instanceof StoreException se) {
                    throw se;
                }
                throw new StoreException("database: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Runs DDL statements (such as {@code CREATE TABLE IF NOT EXISTS}) in one transaction.
     *
     * @param statements the statements
     */
    public void ensureSchema(String... statements) {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new StoreException("cannot close the host database: " + e.getMessage(), e);
            }
        }
    }
}
