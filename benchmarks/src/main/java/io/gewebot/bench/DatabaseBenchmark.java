package io.gewebot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
     * @param ingestion on SQLite, then on PostgreSQL; empty when only the cost of an {@code /add} was measured
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
        return run(Optional.of(new Ingestion(rates, each, warmup, connections)), e2eWarmup, e2eMeasured, countAdds);
    }

    /**
     * What one {@code /add} costs on each database, without the ingestion part: the end-to-end {@code /add}
     * and the statements and commits per {@code /add}.
     */
    Result runAddCost(int e2eWarmup, int e2eMeasured, int countAdds) throws Exception {
        return run(Optional.empty(), e2eWarmup, e2eMeasured, countAdds);
    }

    private record Ingestion(int[] rates, Duration each, Duration warmup, int connections) {
    }

    private Result run(Optional<Ingestion> load, int e2eWarmup, int e2eMeasured, int countAdds) throws Exception {
        try (BenchPostgres postgres = BenchPostgres.start()) {
            String version = postgres.version();
            List<IngestionBenchmark.Result> ingestion = new ArrayList<>();
            if (load.isPresent()) {
                Ingestion in = load.get();
                Harness.progress("  ingestion on SQLite");
                ingestion.add(new IngestionBenchmark(setup, HostDatabase.SQLITE)
                        .run(in.rates(), in.each(), in.warmup(), in.connections()));
                Harness.progress("  ingestion on PostgreSQL " + version);
                ingestion.add(new IngestionBenchmark(setup, postgres.freshDatabase())
                        .run(in.rates(), in.each(), in.warmup(), in.connections()));
            }
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
            return new Result(version, ingestion, List.of(e2eSqlite, e2ePostgres), List.of(countsSqlite, countsPostgres));
        }
    }
}
