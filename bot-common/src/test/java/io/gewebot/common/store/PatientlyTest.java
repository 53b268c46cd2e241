package io.gewebot.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Work that waits for the database: tried again while it is away, never for another failure. */
class PatientlyTest {

    private final List<String> told = new ArrayList<>();
    private final Patiently.Watcher watcher = new Patiently.Watcher() {
        @Override
        public void reached() {
            told.add("reached");
        }

        @Override
        public void failed(RuntimeException failure) {
            told.add("failed");
        }
    };

    private static StoreException away() {
        return new StoreException("database: host-db - Connection is not available",
                new SQLTransientConnectionException("host-db - Connection is not available, request timed out"));
    }

    @Test
    void workIsTriedAgainWhileTheDatabaseIsAwayAndGoesThroughOnceItAnswers() {
        AtomicInteger tries = new AtomicInteger();
        String result = Patiently.run("callback 1", () -> {
            if (tries.incrementAndGet() < 3) {
                throw away();
            }
            return "done";
        }, watcher);

        assertThat(result).isEqualTo("done");
        assertThat(tries).hasValue(3);
        assertThat(told).containsExactly("failed", "failed", "reached");
    }

    @Test
    void aFailureOfAnotherKindIsThrownAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        StoreException refused = new StoreException("database: duplicate key", new SQLException("duplicate", "23505"));
        assertThatThrownBy(() -> Patiently.run("callback 2", () -> {
            tries.incrementAndGet();
            throw refused;
        }, watcher)).isSameAs(refused);
        assertThat(tries).hasValue(1);
        assertThat(told).isEmpty();
    }

    @Test
    void aStopWhileWaitingEndsTheWaitKeepingTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Patiently.run("callback 3", () -> {
                throw away();
            }, watcher)).isInstanceOf(StoreException.class).hasMessage("callback 3 stopped while waiting for the database");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
