package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a call ends releases everything: a {@code hangup} request, a detach, a session destroy, the peer
 * vanishing ({@code media.peer_timeout} 5 s, the smallest allowed) and the peer's DTLS close_notify. Each time the
 * client hears {@code hangup} when its handle survives the end, and afterwards the node holds no PeerConnection,
 * no media state, no extra port, {@code handle_info} shows no {@code webrtc} object, and the node's threads are
 * back to what they were before the call. Then 20 connect/hangup cycles, with no growth.
 */
class MediaHangupIT {
    private static final int CYCLES = 20;
    private static TestNode node;
    private static Map<String, Integer> baselineThreads;
    private static int baselinePorts;

    /** How a call ends, and whether the handle outlives it (then the client hears {@code hangup}). */
    enum Ending {
        HANGUP_REQUEST(true), DETACH(false), SESSION_DESTROY(false), PEER_VANISHES(true), DTLS_CLOSE_NOTIFY(true);

        final boolean handleSurvives;

        Ending(boolean handleSurvives) {
            this.handleSurvives = handleSurvives;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(MediaChecks.PORTS + "23200-23299", "media.peer_timeout=5");
        // A first call over each transport, so that every lazily started pool of the node exists in the baseline.
        for (JanusChannel.Via via : JanusChannel.Via.values()) {
            try (JanusChannel api = via.open(node); EchoCall call = EchoCall.connected(api)) {
                call.assertEchoWorks();
                MediaChecks.handleInfo(node, call.session, call.handle);
                call.destroy();
            }
        }
        MediaChecks.awaitNoMedia(node);
        baselineThreads = MediaChecks.nodeThreads();
        baselinePorts = node.node().media().portsInUse();
        System.out.println("MediaHangupIT baseline: ports " + baselinePorts + ", threads " + baselineThreads);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Ending.class)
    void everyEndingReleasesThePeerConnectionPortAndThreads(Ending ending) throws Exception {
        try (JanusChannel api = JanusChannel.Via.WEBSOCKET.open(node); EchoCall call = EchoCall.connected(api)) {
            call.assertEchoWorks();
            assertThat(node.node().media().peerConnections()).isEqualTo(1);
            JsonNode webrtc = MediaChecks.handleInfo(node, call.session, call.handle).path("webrtc");
            assertThat(webrtc.at("/dtls/dtls-state").asText()).as("handle_info webrtc %s", webrtc)
                    .isEqualTo("connected");

            String reason = end(call, ending);
            System.out.println("MediaHangupIT " + ending + ": hangup reason '" + reason + "'");

            MediaChecks.awaitNoMedia(node);
            if (ending.handleSurvives) {
                JsonNode info = MediaChecks.handleInfo(node, call.session, call.handle);
                assertThat(info.has("webrtc")).as("handle_info after the hangup: %s", info).isFalse();
                assertThat(info.path("plugin").asText()).isEqualTo("janus.plugin.echotest");
            }
            if (ending != Ending.SESSION_DESTROY) {
                call.destroy();
            }
        }
        assertReleased();
    }

    /** Ends the call the given way and returns the reason of the {@code hangup} event (null when none is due). */
    private static String end(EchoCall call, Ending ending) throws Exception {
        JanusChannel api = call.api;
        switch (ending) {
            case HANGUP_REQUEST -> assertSuccess(api.call(Requests.handle("hangup", call.session, call.handle)));
            case DETACH -> assertSuccess(api.call(Requests.handle("detach", call.session, call.handle)));
            case SESSION_DESTROY -> assertSuccess(api.call(Requests.session("destroy", call.session)));
            case PEER_VANISHES -> call.peer.vanish();
            case DTLS_CLOSE_NOTIFY -> call.peer.closeDtls();
            default -> throw new IllegalArgumentException(ending.name());
        }
        if (ending == Ending.SESSION_DESTROY) {
            // As Janus: a destroyed session's handles end without events.
            return null;
        }
        JsonNode hangup = api.await("hangup event", JanusChannel.event("hangup", call.handle));
        String reason = hangup.path("reason").asText();
        switch (ending) {
            case HANGUP_REQUEST -> assertThat(reason).isEqualTo("Janus API");
            case DETACH -> {
                assertThat(reason).isEqualTo("Detach");
                api.await("detached event", JanusChannel.event("detached", call.handle));
            }
            case PEER_VANISHES -> assertThat(reason).as("hangup reason")
                    .containsAnyOf("No packets from the peer", "ICE", "consent");
            case DTLS_CLOSE_NOTIFY -> assertThat(reason).as("hangup reason").contains("close_notify");
            default -> {
            }
        }
        if (ending.handleSurvives) {
            JsonNode done = api.await("echotest 'done' event", m -> "event".equals(m.path("janus").asText())
                    && "done".equals(m.at("/plugindata/data/result").asText()));
            assertThat(done.path("sender").asLong()).isEqualTo(call.handle);
        }
        return reason;
    }

    private static void assertSuccess(ObjectNode reply) {
        assertThat(reply.path("janus").asText()).as("reply %s", reply).isEqualTo("success");
    }

    /** No media state, no extra port, the node's threads back to the baseline. */
    private static void assertReleased() throws Exception {
        MediaChecks.awaitNoMedia(node);
        MediaChecks.until("ports back to " + baselinePorts + " (" + MediaChecks.describe(node.node().media()) + ")",
                () -> node.node().media().portsInUse() == baselinePorts);
        MediaChecks.awaitThreadsBackTo(baselineThreads);
        assertThat(node.node().statusReport()).contains(" media peerconnections=0 handles=0 ");
    }

    @Test
    void repeatedConnectAndHangupLeavesNothingBehind() throws Exception {
        Ending[] endings = {Ending.HANGUP_REQUEST, Ending.DETACH, Ending.DTLS_CLOSE_NOTIFY, Ending.SESSION_DESTROY};
        for (int i = 0; i < CYCLES; i++) {
            JanusChannel.Via via = JanusChannel.Via.values()[(i / endings.length) % 2];
            Ending ending = endings[i % endings.length];
            try (JanusChannel api = via.open(node); EchoCall call = EchoCall.connected(api)) {
                call.assertEchoWorks();
                end(call, ending);
                MediaChecks.awaitNoMedia(node);
                if (ending != Ending.SESSION_DESTROY) {
                    call.destroy();
                }
            }
        }
        assertReleased();
        MediaChecks.until("no session left", () -> node.node().statusReport().contains(" sessions cur=0 "));
        System.out.println("MediaHangupIT after " + CYCLES + " cycles: threads " + MediaChecks.nodeThreads() + ", "
                + MediaChecks.describe(node.node().media()));
    }
}
