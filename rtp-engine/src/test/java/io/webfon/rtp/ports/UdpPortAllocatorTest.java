package io.webfon.rtp.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UdpPortAllocatorTest {
    @Test
    void handsOutPortsRoundRobinAndFailsClearlyWhenExhausted() throws Exception {
        UdpPortAllocator a = UdpPortAllocator.parse("media.rtp_port_range", "20000-20002");
        PortLease p1 = a.allocate("x");
        PortLease p2 = a.allocate("y");
        PortLease p3 = a.allocate("z");
        assertThat(new int[] {p1.port(), p2.port(), p3.port()}).containsExactly(20000, 20001, 20002);
        assertThatThrownBy(() -> a.allocate("w")).isInstanceOf(PortExhaustedException.class)
                .hasMessage("no free UDP port in media.rtp_port_range 20000-20002 (all 3 in use)");
        p2.close();
        p2.close();
        assertThat(a.inUse()).isEqualTo(2);
        assertThat(a.allocate("again").port()).isEqualTo(20001);
    }

    @Test
    void quarantinedPortsAreNotHandedOutAgain() throws Exception {
        UdpPortAllocator a = new UdpPortAllocator("r", 1000, 1001);
        PortLease busy = a.allocate("x");
        a.quarantine(busy);
        busy.close();
        assertThat(a.allocate("y").port()).isEqualTo(1001);
        assertThatThrownBy(() -> a.allocate("z")).isInstanceOf(PortExhaustedException.class);
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> UdpPortAllocator.parse("r", "2000")).hasMessageContaining("expected a range");
        assertThatThrownBy(() -> new UdpPortAllocator("r", 2000, 1000)).hasMessageContaining("invalid port range");
    }
}
