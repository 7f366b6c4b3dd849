package io.webfon.bench.media;

import io.webfon.bench.signalling.Latencies;
import io.webfon.bench.signalling.ProcStats;
import io.webfon.rtp.dtls.DtlsCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One target, one number of peers: control flows through the tool's own UDP echo (the baseline), the connect
 * phase (every peer set up, a bounded number at a time, media starting as each comes up), the steady phase (warm-up, then a measured window of packets
 * sent, echoed and timed, with the target's CPU sampled at its edges), and the teardown (sessions destroyed, the
 * admin API asked whether any is left).
 */
final class MediaRun implements AutoCloseable {
    private final MediaOptions options;
    private final IoLoop[] loops;
    private final Signalling signalling;
    private final DtlsCertificate certificate = DtlsCertificate.generate("webfon-bench", Instant.now());
    private final ExecutorService dtlsPool;
    private List<MediaFigures.Setup> setups = List.of();
    private List<EchoSlices.Slice> slices = List.of();

    /** A peer during and after its setup. */
    private static final class Peer {
        Flow flow;
        volatile JanusSession session;
        volatile long openNanos;
        volatile long attachNanos;
        volatile long answerNanos;
        volatile long doneNanos;
        volatile Throwable error;
    }

    /** The samples taken at a window's edges. */
    record Sample(long nanos, long node, long self, long[] machine, Map<String, Long> threads, UdpStats udp) {
        static Sample take(long pid) {
            return new Sample(System.nanoTime(), ProcStats.cpuNanos(pid),
                    ProcStats.cpuNanos(ProcessHandle.current().pid()), ProcStats.machineTicks(),
                    ProcStats.threadCpuNanos(pid), UdpStats.read());
        }
    }

    /** The connect phase. */
    record Connect(int connected, int failed, String firstFailure, double seconds, double setupP50Ms,
            double setupP99Ms, double answerP50Ms, double answerP99Ms, double iceDtlsP50Ms, double iceDtlsP99Ms,
            double nodeCpuMs, List<MediaResult.NodeThread> nodeThreads) {
    }

    /** Every loop's window counters added up, and the round-trip times (nanoseconds) sorted; control flows apart. */
    record Totals(long sent, long received, long foreign, long rtcp, long sendDrops, long ioErrors, long lateSends,
            long[] rtt, long controlSent, long controlReceived, long[] controlRtt, long duplicates,
            EchoSlices slices) {
    }

    /** The steady phase: the window's totals and the samples at its edges. */
    record Steady(Totals totals, Sample before, Sample after, long rssKib, int threads, long peersLost,
            Map<String, Long> events, List<EchoSlices.Slice> slices) {
    }

    MediaRun(MediaOptions options, int maxPeers) throws IOException {
        this.options = options;
        this.loops = new IoLoop[options.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop("media-io-" + (i + 1));
        }
        this.signalling = new Signalling(options.url(), maxPeers + 16);
        AtomicInteger n = new AtomicInteger();
        this.dtlsPool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-dtls-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    MediaResult run(int n) throws Exception {
        String loadBefore = ProcStats.loadAverage();
        for (IoLoop l : loops) {
            l.spread(n);
        }
        List<Peer> peers = new ArrayList<>();
        Steady steady = null;
        Connect connect;
        long sessionsLeft;
        try (Reflector echo = new Reflector(options.bind())) {
            control(n, echo);
            try {
                connect = connect(n, peers);
                if (connect.connected() > 0) {
                    steady = steady();
                }
            } finally {
                sessionsLeft = teardown(peers);
            }
        }
        slices = steady == null ? List.of() : steady.slices();
        return MediaFigures.result(options, n, connect, steady, sessionsLeft, loadBefore);
    }

    /** The last run's window by 100 ms slice (empty if no peer came up). */
    List<EchoSlices.Slice> slices() {
        return slices;
    }

    /** The last run's setups, one per peer in the order they started. */
    List<MediaFigures.Setup> setups() {
        return setups;
    }

    // ---- Control flows: the loopback baseline ----

    /**
     * Starts the control flows: unencrypted packets through the tool's own UDP echo, on the same loops, at the
     * same rate and at the same time as the WebRTC flows, their send phases spread among theirs. Their round trip
     * is what the tool, the kernel and the machine's load add on their own; a server adds the difference.
     */
    private void control(int n, Reflector echo) throws IOException {
        int k = options.controlFlows();
        for (int i = 0; i < k; i++) {
            int index = (int) ((i + 0.5) * n / k);
            IoLoop loop = loops[index % loops.length];
            loop.register(Flow.plain(index, loop, options.bind(), echo.address()));
        }
    }

    private Totals collect() throws Exception {
        long[] sums = new long[10];
        List<Latencies> all = new ArrayList<>();
        List<Latencies> control = new ArrayList<>();
        List<EchoSlices> slices = new ArrayList<>();
        for (IoLoop l : loops) {
            IoLoop.Counters c = l.counters().get(5, TimeUnit.SECONDS);
            long[] v = {c.sent(), c.received(), c.foreign(), c.rtcp(), c.sendDrops(), c.readErrors(), c.lateSends(),
                c.controlSent(), c.controlReceived(), c.duplicates()};
            for (int i = 0; i < v.length; i++) {
                sums[i] += v[i];
            }
            all.add(c.rtt());
            control.add(c.controlRtt());
            slices.add(c.slices());
        }
        return new Totals(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], Latencies.merge(all),
                sums[7], sums[8], Latencies.merge(control), sums[9], EchoSlices.merge(slices));
    }

    private void closeFlows() throws Exception {
        for (IoLoop l : loops) {
            l.closeFlows().get(10, TimeUnit.SECONDS);
        }
    }

