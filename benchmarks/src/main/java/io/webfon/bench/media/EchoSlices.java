package io.webfon.bench.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The window's echoes by 100 ms slice of their send time: how many, how many slower than {@link #SLOW_NANOS}, the
 * slowest; the same for the control flows. A p99 says how many echoes were slow, not when: one 120 ms stall and
 * a steady 6 ms tail give the same p99, and only the slices tell them apart and say when to look in the target's
 * GC or safepoint log (each slice carries its wall-clock start).
 *
 * <p>One recorder per client loop, as with {@code Latencies}; {@link #merge} adds the loops' slices up.
 */
final class EchoSlices {
    static final long SLICE_NANOS = 100_000_000L;
    /** The added round trip's target: an echo slower than this is slow whatever its baseline. */
    static final long SLOW_NANOS = 5_000_000L;

    private final long startNanos;
    private final long[] echoes;
    private final long[] slow;
    private final long[] maxNanos;
    private final long[] controlMaxNanos;

    EchoSlices(long startNanos, long endNanos) {
        this.startNanos = startNanos;
        int n = (int) Math.max(1, (endNanos - startNanos + SLICE_NANOS - 1) / SLICE_NANOS);
        echoes = new long[n];
        slow = new long[n];
        maxNanos = new long[n];
        controlMaxNanos = new long[n];
    }

    /** An echo of a packet sent at {@code sentNanos} that took {@code rttNanos}; outside the window: ignored. */
    void echo(long sentNanos, long rttNanos) {
        int i = slice(sentNanos);
        if (i < 0) {
            return;
        }
        echoes[i]++;
        if (rttNanos > SLOW_NANOS) {
            slow[i]++;
        }
        maxNanos[i] = Math.max(maxNanos[i], rttNanos);
    }

    void controlEcho(long sentNanos, long rttNanos) {
        int i = slice(sentNanos);
        if (i >= 0) {
            controlMaxNanos[i] = Math.max(controlMaxNanos[i], rttNanos);
        }
    }

    private int slice(long sentNanos) {
        long d = sentNanos - startNanos;
        return d < 0 || d >= (long) echoes.length * SLICE_NANOS ? -1 : (int) (d / SLICE_NANOS);
    }

    int slices() {
        return echoes.length;
    }

    /** The loops' slices added up (counts summed, maxima kept); all must share the window. */
    static EchoSlices merge(List<EchoSlices> all) {
        EchoSlices first = all.get(0);
        EchoSlices m = new EchoSlices(first.startNanos, first.startNanos + first.slices() * SLICE_NANOS);
        for (EchoSlices s : all) {
            if (s.startNanos != first.startNanos || s.slices() != first.slices()) {
                throw new IllegalArgumentException("slices of different windows");
            }
            for (int i = 0; i < m.slices(); i++) {
                m.echoes[i] += s.echoes[i];
                m.slow[i] += s.slow[i];
                m.maxNanos[i] = Math.max(m.maxNanos[i], s.maxNanos[i]);
                m.controlMaxNanos[i] = Math.max(m.controlMaxNanos[i], s.controlMaxNanos[i]);
            }
        }
        return m;
    }

    /** One slice, its start as an offset into the window and as wall-clock milliseconds. */
    record Slice(double offsetSeconds, long epochMillis, long echoes, long slow, double maxMs, double controlMaxMs) {
    }

    /** The slices, each stamped with wall-clock time given the window's start in epoch milliseconds. */
    List<Slice> list(long windowStartEpochMillis) {
        List<Slice> out = new ArrayList<>(slices());
        for (int i = 0; i < slices(); i++) {
            out.add(new Slice(i * SLICE_NANOS / 1e9, windowStartEpochMillis + i * SLICE_NANOS / 1_000_000,
                    echoes[i], slow[i], maxNanos[i] / 1e6, controlMaxNanos[i] / 1e6));
        }
        return out;
    }

    /**
     * How many slices had a slow echo, and the worst three (offset into the window, slowest echo, how many slow),
     * e.g. "3 of 200; worst +12.3 s 40.1 ms (812 slow), +4.0 s 7.2 ms (3 slow), +19.9 s 5.1 ms (1 slow)".
     */
    static String describe(List<Slice> slices) {
        List<Slice> withSlow = slices.stream().filter(s -> s.slow() > 0).toList();
        StringBuilder sb = new StringBuilder().append(withSlow.size()).append(" of ").append(slices.size());
        List<Slice> worst = withSlow.stream().sorted(Comparator.comparingDouble(Slice::maxMs).reversed()).limit(3)
                .toList();
        for (int i = 0; i < worst.size(); i++) {
            Slice s = worst.get(i);
            sb.append(i == 0 ? "; worst " : ", ").append(String.format(Locale.ROOT, "+%.1f s %.1f ms (%d slow)",
                    s.offsetSeconds(), s.maxMs(), s.slow()));
        }
        return sb.toString();
    }

    /** The slices as CSV, for lining up with a GC log's wall-clock decorations. */
    static String csv(List<Slice> slices) {
        StringBuilder sb = new StringBuilder("offset_s,epoch_ms,echoes,slow,max_ms,control_max_ms\n");
        for (Slice s : slices) {
            sb.append(String.format(Locale.ROOT, "%.1f,%d,%d,%d,%.2f,%.2f%n", s.offsetSeconds(), s.epochMillis(),
                    s.echoes(), s.slow(), s.maxMs(), s.controlMaxMs()));
        }
        return sb.toString();
    }
}
