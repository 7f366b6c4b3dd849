package io.webfon.it.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.rtp.sdp.CandidateType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ice4j.ice.AgentConfig;
import org.jitsi.config.JitsiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consent freshness (RFC 7675) end to end. ice4j checks consent on the selected pair (every 15 s, each check
 * retransmitted for 15 s: the RFC's 30 s); here its intervals are shortened (1 s, 5 x 200 ms) through ice4j's own
 * configuration, so a lost consent shows within seconds. ice4j binds that configuration when its first agent is
 * made, so this class runs in a JVM of its own (gateway-it/pom.xml, failsafe execution "ice-consent").
 * A peer that answers the consent checks keeps its call over many intervals; a peer that keeps sending media but
 * stops answering them (so {@code media.peer_timeout} never fires) is hung up with a reason naming the lost
 * consent, and the node holds nothing afterwards. No duration is asserted: the waits are generous bounds.
 */
class IceConsentIT {
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Map<String, String> FAST_CONSENT = Map.of(
            "ice4j.consent-freshness.interval", "1 second",
            "ice4j.consent-freshness.randomize-interval", "false",
            "ice4j.consent-freshness.original-wait-interval", "200 milliseconds",
            "ice4j.consent-freshness.max-wait-interval", "200 milliseconds",
            "ice4j.consent-freshness.max-retransmissions", "4");
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        FAST_CONSENT.forEach(System::setProperty);
        JitsiConfig.Companion.reloadNewConfig();
        // Skipped, not failed, in a JVM where an ICE agent bound ice4j's configuration before this class: as with
        // -Dit.test / -Dtest naming other classes too, which puts them into the shared JVM before their own run.
        Assumptions.assumeTrue(AgentConfig.config.getConsentFreshnessInterval().equals(Duration.ofSeconds(1)),
                "ice4j's configuration was bound before this class; it runs in a JVM of its own (its execution)");
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            FAST_CONSENT.keySet().forEach(System::clearProperty);
            JitsiConfig.Companion.reloadNewConfig();
        }
    }

    @Test
    void answeredConsentChecksKeepTheCall() throws Exception {
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            connect(call, peer);
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                assertThat(peer.echoes(3, Duration.ofSeconds(1))).as("echo while consent is checked").isTrue();
                Thread.sleep(200);
            }
            assertThat(call.hangups()).as("hangup events after four consent intervals").isEmpty();
            assertThat(node.node().media().peerConnections()).isEqualTo(1);
        }
    }

    @Test
    void peerThatStopsAnsweringConsentIsHungUpThoughItStillSendsMedia() throws Exception {
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            connect(call, peer);
            peer.ignoreChecks();
            sender.scheduleAtFixedRate(() -> {
                try {
                    peer.sendAudio();
                } catch (Exception e) {
                    // the peer is closing
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            JsonNode hangup = call.awaitHangup(SETTLE);
            System.out.println("IceConsentIT hangup: " + hangup);
            assertThat(hangup.path("reason").asText()).as("hangup %s", hangup).contains("consent");
            TurnRelayIT.until("no PeerConnection left", () -> node.node().media().peerConnections() == 0
                    && node.node().media().mediaHandles() == 0);
        } finally {
            sender.shutdownNow();
        }
    }

    /**
     * Connected, and past the first answered check: the node reports webrtcup on the path of the peer's first
     * check, and ice4j checks consent on the pair it selects after its own check on it came back.
     */
    private static void connect(EchoSession call, RelayPeer peer) throws Exception {
        peer.answer(call.offer(peer.offer()), CandidateType.HOST);
        call.awaitWebrtcUp();
        peer.awaitConnected(SETTLE);
        assertThat(peer.echoes(5, Duration.ofSeconds(3))).as("echo").isTrue();
        JanusHttpClient admin = new JanusHttpClient(node.adminHttpUri());
        TurnRelayIT.until("ice4j selected a pair", () -> {
            String pair = admin.call("", Requests.handle("handle_info", call.session,
                    call.handle)).at("/info/webrtc/ice/selected-pair").asText();
            return !pair.isEmpty() && !pair.contains("first check");
        });
    }
}
