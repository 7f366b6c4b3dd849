package io.webfon.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Collects what the start-up warm-ups left on the heap, once they are all done.
 *
 * <p>Why: the warm-ups (DTLS handshakes, loopback calls, requests, sessions) allocate a few hundred MiB in
 * seconds, all of it garbage when they end. The heap grows to hold it, and an idle node then starts no collection
 * of its own: Shenandoah only starts one when the heap fills up or after five minutes (its guaranteed interval),
 * the serial collector only when the heap fills up. A node just started and idle held 200-400 MiB of RSS that way
 * for minutes, against about 147 after a collection. One explicit collection gives it back: with Shenandoah it is
 * a concurrent cycle (ExplicitGCInvokesConcurrent is on by default), after which the emptied regions are
 * uncommitted at once; with the serial collector it is one full collection of a heap that is nearly all garbage.
 * A JVM run with {@code -XX:+DisableExplicitGC} simply skips it.
 */
final class WarmUpGarbage {
    private static final Logger LOG = LogManager.getLogger(WarmUpGarbage.class);
    private static final long MIB = 1024 * 1024;

    private WarmUpGarbage() {
    }

    /** Collects the heap and writes one INFO line with what it took, unless {@code closed} says the node stopped. */
    static void collect(BooleanSupplier closed) {
        if (closed.getAsBoolean()) {
            return;
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = memory.getHeapMemoryUsage().getUsed();
        long start = System.nanoTime();
        System.gc();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = memory.getHeapMemoryUsage().getUsed();
        LOG.info("Warm-up garbage collected in {} ms (heap in use {} MiB before, {} MiB after)", millis,
                before / MIB, after / MIB);
    }
}
