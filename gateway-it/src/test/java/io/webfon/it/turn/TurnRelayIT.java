package io.webfon.it.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.gateway.media.WebRtcMediaEngine;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.CandidateType;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relayed candidates through a real TURN server: Debian's coturn on 127.0.0.1 with long-term credentials (skipped,
 * saying why, when turnserver is not installed), behind a {@link TurnProxy} that holds coturn's Allocate answers
 * back until the test lets them through, as a TURN server that answers slowly would. The node configured with
 * {@code nat.turn_server} answers at once with its host candidate (no {@code a=end-of-candidates}: more may
 * come), and once coturn's answer is let through it sends the relayed candidate as a Janus {@code trickle} event,
 * then the {@code completed} trickle, both after the answer. A peer that talks to that candidate only completes
 * ICE, DTLS and SRTP and gets its audio echoed, every packet arriving from coturn's relay address; the hangup gives
 * the TURN client port back and deletes the allocation on coturn, also when it comes while the allocation is
 * still under way (and nothing is trickled afterwards). A refused password or a TURN server that does not answer
 * never holds up the answer: the call works on the host candidate, the {@code completed} trickle follows, and one
 * WARN line names the failure (never the password).
 */
class TurnRelayIT {
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static Coturn coturn;
    private static TurnProxy proxy;
    private static TestNode node;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Coturn.missing().isEmpty(), () -> "TURN tests skipped: " + Coturn.missing().get());
        coturn = Coturn.start();
        proxy = new TurnProxy(coturn.port());
        log = Files.createTempFile("turn-it", ".log");
        node = TestNode.start(log, "nat.turn_server=127.0.0.1", "nat.turn_port=" + proxy.port(),
                "nat.turn_user=" + Coturn.USER, "nat.turn_pwd=" + Coturn.PASSWORD);
    }

    @AfterEach
    void letAnswersThrough() throws Exception {
        if (proxy != null) {
            proxy.release();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (coturn != null) {
            coturn.close();
        }
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** One offer answered while coturn's Allocate answer is held, then the relay trickled once it is let through. */
    private record Negotiation(String answer, JsonNode answerEvent, JsonNode trickle, Candidate relay) {
        InetSocketAddress relayAddress() {
            return new InetSocketAddress(relay.address(), relay.port());
        }
    }

    private static Negotiation negotiate(EchoSession call, String offer) throws Exception {
        proxy.hold();
        String answer = call.offer(offer);
        JsonNode answerEvent = call.lastAnswerEvent();
        List<Candidate> inSdp = RelayPeer.candidates(answer);
        System.out.println("TurnRelayIT answer candidates: " + inSdp);
        assertThat(inSdp).as("the answer's candidates, sent before coturn's answer")
                .noneMatch(c -> c.type() == CandidateType.RELAY).anyMatch(c -> c.type() == CandidateType.HOST);
        assertThat(answer).as("the answer SDP: more candidates may come").doesNotContain("a=end-of-candidates");
        awaitHeldAllocation();
        proxy.release();

        JsonNode trickle = call.awaitTrickledCandidate();
        System.out.println("TurnRelayIT trickle: " + trickle);
        assertThat(call.arrivedBefore(answerEvent, trickle)).as("the answer came before the trickle").isTrue();
        assertThat(trickle.at("/candidate/sdpMid").asText()).as("trickle %s", trickle).isEqualTo("0");
        assertThat(trickle.at("/candidate/sdpMLineIndex").asInt(-1)).as("trickle %s", trickle).isZero();
        assertThat(trickle.path("session_id").asLong()).isEqualTo(call.session);
        Candidate relay = EchoSession.candidateOf(trickle);
        assertThat(relay.type()).as("trickled %s", relay).isEqualTo(CandidateType.RELAY);
        assertThat(relay.address()).isEqualTo("127.0.0.1");
        assertThat(coturn.isRelayPort(relay.port())).as("%s on one of coturn's relay ports", relay).isTrue();
        assertThat(relay.relatedAddress()).as("raddr of %s", relay).isEqualTo("127.0.0.1");
        assertThat(relay.relatedPort()).as("rport of %s", relay).isNotNull();
        JsonNode done = call.awaitEndOfCandidates();
        assertThat(call.arrivedBefore(trickle, done)).as("the relay came before the end of candidates").isTrue();
        return new Negotiation(answer, answerEvent, trickle, relay);
    }

    /** Waits until coturn granted an allocation and the proxy holds its answer (the answer went out before). */
    private static void awaitHeldAllocation() throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (proxy.heldCount() == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("coturn's Allocate answer did not come within " + SETTLE);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    @Test
    void answerGoesOutAtOnceAndTheRelayFollowsAsATrickleMediaFlowingThroughItOnly() throws Exception {
        WebRtcMediaEngine media = node.node().media();
        int basePorts = media.portsInUse();
        int baseThreads = turnThreads().size();
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            Negotiation n = negotiate(call, peer.offer());
            assertThat(media.portsInUse()).as("the ICE port and the call's TURN client port").isEqualTo(basePorts + 1);

            peer.answer(n.answer(), n.relayAddress());
            call.awaitWebrtcUp();
            peer.awaitConnected(SETTLE);
            assertThat(peer.echoes(5, Duration.ofSeconds(3))).as("audio echoed through coturn").isTrue();
            assertThat(peer.mediaSources()).as("where the echoed media came from").containsOnly(n.relayAddress());
            String pair = handleInfo(call).at("/webrtc/ice/selected-pair").asText();
            System.out.println("TurnRelayIT selected pair: " + pair);

            call.hangup();
            call.awaitHangup(SETTLE);
            until("the TURN client port is given back (" + media.portsInUse() + " in use, "
                    + basePorts + " before)", () -> media.portsInUse() == basePorts && media.peerConnections() == 0);
            until("TURN and STUN threads back to " + baseThreads + " (" + turnThreads() + ")",
                    () -> turnThreads().size() <= baseThreads);
            until("coturn deletes the allocation", () -> coturn.log().contains("lifetime=0")
                    || coturn.log().contains("deleted"));
            coturn.log().lines().filter(l -> l.contains("session") && (l.contains("refresh")
                    || l.contains("lifetime") || l.contains("closed") || l.contains("delet")))
                    .forEach(l -> System.out.println("TurnRelayIT coturn: " + l));
        }
    }

    @Test
    void hangupWhileTheAllocationIsUnderWayLeavesNothingBehind() throws Exception {
        WebRtcMediaEngine media = node.node().media();
        int basePorts = media.portsInUse();
        int baseThreads = turnThreads().size();
        long deletedBefore = deletions();
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            proxy.hold();
            String answer = call.offer(peer.offer());
            assertThat(RelayPeer.candidates(answer)).noneMatch(c -> c.type() == CandidateType.RELAY);
            awaitHeldAllocation();
            assertThat(media.portsInUse()).as("the ICE port and the TURN client port of the allocation under way")
                    .isEqualTo(basePorts + 1);

            call.hangup();
            call.awaitHangup(SETTLE);
            until("the TURN client port is given back (" + media.portsInUse() + " in use, " + basePorts
                    + " before)", () -> media.portsInUse() == basePorts && media.peerConnections() == 0);
            until("coturn deletes the allocation it granted meanwhile", () -> deletions() > deletedBefore);
            assertThat(proxy.release()).as("coturn's answers held, now sent to a closed port").isPositive();
            assertThatThrownBy(() -> call.await(m -> "trickle".equals(m.path("janus").asText()),
                    Duration.ofSeconds(1))).as("no trickle after the hangup").isInstanceOf(AssertionError.class);
            until("TURN and STUN threads back to " + baseThreads + " (" + turnThreads() + ")",
                    () -> turnThreads().size() <= baseThreads);
        }
    }

    /** How many allocations coturn deleted at a client's request so far (a Refresh with lifetime 0). */
    private static long deletions() {
        return coturn.log().lines().filter(l -> l.contains("lifetime=0")).count();
    }

    @Test
    void iceRestartOverTheRelayTakesANewAllocationAndGivesTheOldOneBack() throws Exception {
        WebRtcMediaEngine media = node.node().media();
        int basePorts = media.portsInUse();
        int baseThreads = turnThreads().size();
        try (EchoSession call = EchoSession.open(node); RelayPeer peer = new RelayPeer()) {
            Negotiation first = negotiate(call, peer.offer());
            peer.answer(first.answer(), first.relayAddress());
            call.awaitWebrtcUp();
            peer.awaitConnected(SETTLE);
            assertThat(peer.echoes(5, Duration.ofSeconds(3))).as("echo through the first relay").isTrue();

            Negotiation second = negotiate(call, peer.restartOffer());
            assertThat(second.relay().port()).as("the new relayed port").isNotEqualTo(first.relay().port());
            assertThat(media.portsInUse()).as("one TURN client port: the old one is given back")
                    .isEqualTo(basePorts + 1);
            peer.restartAnswer(second.answer(), second.relayAddress());
            until("the peer's checks through the new relay succeed", peer::isIceConnected);
            assertThat(peer.echoes(10, Duration.ofSeconds(1))).as("echo through the new relay").isTrue();
            assertThat(peer.mediaSources()).as("where the echoed media came from")
                    .containsOnly(second.relayAddress());
            assertThat(call.hangups()).as("hangup events").isEmpty();

            call.hangup();
            call.awaitHangup(SETTLE);
            until("the TURN client port is given back", () -> media.portsInUse() == basePorts);
            until("TURN and STUN threads back to " + baseThreads + " (" + turnThreads() + ")",
                    () -> turnThreads().size() <= baseThreads);
        }
    }

    /**
     * Threads that TURN relays run: our reader, ice4j's refresh thread, the STUN stack's readers of the client and
     * relayed sockets ({@code IceConnector@...}, one per socket of every live agent).
     */
    private static List<String> turnThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ice-turn-relay-") || n.contains("sendKeepAliveMessageThread")
                        || n.startsWith("IceConnector@")).toList();
    }

    @Test
    void infoNamesTheTurnServerButNotItsCredentials() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            JsonNode info = ws.call(Requests.of("info"));
            assertThat(info.path("turn-server").asText()).as("info %s", info)
                    .isEqualTo("127.0.0.1:" + proxy.port());
            assertThat(info.toString()).doesNotContain(Coturn.PASSWORD);
            assertThat(info.path("full-trickle").asBoolean()).as("only the relay is trickled, not every candidate")
                    .isFalse();
        }
    }

    @Test
    void refusedPasswordStillAnswersWithHostCandidatesAndSaysWhy() throws Exception {
        Path wrongLog = Files.createTempFile("turn-it-wrong", ".log");
        String password = "not-the-" + Coturn.PASSWORD + "-1234";
        try (TestNode wrong = TestNode.start(wrongLog, "nat.turn_server=127.0.0.1", "nat.turn_port=" + coturn.port(),
                "nat.turn_user=" + Coturn.USER, "nat.turn_pwd=" + password)) {
            List<String> warns = hostOnlyCallWorks(wrong, wrongLog, false);
            assertThat(warns).as("WARN lines about the TURN allocation").hasSize(1);
            assertThat(warns.get(0)).contains("401").contains("turn_pwd");
            assertThat(Files.readString(wrongLog)).doesNotContain(password);
        } finally {
            Files.deleteIfExists(wrongLog);
        }
    }

    @Test
    void silentTurnServerNeverHoldsUpTheAnswer() throws Exception {
        Path silentLog = Files.createTempFile("turn-it-silent", ".log");
        // A bound socket that never answers: coturn is "down" (no ICMP either, as behind a firewall).
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                TestNode down = TestNode.start(silentLog, "nat.turn_server=127.0.0.1",
                        "nat.turn_port=" + silent.getLocalPort(), "nat.turn_user=" + Coturn.USER,
                        "nat.turn_pwd=" + Coturn.PASSWORD)) {
            // The answer says more candidates may come: it went out while the allocation was still waiting.
            List<String> warns = hostOnlyCallWorks(down, silentLog, true);
            assertThat(warns).as("WARN lines about the TURN allocation").hasSize(1);
            assertThat(warns.get(0)).contains("no answer within").contains("no relayed candidates for the next");
            // The next call does not try the silent server again: no second attempt, no second WARN.
            assertThat(hostOnlyCallWorks(down, silentLog, false)).as("WARN lines after a second call").hasSize(1);
        } finally {
            Files.deleteIfExists(silentLog);
        }
    }

    /**
     * A call on a node whose TURN allocation fails (or is not tried): the answer comes, has no relay candidate,
     * the {@code completed} trickle follows it with no candidate trickled, and the call works on the host
     * candidate. Afterwards no port is left leased. Returns the node's WARN lines about TURN allocations so far.
     *
     * @param stillGathering whether the answer must say that candidates may still come (the allocation is known to
     *     be waiting when the answer goes out)
     */
    private static List<String> hostOnlyCallWorks(TestNode n, Path logFile, boolean stillGathering)
            throws Exception {
        WebRtcMediaEngine media = n.node().media();
        int basePorts = media.portsInUse();
        try (EchoSession call = EchoSession.open(n); RelayPeer peer = new RelayPeer()) {
            long started = System.nanoTime();
            String answer = call.offer(peer.offer());
            System.out.printf("TurnRelayIT: answer in %d ms (TURN allocation failing)%n",
                    (System.nanoTime() - started) / 1_000_000);
            List<Candidate> candidates = RelayPeer.candidates(answer);
            assertThat(candidates).as("answer candidates").noneMatch(c -> c.type() == CandidateType.RELAY)
                    .anyMatch(c -> c.type() == CandidateType.HOST);
            if (stillGathering) {
                assertThat(answer).as("the answer SDP").doesNotContain("a=end-of-candidates");
            }
            JsonNode done = call.awaitEndOfCandidates();
            assertThat(call.arrivedBefore(call.lastAnswerEvent(), done)).as("the answer before the end of candidates")
                    .isTrue();
            assertThat(call.drain()).as("events after the end of candidates")
                    .noneMatch(m -> "trickle".equals(m.path("janus").asText()));
            assertThat(media.portsInUse()).as("the failed allocation's port is back").isEqualTo(basePorts);
            peer.answer(answer, CandidateType.HOST);
            call.awaitWebrtcUp();
            peer.awaitConnected(SETTLE);
            assertThat(peer.echoes(5, Duration.ofSeconds(3))).as("audio echoed on the host candidate").isTrue();
            call.hangup();
            call.awaitHangup(SETTLE);
            until("no PeerConnection or port left", () -> media.portsInUse() == basePorts
                    && media.peerConnections() == 0);
        }
        List<String> warns = Files.readAllLines(logFile).stream()
                .filter(l -> l.contains("[WARN]") && l.contains("TURN allocation")).toList();
        System.out.println("TurnRelayIT WARN: " + warns);
        return warns;
    }

    private static JsonNode handleInfo(EchoSession call) throws Exception {
        io.webfon.it.support.JanusHttpClient admin = new io.webfon.it.support.JanusHttpClient(node.adminHttpUri());
        return admin.call("", Requests.handle("handle_info", call.session, call.handle)).path("info");
    }

    static void until(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + SETTLE + ": " + what);
            }
            LockSupport.parkNanos(50_000_000L);
        }
    }
}
