package io.webfon.sercen.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client address behind the trusted proxy, as the gateway computes it for Janus requests. */
class ClientAddressTest {
    private final ClientAddress resolver = new ClientAddress(List.of("127.0.0.1/32", "::1/128"));

    @Test
    void peerUnlessThePeerIsATrustedProxy() {
        assertThat(resolver.resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(resolver.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(resolver.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(resolver.resolve("127.0.0.1", "1.1.1.1, 198.51.100.1, 127.0.0.1")).isEqualTo("198.51.100.1");
        assertThat(resolver.resolve("::1", "2001:DB8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void anythingButAnIpLiteralIsIgnored() {
        assertThat(resolver.resolve("127.0.0.1", "evil\r\nTRUCO_KO [1.2.3.4]")).isEqualTo("127.0.0.1");
        assertThat(resolver.resolve("127.0.0.1", "unknown")).isEqualTo("127.0.0.1");
        assertThat(resolver.resolve("::ffff:10.0.0.1", null)).isEqualTo("10.0.0.1");
    }
}
