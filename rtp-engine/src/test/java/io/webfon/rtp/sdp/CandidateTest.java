package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8839 §5.1 candidates as Chrome, Firefox and Janus write them. */
class CandidateTest {
    @Test
    void chromeHostCandidate() throws SdpParseException {
        Candidate c = Candidate.parse("1175098181 1 udp 2122194687 192.0.2.2 35158 typ host generation 0"
                + " network-id 1");
        assertThat(c).isEqualTo(Candidate.of("1175098181", 1, "udp", 2122194687L, "192.0.2.2", 35158,
                CandidateType.HOST).withChromeExtensions(0, null, 1));
        assertThat(c.isRtp()).isTrue();
        assertThat(c.isUdp()).isTrue();
    }

    @Test
    void ipv6Address() throws SdpParseException {
        Candidate c = Candidate.parse("2372686501 1 udp 2122265343 fd00::2 50586 typ host generation 0"
                + " network-id 2");
        assertThat(c.address()).isEqualTo("fd00::2");
        assertThat(c.port()).isEqualTo(50586);
    }

    @Test
    void tcpTypeFromRfc6544() throws SdpParseException {
        Candidate c = Candidate.parse("3097511889 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active"
                + " generation 0 network-id 1");
        assertThat(c.tcpType()).isEqualTo("active");
        assertThat(c.isUdp()).isFalse();
        assertThat(c.port()).isEqualTo(9);
    }

    @Test
    void prflxWithRelatedAddressAndPort() throws SdpParseException {
        Candidate c = Candidate.parse("842163049 1 udp 1677729535 203.0.113.9 61002 typ prflx raddr 192.0.2.2"
                + " rport 35158 generation 0 ufrag iZC6 network-id 1 network-cost 10");
        assertThat(c.type()).isEqualTo(CandidateType.PRFLX);
        assertThat(c.relatedAddress()).isEqualTo("192.0.2.2");
        assertThat(c.relatedPort()).isEqualTo(35158);
        assertThat(c.ufrag()).isEqualTo("iZC6");
        assertThat(c.extensions()).containsExactly(new Candidate.Extension("network-cost", "10"));
    }

    @Test
    void relayAndSrflx() throws SdpParseException {
        assertThat(Candidate.parse("3 1 udp 41885439 198.51.100.7 3478 typ relay raddr 203.0.113.9 rport 61002")
                .type()).isEqualTo(CandidateType.RELAY);
        assertThat(Candidate.parse("2 1 udp 1679819007 203.0.113.7 20014 typ srflx raddr 198.51.100.20"
                + " rport 20014").relatedPort()).isEqualTo(20014);
    }

    @Test
    void firefoxMdnsCandidateWithUpperCaseTransportAndComponent2() throws SdpParseException {
        Candidate c = Candidate.parse("1 2 UDP 2122252542 94c5df82-52b4-4861-98ec-86efc822be17.local 46415 typ host");
        assertThat(c.component()).isEqualTo(2);
        assertThat(c.isRtp()).isFalse();
        assertThat(c.isUdp()).isTrue();
        assertThat(c.address()).endsWith(".local");
    }

    @Test
    void trickledCandidatesCarryThePrefix() throws SdpParseException {
        String trickle = "candidate:1175098181 1 udp 2122194687 192.0.2.2 35158 typ host generation 0 ufrag iZC6"
                + " network-id 1";
        Candidate c = Candidate.parse(trickle);
        assertThat(c.toTrickleString()).isEqualTo(trickle);
        assertThat(c.toAttribute()).isEqualTo(Attribute.of("candidate", trickle.substring("candidate:".length())));
    }

    /** Every candidate in the fixtures writes back unchanged. */
    @Test
    void everyFixtureCandidateRoundTrips() {
        int count = 0;
        for (String name : Fixtures.ALL) {
            for (MediaDescription m : Fixtures.parse(name).media()) {
                List<Attribute> raw = m.attributes("candidate");
                List<Candidate> typed = m.candidates();
                for (int i = 0; i < raw.size(); i++) {
                    assertThat(typed.get(i).toAttributeValue()).isEqualTo(raw.get(i).value());
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 1 udp 2122194687 192.0.2.2 35158 typ host",
        "a+b/C 256 tcp 0 ::1 0 typ relay raddr :: rport 0 tcptype so",
        "1 1 udp 4294967295 192.0.2.2 65535 typ srflx raddr 0.0.0.0 rport 0 generation 4 foo bar baz 7"})
    void writesBackWhatItParsed(String value) throws SdpParseException {
        assertThat(Candidate.parse(value).toAttributeValue()).isEqualTo(value);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                arguments("1 1 udp", "expected '<foundation> <component> <transport> <priority> <address> <port>"
                        + " typ <type> ...'"),
                arguments("1 0 udp 1 192.0.2.2 1 typ host", "component 0 out of range (1-256)"),
                arguments("1 1 udp 4294967296 192.0.2.2 1 typ host", "priority 4294967296 out of range"
                        + " (0-4294967295)"),
                arguments("1 1 udp 1 192.0.2.2 65536 typ host", "port 65536 out of range (0-65535)"),
                arguments("1 1 udp 1 192.0.2.2 1 type host", "expected 'typ' after the port, got 'type'"),
                arguments("1 1 udp 1 192.0.2.2 1 typ cloud", "unknown candidate type 'cloud' (expected host,"
                        + " srflx, prflx or relay)"),
                arguments("1 1 udp 1 192.0.2.2 1 typ host raddr", "extension 'raddr' has no value"),
                arguments("1 1 udp 1 192.0.2.2 1 typ host rport x", "rport 'x' is not a number"),
                arguments("1 1 tcp 1 192.0.2.2 1 typ host tcptype sideways", "unknown tcptype 'sideways'"
                        + " (expected active, passive or so)"),
                arguments("1 1 udp 1 192.0.2.2 1 typ host generation 0 generation 1", "duplicate generation"),
                arguments("f_o 1 udp 1 192.0.2.2 1 typ host", "invalid foundation 'f_o' (1-32 ice-chars)"),
                arguments("123456789012345678901234567890123 1 udp 1 192.0.2.2 1 typ host",
                        "invalid foundation '123456789012345678901234567890123' (1-32 ice-chars)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedCandidates(String value, String message) {
        assertThatThrownBy(() -> Candidate.parse(value)).isInstanceOf(SdpParseException.class).hasMessage(message);
    }

    @Test
    void withersBuildAJanusStyleCandidate() {
        Candidate c = Candidate.of("2", 1, "udp", 1679819007L, "203.0.113.7", 20014, CandidateType.SRFLX)
                .withRelated("198.51.100.20", 20014);
        assertThat(c.toAttributeValue()).isEqualTo("2 1 udp 1679819007 203.0.113.7 20014 typ srflx"
                + " raddr 198.51.100.20 rport 20014");
        assertThat(c.withTcpType("passive").withAddress("::1", 9).toAttributeValue())
                .isEqualTo("2 1 udp 1679819007 ::1 9 typ srflx raddr 198.51.100.20 rport 20014 tcptype passive");
    }
}
