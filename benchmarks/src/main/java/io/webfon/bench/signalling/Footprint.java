package io.webfon.bench.signalling;

/**
 * A target's memory at one moment (KiB), e.g. just after it started: RSS, and for our node the heap in use after
 * a full GC (-1 otherwise).
 */
public record Footprint(String target, String when, long pid, long rssKib, long heapKib, long heapMaxKib,
        int threads) {

    static Footprint take(String target, String when, long pid, int statusPort, boolean gc) throws Exception {
        if (gc) {
            TargetProbe.forceGc(pid);
        }
        long heap = -1;
        long heapMax = -1;
        if (statusPort > 0) {
            String status = TargetProbe.status(statusPort);
            heap = TargetProbe.statusValue(status, "jvm", "heap_used_kb");
            heapMax = TargetProbe.statusValue(status, "jvm", "heap_max_kb");
        }
        return new Footprint(target, when, pid, ProcStats.rssKib(pid), heap, heapMax, ProcStats.threads(pid));
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT, "%-6s %s: RSS %.1f MiB, heap %s, %d threads", target, when,
                rssKib / 1024.0, heapKib < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f MiB",
                        heapKib / 1024.0), threads);
    }
}
