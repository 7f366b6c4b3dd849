package io.webfon.bench.media;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one target at one number of peers (written as JSON, read back by the report). Times in
 * milliseconds or microseconds as named; -1 where nothing was measured.
 *
 * @param setupsPerSecond peers brought up (signalling, ICE, DTLS handshake, SRTP keys) per second of the connect
 *     phase: the DTLS handshakes per second the server completed, {@code connectConcurrency} setups at a time,
 *     while the peers already up carry media
 * @param setupP50Ms from opening the WebSocket to SRTP keys; {@code answer} is from opening the WebSocket to the
 *     answer (connect, create, attach, offer), {@code iceDtls} from the answer to SRTP keys (ICE, then DTLS)
 * @param nodeCpuMsPerSetup the target's CPU during the connect phase per peer brought up (the media of the
 *     peers already up included); {@code nodeConnectThreads} its busiest threads then, in % of a core
 * @param lost packets sent in the window whose echo never came back (within the grace period after it)
 * @param rttP50Micros round-trip times through the target, as the tool measured them
 * @param baselineP50Micros the same for the control flows, through the tool's own trivial UDP echo during the same
 *     window, on the same client threads
 * @param addedP50Micros round trip through the target minus the baseline, percentile by percentile
 * @param nodeCpuMsPerStreamSecond the target's CPU (user + system, all threads) over the window, per stream and
 *     second: 1,000 would be a whole core per stream
 * @param udpRcvbufErrors datagrams the kernel dropped because a receiving socket's buffer was full, in the window
 *     (this network namespace: target and tool both)
 * @param duplicateEchoes echoes of a packet already echoed (not counted as received)
 * @param lateSends sends the tool skipped because its loop fell more than 100 ms behind (a starved client)
 * @param peersLost peers that failed or were hung up after they were up (during warm-up and window)
 * @param events what the server pushed without being asked, by type (hangups with their reason)
 * @param sessionsLeft sessions the admin API still listed after teardown (-1: not asked)
 * @param slowEchoes how many 100 ms slices of the window had an echo slower than 5 ms, and the worst ones: a
 *     stall and a steady tail can give the same p99 (null: no window)
 */
public record MediaResult(String target, String url, long pid, int peers, String setup, int ioThreads,
        int connectConcurrency, int connected, int failed, String firstFailure, double connectSeconds,
        double setupsPerSecond, double setupP50Ms, double setupP99Ms, double answerP50Ms, double answerP99Ms,
        double iceDtlsP50Ms, double iceDtlsP99Ms, double nodeCpuMsPerSetup, List<NodeThread> nodeConnectThreads,
        double warmupSeconds, double windowSeconds,
        long sent, long received, long lost, double lossPercent, long toolSendDrops, long rttP50Micros,
        long rttP99Micros, long rttP999Micros, long rttMaxMicros, long baselineP50Micros, long baselineP99Micros,
        double baselineLossPercent, long addedP50Micros, long addedP99Micros, double nodeCpuMsPerStreamSecond,
        double nodeCpuPercent, double nodeCpuPercentPerStream, double clientCpuPercent, double machineBusyPercent,
        double otherCpuPercent, long nodeRssKib, int nodeThreads, List<NodeThread> nodeThreadCpu,
        long udpRcvbufErrors, long udpInErrors, long peersLost, long rtcpReceived, long foreignPackets,
        long duplicateEchoes, long lateSends, long ioErrors, Map<String, Long> events, long sessionsLeft, String loadAverageBefore,
        int cpus, String slowEchoes) {

    /** The CPU of the target's threads of one name during the window, in % of one core. */
    public record NodeThread(String name, double percentOfCore) {
    }

    /** A few lines for the console. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%-6s N=%-4d up %d/%d in %.1f s (%.0f setups/s, setup p50 %.0f ms p99 %.0f ms, ICE+DTLS p50 %.0f ms"
                        + " p99 %.0f ms, node %.2f ms CPU/setup)%n"
                        + "       window %.1f s: sent %d echoed %d lost %d (%.3f%%)  RTT p50 %.2f ms p99 %.2f ms"
                        + " p99.9 %.2f ms max %.2f ms  control p50 %.2f p99 %.2f  added p50 %.2f p99 %.2f ms%n"
                        + "       node CPU %.1f%% = %.3f ms per stream-second  client %.1f%%  machine %.1f%%"
                        + "  others %.1f%%  rcvbuf drops %d  peers lost %d  events %s%n"
                        + "       slices of 100 ms with an echo over 5 ms: %s",
                target, peers, connected, peers, connectSeconds, setupsPerSecond, setupP50Ms, setupP99Ms,
                iceDtlsP50Ms, iceDtlsP99Ms, nodeCpuMsPerSetup, windowSeconds, sent, received, lost, lossPercent,
                rttP50Micros / 1e3, rttP99Micros / 1e3, rttP999Micros / 1e3, rttMaxMicros / 1e3,
                baselineP50Micros / 1e3, baselineP99Micros / 1e3, addedP50Micros / 1e3, addedP99Micros / 1e3,
                nodeCpuPercent, nodeCpuMsPerStreamSecond, clientCpuPercent, machineBusyPercent, otherCpuPercent,
                udpRcvbufErrors, peersLost, events, slowEchoes == null ? "no window" : slowEchoes);
    }
}
