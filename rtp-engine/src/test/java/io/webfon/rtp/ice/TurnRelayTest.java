package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.StunHeader;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session's TURN relay on loopback, against a scripted TURN server ({@link FakeTurn}: no authentication,
 * grants every Allocate, now or when the test releases it) or a socket that never answers (the allocation against
 * Debian's coturn is gateway-it's TurnRelayIT). The allocation never holds up the session's creation: the
 * relayed candidate is reported afterwards, joins checks that already started, and a session closed while its
 * allocation is under way gives its port back, deletes the allocation and reports nothing. A server that never
 * answers costs the allocation timeout once, then is skipped for a while; a range without a free port means no
 * relay; in every case the session still has its host candidate and no port stays leased.
 */
class TurnRelayTest {
    /**
     * Each test takes its own ten ports: a socket of the test before may still hold one of its ports for a moment,
     * and a port found taken stays counted as in use (quarantined), which would upset the port counts asserted.
     */
    private static final int BASE = 43000 + (int) (ProcessHandle.current().pid() % 25) * 80;
    private static final AtomicInteger NEXT_RANGE = new AtomicInteger();

    private static UdpPortAllocator range() {
        int first = BASE + (NEXT_RANGE.getAndIncrement() % 8) * 10;
        return new UdpPortAllocator("test", first, first + 9);
    }
    private static final Duration WAIT = Duration.ofSeconds(5);
    private IceHarvesters harvesters;

    @AfterEach
    void stop() {
        if (harvesters != null) {
            harvesters.close();
        }
    }

