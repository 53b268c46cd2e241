package io.gewebot.host.store;

import io.gewebot.commands.store.CommandStore;

import io.gewebot.common.store.Database;
import java.nio.file.Path;

/** A database as the host and the contact commands leave it together: the host's table and the commands'. */
public final class Databases {

    private Databases() {
    }

    /**
     * @param dataDir a data folder: its SQLite file, made when missing
     * @return the database, every table current; closing it closes it all
     */
    public static Database open(Path dataDir) {
        return open(DatabaseSettings.sqliteIn(dataDir));
    }

    /**
     * @param settings which database
     * @return the database, every table current; closing it closes it all
     */
    public static Database open(DatabaseSettings settings) {
        HostDatabase host = HostDatabase.open(settings);
        Database db = host.store();
        try {
            // As the host does: the accounts' commands first, then its own table.
            db.migrate(CommandStore.MIGRATIONS);
            host.migrate();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }
}
