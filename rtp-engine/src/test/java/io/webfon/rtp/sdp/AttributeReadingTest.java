package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser keeps what it read typed attributes as; the typed accessors use it, and equality ignores it. */
class AttributeReadingTest {
    @Test
    void typedAccessorsReturnWhatTheParserRead() {
        for (String name : Fixtures.ALL) {
            for (MediaDescription m : Fixtures.parse(name).media()) {
                for (Attribute a : m.attributes("rtpmap")) {
                    assertThat(a.reading(RtpMap.class)).as(name + " " + a).isNotNull()
                            .isEqualTo(reparse(a.value(), RtpMap::parse));
                }
                List<RtpMap> kept = m.attributes("rtpmap").stream().map(a -> a.reading(RtpMap.class)).toList();
                assertThat(m.rtpMaps()).as(name).hasSameSizeAs(kept);
                for (int i = 0; i < kept.size(); i++) {
                    assertThat(m.rtpMaps().get(i)).isSameAs(kept.get(i));
                }
                for (Candidate c : m.candidates()) {
                    assertThat(c).isEqualTo(reparse(c.toAttributeValue(), Candidate::parse));
                }
                assertThat(m.rtcpFeedback()).isEqualTo(m.attributes("rtcp-fb").stream()
                        .map(a -> reparse(a.value(), RtcpFb::parse)).toList());
                assertThat(m.fmtps()).isEqualTo(m.attributes("fmtp").stream()
                        .map(a -> reparse(a.value(), Fmtp::parse)).toList());
            }
        }
    }

    @Test
    void equalityIgnoresTheReading() {
        String value = "111 opus/48000/2";
        Attribute read = Attribute.checked("rtpmap", value, reparse(value, RtpMap::parse));
        Attribute built = Attribute.of("rtpmap", value);
        assertThat(read).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(built.reading(RtpMap.class)).isNull();
        assertThat(read.reading(Fmtp.class)).as("a reading of another type is not used").isNull();
    }

    @Test
    void attributesBuiltInCodeAreParsedWhenAsked() {
        MediaDescription m = MediaDescription.builder("audio", 9, "UDP/TLS/RTP/SAVPF").format("111")
                .attribute("rtpmap", "111 opus/48000/2").attribute("setup", "actpass").build();
        assertThat(m.rtpMaps()).containsExactly(new RtpMap(111, "opus", 48000, 2));
        assertThat(m.setup()).contains(Setup.ACTPASS);
    }

    private static <T> T reparse(String value, AttributeLists.ValueParser<T> parser) {
        try {
            return parser.parse(value);
        } catch (SdpParseException e) {
            throw new AssertionError(value, e);
        }
    }
}
