package io.webfon.bench.signalling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CPU a group of the target's threads (same name) used during a window.
 *
 * @param msPer1000 CPU milliseconds per 1,000 cycles
 * @param percentOfCore CPU time over wall time (100 = one core busy all the time)
 */
public record ThreadCpu(String name, double msPer1000, double percentOfCore) {
    private static final int TOP = 6;

    /** The busiest thread groups between two samples of {@link ProcStats#threadCpuNanos}. */
    static List<ThreadCpu> top(Map<String, Long> before, Map<String, Long> after, long cycles, long windowNanos) {
        List<ThreadCpu> all = new ArrayList<>();
        after.forEach((name, nanos) -> {
            long used = nanos - before.getOrDefault(name, 0L);
            if (used > 0) {
                all.add(new ThreadCpu(name, cycles == 0 ? -1 : used / 1e6 / cycles * 1000,
                        100.0 * used / windowNanos));
            }
        });
        all.sort((a, b) -> Double.compare(b.percentOfCore(), a.percentOfCore()));
        return List.copyOf(all.subList(0, Math.min(TOP, all.size())));
    }

    /** {@code name ms/1000} for the console and the report, e.g. {@code vert.x-eventloo 61}. */
    static String describe(List<ThreadCpu> threads) {
        if (threads == null || threads.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (ThreadCpu t : threads) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.0f", t.msPer1000()));
        }
        return sb.toString();
    }
}
