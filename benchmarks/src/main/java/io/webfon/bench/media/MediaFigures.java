package io.webfon.bench.media;

import io.webfon.bench.signalling.Latencies;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Turns what a {@link MediaRun} recorded into its {@link MediaResult}: rates, percentiles, CPU shares. */
final class MediaFigures {
    private static final int TOP_THREADS = 6;

    /** One peer's setup times ({@link System#nanoTime()}, 0 when the step was never reached). */
    record Setup(long start, long open, long attached, long answer, long ice, long done, String failure) {
    }

    private MediaFigures() {
    }

    static MediaRun.Connect connect(List<Setup> setups, long t0, double nodeCpuMs,
            List<MediaResult.NodeThread> nodeThreads) {
        List<Setup> ok = setups.stream().filter(s -> s.failure() == null).toList();
        long last = ok.stream().mapToLong(Setup::done).max().orElse(t0);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        setups.stream().filter(s -> s.failure() != null).forEach(s -> reasons.merge(s.failure(), 1, Integer::sum));
        StringBuilder failures = new StringBuilder();
        reasons.forEach((reason, count) -> failures.append(failures.length() == 0 ? "" : "; ").append(count)
                .append(" x ").append(reason));
        long[] setup = sorted(ok, s -> s.done() - s.start());
        long[] answer = sorted(setups.stream().filter(s -> s.answer() != 0).toList(), s -> s.answer() - s.start());
        // ICE and DTLS together, from the answer: with a=setup:actpass the server's DTLS client may finish before the
        // tool's own ICE check does, so the tool's "ICE connected" is no boundary of the handshake.
        long[] dtls = sorted(ok.stream().filter(s -> s.answer() != 0).toList(), s -> s.done() - s.answer());
        return new MediaRun.Connect(ok.size(), setups.size() - ok.size(),
                failures.length() == 0 ? null : failures.toString(), (last - t0) / 1e9, ms(setup, 50), ms(setup, 99),
                ms(answer, 50), ms(answer, 99), ms(dtls, 50), ms(dtls, 99), nodeCpuMs, nodeThreads);
    }

    private static long[] sorted(List<Setup> setups, ToLongFunction<Setup> f) {
        long[] v = setups.stream().mapToLong(f).toArray();
        Arrays.sort(v);
        return v;
    }

    private static double ms(long[] sortedNanos, double p) {
        return sortedNanos.length == 0 ? -1 : Latencies.percentile(sortedNanos, p) / 1e6;
    }

    static MediaResult result(MediaOptions o, int n, MediaRun.Connect c, MediaRun.Steady s, long sessionsLeft,
            String loadBefore) {
        int cpus = Runtime.getRuntime().availableProcessors();
        double rate = c.seconds() > 0 ? c.connected() / c.seconds() : -1;
        double cpuPerSetup = c.connected() > 0 ? c.nodeCpuMs() / c.connected() : -1;
        if (s == null) {
            return new MediaResult(o.target(), o.url().toString(), o.pid(), n, o.setup(), o.ioThreads(),
                    o.connectConcurrency(), c.connected(), c.failed(), c.firstFailure(), c.seconds(), rate,
                    c.setupP50Ms(), c.setupP99Ms(), c.answerP50Ms(), c.answerP99Ms(), c.iceDtlsP50Ms(), c.iceDtlsP99Ms(),
                    cpuPerSetup, c.nodeThreads(), secs(o.warmup().toNanos()), 0, 0, 0, 0, -1, 0, -1, -1, -1, -1,
                    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, List.of(), -1, -1, 0, 0, 0, 0, 0, 0,
                    Map.of(), sessionsLeft, loadBefore, cpus, null);
        }
        MediaRun.Totals t = s.totals();
        // The round-trip window; the CPU shares below are rates over the samples' own interval around it.
        double window = secs(o.duration().toNanos());
        long wall = s.after().nanos() - s.before().nanos();
        double nodePercent = 100.0 * (s.after().node() - s.before().node()) / wall;
        double clientPercent = 100.0 * (s.after().self() - s.before().self()) / wall;
        long busy = s.after().machine()[0] - s.before().machine()[0];
        long total = s.after().machine()[1] - s.before().machine()[1];
        double machinePercent = total > 0 ? 100.0 * busy / total : -1;
        double others = machinePercent < 0 ? -1 : Math.max(0, machinePercent * cpus - nodePercent - clientPercent);
        long lost = Math.max(0, t.sent() - t.received());
        long p50 = micros(t.rtt(), 50);
        long p99 = micros(t.rtt(), 99);
        long b50 = micros(t.controlRtt(), 50);
        long b99 = micros(t.controlRtt(), 99);
        double bLoss = t.controlSent() == 0 ? -1 : 100.0 * (t.controlSent() - t.controlReceived()) / t.controlSent();
        UdpStats udp = s.after().udp().minus(s.before().udp());
        int streams = Math.max(1, c.connected());
        return new MediaResult(o.target(), o.url().toString(), o.pid(), n, o.setup(), o.ioThreads(),
                o.connectConcurrency(), c.connected(), c.failed(), c.firstFailure(), c.seconds(), rate,
                c.setupP50Ms(), c.setupP99Ms(), c.answerP50Ms(), c.answerP99Ms(), c.iceDtlsP50Ms(), c.iceDtlsP99Ms(),
                cpuPerSetup, c.nodeThreads(), secs(o.warmup().toNanos()), window, t.sent(), t.received(), lost,
                t.sent() == 0 ? -1 : 100.0 * lost / t.sent(), t.sendDrops(), p50, p99, micros(t.rtt(), 99.9),
                t.rtt().length == 0 ? -1 : t.rtt()[t.rtt().length - 1] / 1000, b50, b99, bLoss,
                b50 < 0 ? p50 : p50 - b50, b99 < 0 ? p99 : p99 - b99, nodePercent * 10 / streams, nodePercent, nodePercent / streams,
                clientPercent, machinePercent, others, s.rssKib(), s.threads(),
                topThreads(s.before().threads(), s.after().threads(), wall), udp.rcvbufErrors(), udp.inErrors(),
                s.peersLost(), t.rtcp(), t.foreign(), t.duplicates(), t.lateSends(), t.ioErrors(), s.events(),
                sessionsLeft, loadBefore, cpus, EchoSlices.describe(s.slices()));
    }

    private static long micros(long[] sortedNanos, double p) {
        return sortedNanos.length == 0 ? -1 : Latencies.percentile(sortedNanos, p) / 1000;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The busiest thread groups between two samples, numbers in names folded ({@code hloop 1234}, Janus's loop of
     * one handle, and {@code dtls-3} count as {@code hloop #} and {@code dtls-#}): one line per kind of work.
     */
    static List<MediaResult.NodeThread> topThreads(Map<String, Long> before, Map<String, Long> after, long wall) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.forEach((name, nanos) -> used.merge(name.replaceAll("(?<=[ -])[0-9]+$", "#"),
                nanos - before.getOrDefault(name, 0L), Long::sum));
        List<MediaResult.NodeThread> all = new ArrayList<>();
        used.forEach((name, nanos) -> {
            if (nanos > 0) {
                all.add(new MediaResult.NodeThread(name, Math.round(1000.0 * nanos / wall) / 10.0));
            }
        });
        all.sort((x, y) -> Double.compare(y.percentOfCore(), x.percentOfCore()));
        return List.copyOf(all.subList(0, Math.min(TOP_THREADS, all.size())));
    }
}
