package io.gewebot.bench;

import io.gewebot.testkit.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * How busy the machine is with other work, from {@code /proc/stat}: the benchmarks share the
 * machine with whatever else runs on it, and their figures mean little while something else keeps
 * the cores busy. Before each benchmark the harness waits (a bounded time) for the machine to be
 * quiet, and the report says how busy it was when the benchmark began.
 */
final class MachineLoad {

    /** Below this share of all cores busy, the machine counts as quiet. */
    static final double QUIET = 0.10;

    /**
     * The CPU time of processes the harness started that are not its children, such as the
     * PostgreSQL server (its {@code pg_ctl} exits and leaves the server to init): their work is the
     * benchmark's, not other work.
     */
    @FunctionalInterface
    interface CpuSource {
        /** @return CPU time used so far, in nanoseconds */
        long cpuNanos() throws IOException;
    }

    private static final List<CpuSource> ALSO_OURS = new CopyOnWriteArrayList<>();

    private MachineLoad() {
    }

    /**
     * Counts a process the harness started, but is not the parent of, as the harness's own work from
     * now on; once it stopped, its source keeps giving the time it had used.
     */
    static void alsoOurs(CpuSource source) {
        ALSO_OURS.add(source);
    }

    /** @return the CPU time used so far by the processes {@link #alsoOurs} counts, in nanoseconds */
    static long alsoOursNanos() throws IOException {
        long sum = 0;
        for (CpuSource source : ALSO_OURS) {
            sum += source.cpuNanos();
        }
        return sum;
    }

    /**
     * Waits until the cores are less than {@link #QUIET} busy over two consecutive seconds, or the
     * time is up.
     *
     * @return the busy share measured last (0..1), or -1 where {@code /proc/stat} cannot be read
     */
    static double awaitQuiet(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        int quietSeconds = 0;
        double busy = -1;
        boolean warned = false;
        while (true) {
            busy = busyOver(Duration.ofSeconds(1));
            if (busy < 0) {
                return busy;
            }
            quietSeconds = busy < QUIET ? quietSeconds + 1 : 0;
            if (quietSeconds >= 2 || System.nanoTime() > deadline) {
                return busy;
            }
            if (!warned && quietSeconds == 0) {
                Harness.progress(String.format(Locale.ROOT,
                        "other work keeps %.0f%% of the cores busy: waiting up to %d s for quiet", busy * 100,
                        atMost.toSeconds()));
                warned = true;
            }
        }
    }

    /** The share of all cores busy over a period, or -1 where {@code /proc/stat} cannot be read. */
    static double busyOver(Duration period) throws InterruptedException {
        long[] before = sample();
        Thread.sleep(period.toMillis());
        long[] after = sample();
        if (before == null || after == null || after[0] == before[0]) {
            return -1;
        }
        return (double) (after[1] - before[1]) / (after[0] - before[0]);
    }

    /**
     * The user and system CPU time of a process from its {@code stat} file (children not included).
     * Clock ticks are taken as the usual 100 a second.
     */
    static long cpuNanos(Path stat) throws IOException {
        String text = Files.readString(stat);
        // the command name, in parentheses, may hold spaces: count fields after its closing parenthesis
        String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L;
    }

    /**
     * Where the CPU went while a measurement ran: the host's share, the harness's (load generator and
     * sandbox) and everything else's, each in cores (1.0 is one core busy all the time).
     *
     * @param host the host process
     * @param harness this JVM
     * @param others the rest of the machine
     * @param database the PostgreSQL server the harness started, when it runs one (see {@link #alsoOurs})
     */
    record CpuUse(double host, double harness, double others, double database) {
    }

    /** Starts measuring CPU use; {@link Meter#stop()} ends it. */
    static Meter meter(HostProcess host) throws IOException {
        return new Meter(host);
    }

    /** A CPU measurement under way. */
    static final class Meter {
        private final HostProcess host;
        private final long wall = System.nanoTime();
        private final long hostCpu;
        private final long selfCpu;
        private final long databaseCpu;
        private final long[] machine;

        private Meter(HostProcess host) throws IOException {
            this.host = host;
            this.hostCpu = BenchHost.cpuNanos(host);
            this.selfCpu = cpuNanos(Path.of("/proc/self/stat"));
            this.databaseCpu = alsoOursNanos();
            this.machine = sample();
        }

        CpuUse stop() throws IOException {
            double elapsed = System.nanoTime() - wall;
            double hostCores = (BenchHost.cpuNanos(host) - hostCpu) / elapsed;
            double selfCores = (cpuNanos(Path.of("/proc/self/stat")) - selfCpu) / elapsed;
            double databaseCores = (alsoOursNanos() - databaseCpu) / elapsed;
            long[] now = sample();
            double others = -1;
            if (machine != null && now != null && now[0] > machine[0]) {
                int cores = Runtime.getRuntime().availableProcessors();
                double busyCores = (double) (now[1] - machine[1]) / (now[0] - machine[0]) * cores;
                others = Math.max(0, busyCores - hostCores - selfCores - databaseCores);
            }
            return new CpuUse(hostCores, selfCores, others, databaseCores);
        }
    }

    /**
     * Starts measuring how busy everything but this JVM, its child processes and the processes
     * {@link #alsoOurs} counts keeps the cores.
     */
    static Others others() throws IOException {
        return new Others();
    }

    /**
     * Other work's share of the cores over a period: the machine's busy time less this JVM's and
     * that of its child processes that ended (hosts, JMH forks: a child's time is added to its
     * parent's when the parent collects its exit).
     */
    static final class Others {
        private final long[] machine;
        private final long own;

        private Others() throws IOException {
            this.machine = sample();
            this.own = ownWithChildren();
        }

        /** @return the share (0..1) of all cores other work kept busy so far, or -1 where unknown */
        double busyShare() throws IOException {
            long[] now = sample();
            if (machine == null || now == null || now[0] <= machine[0]) {
                return -1;
            }
            // /proc/stat counts clock ticks (100 a second) summed over all cores
            double elapsedCoreTicks = now[0] - machine[0];
            double busy = now[1] - machine[1];
            double ours = (ownWithChildren() - own) / 10_000_000.0;
            return Math.max(0, (busy - ours) / elapsedCoreTicks);
        }

        private static long ownWithChildren() throws IOException {
            String text = Files.readString(Path.of("/proc/self/stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split("\\s+");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 10_000_000L + alsoOursNanos();
        }
    }

    /** Total and busy jiffies of all cores, or null. */
    private static long[] sample() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total, total - idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
