package io.gewebot.common.store;

/**
 * The kind of database state is kept in, and the few places where the stores' SQL differs
 * between them. Everything else the stores say is written once, in SQL both understand.
 */
public enum Dialect {

    /** One SQLite file. */
    SQLITE("SQLite", "sqlite"),

    /** A PostgreSQL database, which several hosts may share. */
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String label;
    private final String folder;

    Dialect(String label, String folder) {
        this.label = label;
        this.folder = folder;
    }

    /**
     * Which kind a database is, by the name its driver gives it.
     *
     * @param productName {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * @return the kind
     * @throws StoreException when it is neither SQLite nor PostgreSQL
     */
    public static Dialect ofProduct(String productName) {
        for (Dialect d : values()) {
            if (d.label.equalsIgnoreCase(productName)) {
                return d;
            }
        }
        throw new StoreException("a database of a kind not supported: " + productName
                + "; SQLite and PostgreSQL are", null);
    }

    /** @return the folder of this kind's migrations, under a store's migration folder */
    public String folder() {
        return folder;
    }

    /** @return the name people know the database by, for the log */
    public String label() {
        return label;
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
