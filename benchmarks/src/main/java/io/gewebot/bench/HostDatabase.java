package io.gewebot.bench;

import java.util.List;
import java.util.Map;

/**
 * Where a benchmarked host keeps its state: its own SQLite file in its data folder (what the host
 * does by default), or a database of its own on the PostgreSQL server the harness runs
 * ({@link BenchPostgres}).
 *
 * @param name how the report names it
 * @param args the host options that choose it
 * @param env what the host needs in its environment for it (PostgreSQL's password)
 * @param catalog the PostgreSQL database's name; empty for SQLite
 */
record HostDatabase(String name, List<String> args, Map<String, String> env, String catalog) {

    /** The host's default: {@code host.db} in its data folder. */
    static final HostDatabase SQLITE = new HostDatabase("SQLite", List.of(), Map.of(), "");

    boolean postgres() {
        return !catalog.isEmpty();
    }
}
