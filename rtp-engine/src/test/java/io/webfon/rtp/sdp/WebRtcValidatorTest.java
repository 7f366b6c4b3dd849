package io.webfon.rtp.sdp;

import static io.webfon.rtp.sdp.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Why a remote description cannot set up WebRTC with this node (max-bundle, rtcp-mux, ICE, DTLS, codecs). */
class WebRtcValidatorTest {
    private static final String ICE = "a=ice-ufrag:abcd";
    private static final String PWD = "a=ice-pwd:0123456789012345678901";
    private static final String FP = "a=fingerprint:sha-256 AA:BB";

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.CHROME_OFFER, Fixtures.CHROME_ANSWER, Fixtures.CHROME_DATACHANNEL_OFFER,
        Fixtures.FIREFOX_OFFER, Fixtures.JANUS_ANSWER})
    void browserAndJanusDescriptionsAreUsable(String name) {
        assertThat(WebRtcValidator.validate(Fixtures.parse(name))).isEmpty();
    }

    @Test
    void plainSipOfferFromAPbxIsNotWebRtc() {
        List<SdpProblem> problems = WebRtcValidator.validate(Fixtures.parse(Fixtures.PBX_OFFER));
        assertThat(problems).extracting(SdpProblem::code).containsExactly(SdpProblem.Code.NO_BUNDLE,
                SdpProblem.Code.NO_ICE_CREDENTIALS, SdpProblem.Code.NO_FINGERPRINT,
                SdpProblem.Code.UNSUPPORTED_PROTO, SdpProblem.Code.NO_RTCP_MUX);
        assertThat(SdpProblem.describe(problems)).isEqualTo("no a=group:BUNDLE (this node requires max-bundle,"
                + " RFC 8843); no ICE credentials for m=audio #0 (a=ice-ufrag and a=ice-pwd at neither session nor"
                + " media level); no DTLS fingerprint for m=audio #0; m=audio uses RTP/AVP, not UDP/TLS/RTP/SAVPF"
                + " (DTLS-SRTP); no a=rtcp-mux in m=audio (this node requires rtcp-mux, RFC 5761)");
    }

    @Test
    void noFingerprintIsReportedOncePerBundle() {
        SessionDescription d = Fixtures.parse(Fixtures.CHROME_OFFER);
        SessionDescription stripped = d.withMedia(d.media().stream()
                .map(m -> m.withoutAttributes(Set.of("fingerprint"))).toList());
        assertThat(WebRtcValidator.validate(stripped)).containsExactly(new SdpProblem(
                SdpProblem.Code.NO_FINGERPRINT, "no DTLS fingerprint for m=audio (mid 0)"));
    }

    @Test
    void unsupportedFingerprintHash() {
        SessionDescription d = one(ICE, PWD, "a=fingerprint:md5 AA:BB", "a=fingerprint:SHA-0 CC:DD");
        assertThat(WebRtcValidator.validate(d)).containsExactly(new SdpProblem(
                SdpProblem.Code.UNSUPPORTED_FINGERPRINT_HASH, "unsupported fingerprint hash md5, SHA-0 for m=audio"
                        + " (mid 0) (supported: sha-512, sha-384, sha-256, sha-1)"));
        assertThat(WebRtcValidator.validate(one(ICE, PWD, "a=fingerprint:SHA-256 AA:BB"))).isEmpty();
    }

    @Test
    void iceCredentialsMayComeFromSessionLevelOrTheBundleTag() {
        SessionDescription session = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", ICE, PWD, FP, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2"));
        assertThat(WebRtcValidator.validate(session)).isEmpty();
        SessionDescription tagOnly = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", ICE, PWD, FP, "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2", "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:1", "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000"));
        assertThat(WebRtcValidator.validate(tagOnly)).isEmpty();
        assertThat(tagOnly.iceUfragOf(tagOnly.media().get(1))).contains("abcd");
    }

    @Test
    void missingOrShortIceCredentials() {
        assertThat(WebRtcValidator.validate(one(ICE, FP))).extracting(SdpProblem::message).containsExactly(
                "no ICE credentials for m=audio (mid 0) (a=ice-ufrag and a=ice-pwd at neither session nor media"
                        + " level)");
        assertThat(WebRtcValidator.validate(one("a=ice-ufrag:abc", PWD, FP))).extracting(SdpProblem::code)
                .containsExactly(SdpProblem.Code.BAD_ICE_CREDENTIALS);
    }

    @Test
    void unknownCodecsOnly() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 96 101 102", "a=mid:0", ICE, PWD, FP, "a=rtcp-mux",
                "a=rtpmap:96 iLBC/8000", "a=rtpmap:101 telephone-event/8000"));
        assertThat(WebRtcValidator.validate(d)).containsExactly(new SdpProblem(SdpProblem.Code.NO_SUPPORTED_CODEC,
                "no supported codec in m=audio (offered: iLBC, telephone-event, PT 102)"));
    }

    @Test
    void aStaticPayloadTypeWithoutRtpmapCountsAndTheFirstRtpmapOfAPayloadTypeDecides() {
        WebRtcValidator.Options g711 = WebRtcValidator.Options.DEFAULT.withCodecs(Set.of("pcmu"));
        SessionDescription pcmu = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 101 0", "a=mid:0", ICE, PWD, FP, "a=rtcp-mux",
                "a=rtpmap:101 telephone-event/8000"));
        assertThat(WebRtcValidator.validate(pcmu, g711)).isEmpty();
        SessionDescription auxiliaryOnly = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 101 13", "a=mid:0", ICE, PWD, FP, "a=rtcp-mux",
                "a=rtpmap:101 telephone-event/8000"));
        assertThat(WebRtcValidator.validate(auxiliaryOnly, g711.withCodecs(Set.of("pcmu", "cn", "telephone-event"))))
                .extracting(SdpProblem::message).containsExactly(
                        "no supported codec in m=audio (offered: telephone-event, CN)");
        SessionDescription unlisted = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", ICE, PWD, FP, "a=rtcp-mux",
                "a=rtpmap:96 iLBC/8000", "a=rtpmap:97 PCMU/8000"));
        assertThat(WebRtcValidator.validate(unlisted, g711)).extracting(SdpProblem::code)
                .containsExactly(SdpProblem.Code.NO_SUPPORTED_CODEC);
    }

    @Test
    void supportedCodecsAreAParameter() {
        WebRtcValidator.Options g711 = WebRtcValidator.Options.DEFAULT.withCodecs(Set.of("pcma", "PCMU"));
        assertThat(WebRtcValidator.validate(Fixtures.parse(Fixtures.CHROME_OFFER), g711))
                .extracting(SdpProblem::message).containsExactly(
                        "no supported codec in m=video (offered: VP8, rtx, H264, AV1, VP9, red, ulpfec)");
    }

    @Test
    void bundleProblems() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0 9", ICE, PWD, FP, "m=audio 9 UDP/TLS/RTP/SAVPF 0", "a=mid:0", "a=rtcp-mux",
                "m=audio 9 UDP/TLS/RTP/SAVPF 0", "a=mid:1", "a=rtcp-mux", "m=audio 9 UDP/TLS/RTP/SAVPF 0",
                "a=rtcp-mux", "m=audio 0 UDP/TLS/RTP/SAVPF 0"));
        assertThat(WebRtcValidator.validate(d)).extracting(SdpProblem::message).containsExactly(
                "a=group:BUNDLE names mid '9' that no m= section has",
                "m=audio (mid 1) is not in the BUNDLE group",
                "no a=mid in m=audio #2");
        WebRtcValidator.Options lax = new WebRtcValidator.Options(WebRtcValidator.Options.DEFAULT_CODECS,
                Set.of("sha-256"), false, false);
        assertThat(WebRtcValidator.validate(d, lax)).isEmpty();
    }

    @Test
    void noActiveMedia() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 0 UDP/TLS/RTP/SAVPF 0", "m=video 0 UDP/TLS/RTP/SAVPF 0"));
        assertThat(WebRtcValidator.validate(d)).containsExactly(new SdpProblem(SdpProblem.Code.NO_MEDIA,
                "no media: every m= section is rejected"));
    }

    @Test
    void applicationSectionsMustBeSctp() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", ICE, PWD, FP, "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:0",
                "m=application 9 TCP/MSRP *", "a=mid:1"));
        assertThat(WebRtcValidator.validate(d)).extracting(SdpProblem::message).containsExactly(
                "m=application (mid 1) is not in the BUNDLE group", "m=application uses TCP/MSRP, not UDP/DTLS/SCTP");
    }

    /** One bundled opus section with these extra media-level lines. */
    private static SessionDescription one(String... lines) {
        List<String> all = new java.util.ArrayList<>(List.of("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2"));
        all.addAll(List.of(lines));
        return Fixtures.parseText(sdp(all.toArray(String[]::new)));
    }
}
