package io.webfon.bench.signalling;

/**
 * Memory of a target idle and holding {@code sessions} idle sessions (created with {@code create} only), in
 * KiB; heap figures are -1 for a target that is not a JVM of ours.
 *
 * @param rssIdleKib VmRSS before the sessions were created (after the load runs had warmed the target up)
 * @param heapIdleKib heap in use after a full GC, before the sessions were created
 * @param sessionsSeen the sessions the target itself reported while holding them (admin list_sessions or status
 *     port); -1 if it was not asked
 * @param createPerSecond how fast the sessions were created (pipelined, 64 requests in flight)
 */
public record MemoryResult(String target, long pid, int sessions, int connections, long rssIdleKib,
        long rssLoadedKib, long rssAfterKib, long heapIdleKib, long heapLoadedKib, long heapAfterKib,
        long heapMaxKib, int threadsIdle, int threadsLoaded, long sessionsSeen, double createPerSecond,
        long errors, String firstError, String loadAverageBefore) {

    /** Extra heap per {@code sessions} sessions, in KiB; -1 when heap is not measured. */
    public long extraHeapKib() {
        return heapIdleKib < 0 || heapLoadedKib < 0 ? -1 : heapLoadedKib - heapIdleKib;
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%-6s memory: RSS idle %.1f MiB, with %d sessions %.1f MiB, after destroy %.1f MiB; heap idle %s,"
                        + " with sessions %s (extra %s); target reported %d sessions; created %.0f/s; errors %d",
                target, rssIdleKib / 1024.0, sessions, rssLoadedKib / 1024.0, rssAfterKib / 1024.0, mib(heapIdleKib),
                mib(heapLoadedKib), mib(extraHeapKib()), sessionsSeen, createPerSecond, errors);
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }
}
