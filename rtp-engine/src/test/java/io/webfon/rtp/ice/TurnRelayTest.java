package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.StunHeader;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure paths of a session's TURN relay, on loopback without a TURN server (the allocation against Debian's
 * coturn is gateway-it's TurnRelayIT): a server that never answers costs the allocation timeout once, then is
 * skipped for a while; a range without a free port means no relay; in every case the session still has its host
 * candidate and no port stays leased.
 */
class TurnRelayTest {
    private static final int BASE = 43000 + (int) (ProcessHandle.current().pid() % 200) * 10;
    private IceHarvesters harvesters;

    @AfterEach
    void stop() {
        if (harvesters != null) {
            harvesters.close();
        }
    }

    @Test
    void silentServerCostsTheTimeoutOnceThenIsSkippedAndNoPortStaysLeased() throws Exception {
        UdpPortAllocator ports = new UdpPortAllocator("test", BASE, BASE + 9);
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent.setSoTimeout(2_000);
            harvesters = new IceHarvesters(IceConfig.loopback().withTurn(new TurnServer("127.0.0.1",
                    silent.getLocalPort(), "user", "pw", Duration.ofMillis(300))), ports);

            IceSession first = new IceSession(harvesters, false, new Quiet(), "first");
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            silent.receive(p);
            assertThat(StunHeader.messageType(p.getData(), 0, p.getLength())).as("TURN Allocate request")
                    .isEqualTo(0x0003);
            assertThat(first.relayedAddress()).isNull();
            assertThat(first.localCandidates()).singleElement().asString().contains("typ host");
            assertThat(ports.inUse()).as("only the ICE port: the TURN client's is back").isEqualTo(1);
            first.close();

            drain(silent);
            IceSession second = new IceSession(harvesters, false, new Quiet(), "second");
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
        UdpPortAllocator ports = new UdpPortAllocator("test", BASE + 5, BASE + 5);
        harvesters = new IceHarvesters(IceConfig.loopback().withTurn(new TurnServer("127.0.0.1", 3478, "u", "p")),
                ports);
        IceSession session = new IceSession(harvesters, false, new Quiet(), "full");
        assertThat(session.relayedAddress()).isNull();
        assertThat(session.localCandidates()).singleElement().asString().contains("127.0.0.1 " + (BASE + 5));
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

    /** A listener for sessions that never connect. */
    private static final class Quiet implements IceListener {
        @Override
        public void onConnected(String selectedPair) {
        }

        @Override
        public void onFailed(String reason) {
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
        }
    }
}
