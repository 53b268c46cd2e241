package io.gewebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Records where a running host's CPU goes, with Linux's {@code perf} when this machine lets it sample, else
 * with Flight Recorder.
 *
 * <p>{@code perf} samples every thread of the process on the kernel's software clock ({@code cpu-clock}: no
 * hardware counters needed), whatever it runs: Java code, native libraries such as SQLite's JNI library, the
 * JVM's own threads and the kernel. Java frames get their names from the map the JVM writes on
 * {@code jcmd Compiler.perfmap} ({@code /tmp/perf-<pid>.map}), which {@code perf report} reads. Flight
 * Recorder, the fallback, samples Java code only (and threads in native methods).
 */
final class HostProfiler {

    /** The {@code perf} binary. */
    static final Path PERF = Path.of("/usr/bin/perf");
    /** Samples a second of each thread's CPU time: a prime, so that it does not beat with periodic work. */
    static final int FREQUENCY = 997;
    /** Rows of each table in the report. */
    static final int ROWS = 20;

    /**
     * A table of samples.
     *
     * @param by what the samples are counted by, as the report words it
     * @param counts samples by key, most first
     */
    record Table(String by, Map<String, Integer> counts) {
    }

    /**
     * The profile of one rate of an extra pass.
     *
     * @param rate the rate recorded
     * @param file the recording
     * @param how how it was recorded, a sentence of the report (markdown)
     * @param samples samples in it, the share's denominator
     * @param tables the samples counted in several ways
     */
    record Profile(int rate, Path file, String how, int samples, List<Table> tables) {
    }

    /** A recording under way. */
    interface Recording {
        /**
         * Stops the recording (the process still running) and counts its samples.
         *
         * @return the profile
         */
        Profile stop() throws IOException, InterruptedException;
    }

    private HostProfiler() {
    }

    /**
     * Whether {@code perf} can record here: it is installed and a short recording of {@code true} succeeds (it
     * fails when {@code /proc/sys/kernel/perf_event_paranoid} forbids it to this user).
     *
     * @param scratch a file it may write and removes
     */
    static boolean perfWorks(Path scratch) {
        if (!Files.isExecutable(PERF)) {
            return false;
        }
        try {
            PeerBenchmark.command(PERF.toString(), "record", "-q", "-e", "cpu-clock", "-o", scratch.toString(), "--",
                    "true");
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        } finally {
            scratch.toFile().delete();
        }
    }

    /**
     * Starts recording a host.
     *
     * @param usePerf whether to record with {@code perf} (else Flight Recorder)
     * @param pid the host's JVM
     * @param rate the rate about to run, for the report
     * @param base the recording's path without its extension ({@code .perf.data} or {@code .jfr} is added)
     * @return the recording, to stop once the rate has run
     */
    static Recording start(boolean usePerf, long pid, int rate, Path base) throws IOException, InterruptedException {
        Files.createDirectories(base.getParent());
        return usePerf ? perf(pid, rate, Path.of(base + ".perf.data")) : jfr(pid, rate, Path.of(base + ".jfr"));
    }

    private static Recording perf(long pid, int rate, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Path log = Path.of(file + ".log");
        Process perf = new ProcessBuilder(PERF.toString(), "record", "-F", Integer.toString(FREQUENCY), "-e", "cpu-clock",
                "-g", "-p", Long.toString(pid), "-o", file.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // perf creates its file once it has attached to the process's threads
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file) && perf.isAlive() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        if (!perf.isAlive()) {
            throw new IOException("perf record stopped at once:\n" + Files.readString(log));
        }
        return () -> {
            // Names for the JIT's code as it is now, in /tmp/perf-<pid>.map, before perf stops
            PeerBenchmark.command(Setup.jdkTool("jcmd").toString(), Long.toString(pid), "Compiler.perfmap");
            PeerBenchmark.command("kill", "-INT", Long.toString(perf.pid()));
            // stopped by a signal, perf exits with a status other than 0 even when it wrote its file
            if (!perf.waitFor(60, TimeUnit.SECONDS) || !Files.readString(log).contains("Captured and wrote")) {
                perf.destroyForcibly();
                throw new IOException("perf record did not stop cleanly:\n" + Files.readString(log));
            }
            return perfSummary(rate, file, pid);
        };
    }

