package io.webfon.rtp.sdp;

import static io.webfon.rtp.sdp.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the typed accessors read from real browser, Janus and PBX descriptions, and what the parser tolerates. */
class SdpParserTest {
    private final SessionDescription chrome = Fixtures.parse(Fixtures.CHROME_OFFER);
    private final SessionDescription firefox = Fixtures.parse(Fixtures.FIREFOX_OFFER);

    @Test
    void chromeOfferSessionLevel() {
        assertThat(chrome.origin()).isEqualTo(new Origin("-", "2979008118240903058", "2", "IN", "IP4",
                "127.0.0.1"));
        assertThat(chrome.sessionName()).isEqualTo("-");
        assertThat(chrome.timings()).containsExactly(Timing.UNBOUNDED);
        assertThat(chrome.bundleMids()).containsExactly("0", "1");
        assertThat(chrome.media()).extracting(MediaDescription::kind).containsExactly(MediaKind.AUDIO,
                MediaKind.VIDEO);
        // Unknown session attributes are kept, value text exactly (note the space Chrome puts after the colon).
        assertThat(chrome.attributes()).containsExactly(Attribute.of("group", "BUNDLE 0 1"),
                Attribute.flag("extmap-allow-mixed"),
                Attribute.of("msid-semantic", " WMS e65b33b7-d6bc-43fd-b767-484274ec6382"));
    }