    // ---- Connect phase ----

    private Connect connect(int n, List<Peer> peers) throws Exception {
        Semaphore slots = new Semaphore(options.connectConcurrency());
        Map<String, Long> threadsBefore = ProcStats.threadCpuNanos(options.pid());
        long cpuBefore = ProcStats.cpuNanos(options.pid());
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            Peer p = new Peer();
            peers.add(p);
            all.add(setup(i, p).whenComplete((v, e) -> {
                p.doneNanos = System.nanoTime();
                p.error = e == null ? null : e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                slots.release();
            }).exceptionally(e -> null));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(options.setupTimeout().toSeconds() + 30, TimeUnit.SECONDS);
        double nodeCpuMs = (ProcStats.cpuNanos(options.pid()) - cpuBefore) / 1e6;
        List<MediaResult.NodeThread> threads = MediaFigures.topThreads(threadsBefore,
                ProcStats.threadCpuNanos(options.pid()), System.nanoTime() - t0);
        setups = peers.stream().map(p -> new MediaFigures.Setup(p.flow == null ? 0 : p.flow.startNanos,
                p.openNanos, p.attachNanos, p.answerNanos, p.flow == null ? 0 : p.flow.iceNanos, p.doneNanos,
                p.error == null ? null : describe(p))).toList();
        return MediaFigures.connect(setups, t0, nodeCpuMs, threads);
    }

    private CompletableFuture<Void> setup(int index, Peer p) {
        IoLoop loop = loops[index % loops.length];
        try {
            p.flow = Flow.webrtc(index, loop, options.bind(), certificate, dtlsPool);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        Flow f = p.flow;
        f.startNanos = System.nanoTime();
        return signalling.open().thenCompose(s -> {
            p.openNanos = System.nanoTime();
            p.session = s;
            return s.createAndAttach();
        }).thenCompose(s -> {
            p.attachNanos = System.nanoTime();
            try {
                return s.offer(OfferAnswer.offer(f, f.localAddress(), options.setup()));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }).thenCompose(sdp -> {
            p.answerNanos = System.nanoTime();
            OfferAnswer.Answer a = OfferAnswer.parse(sdp);
            try {
                f.start(a.candidate(), a.ufrag(), a.pwd(), a.fingerprints(), a.setup());
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return f.up;
        }).orTimeout(options.setupTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private String describe(Peer p) {
        Throwable e = p.error;
        if (e instanceof TimeoutException) {
            long s = options.setupTimeout().toSeconds();
            if (p.answerNanos == 0) {
                return "no answer within " + s + " s";
            }
            return p.flow.iceNanos == 0 ? "ICE did not connect within " + s + " s"
                    : "DTLS did not complete within " + s + " s";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    // ---- Steady phase ----

    private Steady steady() throws Exception {
        sleepUntil(System.nanoTime() + options.warmup().toNanos());
        long lostBefore = peersLost();
        signalling.takeEvents();
        // A sample reads /proc for each of the target's threads (hundreds with full ICE) on this JVM's main thread,
        // a third busy thread on two cores, for some tens of milliseconds: echoes timed while it runs would carry
        // the tool's own stall. So the round-trip window lies between the two samples, clear of both, and the CPU
        // figures span the samples (a little longer than the window, and divided by their own interval).
        Sample before = Sample.take(options.pid());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long end = start + options.duration().toNanos();
        long startEpochMillis = System.currentTimeMillis() + TimeUnit.NANOSECONDS.toMillis(start - System.nanoTime());
        for (IoLoop l : loops) {
            l.window(start, end).get(5, TimeUnit.SECONDS);
        }
        // An echo is normally back within a millisecond or two: this margin keeps the second sample clear of the
        // last packets' echoes (a later echo still counts, within the grace period).
        sleepUntil(end + TimeUnit.MILLISECONDS.toNanos(100));
        Sample after = Sample.take(options.pid());
        long rss = ProcStats.rssKib(options.pid());
        int threads = ProcStats.threads(options.pid());
        sleepUntil(end + options.grace().toNanos());
        Totals totals = collect();
        return new Steady(totals, before, after, rss, threads, peersLost() - lostBefore, signalling.takeEvents(),
                totals.slices().list(startEpochMillis));
    }

    private long peersLost() {
        long lost = 0;
        for (IoLoop l : loops) {
            lost += l.peersLost();
        }
        return lost;
    }

    // ---- Teardown ----

    /** Closes every flow, destroys every session, and returns how many sessions the admin API still lists. */
    private long teardown(List<Peer> peers) throws Exception {
        closeFlows();
        List<CompletableFuture<Void>> destroyed = new ArrayList<>();
        for (Peer p : peers) {
            JanusSession s = p.session;
            if (s != null) {
                destroyed.add(s.destroy());
            }
        }
        try {
            CompletableFuture.allOf(destroyed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.out.println("       teardown: some sessions were not destroyed within 30 s");
        }
        Thread.sleep(2000);
        signalling.takeEvents();
        return options.adminUrl() == null ? -1 : adminSessionCount(options.adminUrl());
    }

    static long adminSessionCount(URI adminUrl) {
        try {
            HttpRequest req = HttpRequest.newBuilder(adminUrl).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"janus\":\"list_sessions\",\"transaction\":\"x\"}"))
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            var sessions = JanusSession.JSON.readTree(res.body()).path("sessions");
            return sessions.isArray() ? sessions.size() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    @Override
    public void close() {
        for (IoLoop l : loops) {
            l.close();
        }
        signalling.close();
        dtlsPool.shutdownNow();
    }
}
