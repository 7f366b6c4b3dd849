package io.webfon.bench.signalling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Measures what idle sessions cost a target: RSS (and heap, for our node) idle, while holding N sessions made
 * with {@code create} alone over a few connections, and after destroying them again. The target must be
 * started with a session timeout longer than the probe (run-signalling.sh uses 600 s), so no keepalives are
 * sent: they would only add noise to the readings.
 */
public final class MemoryProbe {
    /** Requests in flight at once while creating or destroying: enough to be quick, few enough to be polite. */
    private static final int IN_FLIGHT = 64;
    private static final long BATCH_TIMEOUT_SECONDS = 120;

    private record Reading(long rssKib, long heapKib, long heapMaxKib, int threads) {
    }

    /** The first error of a batch and how many there were. */
    private static final class Errors {
        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(String what) {
            count.incrementAndGet();
            first.compareAndSet(null, what.length() > 300 ? what.substring(0, 300) + "..." : what);
        }
    }

    private MemoryProbe() {
    }

    public static MemoryResult run(MemoryOptions o) throws Exception {
        String loadBefore = ProcStats.loadAverage();
        Reading idle = read(o);
        Errors errors = new Errors();
        String[] ids = new String[o.sessions()];
        Reading loaded;
        long seen;
        double createRate;
        try (WsClient client = new WsClient(o.url(), o.connections())) {
            List<RpcConnection> connections = new ArrayList<>();
            for (int i = 0; i < o.connections(); i++) {
                connections.add(new RpcConnection(client.connect()));
            }
            long t0 = System.nanoTime();
            batch(connections, o.sessions(), i -> new String[] {"c" + i, JanusText.create("c" + i)}, errors,
                    (i, reply) -> ids[i] = JanusText.dataId(reply));
            createRate = o.sessions() / ((System.nanoTime() - t0) / 1e9);
            loaded = read(o);
            seen = sessionsSeen(o);
            batch(connections, o.sessions(), i -> ids[i] == null ? null
                    : new String[] {"d" + i, JanusText.destroy(ids[i], "d" + i)}, errors, (i, reply) -> { });
            connections.forEach(RpcConnection::close);
        }
        Reading after = read(o);
        return new MemoryResult(o.target(), o.pid(), o.sessions(), o.connections(), idle.rssKib(), loaded.rssKib(),
                after.rssKib(), idle.heapKib(), loaded.heapKib(), after.heapKib(), idle.heapMaxKib(), idle.threads(),
                loaded.threads(), seen, createRate, errors.count.get(), errors.first.get(), loadBefore);
    }

    /**
     * Sends request {@code i} (its transaction and text; null to skip) for every i, round-robin over the
     * connections, at most {@link #IN_FLIGHT} at once, and waits for every reply.
     */
    private static void batch(List<RpcConnection> connections, int n, IntFunction<String[]> request, Errors errors,
            ReplyHandler onSuccess) throws InterruptedException {
        Semaphore window = new Semaphore(IN_FLIGHT);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            String[] txAndText = request.apply(i);
            if (txAndText == null) {
                done.countDown();
                continue;
            }
            window.acquire();
            int index = i;
            connections.get(i % connections.size()).call(txAndText[0], txAndText[1]).whenComplete((reply, e) -> {
                if (e != null) {
                    errors.add(e.toString());
                } else if (!"success".equals(JanusText.kind(reply))) {
                    errors.add(reply);
                } else {
                    onSuccess.accept(index, reply);
                }
                window.release();
                done.countDown();
            });
        }
        if (!done.await(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            errors.add("timed out waiting for " + done.getCount() + " replies");
        }
    }

    @FunctionalInterface
    private interface ReplyHandler {
        void accept(int index, String reply);
    }

    /** RSS, and heap after a full GC for our node; after a pause so the target is quiet. */
    private static Reading read(MemoryOptions o) throws Exception {
        Thread.sleep(o.settle().toMillis());
        if (o.gc()) {
            TargetProbe.forceGc(o.pid());
        }
        long heap = -1;
        long heapMax = -1;
        if (o.statusPort() > 0) {
            String status = TargetProbe.status(o.statusPort());
            heap = TargetProbe.statusValue(status, "jvm", "heap_used_kb");
            heapMax = TargetProbe.statusValue(status, "jvm", "heap_max_kb");
        }
        return new Reading(ProcStats.rssKib(o.pid()), heap, heapMax, ProcStats.threads(o.pid()));
    }

    /** The sessions the target says it holds: admin API if given, else our status port, else unknown. */
    private static long sessionsSeen(MemoryOptions o) throws java.io.IOException {
        if (o.adminUrl() != null) {
            return TargetProbe.adminSessionCount(o.adminUrl());
        }
        return o.statusPort() > 0 ? TargetProbe.statusValue(TargetProbe.status(o.statusPort()), "sessions", "cur")
                : -1;
    }
}
