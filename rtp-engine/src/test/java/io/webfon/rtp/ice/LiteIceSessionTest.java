package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.StunAttributes;
import io.webfon.rtp.packet.StunHeader;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ICE-lite (RFC 8445 §2.5) against a hand-driven full agent on loopback: real UDP, the node's own responder. */
class LiteIceSessionTest {
    private static final int BASE = 45000 + (int) (ProcessHandle.current().pid() % 50) * 40;
    private static final AtomicInteger NEXT_RANGE = new AtomicInteger();
    private static final String PEER_UFRAG = "peerUfrg";
    private static final String PEER_PASSWORD = "peerPasswordOf24Chars..";

    private final List<AutoCloseable> open = new ArrayList<>();
    private IceHarvesters harvesters;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (harvesters != null) {
            harvesters.close();
        }
    }

    private IceHarvesters lite(IceConfig config, Duration consentTimeout) throws Exception {
        int first = BASE + (NEXT_RANGE.getAndIncrement() % 4) * 10;
        harvesters = new IceHarvesters(config.withIceLite(true), new UdpPortAllocator("test", first, first + 9),
                consentTimeout);
        return harvesters;
    }

    private IceHarvesters lite() throws Exception {
        return lite(IceConfig.loopback(), IceHarvesters.LITE_CONSENT_TIMEOUT);
    }

    private Recorder session(IceHarvesters h) throws IOException {
        Recorder r = new Recorder();
        r.session = h.newSession(true, r, "lite-test");
        open.add(r.session);
        r.session.setRemoteCredentials(PEER_UFRAG, PEER_PASSWORD);
        r.session.start();
        return r;
    }

    private Peer peer(IceHarvesters h) throws IOException {
        Peer p = new Peer(h);
        open.add(p);
        return p;
    }

    @Test
    void answersASignedCheckAtOnceSignedWithOurPasswordAndWithTheMappedAddress() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        byte[] id = StunMessages.newTransactionId();
        peer.send(StunMessages.bindingRequest(id, r.session.localUfrag() + ":" + PEER_UFRAG,
                r.session.localPassword(), 2130706431L, true, 7, false));

        byte[] response = peer.receive();
        assertThat(StunMessages.isBindingSuccess(response, 0, response.length)).isTrue();
        assertThat(StunHeader.transactionIdEquals(response, 0, response.length, id, 0)).isTrue();
        assertThat(StunMessages.integrityMatches(response, 0, response.length,
                r.session.localPassword().getBytes(StandardCharsets.UTF_8))).as("signed with our password").isTrue();
        assertThat(StunAttributes.checkFingerprint(response, 0, response.length)).isTrue();
        byte[] mapped = new byte[4];
        assertThat(StunAttributes.xorMappedAddress(response, 0, response.length, mapped, 0)).isEqualTo(4);
        assertThat(mapped).containsExactly(127, 0, 0, 1);
        assertThat(StunAttributes.xorMappedPort(response, 0, response.length)).isEqualTo(peer.port());
        assertThat(r.next()).as("the first valid pair is selected without waiting for a nomination")
                .isEqualTo("connected 127.0.0.1:" + harvesters.liteSockets().get(0).localAddress().getPort()
                        + " <-> 127.0.0.1:" + peer.port());
    }

    @Test
    void aNominationMovesTheSelectionAndOnlyAnotherNominationMovesItAgain() throws Exception {
        Recorder r = session(lite());
        Peer first = peer(harvesters);
        Peer nominated = peer(harvesters);
        byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 1};
        first.check(r.session, false);
        assertThat(r.next()).endsWith(":" + first.port());
        r.session.send(dtls, 0, dtls.length);
        assertThat(first.receive()).as("sent on the first valid pair").isEqualTo(dtls);

        nominated.check(r.session, true);
        first.check(r.session, false);
        r.session.send(dtls, 0, dtls.length);
        assertThat(nominated.receive()).as("sent on the nominated pair").isEqualTo(dtls);
        assertThat(r.session.currentPair()).as("what handle_info shows").endsWith(":" + nominated.port());
        assertThatThrownBy(first::receive).isInstanceOf(SocketTimeoutException.class);
        assertThat(r.events.poll(200, TimeUnit.MILLISECONDS)).as("connected is reported once").isNull();
    }

    @Test
    void theNominatingCheckSelectsThePairAndConnectsOnce() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        peer.check(r.session, true);
        assertThat(r.next()).startsWith("connected 127.0.0.1:").endsWith("<-> 127.0.0.1:" + peer.port());
        peer.check(r.session, true);
        assertThat(r.events.poll(300, TimeUnit.MILLISECONDS)).as("connected is reported once").isNull();

        byte[] dtls = {22, (byte) 0xFE, (byte) 0xFD, 0, 0};
        r.session.send(dtls, 0, dtls.length);
        assertThat(peer.receive()).as("sent on the selected pair").isEqualTo(dtls);
    }

    @Test
    void nothingIsSentBeforeTheFirstCheck() throws Exception {
        Recorder r = session(lite());
        assertThatThrownBy(() -> r.session.send(new byte[] {22}, 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("no check");
    }

    @Test
    void onlyAnAddressACheckAuthenticatedCanFeedTheCall() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        Peer stranger = peer(harvesters);
        byte[] rtp = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3};
        peer.send(rtp);
        peer.check(r.session, true);
        r.next();
        stranger.send(rtp);
        peer.send(rtp);
        assertThat(r.next()).isEqualTo("packet " + rtp.length);
        assertThat(r.events.poll(300, TimeUnit.MILLISECONDS)).as("the stranger's datagram").isNull();
        assertThat(harvesters.liteDrops()).containsEntry("unknown-source", 2L);
    }

    @Test
    void aCheckOurPasswordDoesNotSignIsIgnoredAndCounted() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        peer.send(StunMessages.bindingRequest(StunMessages.newTransactionId(), r.session.localUfrag() + ":"
                + PEER_UFRAG, "notOurPasswordAtAll0000", 2130706431L, true, 7, true));
        assertThatThrownBy(peer::receive).isInstanceOf(SocketTimeoutException.class);
        assertThat(r.events.poll(100, TimeUnit.MILLISECONDS)).isNull();
        assertThat(harvesters.liteDrops()).containsEntry("bad-integrity", 1L);
    }

    @Test
    void aCheckNamingAnotherPeerIsIgnored() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        peer.send(StunMessages.bindingRequest(StunMessages.newTransactionId(), r.session.localUfrag() + ":other",
                r.session.localPassword(), 2130706431L, true, 7, true));
        assertThatThrownBy(peer::receive).isInstanceOf(SocketTimeoutException.class);
        assertThat(harvesters.liteDrops()).containsEntry("bad-integrity", 1L);
    }

    @Test
    void aCheckWithACorruptFingerprintIsIgnored() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        byte[] check = StunMessages.bindingRequest(StunMessages.newTransactionId(), r.session.localUfrag() + ":"
                + PEER_UFRAG, r.session.localPassword(), 2130706431L, true, 7, true);
        check[check.length - 1] ^= 1;
        peer.send(check);
        assertThatThrownBy(peer::receive).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anIceRestartFromTheSameAddressTakesTheAddressOver() throws Exception {
        Recorder first = session(lite());
        Peer peer = peer(harvesters);
        peer.check(first.session, true);
        first.next();
        Recorder second = session(harvesters);
        peer.check(second.session, true);
        assertThat(second.next()).startsWith("connected");

        peer.send(new byte[] {(byte) 0x80, 0, 0, 1});
        assertThat(second.next()).isEqualTo("packet 4");
        assertThat(first.events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void closingForgetsTheUfragAndTheAddresses() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        peer.check(r.session, true);
        r.next();
        assertThat(harvesters.liteSockets().get(0).mappedAddresses()).isEqualTo(1);
        r.session.close();
        assertThat(harvesters.liteSockets().get(0).mappedAddresses()).isZero();
        assertThat(harvesters.liteSockets().get(0).sessions()).isEmpty();
        peer.send(StunMessages.bindingRequest(StunMessages.newTransactionId(), r.session.localUfrag() + ":"
                + PEER_UFRAG, r.session.localPassword(), 2130706431L, true, 7, true));
        assertThatThrownBy(peer::receive).isInstanceOf(SocketTimeoutException.class);
        assertThat(harvesters.liteDrops()).containsEntry("unknown-ufrag", 1L);
    }

    @Test
    void rfc7675_checksKeepConsentAndSilenceLosesIt() throws Exception {
        Recorder r = session(lite(IceConfig.loopback(), Duration.ofMillis(800)));
        Peer peer = peer(harvesters);
        peer.check(r.session, true);
        r.next();
        for (int i = 0; i < 8; i++) {
            Thread.sleep(200);
            peer.check(r.session, false);
        }
        assertThat(r.events.poll(10, TimeUnit.MILLISECONDS)).as("consent kept by checks").isNull();
        String failure = r.events.poll(10, TimeUnit.SECONDS);
        assertThat(failure).startsWith("failed ICE consent lost").contains("RFC 7675");
    }

    @Test
    void withoutConsentFreshnessSilenceIsNotAFailure() throws Exception {
        IceConfig noConsent = new IceConfig(List.of("127.0.0.1"), "", false, "", false, Duration.ofSeconds(30));
        Recorder r = session(lite(noConsent, Duration.ofMillis(300)));
        Peer peer = peer(harvesters);
        peer.check(r.session, true);
        r.next();
        assertThat(r.events.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void garbageOnTheSharedSocketIsDroppedAndTheResponderLivesOn() throws Exception {
        Recorder r = session(lite());
        Peer peer = peer(harvesters);
        Random random = new Random(20261122);
        byte[] valid = StunMessages.bindingRequest(StunMessages.newTransactionId(), r.session.localUfrag() + ":"
                + PEER_UFRAG, r.session.localPassword(), 2130706431L, true, 7, true);
        for (int i = 0; i < 2000; i++) {
            byte[] d;
            if (i % 2 == 0) {
                d = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (d.length > 0) {
                    d[random.nextInt(d.length)] ^= (byte) (1 + random.nextInt(255));
                }
            } else {
                d = new byte[random.nextInt(200)];
                random.nextBytes(d);
            }
            peer.send(d);
        }
        peer.drain();
        peer.check(r.session, true);
        assertThat(r.events.poll(5, TimeUnit.SECONDS)).startsWith("connected");
        assertThat(harvesters.liteDrops().values().stream().mapToLong(Long::longValue).sum()).isPositive();
    }

    @Test
    void aPublicAddressStandsForTheFirstSocketAsAHostCandidate() throws Exception {
        IceConfig mapped = new IceConfig(List.of("127.0.0.1"), "203.0.113.7", false, "", true,
                Duration.ofSeconds(30));
        Recorder r = session(lite(mapped, IceHarvesters.LITE_CONSENT_TIMEOUT));
        int port = harvesters.liteSockets().get(0).localAddress().getPort();
        assertThat(r.session.localCandidates()).containsExactly(
                "1 1 udp 2130706431 203.0.113.7 " + port + " typ host generation 0");
    }

    @Test
    void privateHostsStayWithKeepPrivateHost() throws Exception {
        IceConfig mapped = new IceConfig(List.of("127.0.0.1"), "203.0.113.7", true, "", true,
                Duration.ofSeconds(30));
        Recorder r = session(lite(mapped, IceHarvesters.LITE_CONSENT_TIMEOUT));
        assertThat(r.session.localCandidates()).hasSize(2);
        assertThat(r.session.localCandidates().get(1)).contains(" 127.0.0.1 ").endsWith("typ host generation 0");
    }

    @Test
    void liteExcludesStunAndTurnServers() {
        assertThatThrownBy(() -> IceConfig.loopback().withTurn(new TurnServer("127.0.0.1", 3478, "u", "p"))
                .withIceLite(true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ICE-lite");
    }

    /** What a session reported, as lines. */
    private static final class Recorder implements IceListener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        IceTransport session;

        String next() throws InterruptedException {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("an event within 5 s").isNotNull();
            return e;
        }

        @Override
        public void onConnected(String selectedPair) {
            events.add("connected " + selectedPair);
        }

        @Override
        public void onFailed(String reason) {
            events.add("failed " + reason);
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
            events.add("packet " + len);
        }
    }

    /** The browser's side: a full, controlling agent driven by hand. */
    private static final class Peer implements AutoCloseable {
        private final DatagramSocket socket;
        private final InetSocketAddress server;

        Peer(IceHarvesters h) throws IOException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(500);
            server = h.liteSockets().get(0).localAddress();
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(byte[] d) throws IOException {
            socket.send(new DatagramPacket(d, d.length, server));
        }

        byte[] receive() throws IOException {
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            socket.receive(p);
            return Arrays.copyOf(p.getData(), p.getLength());
        }

        /** A check, answered: fails the test if the answer does not come. */
        void check(IceTransport session, boolean nominate) throws IOException {
            byte[] id = StunMessages.newTransactionId();
            send(StunMessages.bindingRequest(id, session.localUfrag() + ":" + PEER_UFRAG, session.localPassword(),
                    2130706431L, true, 7, nominate));
            byte[] answer = receive();
            assertThat(StunHeader.transactionIdEquals(answer, 0, answer.length, id, 0)).isTrue();
        }

        void drain() throws IOException {
            socket.setSoTimeout(100);
            try {
                while (true) {
                    receive();
                }
            } catch (SocketTimeoutException e) {
                socket.setSoTimeout(500);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
