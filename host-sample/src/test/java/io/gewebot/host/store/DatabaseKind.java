package io.gewebot.host.store;

import io.gewebot.testkit.TestPostgres;
import java.nio.file.Path;

/**
 * The databases every store test runs against: SQLite in a test's folder, and a fresh database on the
 * test PostgreSQL server ({@link TestPostgres}). Run a test class against each with
 * {@code @ParameterizedClass @EnumSource(DatabaseKind.class)}.
 */
public enum DatabaseKind {

    /** {@code host.db} in the test's folder. */
    SQLITE {
        @Override
        public DatabaseSettings newDatabase(Path dir) {
            return DatabaseSettings.sqliteIn(dir);
        }
    },

    /** A new, empty database on the test server. */
    POSTGRESQL {
        @Override
        public DatabaseSettings newDatabase(Path dir) {
            TestPostgres.Db db = TestPostgres.freshDatabase();
            return DatabaseSettings.parse(db.jdbcUrl(), db.user(), db.password());
        }
    };

    /**
     * A database no test used before: opening the settings again is a restart of the same database.
     *
     * @param dir the test's temporary folder
     * @return where the database is
     */
    public abstract DatabaseSettings newDatabase(Path dir);
}
