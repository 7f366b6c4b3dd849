package io.webfon.sercen.limit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process brute-force brake, in addition to fail2ban: a key (a client address, an account name) that fails
 * {@code maxFailures} times within {@code windowMillis} of its first failure is blocked until that window ends.
 * A success clears the key. The table is bounded: past {@code maxKeys} entries, expired ones are dropped, and if
 * that is not enough the table is emptied (fail2ban and the account limiter still stand). Time comes from the
 * injected clock.
 */
public final class FailureLimiter {
    private record Window(long start, int failures) {
    }

    private final int maxFailures;
    private final long windowMillis;
    private final int maxKeys;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public FailureLimiter(int maxFailures, long windowMillis, int maxKeys, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Whether the key is blocked now. */
    public boolean blocked(String key) {
        Window w = windows.get(key);
        long now = clock.millis();
        return w != null && now - w.start() < windowMillis && w.failures() >= maxFailures;
    }

    /** Counts a failure; returns whether the key is blocked after it. */
    public boolean fail(String key) {
        long now = clock.millis();
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= windowMillis
                ? new Window(now, 1) : new Window(old.start(), old.failures() + 1));
        if (windows.size() > maxKeys) {
            prune(now);
        }
        return w.failures() >= maxFailures;
    }

    /** Forgets a key's failures (after a success). */
    public void clear(String key) {
        windows.remove(key);
    }

    /** Keys currently blocked. */
    public int blockedCount() {
        long now = clock.millis();
        return (int) windows.values().stream()
                .filter(w -> now - w.start() < windowMillis && w.failures() >= maxFailures).count();
    }

    public int size() {
        return windows.size();
    }

    private void prune(long now) {
        windows.values().removeIf(w -> now - w.start() >= windowMillis);
        if (windows.size() > maxKeys) {
            windows.clear();
        }
    }
}
