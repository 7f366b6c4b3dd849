package io.webfon.rtp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value types: their checks, copies and typed views. */
class SdpModelTest {
    @Test
    void attributesRefuseWhatCannotBeWrittenOnOneLine() {
        assertThatThrownBy(() -> Attribute.of("x", "a\r\nm=audio")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of("a b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of("x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Attribute.flag("rtcp-mux").toString()).isEqualTo("a=rtcp-mux");
        assertThat(Attribute.of("mid", "0").is("MID")).isTrue();
    }

    @Test
    void typedAccessorsOnABadValueBuiltInCodeFailLoudly() {
        MediaDescription m = MediaDescription.builder("audio", 9, "RTP/AVP").format("0")
                .attribute("rtpmap", "300 nonsense").build();
        assertThatThrownBy(m::rtpMaps).isInstanceOf(IllegalStateException.class)
                .hasMessage("invalid a=rtpmap:300 nonsense: payload type 300 out of range (0-127)");
    }

    @Test
    void buildersAndCopies() {
        Origin origin = Origin.of("42", 7, "2001:db8::5");
        assertThat(origin.addrType()).isEqualTo("IP6");
        assertThat(origin.nextVersion().sessionVersion()).isEqualTo("8");
        assertThat(new Origin("-", "1", "18446744073709551615", "IN", "IP4", "0.0.0.0").nextVersion()
                .sessionVersion()).isEqualTo("18446744073709551616");
        MediaDescription audio = MediaDescription.builder("audio", 9, "RTP/AVP").format("8").flag("sendrecv")
                .attribute("mid", "a").attribute(new RtpMap(8, "PCMA", 8000, 0).toAttribute()).build();
        SessionDescription d = SessionDescription.builder(origin).media(audio).build();
        assertThat(d.sessionName()).isEqualTo("-");
        assertThat(d.timings()).containsExactly(Timing.UNBOUNDED);
        assertThat(d.toBuilder().build()).isEqualTo(d);
        assertThat(audio.toBuilder().build()).isEqualTo(audio);
        assertThat(d.withMedia(0, audio.withPort(0)).media().get(0).isRejected()).isTrue();
        assertThat(d.plusAttribute(Attribute.flag("ice-lite")).iceLite()).isTrue();
        assertThat(audio.withProto("RTP/SAVP").withFormats(List.of("0")).withBandwidths(List.of(
                new Bandwidth("AS", 64))).withConnection(Connection.of("10.0.0.1")).plusAttribute(Attribute
                        .of("ptime", "20")).withoutAttributes(Set.of("Mid")).attributes()).extracting(Attribute::name)
                .containsExactly("sendrecv", "rtpmap", "ptime");
        assertThatThrownBy(() -> SessionDescription.builder(origin).sessionName("").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 70000, "RTP/AVP").format("0").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withDirectionReplacesInPlaceOrGoesAfterMid() {
        MediaDescription m = MediaDescription.builder("audio", 9, "RTP/AVP").format("0").attribute("mid", "0")
                .attribute("ptime", "20").build();
        MediaDescription held = m.withDirection(Direction.SENDONLY);
        assertThat(held.attributes()).extracting(Attribute::toLineValue).containsExactly("mid:0", "sendonly",
                "ptime:20");
        assertThat(held.withDirection(Direction.INACTIVE).attributes()).extracting(Attribute::toLineValue)
                .containsExactly("mid:0", "inactive", "ptime:20");
        assertThat(held.withDirection(null).direction()).isEmpty();
    }

    @Test
    void directionsAndSetup() {
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.fromSdpName("SendRecv")).contains(Direction.SENDRECV);
        assertThat(Direction.fromSdpName("both")).isEmpty();
        assertThat(Setup.ACTPASS.answer()).isEqualTo(Setup.ACTIVE);
        assertThat(Setup.ACTIVE.answer()).isEqualTo(Setup.PASSIVE);
        assertThat(Setup.PASSIVE.answer()).isEqualTo(Setup.ACTIVE);
        assertThat(Setup.HOLDCONN.answer()).isEqualTo(Setup.HOLDCONN);
    }

    @Test
    void fmtpParameterMap() throws SdpParseException {
        assertThat(Fmtp.parse("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f")
                .parameterMap()).containsExactly(Map.entry("level-asymmetry-allowed", "1"),
                        Map.entry("packetization-mode", "1"), Map.entry("profile-level-id", "42001f"));
        assertThat(Fmtp.parse("63 111/111").parameterMap()).containsExactly(Map.entry("111/111", ""));
        assertThat(Fmtp.parse("96 a = 1 ; ; a=2").parameterMap()).containsExactly(Map.entry("a", "1"));
        assertThat(Fmtp.parse("webrtc-datachannel max-message-size=100000").payloadType()).isEqualTo(-1);
    }

    @Test
    void typedValuesWriteBackWhatTheyParsed() throws SdpParseException {
        for (String v : List.of("111 opus/48000/2", "0 PCMU/8000")) {
            assertThat(RtpMap.parse(v).toAttributeValue()).isEqualTo(v);
        }
        for (String v : List.of("96 nack pli", "* ccm fir", "96 ccm tmmbr smaxpr=120", "111 transport-cc")) {
            assertThat(RtcpFb.parse(v).toAttributeValue()).isEqualTo(v);
        }
        for (String v : List.of("2/recvonly urn:x", "7 http://e.org/x attr1 attr2", "4096/sendonly urn:y")) {
            assertThat(ExtMap.parse(v).toAttributeValue()).isEqualTo(v);
        }
        for (String v : List.of("3981405195 msid:stream track", "1 cname:{73db8c81}", "4294967295 foo")) {
            assertThat(Ssrc.parse(v).toAttributeValue()).isEqualTo(v);
        }
        assertThat(SsrcGroup.parse("SIM 1 2 3").toAttributeValue()).isEqualTo("SIM 1 2 3");
        assertThat(Group.parse("BUNDLE").mids()).isEmpty();
        assertThat(Group.parse("LS a b").isBundle()).isFalse();
        assertThat(Msid.parse("- track").toAttributeValue()).isEqualTo("- track");
        assertThat(Msid.parse("stream").trackId()).isNull();
        Fingerprint f = Fingerprint.parse("SHA-256 ab:CD");
        assertThat(f.isSupported()).isTrue();
        assertThat(f.matches(new Fingerprint("sha-256", "AB:cd"))).isTrue();
        assertThat(f.toAttribute()).isEqualTo(Attribute.of("fingerprint", "SHA-256 ab:CD"));
    }

    @Test
    void codecHelpers() {
        Codec rtx = new Codec(97, "rtx", 90000, 0, Fmtp.of(97, "apt=96"), List.of());
        assertThat(rtx.isAuxiliary()).isTrue();
        assertThat(rtx.associatedPayloadType()).hasValue(96);
        assertThat(rtx.toRtpMap()).isEqualTo(new RtpMap(97, "rtx", 90000, 0));
        Codec unknown = new Codec(96, null, 0, 0, null, List.of());
        assertThat(unknown.displayName()).isEqualTo("PT 96");
        assertThat(unknown.toRtpMap()).isNull();
        assertThat(unknown.parameters()).isEmpty();
        assertThat(MediaKind.of("Audio")).isEqualTo(MediaKind.AUDIO);
        assertThat(MediaKind.of("text")).isEqualTo(MediaKind.OTHER);
    }
}
