package io.webfon.janus.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.session.Handle;
import io.webfon.janus.testing.FakePlugin;
import io.webfon.janus.testing.RecordingTransport;
import io.webfon.janus.testing.TestCore;
import io.webfon.janus.transport.ClientInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, closed connections and reclaims, driven by a manual clock and the watchdog's sweep; and the trickles
 * of our own candidates, which never overtake the event carrying the SDP they complete.
 */
class SessionLifecycleTest {
    private final RecordingTransport conn = new RecordingTransport();

    @Test
    void idleSessionTimesOutWithATimeoutEventAndItsHandlesAreDestroyed() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        t.advanceSeconds(59);
        assertThat(t.core.watchdog().sweep(t.clock.get())).isZero();
        t.advanceSeconds(1);
        assertThat(t.core.watchdog().sweep(t.clock.get())).isEqualTo(1);
        assertThat(conn.kinds()).containsExactly("timeout");
        assertThat(conn.last().path("session_id").asLong()).isEqualTo(s);
        assertThat(conn.notifications()).containsExactly("over " + s + " timeout");
        assertThat(t.plugin.calls()).contains("destroy " + h);
        assertThat(t.core.registry().sessionCount()).isZero();
        assertThat(t.core.registry().handleCount()).isZero();
    }

    @Test
    void anyRequestKeepsTheSessionAlive() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        for (int i = 0; i < 5; i++) {
            t.advanceSeconds(50);
            t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"k\",\"session_id\":" + s + "}");
            t.core.watchdog().sweep(t.clock.get());
        }
        assertThat(t.core.registry().find(s)).isNotNull();
    }

    @Test
    void perSessionTimeoutOverridesTheGlobalOne() {
        TestCore t = new TestCore();
        long forever = t.createSession(conn);
        long quick = t.createSession(conn);
        t.admin(conn, "{\"janus\":\"set_session_timeout\",\"timeout\":0,\"transaction\":\"a\",\"session_id\":" + forever + "}");
        t.admin(conn, "{\"janus\":\"set_session_timeout\",\"timeout\":5,\"transaction\":\"a\",\"session_id\":" + quick + "}");
        t.advanceSeconds(10);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(quick)).isNull();
        t.advanceSeconds(1000);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(forever)).isNotNull();
    }

    @Test
    void closedConnectionEndsItsSessionsAtOnceWithoutReclaimTimeout() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        t.core.api().transportGone(conn, List.of(s));
        assertThat(t.core.registry().find(s)).isNull();
        assertThat(t.plugin.calls()).contains("destroy " + h);
    }

    @Test
    void closedConnectionsSessionWaitsToBeClaimedWithinTheReclaimTimeout() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 10, 45, "", "", false, false, 0, 0));
        long claimed = t.createSession(conn);
        long abandoned = t.createSession(conn);
        t.core.api().transportGone(conn, List.of(claimed, abandoned));
        RecordingTransport other = new RecordingTransport();
        t.advanceSeconds(5);
        t.send(other, "{\"janus\":\"claim\",\"transaction\":\"c\",\"session_id\":" + claimed + "}");
        t.advanceSeconds(5);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(claimed)).isNotNull();
        assertThat(t.core.registry().find(abandoned)).isNull();
    }

    @Test
    void transportGoneIgnoresSessionsAlreadyClaimedElsewhere() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        RecordingTransport other = new RecordingTransport();
        t.send(other, "{\"janus\":\"claim\",\"transaction\":\"c\",\"session_id\":" + s + "}");
        t.core.api().transportGone(conn, List.of(s));
        assertThat(t.core.registry().find(s)).isNotNull();
    }

    @Test
    void shutdownTellsEveryClientItsHandlesAreDetached() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h1 = t.attach(conn, s);
        long h2 = t.attach(conn, s);
        conn.clear();
        t.core.close();
        assertThat(conn.messages()).filteredOn(m -> m.path("janus").asText().equals("detached"))
                .extracting(m -> m.path("sender").asLong()).containsExactlyInAnyOrder(h1, h2);
        assertThat(conn.notifications()).containsExactly("over " + s);
        assertThat(t.core.registry().sessionCount()).isZero();
    }

    @Test
    void pluginEndingItsOwnSessionDetachesTheHandle() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        t.plugin.onMessage((handle, body) -> {
            handle.endSession();
            return io.webfon.janus.plugin.PluginResult.okWait(null);
        });
        conn.clear();
        t.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + s + ",\"handle_id\":"
                + h + "}");
        assertThat(conn.kinds()).containsExactly("ack", "event", "detached");
        assertThat(t.core.registry().handleCount()).isZero();
    }

    // ---- Our trickled candidates (a TURN relay found after the SDP) ----

    private static final String RELAY = "2 1 udp 2815 127.0.0.1 50010 typ relay raddr 127.0.0.1 rport 40002 generation 0";

    @Test
    void relayFoundWhileTheAnswerIsOnItsWayIsTrickledAfterItAsJanusDoes() {
        TrickleCore t = new TrickleCore();
        t.media.duringLocalJsep = h -> {
            // The relay is ready on another thread while the answer waits for the request's reply.
            onOtherThread(() -> t.media.events.localCandidate(h, "0", RELAY));
            t.media.events.localCandidatesDone(h);
        };
        t.offer();
        assertThat(t.conn.kinds()).containsExactly("ack", "event", "trickle", "trickle");
        List<ObjectNode> m = t.conn.messages();
        assertThat(m.get(1).at("/jsep/type").asText()).isEqualTo("answer");
        assertThat(m.get(2).path("session_id").asLong()).isEqualTo(t.session);
        assertThat(m.get(2).path("sender").asLong()).isEqualTo(t.handle);
        assertThat(m.get(2).path("candidate")).isEqualTo(Json.object().put("sdpMid", "0").put("sdpMLineIndex", 0)
                .put("candidate", "candidate:" + RELAY));
        assertThat(m.get(3).path("candidate")).isEqualTo(Json.object().put("completed", true));
        assertThat(m.get(3).has("transaction")).isFalse();
    }

    @Test
    void trickleWithNoSdpOnItsWayGoesOutAtOnce() {
        TrickleCore t = new TrickleCore();
        t.offer();
        t.conn.clear();
        onOtherThread(() -> t.media.events.localCandidate(t.media.lastHandle.get(), "audio", RELAY));
        assertThat(t.conn.kinds()).containsExactly("trickle");
        assertThat(t.conn.last().at("/candidate/sdpMid").asText()).isEqualTo("audio");
    }

    @Test
    void hangupDropsTheTricklesStillHeldForItsPeerConnection() {
        TrickleCore t = new TrickleCore();
        t.media.duringLocalJsep = h -> onOtherThread(() -> t.media.events.localCandidate(h, "0", RELAY));
        t.core.plugin.onMessage((h, body) -> {
            h.pushEvent(body.path("tx").asText(null), Json.object().put("echo", "ok"), answer());
            h.closePeerConnection();
            return PluginResult.okWait(null);
        });
        t.offer();
        assertThat(t.conn.kinds()).as("no trickle of the PeerConnection that ended").doesNotContain("trickle")
                .contains("event", "hangup");
    }

    @Test
    void aRefusedSdpReleasesTheHeldTrickles() {
        TrickleCore t = new TrickleCore();
        t.media.duringLocalJsep = ScriptedMedia.REFUSE;
        t.offer();
        t.media.duringLocalJsep = h -> { };
        t.conn.clear();
        onOtherThread(() -> t.media.events.localCandidate(t.media.lastHandle.get(), "0", RELAY));
        assertThat(t.conn.kinds()).containsExactly("trickle");
    }

    @Test
    void theMediaEngineHearsOfOurDescriptionOnceTheClientConnectionHasIt() {
        TrickleCore t = new TrickleCore();
        t.media.onJsepSent = h -> t.media.seenWhenSent.set(List.copyOf(t.conn.kinds()));
        t.offer();
        assertThat(t.media.jsepSent).as("once per JSEP event").containsExactly(t.handle);
        assertThat(t.media.seenWhenSent.get()).as("the reply, then the event with our answer, then the engine")
                .containsExactly("ack", "event");
    }

    @Test
    void aRefusedSdpIsNeverReportedSent() {
        TrickleCore t = new TrickleCore();
        t.media.duringLocalJsep = ScriptedMedia.REFUSE;
        t.offer();
        assertThat(t.media.jsepSent).isEmpty();
    }

    private static void onOtherThread(Runnable r) {
        Thread thread = new Thread(r, "turn-allocation");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static ObjectNode answer() {
        return Json.object().put("type", "answer").put("sdp", "v=0\r\n");
    }

    /** A core whose media engine runs a scripted action while it completes the plugin's SDP. */
    private static final class TrickleCore {
        final ScriptedMedia media = new ScriptedMedia();
        final RecordingTransport conn = new RecordingTransport();
        final TestCoreParts core = new TestCoreParts(media);
        final long session;
        final long handle;

        TrickleCore() {
            core.plugin.onMessage((h, body) -> {
                h.pushEvent(body.path("tx").asText(null), Json.object().put("echo", "ok"), answer());
                return PluginResult.okWait(null);
            });
            session = core.send(conn, "{\"janus\":\"create\",\"transaction\":\"c\"}").at("/data/id").asLong();
            handle = core.send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE
                    + "\",\"transaction\":\"a\",\"session_id\":" + session + "}").at("/data/id").asLong();
            conn.clear();
        }

        /** A message with a JSEP offer, as janus.js sends it; the plugin answers on the same thread. */
        void offer() {
            core.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + session
                    + ",\"handle_id\":" + handle + ",\"jsep\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
        }
    }

    /** {@link TestCore}'s pieces around a media engine of the test's own. */
    private static final class TestCoreParts {
        final FakePlugin plugin = new FakePlugin();
        final JanusCore core;

        TestCoreParts(MediaEngine media) {
            AtomicLong clock = new AtomicLong(1_000_000_000L);
            ServerIdentity id = new ServerIdentity("Test", 100, "0.1.0", "tests", "none", "now", Map.of());
            core = new JanusCore(ApiConfig.defaults(), id, List.of(plugin), media, new TestCore.RecordingLog(), null,
                    clock::get);
        }

        ObjectNode send(RecordingTransport conn, String json) {
            AtomicReference<ObjectNode> reply = new AtomicReference<>();
            core.api().handle(conn, new ClientInfo("192.0.2.1"), TestCore.parse(json), r -> {
                reply.set(r);
                conn.reply(r);
            });
            return reply.get();
        }
    }

    /** Accepts any SDP; runs {@link #duringLocalJsep} while completing the plugin's, as a TURN race would. */
    private static final class ScriptedMedia implements MediaEngine {
        volatile MediaEvents events;
        /** What {@link #duringLocalJsep} does to refuse the plugin's SDP, as the engine does a bad one. */
        static final Consumer<Handle> REFUSE = h -> {
            throw new io.webfon.janus.protocol.JanusException(io.webfon.janus.protocol.JanusError.JSEP_INVALID_SDP,
                    "bad");
        };
        volatile Consumer<Handle> duringLocalJsep = h -> { };
        volatile Consumer<Handle> onJsepSent = h -> { };
        final AtomicReference<Handle> lastHandle = new AtomicReference<>();
        final List<Long> jsepSent = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicReference<List<String>> seenWhenSent = new AtomicReference<>();

        @Override
        public void localJsepSent(Handle handle) {
            jsepSent.add(handle.handleId());
            onJsepSent.accept(handle);
        }

        @Override
        public void bind(MediaEvents mediaEvents) {
            this.events = mediaEvents;
        }

        @Override
        public ObjectNode remoteJsep(Handle handle, String type, String sdp, ObjectNode jsep) {
            return Json.object().put("type", type).put("sdp", sdp);
        }

        @Override
        public ObjectNode localJsep(Handle handle, String type, String sdp, boolean restart) {
            lastHandle.set(handle);
            duringLocalJsep.accept(handle);
            return Json.object().put("type", type).put("sdp", sdp);
        }

        @Override
        public void trickle(Handle handle, JsonNode candidates) {
        }

        @Override
        public boolean hangup(Handle handle, String reason) {
            return true;
        }

        @Override
        public void describe(Handle handle, ObjectNode info) {
        }

        @Override
        public void describeServer(ObjectNode info) {
        }
    }
}
