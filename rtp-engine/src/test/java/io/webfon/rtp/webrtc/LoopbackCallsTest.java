package io.webfon.rtp.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.ice.IceConfig;
import io.webfon.rtp.ice.IceHarvesters;
import io.webfon.rtp.ice.TurnServer;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's calls from the node to itself: real ICE, DTLS and SRTP through the node's ICE socket on loopback,
 * each echoing every packet, and nothing left behind (PeerConnection, peer socket, reader thread), even when a
 * call cannot connect.
 */
class LoopbackCallsTest {
    private WebRtcEngine engine;
    private ExecutorService peerDtls;
    private DtlsCertificate peerCertificate;

    @BeforeEach
    void start() throws Exception {
        engine = engine(IceConfig.loopback());
        peerDtls = Executors.newFixedThreadPool(2);
        peerCertificate = DtlsCertificate.generate("warm-up", Instant.now());
    }

    private static WebRtcEngine engine(IceConfig ice) throws Exception {
        int base = 43000 + (int) (ProcessHandle.current().pid() % 200) * 10;
        return new WebRtcEngine(new IceHarvesters(ice, new UdpPortAllocator("test", base, base + 9)),
                DtlsCertificate.generate("node", Instant.now()), 2, Duration.ofSeconds(10), 1200);
    }

    @AfterEach
    void stop() {
        engine.close();
        peerDtls.shutdownNow();
    }

    @Test
    void callsConnectEchoAndCloseThroughTheNodesIceSocket() throws Exception {
        InetSocketAddress node = LoopbackCalls.nodeAddress(engine);
        assertThat(node.getAddress().isLoopbackAddress()).isTrue();

        int done = LoopbackCalls.run(engine, peerCertificate, peerDtls, 5, TimeUnit.SECONDS.toNanos(30), () -> false);

        assertThat(done).isEqualTo(5);
        assertThat(engine.liveCount()).isZero();
        awaitNoPeerReaders();
    }

    @Test
    void anIceLiteNodeIsCalledTheSameWay() throws Exception {
        engine.close();
        engine = engine(IceConfig.loopback().withIceLite(true));

        assertThat(LoopbackCalls.run(engine, peerCertificate, peerDtls, 4, TimeUnit.SECONDS.toNanos(30), () -> false))
                .isEqualTo(4);
        assertThat(engine.liveCount()).isZero();
        awaitNoPeerReaders();
    }

    @Test
    void aNodeWithATurnServerMakesNoCall() throws Exception {
        engine.close();
        // Each call would allocate a relay on the server: none is made, and nothing is sent to it.
        engine = engine(IceConfig.loopback().withTurn(new TurnServer("127.0.0.1", 3478, "user", "secret")));

        assertThat(LoopbackCalls.run(engine, peerCertificate, peerDtls, 4, TimeUnit.SECONDS.toNanos(30), () -> false))
                .isZero();
        assertThat(engine.liveCount()).isZero();
    }

    @Test
    void aStoppedEngineMakesNoCall() {
        assertThat(LoopbackCalls.run(engine, peerCertificate, peerDtls, 5, TimeUnit.SECONDS.toNanos(30), () -> true))
                .isZero();
        assertThat(engine.liveCount()).isZero();
    }

    @Test
    void aCallNobodyAnswersFailsWithItsReasonAndLeavesNothing() throws Exception {
        // A socket that never reads: the peer's checks go nowhere, as behind a host firewall.
        try (DatagramSocket deaf = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), deaf.getLocalPort());
            String failure = LoopbackCalls.call(engine, nowhere, peerCertificate, peerDtls, false, () -> false);
            assertThat(failure).isEqualTo("not connected within 2 s");
        }
        assertThat(engine.liveCount()).isZero();
        awaitNoPeerReaders();
        // The series stops at such a failure; the engine serves calls as before.
        assertThat(LoopbackCalls.call(engine, LoopbackCalls.nodeAddress(engine), peerCertificate, peerDtls, false,
                () -> false)).isNull();
    }

    private static void awaitNoPeerReaders() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (peerReaders() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(peerReaders()).as("warm-up peer reader threads alive").isZero();
    }

    private static long peerReaders() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("media-warmup-peer")).count();
    }
}
