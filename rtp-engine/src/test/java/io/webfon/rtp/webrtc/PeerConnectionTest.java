package io.webfon.rtp.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.dtls.CertificateFingerprints;
import io.webfon.rtp.ice.IceConfig;
import io.webfon.rtp.ice.IceHarvesters;
import io.webfon.rtp.ice.RemoteIceCandidate;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.ports.UdpPortAllocator;
import io.webfon.rtp.srtp.PacketBuffer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PeerConnection of the node against the node's own client stack over real loopback UDP: ICE (ice4j, single
 * port), DTLS (node as client, as when it answers an actpass offer) and SRTP both ways, then an echo.
 */
class PeerConnectionTest {
    private WebRtcEngine engine;

    @BeforeEach
    void start() throws Exception {
        int base = 41000 + (int) (ProcessHandle.current().pid() % 200) * 10;
        UdpPortAllocator ports = new UdpPortAllocator("test", base, base + 9);
        engine = new WebRtcEngine(new IceHarvesters(IceConfig.loopback(), ports),
                DtlsCertificate.generate("node", Instant.now()), 2, Duration.ofSeconds(10), 1200);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void iceDtlsAndSrtpComeUpAndEchoWorks() throws Exception {
        CompletableFuture<Void> nodeUp = new CompletableFuture<>();
        CompletableFuture<String> nodeClosed = new CompletableFuture<>();
        PeerConnection[] pc = new PeerConnection[1];
        PeerConnectionListener echo = new PeerConnectionListener() {
            @Override
            public void onConnected() {
                nodeUp.complete(null);
            }

            @Override
            public void onRtp(byte[] buf, int off, int len, int spare) {
                pc[0].sendRtp(new PacketBuffer(buf, off, len));
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len, int spare) {
            }

            @Override
            public void onClosed(String reason) {
                nodeClosed.complete(reason);
            }
        };
        pc[0] = engine.create("test", false, echo);
        assertThat(pc[0].localCandidates()).singleElement().asString().contains("127.0.0.1").contains("typ host");

        CompletableFuture<Void> peerUp = new CompletableFuture<>();
        LinkedBlockingQueue<Integer> echoed = new LinkedBlockingQueue<>();
        try (LoopbackPeer peer = new LoopbackPeer(new ClientPeer.Listener() {
            @Override
            public void onConnected() {
                peerUp.complete(null);
            }

            @Override
            public void onRtp(byte[] buf, int off, int len) {
                echoed.add(RtpHeader.sequenceNumber(buf, off, len));
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len) {
            }

            @Override
            public void onFailed(String reason) {
                peerUp.completeExceptionally(new IllegalStateException(reason));
            }
        })) {
            String[] nodeCandidate = pc[0].localCandidates().get(0).split(" ");
            peer.server(new InetSocketAddress(nodeCandidate[4], Integer.parseInt(nodeCandidate[5])));
            pc[0].setRemote(new RemoteTransport(peer.peer.localUfrag(), peer.peer.localPassword(),
                    List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, "127.0.0.1", peer.port(), "host",
                            null, 0)), List.of(peer.peer.fingerprint()), "actpass", true), false);
            // As when the node answers: the DTLS role is known for the answer, ICE starts once the answer is out.
            assertThat(pc[0].dtlsRole()).isEqualTo(DtlsRole.CLIENT);
            peer.peer.start(pc[0].localIcePassword() == null ? null : pc[0].localIceUfrag(), pc[0].localIcePassword(),
                    List.of(engine.certificate().fingerprint()), "active");
            pc[0].startIce();
            pc[0].startIce(); // once only

            peerUp.get(15, TimeUnit.SECONDS);
            nodeUp.get(15, TimeUnit.SECONDS);
            for (int seq = 1; seq <= 5; seq++) {
                byte[] buf = new byte[12 + 160 + PacketBuffer.SRTP_TRAILER_ROOM];
                buf[0] = (byte) 0x80;
                buf[1] = 111;
                RtpHeader.setSequenceNumber(buf, 0, 172, seq);
                RtpHeader.setSsrc(buf, 0, 172, 0x1234_5678L);
                assertThat(peer.peer.sendRtp(new PacketBuffer(buf, 0, 172))).isTrue();
            }
            for (int seq = 1; seq <= 5; seq++) {
                assertThat(echoed.poll(5, TimeUnit.SECONDS)).isEqualTo(seq);
            }
            assertThat(pc[0].counters().rtpIn()).isEqualTo(5);
            assertThat(pc[0].counters().srtpFailed()).isZero();
            // Closed while the peer is still there: otherwise its close_notify may be the reason that wins.
            pc[0].close("test over");
            assertThat(nodeClosed.get(5, TimeUnit.SECONDS)).isEqualTo("test over");
        }
        assertThat(engine.liveCount()).isZero();
    }

    @Test
    void fingerprintFromSdpIsEnforced() throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        PeerConnection pc = engine.create("bad-fp", false, new PeerConnectionListener() {
            @Override
            public void onConnected() {
            }

            @Override
            public void onRtp(byte[] buf, int off, int len, int spare) {
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len, int spare) {
            }

            @Override
            public void onClosed(String reason) {
                closed.complete(reason);
            }
        });
        try (LoopbackPeer peer = new LoopbackPeer(new ClientPeer.Listener() {
            @Override
            public void onConnected() {
            }

            @Override
            public void onRtp(byte[] buf, int off, int len) {
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len) {
            }

            @Override
            public void onFailed(String reason) {
            }
        })) {
            String[] c = pc.localCandidates().get(0).split(" ");
            peer.server(new InetSocketAddress(c[4], Integer.parseInt(c[5])));
            pc.setRemote(new RemoteTransport(peer.peer.localUfrag(), peer.peer.localPassword(),
                    List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, "127.0.0.1", peer.port(), "host",
                            null, 0)), List.of(CertificateFingerprints.of(new byte[] {9}, "sha-256")), "actpass", true));
            peer.peer.start(pc.localIceUfrag(), pc.localIcePassword(), List.of(engine.certificate().fingerprint()),
                    "active");
            assertThat(closed.get(15, TimeUnit.SECONDS)).contains("fingerprint mismatch");
        }
    }
}