    @Test
    void grantedRelayIsReportedAfterTheSessionIsCreatedThenGatheringEnds() throws Exception {
        UdpPortAllocator ports = range();
        try (FakeTurn turn = new FakeTurn(false)) {
            harvesters = new IceHarvesters(IceConfig.loopback().withTurn(turn.server()), ports);
            Recorder events = new Recorder();
            IceSession session = new IceSession(harvesters, false, events, "granted");
            assertThat(session.gathersLate()).isTrue();

            String relay = events.next();
            assertThat(relay).startsWith("candidate " + session.localUfrag() + " ")
                    .contains(" 127.0.0.1 " + turn.relayPort() + " typ relay raddr 127.0.0.1 rport ");
            assertThat(events.next()).isEqualTo("done " + session.localUfrag());
            assertThat(session.isGathering()).isFalse();
            assertThat(session.relayedAddress()).isEqualTo("127.0.0.1:" + turn.relayPort());
            assertThat(session.localCandidates()).hasSize(2).anyMatch(c -> c.contains("typ relay"))
                    .anyMatch(c -> c.contains("typ host"));
            assertThat(ports.inUse()).as("the ICE port and the TURN client's").isEqualTo(2);

            session.close();
            assertThat(turn.awaitRequest("Refresh lifetime=0")).as("the allocation is deleted").isTrue();
            assertThat(ports.inUse()).isEqualTo(1);
            assertThat(events.nothingWithin(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void relayGrantedAfterTheChecksStartedIsCheckedToo() throws Exception {
        UdpPortAllocator ports = range();
        try (FakeTurn turn = new FakeTurn(true);
                DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            harvesters = new IceHarvesters(IceConfig.loopback().withTurn(turn.server()), ports);
            Recorder events = new Recorder();
            IceSession session = new IceSession(harvesters, false, events, "late");
            assertThat(turn.awaitRequest("Allocate")).isTrue();
            assertThat(session.isGathering()).isTrue();
            assertThat(session.localCandidates()).singleElement().asString().contains("typ host");

            session.setRemoteCredentials("peerufrag", "peerpassword0123456789");
            session.addRemoteCandidates(List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, "127.0.0.1",
                    peer.getLocalPort(), "host", null, 0)));
            session.start();
            turn.release();

            assertThat(events.next()).contains("typ relay");
            assertThat(events.next()).startsWith("done ");
            // The agent checks the peer through the relay: ice4j asks the server for a permission first.
            assertThat(turn.awaitRequest("CreatePermission 127.0.0.1")).as("a check through the late relay")
                    .isTrue();
            session.close();
            assertThat(ports.inUse()).isEqualTo(1);
        }
    }

    @Test
    void closingDuringTheAllocationGivesEverythingBackAndReportsNothing() throws Exception {
        UdpPortAllocator ports = range();
        try (FakeTurn turn = new FakeTurn(true)) {
            harvesters = new IceHarvesters(IceConfig.loopback().withTurn(turn.server()), ports);
            Recorder events = new Recorder();
            IceSession session = new IceSession(harvesters, false, events, "closing");
            assertThat(turn.awaitRequest("Allocate")).isTrue();
            assertThat(ports.inUse()).isEqualTo(2);

            session.close();
            assertThat(ports.inUse()).as("the TURN client's port is back at once").isEqualTo(1);
            assertThat(turn.awaitRequest("Refresh lifetime=0"))
                    .as("the allocation the server may have granted meanwhile is deleted").isTrue();
            turn.release(); // the server's late answer meets a closed socket
            assertThat(events.nothingWithin(Duration.ofMillis(300))).as("no candidate, no end after close").isTrue();
            assertThat(session.isGathering()).isFalse();
        }
    }

    @Test
    void silentServerCostsTheTimeoutOnceThenIsSkippedAndNoPortStaysLeased() throws Exception {
        UdpPortAllocator ports = range();
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(2_000);
            harvesters = new IceHarvesters(IceConfig.loopback().withTurn(new TurnServer("127.0.0.1",
                    silent.getLocalPort(), "user", "pw", Duration.ofMillis(300))), ports);

            Recorder events = new Recorder();
            IceSession first = new IceSession(harvesters, false, events, "first");
            assertThat(first.localCandidates()).singleElement().asString().contains("typ host");
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            silent.receive(p);
            assertThat(StunHeader.messageType(p.getData(), 0, p.getLength())).as("TURN Allocate request")
                    .isEqualTo(0x0003);
            assertThat(events.next()).as("the end of gathering, without a candidate")
                    .isEqualTo("done " + first.localUfrag());
            assertThat(first.relayedAddress()).isNull();
            assertThat(first.isGathering()).isFalse();
            assertThat(first.localCandidates()).singleElement().asString().contains("typ host");
            assertThat(ports.inUse()).as("only the ICE port: the TURN client's is back").isEqualTo(1);
            first.close();

            drain(silent);
            IceSession second = new IceSession(harvesters, false, events, "second");
            assertThat(second.isGathering()).as("nothing to wait for while the server is known to be silent")
                    .isFalse();
            assertThat(second.localCandidates()).singleElement().asString().contains("typ host");
            silent.setSoTimeout(300);
            assertThatThrownBy(() -> silent.receive(new DatagramPacket(new byte[1500], 1500)))
                    .as("no second allocation while the server is known to be silent")
                    .isInstanceOf(SocketTimeoutException.class);
            second.close();
            assertThat(ports.inUse()).isEqualTo(1);
        }
    }

    @Test
    void rangeWithoutAFreePortMeansNoRelayButTheSessionWorks() throws Exception {
        UdpPortAllocator one = range();
        int port = one.min() + 5;
        UdpPortAllocator ports = new UdpPortAllocator("test", port, port);
        harvesters = new IceHarvesters(IceConfig.loopback().withTurn(new TurnServer("127.0.0.1", 3478, "u", "p")),
                ports);
        Recorder events = new Recorder();
        IceSession session = new IceSession(harvesters, false, events, "full");
        assertThat(events.next()).isEqualTo("done " + session.localUfrag());
        assertThat(session.relayedAddress()).isNull();
        assertThat(session.localCandidates()).singleElement().asString().contains("127.0.0.1 " + port);
        session.close();
        assertThat(ports.inUse()).isEqualTo(1);
    }

    @Test
    void turnServerNeverShowsItsPassword() {
        TurnServer s = new TurnServer("turn.example.org", 3478, "alice", "s3cr3t-pw");
        assertThat(s.toString()).contains("turn.example.org:3478").contains("alice").doesNotContain("s3cr3t-pw");
        assertThat(IceConfig.loopback().withTurn(s).toString()).doesNotContain("s3cr3t-pw");
        assertThat(s.endpoint()).isEqualTo("turn.example.org:3478");
        assertThat(s.allocateTimeout()).isEqualTo(TurnServer.DEFAULT_ALLOCATE_TIMEOUT);
        assertThatThrownBy(() -> new TurnServer("", 3478, "u", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TurnServer("h", 0, "u", "p")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void drain(DatagramSocket s) throws Exception {
        s.setSoTimeout(50);
        try {
            while (true) {
                s.receive(new DatagramPacket(new byte[1500], 1500));
            }
        } catch (SocketTimeoutException done) {
            // empty now
        }
    }

    /** Records a session's late-gathering reports, in order: {@code candidate <ufrag> <value>}, {@code done <ufrag>}. */
    private static final class Recorder implements IceListener {
        private final LinkedBlockingQueue<String> reports = new LinkedBlockingQueue<>();

        @Override
        public void onConnected(String selectedPair) {
        }

        @Override
        public void onFailed(String reason) {
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
        }

        @Override
        public void onLocalCandidate(String ufrag, String candidate) {
            reports.add("candidate " + ufrag + " " + candidate);
        }

        @Override
        public void onGatheringDone(String ufrag) {
            reports.add("done " + ufrag);
        }

        String next() throws InterruptedException {
            String r = reports.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(r).as("a report within %s", WAIT).isNotNull();
            return r;
        }

        boolean nothingWithin(Duration d) throws InterruptedException {
            return reports.poll(d.toMillis(), TimeUnit.MILLISECONDS) == null;
        }
    }

    /**
     * A TURN server on loopback without authentication (RFC 8656 messages built by hand): grants each Allocate with
     * a relayed address on a port it holds, answers Refresh, CreatePermission and ChannelBind, and records every
     * request ({@code Allocate}, {@code Refresh lifetime=N}, {@code CreatePermission <peer ip>}, ...). When holding,
     * Allocate answers wait for {@link #release()}.
     */
    private static final class FakeTurn implements AutoCloseable {
        private static final int COOKIE = 0x2112A442;
        private static final int XOR_PEER_ADDRESS = 0x0012;
        private static final int XOR_RELAYED_ADDRESS = 0x0016;
        private static final int XOR_MAPPED_ADDRESS = 0x0020;
        private static final int LIFETIME = 0x000D;
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final DatagramSocket relay = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
        private final List<DatagramPacket> held = new ArrayList<>();
        private final Thread reader = new Thread(this::serve, "fake-turn");
        private boolean holding;

        FakeTurn(boolean holding) throws IOException {
            this.holding = holding;
            reader.setDaemon(true);
            reader.start();
        }

        TurnServer server() {
            return new TurnServer("127.0.0.1", socket.getLocalPort(), "", "");
        }

        int relayPort() {
            return relay.getLocalPort();
        }

        /** Whether a request starting with {@code what} arrives (or arrived) within a few seconds. */
        boolean awaitRequest(String what) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (long left = WAIT.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                String r = requests.poll(left, TimeUnit.NANOSECONDS);
                if (r != null && r.startsWith(what)) {
                    return true;
                }
            }
            return false;
        }

        /** Sends the Allocate answers held so far, and answers the next ones at once. */
        void release() throws IOException {
            List<DatagramPacket> answers;
            synchronized (this) {
                holding = false;
                answers = List.copyOf(held);
                held.clear();
            }
            for (DatagramPacket p : answers) {
                socket.send(p);
            }
        }

        private void serve() {
            byte[] buf = new byte[1500];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    answer(Arrays.copyOf(buf, p.getLength()), (InetSocketAddress) p.getSocketAddress());
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void answer(byte[] request, InetSocketAddress from) throws IOException {
            int type = StunHeader.messageType(request, 0, request.length);
            switch (type) {
                case 0x0003 -> {
                    requests.add("Allocate");
                    byte[] ok = response(request, 0x0103, attribute(XOR_RELAYED_ADDRESS,
                            xorAddress(new InetSocketAddress("127.0.0.1", relay.getLocalPort()))),
                            attribute(XOR_MAPPED_ADDRESS, xorAddress(from)), attribute(LIFETIME, u32(600)));
                    DatagramPacket answer = new DatagramPacket(ok, ok.length, from);
                    synchronized (this) {
                        if (holding) {
                            held.add(answer);
                            return;
                        }
                    }
                    socket.send(answer);
                }
                case 0x0004 -> {
                    byte[] lifetime = find(request, LIFETIME);
                    int seconds = lifetime == null ? 600 : ByteBuffer.wrap(lifetime).getInt();
                    requests.add("Refresh lifetime=" + seconds);
                    send(response(request, 0x0104, attribute(LIFETIME, u32(seconds))), from);
                }
                case 0x0008 -> {
                    byte[] peer = find(request, XOR_PEER_ADDRESS);
                    requests.add("CreatePermission " + (peer == null ? "?" : peerIp(peer)));
                    send(response(request, 0x0108), from);
                }
                case 0x0009 -> {
                    requests.add("ChannelBind");
                    send(response(request, 0x0109), from);
                }
                default -> requests.add("message 0x" + Integer.toHexString(type));
            }
        }

        private void send(byte[] b, SocketAddress to) throws IOException {
            socket.send(new DatagramPacket(b, b.length, to));
        }

        private static byte[] response(byte[] request, int type, byte[]... attributes) {
            int length = 0;
            for (byte[] a : attributes) {
                length += a.length;
            }
            ByteBuffer b = ByteBuffer.allocate(20 + length).putShort((short) type).putShort((short) length)
                    .putInt(COOKIE).put(request, 8, 12);
            for (byte[] a : attributes) {
                b.put(a);
            }
            return b.array();
        }

        private static byte[] attribute(int type, byte[] value) {
            int padded = (value.length + 3) & ~3;
            return ByteBuffer.allocate(4 + padded).putShort((short) type).putShort((short) value.length).put(value)
                    .array();
        }

        private static byte[] xorAddress(InetSocketAddress a) {
            byte[] ip = a.getAddress().getAddress();
            int addr = ByteBuffer.wrap(ip).getInt() ^ COOKIE;
            return ByteBuffer.allocate(8).put((byte) 0).put((byte) 1).putShort((short) (a.getPort() ^ (COOKIE >>> 16)))
                    .putInt(addr).array();
        }

        private static String peerIp(byte[] xor) throws IOException {
            int addr = ByteBuffer.wrap(xor, 4, 4).getInt() ^ COOKIE;
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt(addr).array()).getHostAddress();
        }

        private static byte[] u32(int v) {
            return ByteBuffer.allocate(4).putInt(v).array();
        }

        /** The value of the first attribute of this type, or null. */
        private static byte[] find(byte[] message, int type) {
            int p = 20;
            while (p + 4 <= message.length) {
                int t = ((message[p] & 0xFF) << 8) | (message[p + 1] & 0xFF);
                int len = ((message[p + 2] & 0xFF) << 8) | (message[p + 3] & 0xFF);
                if (p + 4 + len > message.length) {
                    return null;
                }
                if (t == type) {
                    return Arrays.copyOfRange(message, p + 4, p + 4 + len);
                }
                p += 4 + ((len + 3) & ~3);
            }
            return null;
        }

        @Override
        public void close() {
            socket.close();
            relay.close();
        }
    }
}