    @Test
    void chromeOfferAudioSection() {
        MediaDescription audio = chrome.media().get(0);
        assertThat(audio.port()).isEqualTo(35158);
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "63", "9", "0", "8", "13", "110", "126");
        assertThat(audio.connection()).isEqualTo(Connection.of("192.0.2.2"));
        assertThat(audio.mid()).contains("0");
        assertThat(audio.direction()).contains(Direction.SENDRECV);
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.rtcpRsize()).isTrue();
        assertThat(audio.iceUfrag()).contains("iZC6");
        assertThat(audio.icePwd()).contains("yGYaCureOrBAMLi8uwHNLQmX");
        assertThat(audio.iceOptions()).containsExactly("trickle");
        assertThat(audio.setup()).contains(Setup.ACTPASS);
        assertThat(audio.fingerprints()).singleElement().satisfies(f -> {
            assertThat(f.hashFunction()).isEqualTo("sha-256");
            assertThat(f.value()).startsWith("A4:7D:A2");
        });
        assertThat(audio.extMaps()).extracting(ExtMap::id).containsExactly(1, 2, 3, 4);
        assertThat(audio.msids()).containsExactly(new Msid("e65b33b7-d6bc-43fd-b767-484274ec6382",
                "1895ca90-30fd-4b0d-833b-71695232944d"));
        assertThat(audio.ssrcs()).extracting(Ssrc::attribute).containsExactly("cname", "msid");
        assertThat(audio.candidates()).hasSize(4);
        assertThat(audio.endOfCandidates()).isFalse();
        assertThat(audio.attributeValue("rtcp-xr")).contains("rcvr-rtt=all");
    }

    @Test
    void chromeOfferCodecsComeInMLineOrderWithFmtpAndFeedback() {
        List<Codec> audio = chrome.media().get(0).codecs();
        assertThat(audio).extracting(Codec::displayName).containsExactly("opus", "red", "G722", "PCMU", "PCMA",
                "CN", "telephone-event", "telephone-event");
        Codec opus = audio.get(0);
        assertThat(opus.clockRate()).isEqualTo(48000);
        assertThat(opus.channels()).isEqualTo(2);
        assertThat(opus.parameters()).isEqualTo(Map.of("minptime", "10", "useinbandfec", "1"));
        assertThat(opus.feedback()).containsExactly(RtcpFb.of(111, "transport-cc", null));

        MediaDescription video = chrome.media().get(1);
        assertThat(video.codecs()).hasSize(23);
        assertThat(video.codecs().stream().filter(c -> !c.isAuxiliary()).map(Codec::encodingName).distinct())
                .containsExactly("VP8", "H264", "AV1", "VP9");
        Codec rtx = video.codec(97).orElseThrow();
        assertThat(rtx.associatedPayloadType()).hasValue(96);
        assertThat(video.codec(96).orElseThrow().feedback()).extracting(RtcpFb::toAttributeValue)
                .containsExactly("96 goog-remb", "96 transport-cc", "96 ccm fir", "96 nack", "96 nack pli");
        assertThat(video.ssrcGroups()).containsExactly(new SsrcGroup("FID", List.of(3981405195L, 23591967L)));
    }

    @Test
    void firefoxPutsFingerprintAndIceOptionsAtSessionLevel() {
        MediaDescription audio = firefox.media().get(0);
        assertThat(audio.fingerprints()).isEmpty();
        assertThat(firefox.fingerprintsOf(audio)).singleElement()
                .satisfies(f -> assertThat(f.value()).startsWith("A3:BE:CE"));
        assertThat(firefox.iceOptions()).containsExactly("trickle");
        assertThat(firefox.direction()).contains(Direction.SENDRECV);
        assertThat(firefox.iceUfragOf(audio)).contains("6eaf289f");
        assertThat(audio.endOfCandidates()).isTrue();
        assertThat(audio.extMaps().get(1)).isEqualTo(new ExtMap(2, Direction.RECVONLY,
                "urn:ietf:params:rtp-hdrext:csrc-audio-level", null));
        assertThat(audio.candidates()).extracting(Candidate::component).containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
        assertThat(audio.codecs()).extracting(Codec::displayName).containsExactly("opus", "G722", "PCMU", "PCMA",
                "telephone-event");
        assertThat(audio.codec(9).orElseThrow().channels()).isEqualTo(1);
        assertThat(firefox.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-99.0");
    }

    @Test
    void mediaLevelFingerprintWinsOverSessionLevel() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=fingerprint:sha-1 AA:BB", "m=audio 9 UDP/TLS/RTP/SAVPF 0", "a=fingerprint:sha-256 CC:DD",
                "m=audio 9 UDP/TLS/RTP/SAVPF 0"));
        assertThat(d.fingerprintsOf(d.media().get(0))).containsExactly(new Fingerprint("sha-256", "CC:DD"));
        assertThat(d.fingerprintsOf(d.media().get(1))).containsExactly(new Fingerprint("sha-1", "AA:BB"));
    }

    @Test
    void sessionLevelDirectionIsTheDefault() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=recvonly", "m=audio 9 RTP/AVP 0", "m=audio 9 RTP/AVP 0", "a=inactive", "m=audio 9 RTP/AVP 0"));
        assertThat(d.media()).extracting(d::directionOf).containsExactly(Direction.RECVONLY, Direction.INACTIVE,
                Direction.RECVONLY);
        SessionDescription none = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 RTP/AVP 0"));
        assertThat(none.directionOf(none.media().get(0))).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void staticPayloadTypesWithoutRtpmapUseTheRfc3551Table() {
        SessionDescription d = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=phone",
                "c=IN IP4 10.0.0.1", "t=0 0", "m=audio 4000 RTP/AVP 0 8 18 96"));
        assertThat(d.media().get(0).codecs()).extracting(Codec::displayName).containsExactly("PCMU", "PCMA",
                "G729", "PT 96");
    }

    @Test
    void datachannelSection() {
        SessionDescription d = Fixtures.parse(Fixtures.CHROME_DATACHANNEL_OFFER);
        MediaDescription data = d.media().get(1);
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.isRtp()).isFalse();
        assertThat(data.formats()).containsExactly("webrtc-datachannel");
        assertThat(data.sctpPort()).hasValue(5000);
        assertThat(data.maxMessageSize()).hasValue(262144);
        assertThat(d.media().get(0).direction()).contains(Direction.SENDONLY);
        assertThat(d.media().get(0).msids()).containsExactly(new Msid("-", "22a9b184-1b66-43f0-b2a2-099377262434"));
    }

    @Test
    void pbxOfferHasSessionConnectionAndNoIce() {
        SessionDescription d = Fixtures.parse(Fixtures.PBX_OFFER);
        assertThat(d.connection()).isEqualTo(Connection.of("10.20.0.5"));
        MediaDescription audio = d.media().get(0);
        assertThat(audio.connection()).isNull();
        assertThat(audio.mid()).isEmpty();
        assertThat(audio.iceUfrag()).isEmpty();
        assertThat(audio.codecs()).extracting(Codec::displayName).containsExactly("PCMA", "PCMU", "GSM",
                "telephone-event");
        assertThat(audio.fmtp(101).orElseThrow().parameters()).isEqualTo("0-16");
        assertThat(audio.attributeValue("ptime")).contains("20");
    }

    @Test
    void toleratesBlankLinesTrailingBlanksAndLooseSessionOrder() throws SdpParseException {
        String loose = "v=0\n\no=- 1 1 IN IP4 10.0.0.1  \ns=-\nt=0 0\nc=IN IP4 10.0.0.1\nb=AS:64\n"
                + "m=audio 4000 RTP/AVP 0\na=sendrecv \n\n";
        SessionDescription d = SdpParser.parse(loose);
        assertThat(d.connection()).isEqualTo(Connection.of("10.0.0.1"));
        assertThat(d.bandwidths()).containsExactly(new Bandwidth("AS", 64));
        assertThat(d.media().get(0).direction()).contains(Direction.SENDRECV);
        // The writer puts lines back in RFC 8866 order.
        assertThat(SdpWriter.write(d)).isEqualTo(sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-",
                "c=IN IP4 10.0.0.1", "b=AS:64", "t=0 0", "m=audio 4000 RTP/AVP 0", "a=sendrecv"));
    }

    @Test
    void missingTimingMeansUnbounded() throws SdpParseException {
        SessionDescription d = SdpParser.parse(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "m=audio 9 RTP/AVP 0"));
        assertThat(d.timings()).containsExactly(Timing.UNBOUNDED);
    }

    @Test
    void everyOptionalLineTypeRoundTrips() throws SdpParseException {
        String text = sdp("v=0", "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5", "s=SDP Seminar",
                "i=A Seminar on the session description protocol", "u=http://www.example.com/seminars/sdp.pdf",
                "e=j.doe@example.com (Jane Doe)", "p=+1 617 555-6011", "c=IN IP4 224.2.17.12/127",
                "b=CT:1000", "t=2873397496 2873404696", "r=604800 3600 0 90000", "t=0 0",
                "z=2882844526 -1h 2898848070 0", "k=prompt", "a=recvonly", "m=audio 49170/2 RTP/AVP 0",
                "i=audio stream", "c=IN IP6 ff15::101/3", "b=AS:64", "b=TIAS:64000", "k=prompt",
                "a=rtpmap:0 PCMU/8000", "m=video 51372 RTP/AVP 99", "a=rtpmap:99 h263-1998/90000");
        SessionDescription d = SdpParser.parse(text);
        assertThat(d.timings()).hasSize(2);
        assertThat(d.timings().get(0).repeats()).containsExactly("604800 3600 0 90000");
        assertThat(d.media().get(0).portCount()).isEqualTo(2);
        assertThat(d.media().get(0).bandwidths()).hasSize(2);
        assertThat(SdpWriter.write(d)).isEqualTo(text);
    }

    @Test
    void mediaByMidAndBundleTag() {
        assertThat(chrome.mediaByMid("1")).contains(chrome.media().get(1));
        assertThat(chrome.mediaByMid("7")).isEmpty();
        assertThat(chrome.bundleTag()).contains(chrome.media().get(0));
        assertThat(chrome.isBundled(chrome.media().get(1))).isTrue();
    }

    @Test
    void nonUtf8BytesBecomeReplacementCharacters() throws SdpParseException {
        byte[] latin1 = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=Sesi\u00f3n", "t=0 0", "m=audio 9 RTP/AVP 0")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(SdpParser.parse(latin1, 0, latin1.length).sessionName()).isEqualTo("Sesi\ufffdn");
    }

    @Test
    void configurableLimits() throws SdpParseException {
        SdpParser small = new SdpParser(new SdpParser.Limits(1000, 6, 1));
        String six = sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0", "m=audio 9 RTP/AVP 0", "a=sendrecv");
        assertThat(small.read(six).media()).hasSize(1);
        assertThatThrownBy(() -> small.read(six + "a=x\r\n")).isInstanceOf(SdpParseException.class)
                .hasMessage("SDP too large (more than 6 lines)");
        assertThatThrownBy(() -> small.read(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "m=audio 9 RTP/AVP 0",
                "m=audio 9 RTP/AVP 0"))).isInstanceOf(SdpParseException.class)
                .hasMessage("line 5: too many m= sections (limit 1)");
        assertThatThrownBy(() -> small.read("v=0\r\n" + "a=x\r\n".repeat(200)))
                .isInstanceOf(SdpParseException.class).hasMessage("SDP too large (1005 characters, limit 1000)");
    }
}
