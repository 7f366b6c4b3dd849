package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.ports.UdpPortAllocator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full-ICE {@link IceSession} in the controlled role (the node answering a browser) is connected at the first
 * authenticated check it answered, and can send on that path before ice4j has a valid pair of its own. The peer is
 * driven by hand on loopback and, unless a test says otherwise, never answers the session's own checks, so ice4j
 * never validates a pair: everything seen here comes from the first-check path.
 */
class IceSessionFirstCheckTest {
    private static final int BASE = 47000 + (int) (ProcessHandle.current().pid() % 100) * 10;
    private static final String PEER_UFRAG = "peerUfrg";
    private static final String PEER_PASSWORD = "peerPasswordOf24Chars..";

    private IceHarvesters harvesters;
    private IceSession session;
    private DatagramSocket peer;
    private InetSocketAddress node;
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private volatile String connectedOn;
    private final List<byte[]> received = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        harvesters = new IceHarvesters(IceConfig.loopback(), new UdpPortAllocator("test", BASE, BASE + 9));
        session = new IceSession(harvesters, false, new IceListener() {
            @Override
            public void onConnected(String selectedPair) {
                connectedOn = Thread.currentThread().getName();
                connected.complete(selectedPair);
            }

            @Override
            public void onFailed(String reason) {
                connected.completeExceptionally(new IllegalStateException(reason));
            }

            @Override
            public void onPacket(byte[] buf, int off, int len, int spare) {
            }
        }, "first-check-test");
        String[] host = harvesters.endpoints().get(0).split(":");
        node = new InetSocketAddress(host[0], Integer.parseInt(host[1]));
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer.setSoTimeout(200);
        session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
        session.addRemoteCandidates(List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, "127.0.0.1",
                peer.getLocalPort(), "host", null, 0)));
    }

    @AfterEach
    void close() {
        peer.close();
        session.close();
        harvesters.close();
    }

    @Test
    void theFirstAnsweredCheckConnectsAndItsPathCarriesDatagramsAnsweredFirst() throws Exception {
        session.start();
        check(session.localUfrag() + ":" + PEER_UFRAG, session.localPassword());
        String pair = connected.get(10, TimeUnit.SECONDS);
        assertThat(pair).isEqualTo(node.getAddress().getHostAddress() + ":" + node.getPort() + "/udp/host -> 127.0.0.1:"
                + peer.getLocalPort() + "/udp (first check)");
        assertThat(session.currentPair()).isEqualTo(pair);
        assertThat(connectedOn).as("answered and connected on the shared socket's reader, before ice4j's threads")
                .startsWith("org.ice4j.ice.harvest.AbstractUdpListener thread for");

        byte[] dtlsLike = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 42};
        session.send(dtlsLike, 0, dtlsLike.length);
        byte[] payload = receiveUntil(d -> d.length > 0 && d[0] == 22);
        assertThat(payload).as("the datagram sent before ice4j had a pair").isEqualTo(dtlsLike);
        int answer = indexOf(d -> StunMessages.isBindingSuccess(d, 0, d.length));
        int data = indexOf(d -> d[0] == 22);
        assertThat(answer).as("the answer to the peer's check, before the session's datagram: %s", received)
                .isBetween(0, data - 1);
    }

    @Test
    void checksThatAreNotThePeersConnectNothing() throws Exception {
        session.start();
        check(session.localUfrag() + ":someoneElse", session.localPassword());
        check(session.localUfrag() + ":" + PEER_UFRAG, "notTheNodesPassword....");
        Thread.sleep(500);
        assertThat(connected).as("connected by a check naming another peer, or failing integrity").isNotDone();
        assertThat(session.currentPair()).isNull();
    }

    @Test
    void aFirstCheckWithARoleConflictIsLeftToIce4j() throws Exception {
        session.start();
        byte[] check = StunMessages.bindingRequest(StunMessages.newTransactionId(), session.localUfrag() + ":"
                + PEER_UFRAG, session.localPassword(), 2130706431L, false, 42L, false);
        peer.send(new DatagramPacket(check, check.length, node));
        Thread.sleep(500);
        assertThat(connectedOn).as("a peer claiming the controlled role too is not answered on the reader")
                .satisfiesAnyOf(name -> assertThat(name).isNull(),
                        name -> assertThat(name).doesNotStartWith("org.ice4j.ice.harvest.AbstractUdpListener"));
    }

    @Test
    void aCheckBeforeTheSessionStartedWaitsForIce4j() throws Exception {
        check(session.localUfrag() + ":" + PEER_UFRAG, session.localPassword());
        Thread.sleep(500);
        assertThat(connected).as("connected before its checks started").isNotDone();
    }

    @Test
    void onceIce4jValidatesAPairItsPairIsTheOneReported() throws Exception {
        session.start();
        check(session.localUfrag() + ":" + PEER_UFRAG, session.localPassword());
        connected.get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!session.currentPair().contains("->") || session.currentPair().contains("first check")) {
            assertThat(System.nanoTime()).as("ice4j selected a pair").isLessThan(deadline);
            answerChecksAndNominate();
        }
        assertThat(session.currentPair()).contains("127.0.0.1:" + peer.getLocalPort());
        byte[] after = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 43};
        session.send(after, 0, after.length);
        assertThat(receiveUntil(d -> d.length > 13 && d[0] == 22 && d[13] == 43)).isEqualTo(after);
    }

    /** Answers the session's checks for a while, checking with USE-CANDIDATE again so that ice4j nominates. */
    private void answerChecksAndNominate() throws IOException {
        check(session.localUfrag() + ":" + PEER_UFRAG, session.localPassword());
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            peer.receive(p);
        } catch (SocketTimeoutException e) {
            return;
        }
        if (StunMessages.isBindingRequest(buf, 0, p.getLength())) {
            byte[] id = new byte[io.webfon.rtp.packet.StunHeader.TRANSACTION_ID_LENGTH];
            io.webfon.rtp.packet.StunHeader.transactionId(buf, 0, p.getLength(), id, 0);
            byte[] ok = StunMessages.bindingSuccess(id, (InetSocketAddress) p.getSocketAddress(), PEER_PASSWORD);
            peer.send(new DatagramPacket(ok, ok.length, p.getSocketAddress()));
        }
    }

    private void check(String username, String password) throws IOException {
        byte[] check = StunMessages.bindingRequest(StunMessages.newTransactionId(), username, password, 2130706431L,
                true, 42L, true);
        peer.send(new DatagramPacket(check, check.length, node));
    }

    private byte[] receiveUntil(java.util.function.Predicate<byte[]> wanted) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        byte[] buf = new byte[1500];
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                peer.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            byte[] d = java.util.Arrays.copyOf(buf, p.getLength());
            received.add(d);
            if (wanted.test(d)) {
                return d;
            }
        }
        throw new AssertionError("nothing wanted arrived; got " + received.size() + " datagrams");
    }

    private int indexOf(java.util.function.Predicate<byte[]> p) {
        for (int i = 0; i < received.size(); i++) {
            if (p.test(received.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
