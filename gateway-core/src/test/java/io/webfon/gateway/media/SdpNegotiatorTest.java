package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.rtp.sdp.SdpWriter;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.webrtc.RemoteTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The node's side of a browser's offer: Chromium 156's real offer (rtp-engine's SDP fixtures) and broken ones. */
class SdpNegotiatorTest {
    private static final Path FIXTURES = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("rtp-engine/src/test/resources/sdp");

    private static String chromeOffer() throws Exception {
        return Files.readString(FIXTURES.resolve("chrome-156-offer.sdp"));
    }

    private static String without(String sdp, String prefix) {
        return sdp.lines().filter(l -> !l.startsWith(prefix)).collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    private static JanusException refused(String sdp) {
        return catchThrowableOfType(() -> SdpNegotiator.validateRemote(SdpNegotiator.parse(sdp)),
                JanusException.class);
    }

    @Test
    void chromesOfferGivesTheBundledTransportAndTwoStreams() throws Exception {
        SessionDescription d = SdpNegotiator.parse(chromeOffer());
        SdpNegotiator.validateRemote(d);
        RemoteTransport t = SdpNegotiator.transport(d, true);
        assertThat(t.iceUfrag()).isEqualTo("iZC6");
        assertThat(t.fingerprints()).hasSize(1);
        assertThat(t.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
        assertThat(t.candidates()).extracting(c -> c.address()).contains("192.0.2.2");
        assertThat(SdpNegotiator.candidateTexts(d)).as("the bundled line's candidates as Janus's handle_info lists them")
                .containsExactly("1175098181 1 udp 2122194687 192.0.2.2 35158 typ host generation 0 network-id 1",
                        "2372686501 1 udp 2122265343 fd00::2 50586 typ host generation 0 network-id 2",
                        "3097511889 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1",
                        "1942390321 1 tcp 1518285567 fd00::2 9 typ host tcptype active generation 0 network-id 2");
        assertThat(SdpNegotiator.bundleMid(d)).isEqualTo("0");

        List<MediaStream> streams = SdpNegotiator.streams(d, false);
        assertThat(streams).extracting(MediaStream::kind).containsExactly("audio", "video");
        assertThat(streams.get(0).localSsrc).isNotEqualTo(streams.get(1).localSsrc);
        assertThat(streams.get(0).remoteSsrcs).as("the offer's a=ssrc lines teach the browser's sources")
                .isNotEmpty();
    }

    @Test
    void thePluginSeesNoTransportSecrets() throws Exception {
        String forPlugin = SdpWriter.write(SdpNegotiator.forPlugin(SdpNegotiator.parse(chromeOffer())));
        assertThat(forPlugin).doesNotContain("a=ice-pwd", "a=fingerprint", "a=candidate")
                .contains("a=rtpmap:111 opus/48000/2", "m=video");
    }

    @Test
    void garbageIsError465WithTheParsersReason() {
        JanusException e = catchThrowableOfType(() -> SdpNegotiator.parse("v=0\r\nthis is not sdp\r\n"),
                JanusException.class);
        assertThat(e.error()).isEqualTo(JanusError.JSEP_INVALID_SDP);
        assertThat(e.reason()).startsWith("JSEP error: invalid SDP (").hasSizeGreaterThan(30);
    }

    @Test
    void offersThisNodeCannotNegotiateAreRefusedWithTheReason() throws Exception {
        String offer = chromeOffer();
        JanusException noFingerprint = refused(without(offer, "a=fingerprint"));
        assertThat(noFingerprint.error()).isEqualTo(JanusError.JSEP_INVALID_SDP);
        assertThat(noFingerprint.reason()).containsIgnoringCase("fingerprint");

        JanusException noIce = refused(without(without(offer, "a=ice-ufrag"), "a=ice-pwd"));
        assertThat(noIce.error()).isEqualTo(JanusError.JSEP_INVALID_SDP);
        assertThat(noIce.reason()).containsIgnoringCase("ice");

        JanusException noBundle = refused(without(without(offer, "a=group:BUNDLE"), "a=rtcp-mux"));
        assertThat(noBundle.error()).isEqualTo(JanusError.JSEP_INVALID_SDP);
    }
}
