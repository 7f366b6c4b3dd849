package io.webfon.bench.signalling;

import java.util.Arrays;
import java.util.Collection;

/**
 * Every latency of a run, kept exactly: a growable {@code long[]} per worker, merged and sorted once at the end.
 * A run holds at most a few hundred thousand cycles (a few MB), so exact percentiles cost less than getting a
 * histogram's buckets right, and recording is one array store on the client's hot path.
 */
public final class Latencies {
    private long[] values = new long[4096];
    private int count;

    /** Records one latency in nanoseconds. Not thread-safe: one recorder per worker. */
    public void record(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** The recorders' values merged and sorted. */
    public static long[] merge(Collection<Latencies> all) {
        int n = 0;
        for (Latencies l : all) {
            n += l.count;
        }
        long[] merged = new long[n];
        int at = 0;
        for (Latencies l : all) {
            System.arraycopy(l.values, 0, merged, at, l.count);
            at += l.count;
        }
        Arrays.sort(merged);
        return merged;
    }

    /**
     * The value at percentile {@code p} (0-100) of sorted values, nearest-rank: the smallest value that at least
     * p% of the values do not exceed; 0 for no values.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        // The small epsilon keeps binary rounding (99.9% of 10,000 = 9990.000000000002) from moving a rank up.
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
    }
}
