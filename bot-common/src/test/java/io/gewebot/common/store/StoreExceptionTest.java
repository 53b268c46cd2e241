package io.gewebot.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures say the database is away for now, so that the work is done again later. */
class StoreExceptionTest {

    @Test
    void aServerThatCannotBeReachedOrIsRestartingIsUnavailable() {
        assertThat(new StoreException("x", new SQLException("refused", "08001")).unavailable()).isTrue();
        assertThat(new StoreException("x", new SQLException("I/O error", "08006")).unavailable()).isTrue();
        assertThat(new StoreException("x", new SQLException("terminating connection", "57P01")).unavailable()).isTrue();
        assertThat(new StoreException("x", new SQLException("starting up", "57P03")).unavailable()).isTrue();
        assertThat(new StoreException("x", new SQLTransientConnectionException(
                "host-db - Connection is not available, request timed out after 3001ms.")).unavailable()).isTrue();
    }

    @Test
    void aSqliteFileLockedReadOnlyOrFullIsUnavailable() {
        for (String code : new String[] {"SQLITE_BUSY", "SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR"}) {
            assertThat(new StoreException("x", new SQLException("[" + code + "] the file")).unavailable()).as(code).isTrue();
        }
    }

    @Test
    void aStatementTheDatabaseRefusesIsNot() {
        assertThat(new StoreException("x", new SQLException("duplicate key", "23505")).unavailable()).isFalse();
        assertThat(new StoreException("x", new SQLException("[SQLITE_CONSTRAINT] UNIQUE")).unavailable()).isFalse();
        assertThat(new StoreException("x", new IllegalStateException("a bug")).unavailable()).isFalse();
    }
}
