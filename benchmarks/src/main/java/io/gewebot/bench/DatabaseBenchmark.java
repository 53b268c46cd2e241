package io.gewebot.bench;

import java.time.Duration;
import java.util.List;

/**
 * The host on its two databases in one run: callback ingestion and the end-to-end {@code /add}, each
 * once on SQLite (the host's default, a file in its data folder) and once on PostgreSQL (a database
 * of its own on a server the harness starts, {@link BenchPostgres}), then what one {@code /add} asks
 * of each ({@link AddCounts}). Ingestion runs SQLite first, the end-to-end {@code /add} PostgreSQL
 * first, so that a drift of the machine does not favour one database in both.
 */
final class DatabaseBenchmark {

    /**
     * @param postgresVersion the server's version
     * @param ingestion on SQLite, then on PostgreSQL
     * @param endToEnd on SQLite, then on PostgreSQL (run in the other order)
     * @param counts per {@code /add}, on SQLite, then on PostgreSQL
     */
    record Result(String postgresVersion, List<IngestionBenchmark.Result> ingestion,
            List<EndToEndAddBenchmark.Result> endToEnd, List<AddCounts.Result> counts) {
    }

    private final Setup setup;

    DatabaseBenchmark(Setup setup) {
        this.setup = setup;
    }

    Result run(int[] rates, Duration each, Duration warmup, int connections, int e2eWarmup, int e2eMeasured,
            int countAdds) throws Exception {
        try (BenchPostgres postgres = BenchPostgres.start()) {
            String version = postgres.version();
            Harness.progress("  ingestion on SQLite");
            IngestionBenchmark.Result ingestionSqlite = new IngestionBenchmark(setup, HostDatabase.SQLITE)
                    .run(rates, each, warmup, connections);
            Harness.progress("  ingestion on PostgreSQL " + version);
            IngestionBenchmark.Result ingestionPostgres = new IngestionBenchmark(setup, postgres.freshDatabase())
                    .run(rates, each, warmup, connections);
            Harness.progress("  end-to-end /add on PostgreSQL");
            EndToEndAddBenchmark.Result e2ePostgres = new EndToEndAddBenchmark(setup, postgres.freshDatabase())
                    .run(e2eWarmup, e2eMeasured);
            Harness.progress("  end-to-end /add on SQLite");
            EndToEndAddBenchmark.Result e2eSqlite = new EndToEndAddBenchmark(setup, HostDatabase.SQLITE)
                    .run(e2eWarmup, e2eMeasured);
            Duration idle = Duration.ofSeconds(30);
            Harness.progress("  statements and commits per /add on SQLite");
            AddCounts.Result countsSqlite = new AddCounts(setup).run(HostDatabase.SQLITE, null, 20, countAdds, idle);
            Harness.progress("  statements and commits per /add on PostgreSQL");
            AddCounts.Result countsPostgres = new AddCounts(setup).run(postgres.freshDatabase(), postgres, 20,
                    countAdds, idle);
            return new Result(version, List.of(ingestionSqlite, ingestionPostgres), List.of(e2eSqlite, e2ePostgres),
                    List.of(countsSqlite, countsPostgres));
        }
    }
}
