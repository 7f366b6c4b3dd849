package io.webfon.rtp.sdp;

import static io.webfon.rtp.sdp.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stripping what the media engine owns from remote SDP, and adding the node's own (janus_sdp_anonymize/merge). */
class TransportAttributesTest {
    private static final Fingerprint OURS = new Fingerprint("sha-256",
            "5B:7C:1E:0A:96:3F:E2:41:88:D0:3C:5A:71:9B:26:E4:0F:B8:53:A7:6D:12:C9:84:3E:F0:57:2B:9A:6C:11:D3");
    private final SessionDescription chrome = Fixtures.parse(Fixtures.CHROME_OFFER);

    @Test
    void stripRemovesTransportAttributesAtBothLevels() {
        SessionDescription firefox = TransportAttributes.strip(Fixtures.parse(Fixtures.FIREFOX_OFFER));
        assertThat(firefox.attributes()).extracting(Attribute::name)
                .containsExactly("sendrecv", "group", "msid-semantic");
        for (MediaDescription m : firefox.media()) {
            assertThat(m.attributes()).extracting(Attribute::name).doesNotContainAnyElementsOf(
                    TransportAttributes.TRANSPORT).contains("mid", "rtcp-mux", "rtpmap", "ssrc", "extmap");
        }
    }

    @Test
    void anonymizeAlsoHidesSourcesAddressesAndPorts() throws SdpParseException {
        SessionDescription anon = TransportAttributes.anonymize(chrome);
        assertThat(anon.origin().address()).isEqualTo("0.0.0.0");
        assertThat(anon.bundleMids()).containsExactly("0", "1");
        for (MediaDescription m : anon.media()) {
            assertThat(m.port()).isEqualTo(9);
            assertThat(m.connection()).isEqualTo(Connection.UNSPECIFIED_IP4);
            assertThat(m.ssrcs()).isEmpty();
            assertThat(m.ssrcGroups()).isEmpty();
            assertThat(m.candidates()).isEmpty();
            assertThat(m.rtcpMux()).isTrue();
            assertThat(m.attributeValue("rtcp-xr")).contains("rcvr-rtt=all");
        }
        assertThat(SdpParser.parse(SdpWriter.write(anon))).isEqualTo(anon);
    }

    /** The whole path of a Janus answer: anonymize, answer, then add ICE, DTLS, candidates and the address. */
    @Test
    void mergeAddsTheNodesTransportLikeJanus() throws SdpParseException {
        SessionDescription answer = OfferAnswer.answer(TransportAttributes.anonymize(chrome), AnswerOptions.defaults());
        SessionDescription merged = TransportAttributes.withIce(answer, "Nz3v", "Gk1Ji1n7Zob2xsXk2RUkkD",
                List.of("trickle"), TransportAttributes.Placement.MEDIA);
        merged = TransportAttributes.withDtls(merged, List.of(OURS), Setup.ACTPASS.answer(),
                TransportAttributes.Placement.MEDIA);
        merged = TransportAttributes.withCandidates(merged, List.of(
                Candidate.of("1", 1, "udp", 2015363327L, "198.51.100.20", 20014, CandidateType.HOST)), true);
        merged = TransportAttributes.withAddress(merged, Connection.of("198.51.100.20"), 20014);

        String text = SdpWriter.write(merged);
        assertThat(text).contains(sdp("m=audio 20014 UDP/TLS/RTP/SAVPF 111 110", "c=IN IP4 198.51.100.20",
                "a=ice-ufrag:Nz3v", "a=ice-pwd:Gk1Ji1n7Zob2xsXk2RUkkD", "a=ice-options:trickle",
                "a=fingerprint:sha-256 " + OURS.value(), "a=setup:active", "a=mid:0"));
        assertThat(text).endsWith(sdp("a=rtcp-fb:96 nack pli"));
        assertThat(merged.media().get(0).attributes().subList(merged.media().get(0).attributes().size() - 2,
                merged.media().get(0).attributes().size())).containsExactly(
                        Attribute.of("candidate", "1 1 udp 2015363327 198.51.100.20 20014 typ host"),
                        Attribute.flag("end-of-candidates"));
        assertThat(merged.media().get(1).candidates()).isEmpty();
        assertThat(merged.origin().address()).isEqualTo("198.51.100.20");
        assertThat(WebRtcValidator.validate(merged)).isEmpty();
        assertThat(SdpParser.parse(text)).isEqualTo(merged);
    }

