package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 8866 text in, the same text out: every fixture is canonical, so parse and write are inverse on it. */
class SdpRoundTripTest {
    static java.util.List<String> fixtures() {
        return Fixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writeOfParseIsTheSameText(String name) throws SdpParseException {
        String text = Fixtures.text(name);
        assertThat(SdpWriter.write(SdpParser.parse(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parseOfWriteIsTheSameModel(String name) throws SdpParseException {
        SessionDescription d = Fixtures.parse(name);
        assertThat(SdpParser.parse(SdpWriter.write(d))).isEqualTo(d);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void lfLineEndsAndAMissingFinalNewlineParseTheSame(String name) throws SdpParseException {
        String crlf = Fixtures.text(name);
        SessionDescription expected = SdpParser.parse(crlf);
        String lf = crlf.replace("\r\n", "\n");
        assertThat(SdpParser.parse(lf)).isEqualTo(expected);
        assertThat(SdpParser.parse(lf.substring(0, lf.length() - 1))).isEqualTo(expected);
        assertThat(SdpParser.parse(crlf.substring(0, crlf.length() - 2))).isEqualTo(expected);
    }

    /** STYLE §2: byte parsers are tested at offset 0 and at a random non-zero offset. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void parsesUtf8BytesAtAnyOffset(String name) throws SdpParseException {
        byte[] sdp = Fixtures.text(name).getBytes(StandardCharsets.UTF_8);
        SessionDescription expected = SdpParser.parse(sdp, 0, sdp.length);
        int off = 1 + new Random(name.hashCode()).nextInt(31);
        byte[] padded = new byte[off + sdp.length + 7];
        java.util.Arrays.fill(padded, (byte) 'x');
        System.arraycopy(sdp, 0, padded, off, sdp.length);
        assertThat(SdpParser.parse(padded, off, sdp.length)).isEqualTo(expected)
                .isEqualTo(Fixtures.parse(name));
    }
}
