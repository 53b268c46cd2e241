package io.gewebot.host;

import io.gewebot.host.store.DatabaseSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the host keeps its state.
 *
 * @param dataDir the folder for the host's state: {@code data/} in the working directory unless
 *     configured, never beside the jar (which is inside the build output)
 * @param ephemeralData whether that folder is a fresh temporary one, removed at exit: so it is on the
 *     embedded sandbox unless a data folder is configured, since the sandbox forgets everything too
 * @param database the database configured ({@code --database-url}); empty for SQLite's
 *     {@value DatabaseSettings#DEFAULT_FILE} in the data folder
 */
public record StorageConfig(Path dataDir, boolean ephemeralData, Optional<DatabaseSettings> database) {

    /** The environment variable the database's password is read from; there is no flag for it. */
    public static final String DATABASE_PASSWORD = "BOT_DATABASE_PASSWORD";

    /**
     * Checks the parts.
     *
     * @throws NullPointerException when a part is {@code null}
     */
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
    }
}
