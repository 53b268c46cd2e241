package io.gewebot.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Order statistics of a sample of durations in nanoseconds, by the nearest-rank method (the p99 of
 * 10,000 values is the 9,900th smallest), so every figure is a value that was really observed.
 *
 * @param count how many values
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest
 * @param mean the arithmetic mean
 */
record Stats(int count, long p50, long p90, long p99, long p999, long max, double mean) {

    static Stats of(long[] nanos) {
        return of(nanos, nanos.length);
    }

    static Stats of(long[] nanos, int count) {
        if (count == 0) {
            return new Stats(0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(count, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), rank(sorted, 99.9),
                sorted[count - 1], sum / count);
    }

    /** The median of a few values, e.g. of start-up runs. */
    static long median(long[] nanos) {
        return of(nanos).p50();
    }

    private static long rank(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Milliseconds with a precision fit for the size: {@code 0.412}, {@code 12.3}, {@code 1530}. */
    static String ms(long nanos) {
        return ms((double) nanos);
    }

    static String ms(double nanos) {
        double ms = nanos / 1e6;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }
}
