package io.webfon.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusWsClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Bounded waiting: a condition is polled until it holds or a deadline passes (then the test fails). No test
 * asserts on elapsed time; deadlines are generous so that a loaded machine only makes a test slower.
 */
final class Poll {
    static final Duration DEFAULT = Duration.ofSeconds(15);
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Poll() {
    }

    static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, DEFAULT, condition);
    }

    static void until(String what, Duration max, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + max + ": " + what);
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }

    /** The first message matching within {@code wait}, taken from the client's inbox, or empty. */
    static Optional<JsonNode> maybe(JanusWsClient ws, Predicate<JsonNode> match, Duration wait)
            throws InterruptedException {
        try {
            return Optional.of(ws.await(match, wait));
        } catch (AssertionError none) {
            return Optional.empty();
        }
    }

    static Predicate<JsonNode> kind(String kind) {
        return m -> kind.equals(m.path("janus").asText());
    }

    static Predicate<JsonNode> kind(String kind, long sessionId) {
        return m -> kind.equals(m.path("janus").asText()) && m.path("session_id").asLong() == sessionId;
    }
}
