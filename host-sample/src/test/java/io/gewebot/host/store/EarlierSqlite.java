package io.gewebot.host.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A {@code host.db} as a version before Flyway left it, built in a test from raw statements: its tables
 * and rows, no migration history.
 */
public final class EarlierSqlite {

    private EarlierSqlite() {
    }

    /**
     * Writes a new {@code host.db} in a folder, replacing any there.
     *
     * @param dataDir the folder
     * @param statements the DDL and rows of the earlier version
     * @return the file
     */
    public static Path write(Path dataDir, List<String> statements) throws IOException, SQLException {
        Path file = dataDir.resolve(DatabaseSettings.DEFAULT_FILE);
        Files.createDirectories(dataDir);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(dataDir.resolve(file.getFileName() + suffix));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return file;
    }
}
