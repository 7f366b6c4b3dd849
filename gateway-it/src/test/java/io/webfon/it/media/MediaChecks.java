package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.gateway.media.WebRtcMediaEngine;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * What the media tests check on the node: bounded polling (a deadline, never an asserted duration), the admin
 * API's {@code handle_info}, the media engine's counts, and the node's threads.
 */
final class MediaChecks {
    static final Duration SETTLE = Duration.ofSeconds(15);
    /**
     * Each media test class gets a port range of its own, away from the default one (20000-20999) that other
     * nodes on a shared machine use: a node built before the ICE port probe (see {@link MediaPortIT}) could bind
     * the same port and take the test's packets.
     */
    static final String PORTS = "media.rtp_port_range=";
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * Threads of the test JVM that are not the node's: the JDK HTTP and WebSocket clients of the tests (each
     * client has its selector thread until it is collected), the common pool, the peers' threads, JUnit's and
     * the JVM's own.
     */
    private static final Pattern NOT_THE_NODE = Pattern.compile(
            "HttpClient-.*|ForkJoinPool.*|" + EchoPeer.THREAD_PREFIX + ".*|main|Reference Handler|Finalizer"
                    + "|Signal Dispatcher|Common-Cleaner|Notification Thread|Attach Listener|process reaper.*"
                    + "|surefire-forkedjvm-.*");
    /**
     * Thread pools shared by all calls, whose size follows how many calls were set up at once, not how many there
     * were, and whose idle threads end after a while (30 s for the DTLS pool, 60 s for ice4j's static pools): the
     * DTLS handshake pool, ice4j's executors and timers. Each may stand a few threads above the baseline; a thread
     * leaked per call would stand above it by the number of calls.
     */
    private static final Pattern SHARED_POOL = Pattern.compile("dtls-#|ice#j\\..*(pool|executor).*");
    static final int POOL_SLACK = 4;

    private MediaChecks() {
    }

    static void until(String what, Callable<Boolean> condition) throws Exception {
        until(what, SETTLE, condition);
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

    /** The admin API's {@code info} object of {@code handle_info} for a handle. */
    static JsonNode handleInfo(TestNode node, long session, long handle) throws Exception {
        ObjectNode request = Requests.handle("handle_info", session, handle);
        ObjectNode reply = new JanusHttpClient(node.adminHttpUri()).call("", request);
        assertThat(reply.path("janus").asText()).as("handle_info reply %s", reply).isEqualTo("success");
        return reply.path("info");
    }

    /** The handle's transport counters ({@code webrtc.transport-stats}) from {@code handle_info}. */
    static JsonNode transportStats(TestNode node, long session, long handle) throws Exception {
        return handleInfo(node, session, handle).at("/webrtc/transport-stats");
    }

    /** Waits until the node holds no PeerConnection, no media handle and no leased port. */
    static void awaitNoMedia(TestNode node) throws Exception {
        WebRtcMediaEngine media = node.node().media();
        until("no PeerConnection, media handle or port left (" + describe(media) + ")",
                () -> media.peerConnections() == 0 && media.mediaHandles() == 0);
    }

    static String describe(WebRtcMediaEngine media) {
        return "peerconnections=" + media.peerConnections() + " handles=" + media.mediaHandles() + " ports="
                + media.portsInUse();
    }

    /** The node's live threads, by name with digits removed (pools), leaving out the test's own threads. */
    static Map<String, Integer> nodeThreads() {
        Map<String, Integer> byKind = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !NOT_THE_NODE.matcher(t.getName()).matches()) {
                byKind.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return byKind;
    }

    /** Kinds of thread above the baseline: any kind, or a shared pool by more than {@link #POOL_SLACK}. */
    static Map<String, Integer> aboveBaseline(Map<String, Integer> baseline, Map<String, Integer> now) {
        Map<String, Integer> above = new TreeMap<>();
        now.forEach((kind, count) -> {
            int allowed = baseline.getOrDefault(kind, 0) + (SHARED_POOL.matcher(kind).matches() ? POOL_SLACK : 0);
            if (count > allowed) {
                above.put(kind, count);
            }
        });
        return above;
    }

    /** Waits until no kind of node thread stands above the baseline (shared pools within their slack). */
    static void awaitThreadsBackTo(Map<String, Integer> baseline) throws Exception {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>();
        try {
            until("node threads back to the baseline", () -> {
                last.set(nodeThreads());
                return aboveBaseline(baseline, last.get()).isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; above it: " + aboveBaseline(baseline, last.get())
                    + "; baseline " + baseline + ", now " + last.get(), e);
        }
    }
}
