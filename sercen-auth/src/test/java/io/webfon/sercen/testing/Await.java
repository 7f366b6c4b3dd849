package io.webfon.sercen.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded waiting for real peers: a condition is polled until it holds or a generous deadline passes (then the
 * test fails). No test asserts on elapsed time; a loaded machine only makes a test slower.
 */
public final class Await {
    public static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private Await() {
    }

    public static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration max, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError err = new AssertionError("not true within " + max + ": " + what);
                if (last != null) {
                    err.initCause(last);
                }
                throw err;
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
