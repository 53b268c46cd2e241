package io.gewebot.host.store;

/**
 * The kind of database the host keeps its state in, and the few places where the stores' SQL differs
 * between them. Everything else the stores say is written once, in SQL both understand.
 */
public enum Dialect {

    /** One SQLite file: the default, {@code host.db} in the data folder. */
    SQLITE("SQLite", "sqlite"),

    /** A PostgreSQL database, which several hosts may share. */
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String label;
    private final String migrations;

    Dialect(String label, String migrations) {
        this.label = label;
        this.migrations = migrations;
    }

    /** @return the name people know the database by, for the log */
    public String label() {
        return label;
    }

    /** @return where Flyway finds this kind's migrations on the classpath */
    String migrationLocation() {
        return "classpath:db/migration/" + migrations;
    }

    /**
     * Names the index a query must use. SQLite keeps no statistics by default and, left to itself,
     * picks a worse index for some of the ledger's queries (a scan of a day's sends per {@code /add},
     * measured); PostgreSQL's planner chooses well and has no such clause.
     *
     * @param index the index
     * @return {@code " INDEXED BY <index>"} on SQLite, nothing on PostgreSQL
     */
    public String indexedBy(String index) {
        return this == SQLITE ? " INDEXED BY " + index : "";
    }

    /**
     * Skips rows without a limit: SQLite knows {@code OFFSET} only after a {@code LIMIT}, PostgreSQL
     * takes it alone.
     *
     * @return {@code "LIMIT -1 OFFSET ?"} or {@code "OFFSET ?"}, with one parameter: the rows skipped
     */
    public String offsetOnly() {
        return this == SQLITE ? "LIMIT -1 OFFSET ?" : "OFFSET ?";
    }

    /**
     * @return whether transactions run at once, so that a read that decides a write must lock what it
     *     read: on PostgreSQL; SQLite runs one transaction at a time
     */
    public boolean locksRows() {
        return this == POSTGRESQL;
    }
}