    @Test
    void iceAtSessionLevelReplacesMediaLevelAndBack() {
        SessionDescription session = TransportAttributes.withIce(chrome, "abcd", "0123456789012345678901",
                List.of(), TransportAttributes.Placement.SESSION);
        assertThat(session.iceUfrag()).contains("abcd");
        assertThat(session.iceOptions()).isEmpty();
        assertThat(session.media()).allSatisfy(m -> {
            assertThat(m.iceUfrag()).isEmpty();
            assertThat(m.iceOptions()).isEmpty();
            assertThat(session.iceUfragOf(m)).contains("abcd");
        });
        SessionDescription media = TransportAttributes.withIce(session, "efgh", "0123456789012345678901",
                List.of("trickle", "ice2"), TransportAttributes.Placement.MEDIA);
        assertThat(media.iceUfrag()).isEmpty();
        assertThat(media.media()).allSatisfy(m -> {
            assertThat(m.iceUfrag()).contains("efgh");
            assertThat(m.iceOptions()).containsExactly("trickle", "ice2");
            // Replaced in place: where Chrome had them, before a=mid.
            assertThat(m.indexOf("ice-ufrag")).isLessThan(m.indexOf("mid"));
        });
    }

    @Test
    void dtlsAtSessionLevel() {
        SessionDescription d = TransportAttributes.withDtls(chrome, List.of(OURS), Setup.ACTPASS,
                TransportAttributes.Placement.SESSION);
        assertThat(d.fingerprints()).containsExactly(OURS);
        assertThat(d.setup()).contains(Setup.ACTPASS);
        assertThat(d.media()).allSatisfy(m -> {
            assertThat(m.fingerprints()).isEmpty();
            assertThat(d.fingerprintsOf(m)).containsExactly(OURS);
            assertThat(d.setupOf(m)).contains(Setup.ACTPASS);
        });
    }

    @Test
    void candidatesGoToTheFirstActiveBundledSectionAndEndOfCandidatesMovesLast() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE a b", "m=audio 0 UDP/TLS/RTP/SAVPF 0", "a=mid:a", "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "a=mid:b", "a=end-of-candidates", "a=rtpmap:96 VP8/90000"));
        Candidate c = Candidate.of("1", 1, "udp", 1, "192.0.2.1", 5000, CandidateType.HOST);
        SessionDescription out = TransportAttributes.withCandidates(d, List.of(c), false);
        assertThat(out.media().get(0).candidates()).isEmpty();
        assertThat(out.media().get(1).attributes()).extracting(Attribute::name)
                .containsExactly("mid", "rtpmap", "candidate", "end-of-candidates");
        SessionDescription allRejected = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 0 RTP/AVP 0"));
        assertThat(TransportAttributes.withCandidates(allRejected, List.of(c), true)).isEqualTo(allRejected);
    }

    @Test
    void rejectedSectionsKeepPortZeroAndGetNoTransport() {
        SessionDescription answer = OfferAnswer.answer(chrome, AnswerOptions.audioOnly());
        SessionDescription merged = TransportAttributes.withIce(TransportAttributes.withAddress(answer,
                Connection.of("2001:db8::1"), 20000), "abcd", "0123456789012345678901", List.of(),
                TransportAttributes.Placement.MEDIA);
        MediaDescription video = merged.media().get(1);
        assertThat(video.port()).isZero();
        assertThat(video.iceUfrag()).isEmpty();
        assertThat(merged.media().get(0).connection()).isEqualTo(new Connection("IN", "IP6", "2001:db8::1"));
        assertThat(merged.origin().addrType()).isEqualTo("IP6");
        assertThat(merged.withoutAttributes(Set.of("GROUP")).bundleGroup()).isEmpty();
    }
}
