package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.StunHeader;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ice4j.ice.AgentConfig;
import org.jitsi.config.JitsiConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 7675 consent freshness of an {@link IceSession} (ICE controlled, as when the node answers a browser) against
 * a hand-driven peer on loopback that checks with USE-CANDIDATE and answers the session's checks. ice4j's consent
 * intervals are shortened for this class (1 s between checks, 5 x 200 ms per check). ice4j reads them once per JVM,
 * at its first agent, so this class runs in a JVM of its own (the {@code ice-consent} execution in the pom). No
 * duration is asserted: the waits are generous bounds.
 */
class IceConsentTest {
    private static final Map<String, String> FAST_CONSENT = Map.of(
            "ice4j.consent-freshness.interval", "1 second",
            "ice4j.consent-freshness.randomize-interval", "false",
            "ice4j.consent-freshness.original-wait-interval", "200 milliseconds",
            "ice4j.consent-freshness.max-wait-interval", "200 milliseconds",
            "ice4j.consent-freshness.max-retransmissions", "4");
    private static final int BASE = 44000 + (int) (ProcessHandle.current().pid() % 200) * 10;

    private IceHarvesters harvesters;
    private IceSession session;
    private Peer peer;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final CompletableFuture<String> failed = new CompletableFuture<>();

    @BeforeAll
    static void fastConsent() {
        FAST_CONSENT.forEach(System::setProperty);
        JitsiConfig.Companion.reloadNewConfig();
        // Skipped, not failed, in a JVM where an ICE agent bound ice4j's configuration before this class: as with
        // -Dit.test / -Dtest naming other classes too, which puts them into the shared JVM before their own run.
        Assumptions.assumeTrue(AgentConfig.config.getConsentFreshnessInterval().equals(Duration.ofSeconds(1)),
                "ice4j's configuration was bound before this class; it runs in a JVM of its own (its execution)");
    }

    @AfterAll
    static void defaultConsent() {
        FAST_CONSENT.keySet().forEach(System::clearProperty);
        JitsiConfig.Companion.reloadNewConfig();
        // Skipped, not failed, in a JVM where an ICE agent bound ice4j's configuration before this class: as with
        // -Dit.test / -Dtest naming other classes too, which puts them into the shared JVM before their own run.
        Assumptions.assumeTrue(AgentConfig.config.getConsentFreshnessInterval().equals(Duration.ofSeconds(1)),
                "ice4j's configuration was bound before this class; it runs in a JVM of its own (its execution)");
    }

    @BeforeEach
    void connect() throws Exception {
        harvesters = new IceHarvesters(IceConfig.loopback(), new UdpPortAllocator("test", BASE, BASE + 9));
        session = new IceSession(harvesters, false, new IceListener() {
            @Override
            public void onConnected(String selectedPair) {
                connected.complete(selectedPair);
            }

            @Override
            public void onFailed(String reason) {
                failed.complete(reason);
            }

            @Override
            public void onPacket(byte[] buf, int off, int len, int spare) {
            }
        }, "consent-test");
        String[] host = harvesters.endpoints().get(0).split(":");
        peer = new Peer(new InetSocketAddress(host[0], Integer.parseInt(host[1])), session.localUfrag(),
                session.localPassword());
        session.setRemoteCredentials(peer.ufrag, peer.password);
        session.addRemoteCandidates(List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, "127.0.0.1",
                peer.port(), "host", null, 0)));
        session.start();
        peer.start();
        connected.get(10, TimeUnit.SECONDS);
        // Connected at the peer's first answered check; consent is checked on the pair ice4j selects after that.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.currentPair().contains("first check")) {
            assertThat(System.nanoTime()).as("ice4j selected a pair").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() {
        peer.close();
        session.close();
        harvesters.close();
    }

    @Test
    void rfc7675_answeredConsentChecksKeepTheSession() throws Exception {
        Thread.sleep(4_000);
        assertThat(failed).as("failure after four consent intervals answered").isNotDone();
        assertThat(peer.checksAnswered).as("consent checks the peer answered").isGreaterThan(2);
    }

    @Test
    void rfc7675_unansweredConsentChecksFailTheSession() throws Exception {
        peer.ignoreChecks = true;
        String reason = failed.get(15, TimeUnit.SECONDS);
        assertThat(reason).startsWith("ICE consent lost").contains("RFC 7675");
    }

    /** The controlling peer: checks with USE-CANDIDATE until one succeeds, answers checks unless told not to. */
    private static final class Peer implements AutoCloseable {
        final String ufrag = "peerUfrg";
        final String password = "peerPasswordOf24Chars..";
        private final DatagramSocket socket;
        private final InetSocketAddress node;
        private final String nodeUfrag;
        private final String nodePassword;
        private final Thread reader = new Thread(this::read, "consent-test-peer");
        volatile boolean ignoreChecks;
        volatile boolean iceConnected;
        volatile int checksAnswered;

        Peer(InetSocketAddress node, String nodeUfrag, String nodePassword) throws SocketException {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.node = node;
            this.nodeUfrag = nodeUfrag;
            this.nodePassword = nodePassword;
        }

        int port() {
            return socket.getLocalPort();
        }

        void start() throws Exception {
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!iceConnected && System.nanoTime() < deadline) {
                byte[] check = StunMessages.bindingRequest(StunMessages.newTransactionId(), nodeUfrag + ":" + ufrag,
                        nodePassword, 2130706431L, true, 42L, true);
                socket.send(new DatagramPacket(check, check.length, node));
                Thread.sleep(50);
            }
        }

        private void read() {
            byte[] buf = new byte[1500];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            while (!socket.isClosed()) {
                try {
                    p.setData(buf, 0, buf.length);
                    socket.receive(p);
                    if (StunMessages.isBindingSuccess(buf, 0, p.getLength())) {
                        iceConnected = true;
                    } else if (StunMessages.isBindingRequest(buf, 0, p.getLength()) && !ignoreChecks) {
                        byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
                        StunHeader.transactionId(buf, 0, p.getLength(), id, 0);
                        byte[] ok = StunMessages.bindingSuccess(id, (InetSocketAddress) p.getSocketAddress(),
                                password);
                        socket.send(new DatagramPacket(ok, ok.length, p.getSocketAddress()));
                        checksAnswered++;
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
