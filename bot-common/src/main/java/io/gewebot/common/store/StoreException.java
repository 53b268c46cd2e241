package io.gewebot.common.store;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The host's database failed. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * SQLSTATE classes and codes of a server that cannot be reached or cannot take work for now: a
     * connection failure (08), a server shutting down or starting (57P01..57P03), out of resources (53).
     */
    private static final List<String> UNAVAILABLE_STATES = List.of("08", "57P01", "57P02", "57P03", "53");
    /** SQLite's result codes for a file that cannot be written for now: locked, read-only, full, I/O. */
    private static final List<String> UNAVAILABLE_SQLITE = List.of("SQLITE_BUSY", "SQLITE_LOCKED",
            "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PROTOCOL");

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the database could not be reached or written for the moment (a server restarting, no
     * connection within the pool's wait, a SQLite file locked by another program, read-only or full), so
     * that the same work may go through later; {@code false} for a failure that would repeat (a
     * statement the database refuses).
     *
     * @return whether the work may be tried again
     */
    public boolean unavailable() {
        return unavailable(this);
    }

    /**
     * Whether a failure says the database could not be reached or written for the moment.
     *
     * @param failure a failure, with its causes
     * @return whether the work may be tried again
     */
    public static boolean unavailable(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && UNAVAILABLE_STATES.stream().anyMatch(state::startsWith)) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                if (UNAVAILABLE_SQLITE.stream().anyMatch(message::contains)) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed != t && unavailable(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
