package io.webfon.it.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.rtp.sdp.CandidateType;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SessionDescription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ICE restart through the Janus API, as janus.js does it ({@code createOffer({iceRestart: true})}): after media
 * flows on the echotest, the peer sends a new offer with new {@code ice-ufrag}/{@code ice-pwd} from the same
 * address; the node answers with new credentials of its own, the peer's checks with them succeed, and the echo
 * resumes on the same PeerConnection (same DTLS association and SRTP keys, no {@code hangup} event, still one
 * PeerConnection). Then a second restart, to show a restarted session can restart again.
 */
class IceRestartIT {
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void newCredentialsFromTheSamePeerAddressResumeMediaOnTheSamePeerConnection() throws Exception {
        restartTwice(node);
    }

    /** The same with the node as an ICE-lite agent: the new session takes the peer's address over at its check. */
    @Test
    void iceLiteNodeRestartsTheSameWay() throws Exception {
        try (TestNode lite = TestNode.start("nat.ice_lite=true", "media.rtp_port_range=23800-23899")) {
            restartTwice(lite);
        }
    }

    private static void restartTwice(TestNode node) throws Exception {
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            String first = call.offer(peer.offer());
            peer.answer(first, CandidateType.HOST);
            call.awaitWebrtcUp();
            peer.awaitConnected(SETTLE);
            assertThat(peer.echoes(5, Duration.ofSeconds(3))).as("echo before the restart").isTrue();
            int ports = node.node().media().portsInUse();

            String previous = first;
            for (int restart = 1; restart <= 2; restart++) {
                String answer = call.offer(peer.restartOffer());
                assertThat(ufrag(answer)).as("the node's ufrag after restart %d", restart)
                        .isNotEqualTo(ufrag(previous));
                assertThat(pwd(answer)).as("the node's ice-pwd after restart %d", restart)
                        .isNotEqualTo(pwd(previous));
                peer.restartAnswer(answer, CandidateType.HOST);
                TurnRelayIT.until("the peer's checks with the new credentials succeed", peer::isIceConnected);
                assertThat(peer.echoes(10, Duration.ofSeconds(1))).as("echo after restart %d", restart).isTrue();
                TurnRelayIT.until("the node's restarted ICE session is connected",
                        () -> !iceFlag(node, call, "ice-restart"));
                previous = answer;
            }

            List<String> kinds = call.drain().stream().map(m -> m.path("janus").asText()).toList();
            assertThat(kinds).as("events during the restarts: no hangup, DTLS not redone")
                    .doesNotContain("hangup", "webrtcup");
            assertThat(node.node().media().peerConnections()).as("PeerConnections").isEqualTo(1);
            assertThat(node.node().media().portsInUse()).as("ports in use").isEqualTo(ports);
            JsonNode webrtc = handleInfo(node, call).path("webrtc");
            assertThat(webrtc.at("/dtls/dtls-state").asText()).as("handle_info webrtc %s", webrtc)
                    .isEqualTo("connected");
            assertThat(webrtc.at("/ice/selected-pair").asText()).as("handle_info webrtc %s", webrtc).isNotEmpty();
        }
    }

    private static String ufrag(String sdp) throws Exception {
        SessionDescription d = SdpParser.parse(sdp);
        return d.iceUfragOf(tag(d)).orElseThrow();
    }

    private static String pwd(String sdp) throws Exception {
        SessionDescription d = SdpParser.parse(sdp);
        return d.icePwdOf(tag(d)).orElseThrow();
    }

    private static MediaDescription tag(SessionDescription d) {
        return d.bundleTag().orElse(d.media().get(0));
    }

    private static JsonNode handleInfo(TestNode node, EchoSession call) throws Exception {
        return new JanusHttpClient(node.adminHttpUri())
                .call("", Requests.handle("handle_info", call.session, call.handle)).path("info");
    }

    private static boolean iceFlag(TestNode node, EchoSession call, String flag) throws Exception {
        return handleInfo(node, call).path("flags").path(flag).asBoolean();
    }
}