    /** Counts a {@code perf.data} by shared object, by symbol and by thread with {@code perf report}. */
    static Profile perfSummary(int rate, Path file, long pid) throws IOException, InterruptedException {
        Map<String, Integer> dsos = new LinkedHashMap<>();
        for (String[] row : perfReport(file, "dso")) {
            dsos.merge(dso(row[2]), Integer.parseInt(row[1]), Integer::sum);
        }
        Map<String, Integer> symbols = new LinkedHashMap<>();
        for (String[] row : perfReport(file, "dso,sym")) {
            String symbol = row[3].replaceFirst("^\\[.\\]\\s*", "");
            symbols.merge(symbol + "  (" + dso(row[2]) + ")", Integer.parseInt(row[1]), Integer::sum);
        }
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (String[] row : perfReport(file, "comm")) {
            threads.merge(PeerBenchmark.threadName(row[2]), Integer.parseInt(row[1]), Integer::sum);
        }
        int samples = dsos.values().stream().mapToInt(Integer::intValue).sum();
        String how = "recorded with `perf record -F " + FREQUENCY + " -e cpu-clock -g -p <pid>` (the kernel's software "
                + "clock: this machine has no hardware counters), stopped with SIGINT; Java frames named from `jcmd "
                + "Compiler.perfmap` (`/tmp/perf-" + pid + ".map`, written just before perf stopped). " + samples
                + " samples (" + FREQUENCY + " a second of each thread's CPU time) of every thread of the JVM, whatever it "
                + "ran: Java code, the JVM, native libraries, the kernel. To look by hand: `perf report -i "
                + "benchmarks/target/" + file.getFileName() + " --no-children --sort dso,sym`.";
        return new Profile(rate, file, how, samples, List.of(
                new Table("by shared object (`[JIT]`: code the JVM generated, the JIT's compiled Java code and the "
                        + "interpreter's templates and stubs; `[kernel.kallsyms]`: the kernel, where on a virtual machine "
                        + "time with interrupts off is counted where they are turned on again (`pvm_irq_enable`); "
                        + "`libjvm.so`: the JVM's own C++ code)", sorted(dsos)),
                new Table("by symbol (its shared object in brackets)", sorted(symbols)),
                new Table("by thread (digits as `#`)", sorted(threads))));
    }

    /**
     * One name for an object in every run: the JIT's code is a pseudo object per process ({@code [JIT] tid 1234}),
     * and the SQLite driver unpacks its JNI library under a name with a random UUID in it.
     */
    private static String dso(String name) {
        return name.startsWith("[JIT]") ? "[JIT]"
                : name.replaceAll("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "");
    }

    /** The rows of {@code perf report}, split at {@code |}: overhead, samples, then the sort keys. */
    private static List<String[]> perfReport(Path file, String sort) throws IOException, InterruptedException {
        String text = PeerBenchmark.command(PERF.toString(), "report", "-i", file.toString(), "--stdio", "--no-children",
                "-g", "none", "--sort", sort, "-F", "overhead,sample," + sort, "-t", "|");
        List<String[]> rows = new ArrayList<>();
        int keys = sort.split(",").length;
        for (String line : text.split("\n")) {
            String[] cells = line.split("\\|", -1);
            if (line.startsWith("#") || cells.length < 2 + keys || !cells[1].strip().matches("\\d+")) {
                continue;
            }
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.add(cells);
        }
        return rows;
    }

    private static Recording jfr(long pid, int rate, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        String jcmd = Setup.jdkTool("jcmd").toString();
        PeerBenchmark.command(jcmd, Long.toString(pid), "JFR.start", "name=peer", "settings=profile",
                "jdk.ExecutionSample#period=1ms", "jdk.NativeMethodSample#period=1ms");
        return () -> {
            PeerBenchmark.command(jcmd, Long.toString(pid), "JFR.stop", "name=peer", "filename=" + file);
            return PeerBenchmark.JfrSummary.of(rate, file);
        };
    }

    /** Counts by key, most first (ties by key). */
    static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
