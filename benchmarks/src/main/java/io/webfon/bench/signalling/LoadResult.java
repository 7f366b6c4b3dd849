package io.webfon.bench.signalling;

/**
 * The figures of one load run (written as JSON, read back by the report). Latencies are in microseconds,
 * CPU in milliseconds of CPU time per 1,000 completed cycles; -1 where nothing was measured.
 *
 * @param windowSeconds the measured period as it really was (the main thread's sleep is not exact)
 * @param errors errors during the measured period; {@code errorsTotal} counts warm-up and drain too
 * @param nodeCpuMsPer1000 the target process's user + system CPU time over the window, per 1,000 cycles
 * @param clientCpuMsPer1000 the same for this client's own process
 * @param machineBusyPercent how busy the machine's cores were during the window (100 = all cores busy),
 *     whoever used them: with target and client near 100, the machine was saturated
 * @param otherCpuPercent CPU used by every other process during the window, in % of one core: the foreign
 *     load (other work on a shared machine) that this run competed with
 * @param messagesPerCycle WebSocket messages the client received per cycle (replies and pushed events)
 * @param nodeThreadCpu the target's busiest threads (by name) during the window
 */
public record LoadResult(String target, String url, long pid, int concurrency, double warmupSeconds,
        double windowSeconds, long cycles, double cyclesPerSecond, long p50Micros, long p90Micros, long p99Micros,
        long p999Micros, long maxMicros, long errors, long errorsTotal, String firstError,
        double nodeCpuMsPer1000, double clientCpuMsPer1000, double nodeCpuPercent, double clientCpuPercent,
        double machineBusyPercent, double otherCpuPercent, double messagesPerCycle, long nodeRssKib, int nodeThreads,
        java.util.List<ThreadCpu> nodeThreadCpu, String loadAverageBefore, int cpus) {

    /** One line for the console. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%-6s c=%-3d %8.1f cycles/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms  errors %d"
                        + "  node CPU %6.1f ms/1000 (%5.1f%%)  client CPU %6.1f ms/1000 (%5.1f%%)  machine %5.1f%%"
                        + "  others %5.1f%%  load before %s%n       node CPU by thread (ms/1000 cycles): %s",
                target, concurrency, cyclesPerSecond, p50Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0,
                maxMicros / 1000.0, errors, nodeCpuMsPer1000, nodeCpuPercent, clientCpuMsPer1000, clientCpuPercent,
                machineBusyPercent, otherCpuPercent, loadAverageBefore, ThreadCpu.describe(nodeThreadCpu));
    }
}
