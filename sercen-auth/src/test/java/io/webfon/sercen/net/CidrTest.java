package io.webfon.sercen.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** CIDR blocks and the original's f1factor ip/netmask pairs. */
class CidrTest {
    @Test
    void containsAddressesOfItsFamilyOnly() {
        Cidr c = Cidr.parse("172.25.0.0/16");
        assertThat(c.contains("172.25.2.119")).isTrue();
        assertThat(c.contains("172.26.0.1")).isFalse();
        assertThat(c.contains("::ffff:172.25.9.9")).as("IPv4-mapped").isTrue();
        assertThat(c.contains("2001:db8::1")).isFalse();
        assertThat(c.contains("not-an-ip")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
        assertThat(Cidr.parse("10.1.2.3").toString()).isEqualTo("10.1.2.3/32");
        assertThat(Cidr.parse("10.1.2.3/8").toString()).as("host bits cleared").isEqualTo("10.0.0.0/8");
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void theOriginalsF1factorPairsBecomeBlocks() {
        assertThat(Cidr.fromAddressAndMask("172.25.0.0", "255.255.0.0").toString()).isEqualTo("172.25.0.0/16");
        assertThat(Cidr.fromAddressAndMask("172.25.1.0", "255.255.255.0").toString()).isEqualTo("172.25.1.0/24");
        assertThatThrownBy(() -> Cidr.fromAddressAndMask("172.25.0.0", "255.0.255.0"))
                .hasMessageContaining("contiguous");
        assertThatThrownBy(() -> Cidr.fromAddressAndMask("fe80::1", "255.0.0.0")).hasMessageContaining("IPv4");
    }

    @Test
    void refusesNonsense() {
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0.0/x", "example.org", "2001:db8::/129"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
