package io.webfon.janus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a TRUCO_KO line names, behind and without a reverse proxy. */
class ClientAddressResolverTest {
    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("127.0.0.1/32", "::1", "10.0.0.0/8"));

    @Test
    void untrustedPeerIsTheClientWhateverItForwards() {
        assertThat(resolver.resolve("203.0.113.5", "198.51.100.1")).isEqualTo("203.0.113.5");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        assertThat(resolver.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(resolver.resolve("127.0.0.1", "1.1.1.1, 198.51.100.1, 10.2.3.4")).isEqualTo("198.51.100.1");
        assertThat(resolver.resolve("::1", "2001:db8::7")).isEqualTo("2001:db8::7");
    }

    @Test
    void garbageInForwardedForNeverReachesTheLog() {
        assertThat(resolver.resolve("127.0.0.1", "evil\n[20260101 000000] [WARN] TRUCO_KO [1.2.3.4] x"))
                .isEqualTo("127.0.0.1");
        assertThat(resolver.resolve("127.0.0.1", "unknown, 198.51.100.9")).isEqualTo("198.51.100.9");
    }

    @Test
    void ipv4MappedAndBracketedAddressesAreNormalised() {
        assertThat(resolver.resolve("::ffff:192.0.2.7", null)).isEqualTo("192.0.2.7");
        assertThat(resolver.resolve("[2001:db8::1]", null)).isEqualTo("2001:db8::1");
    }

    @Test
    void cidrBlocksMatchByPrefix() {
        ClientAddressResolver.Cidr net = ClientAddressResolver.Cidr.parse("192.168.8.0/21");
        assertThat(net.contains(new byte[] {(byte) 192, (byte) 168, 15, 1})).isTrue();
        assertThat(net.contains(new byte[] {(byte) 192, (byte) 168, 16, 1})).isFalse();
        assertThatThrownBy(() -> ClientAddressResolver.Cidr.parse("example.org/8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientAddressResolver.Cidr.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
