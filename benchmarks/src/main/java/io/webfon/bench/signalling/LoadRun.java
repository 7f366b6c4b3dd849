package io.webfon.bench.signalling;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the signalling cycle load against one target: connects the workers, lets them warm up (JIT, pools,
 * caches on both sides), then measures a fixed period and stops. The target's CPU time, this client's and the
 * machine's are sampled from /proc exactly at the window's edges, and only cycles that complete inside the
 * window count, so rate, latency and CPU per cycle describe the same period.
 */
public final class LoadRun {
    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    private static final long STALL_CHECK_MS = 500;

    /** What the workers read from the run: its phase (set by the main thread) and the cycle's message. */
    static final class Control {
        private final String plugin;
        private final String body;
        private volatile int phase = WARMUP;

        Control(String plugin, String body) {
            this.plugin = plugin;
            this.body = body;
        }

        boolean measuring() {
            return phase == MEASURE;
        }

        boolean stopping() {
            return phase == STOP;
        }

        String plugin() {
            return plugin;
        }

        String body() {
            return body;
        }
    }

    /** A sample of every CPU counter, taken at one edge of the window. */
    private record Sample(long nanos, long nodeCpu, long clientCpu, long[] machine, Map<String, Long> threads) {
        static Sample take(long pid, long self) {
            if (!ProcStats.alive(pid)) {
                throw new IllegalStateException("the target process " + pid + " is gone");
            }
            return new Sample(System.nanoTime(), ProcStats.cpuNanos(pid), ProcStats.cpuNanos(self),
                    ProcStats.machineTicks(), ProcStats.threadCpuNanos(pid));
        }
    }

    private LoadRun() {
    }

    public static LoadResult run(LoadOptions o) throws Exception {
        String loadBefore = ProcStats.loadAverage();
        long self = ProcessHandle.current().pid();
        Control control = new Control(o.plugin(), o.body());
        try (WsClient client = new WsClient(o.url(), o.concurrency())) {
            List<CycleWorker> workers = new ArrayList<>();
            for (int i = 0; i < o.concurrency(); i++) {
                workers.add(new CycleWorker(i, client.connect(), control));
            }
            List<CompletableFuture<Void>> finished = new ArrayList<>();
            for (CycleWorker w : workers) {
                finished.add(w.finished().toCompletionStage().toCompletableFuture());
                client.vertx().runOnContext(v -> w.start());
            }
            long stallNanos = o.stallTimeout().toNanos();
            long timer = client.vertx().setPeriodic(STALL_CHECK_MS,
                    id -> workers.forEach(w -> w.checkStalled(System.nanoTime(), stallNanos)));
            Thread.sleep(o.warmup().toMillis());
            Sample start = Sample.take(o.pid(), self);
            control.phase = MEASURE;
            Thread.sleep(o.duration().toMillis());
            control.phase = STOP;
            Sample end = Sample.take(o.pid(), self);
            long rss = ProcStats.alive(o.pid()) ? ProcStats.rssKib(o.pid()) : -1;
            int threads = ProcStats.alive(o.pid()) ? ProcStats.threads(o.pid()) : -1;
            // Workers finish the cycle in flight (so no session is left behind); a stalled one gives up.
            CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new))
                    .get(o.stallTimeout().toMillis() + STALL_CHECK_MS * 4, TimeUnit.MILLISECONDS);
            client.vertx().cancelTimer(timer);
            return result(o, workers, start, end, rss, threads, loadBefore);
        }
    }

    private static LoadResult result(LoadOptions o, List<CycleWorker> workers, Sample start, Sample end, long rss,
            int threads, String loadBefore) {
        long cycles = 0;
        long messages = 0;
        long errors = 0;
        long errorsTotal = 0;
        String firstError = null;
        List<Latencies> all = new ArrayList<>();
        for (CycleWorker w : workers) {
            cycles += w.measuredCycles();
            messages += w.measuredMessages();
            errors += w.measuredErrors();
            errorsTotal += w.errors();
            firstError = firstError != null ? firstError : w.firstError();
            all.add(w.latencies());
        }
        long[] sorted = Latencies.merge(all);
        long windowNanos = end.nanos() - start.nanos();
        long nodeCpu = end.nodeCpu() - start.nodeCpu();
        long clientCpu = end.clientCpu() - start.clientCpu();
        long busy = end.machine()[0] - start.machine()[0];
        long total = end.machine()[1] - start.machine()[1];
        double machine = total == 0 ? -1 : 100.0 * busy / total;
        int cpus = Runtime.getRuntime().availableProcessors();
        // What the machine did beyond the target and this client: other work on a shared box.
        double others = machine < 0 ? -1
                : Math.max(0, machine * cpus - 100.0 * nodeCpu / windowNanos - 100.0 * clientCpu / windowNanos);
        return new LoadResult(o.target(), o.url().toString(), o.pid(), o.concurrency(), o.warmup().toMillis() / 1e3,
                windowNanos / 1e9, cycles, cycles / (windowNanos / 1e9), micros(sorted, 50), micros(sorted, 90),
                micros(sorted, 99), micros(sorted, 99.9), micros(sorted, 100), errors, errorsTotal, firstError,
                perThousand(nodeCpu, cycles), perThousand(clientCpu, cycles), 100.0 * nodeCpu / windowNanos,
                100.0 * clientCpu / windowNanos, machine, others,
                cycles == 0 ? -1 : (double) messages / cycles, rss, threads,
                ThreadCpu.top(start.threads(), end.threads(), cycles, windowNanos), loadBefore, cpus);
    }

    private static long micros(long[] sorted, double percentile) {
        return Latencies.percentile(sorted, percentile) / 1000;
    }

    /** CPU milliseconds per 1,000 cycles. */
    private static double perThousand(long cpuNanos, long cycles) {
        return cycles == 0 ? -1 : cpuNanos / 1e6 / cycles * 1000;
    }

    /** Waits for a Vert.x future from a plain thread. */
    static <T> T await(Future<T> f, long seconds) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
