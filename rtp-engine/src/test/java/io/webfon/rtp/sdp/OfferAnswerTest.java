package io.webfon.rtp.sdp;

import static io.webfon.rtp.sdp.Fixtures.sdp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers as Janus plugins build them ({@code janus_sdp_generate_answer_mline}), and offers the node makes. */
class OfferAnswerTest {
    private final SessionDescription chrome = Fixtures.parse(Fixtures.CHROME_OFFER);

    @Test
    void echotestAnswerToChromeKeepsOpusAndVp8BundleAndDirections() {
        SessionDescription answer = OfferAnswer.answer(chrome, AnswerOptions.defaults());
        assertThat(SdpWriter.write(answer)).isEqualTo(sdp(
                "v=0",
                "o=- 2979008118240903058 2 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 110",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:110 telephone-event/48000",
                "m=video 9 UDP/TLS/RTP/SAVPF 96",
                "c=IN IP4 0.0.0.0",
                "a=mid:1",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli"));
    }

    @Test
    void transportCcFeedbackFollowsItsHeaderExtension() {
        MediaAnswerOptions video = MediaAnswerOptions.video()
                .withExtensions(Set.of(ExtMap.SDES_MID, ExtMap.TRANSPORT_WIDE_CC)).withRtx(true)
                .withFeedbackTypes(Set.of("NACK", "transport-cc"));
        MediaDescription v = OfferAnswer.answerMedia(chrome, chrome.media().get(1), video);
        assertThat(v.formats()).containsExactly("96", "97");
        assertThat(v.extMaps()).extracting(ExtMap::id).containsExactly(3, 4);
        assertThat(v.rtcpFeedback()).extracting(RtcpFb::toAttributeValue)
                .containsExactly("96 transport-cc", "96 nack", "96 nack pli");
        assertThat(v.fmtp(97)).map(Fmtp::parameters).contains("apt=96");
    }

    @Test
    void pbxOfferIsAnsweredWithPcmaAndTelephoneEvent() {
        SessionDescription pbx = Fixtures.parse(Fixtures.PBX_OFFER);
        SessionDescription answer = OfferAnswer.answer(pbx, AnswerOptions.audioOnly());
        assertThat(answer.bundleGroup()).isEmpty();
        MediaDescription audio = answer.media().get(0);
        assertThat(audio.proto()).isEqualTo("RTP/AVP");
        assertThat(audio.formats()).containsExactly("8", "101");
        assertThat(audio.mid()).isEmpty();
        assertThat(audio.rtcpMux()).isFalse();
        assertThat(audio.codecs()).extracting(Codec::displayName).containsExactly("PCMA", "telephone-event");
        assertThat(audio.fmtp(101)).map(Fmtp::parameters).contains("0-16");
        assertThat(answer.directionOf(audio)).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void forcedCodecOrRejection() {
        AnswerOptions pcmu = AnswerOptions.defaults().withAudio(MediaAnswerOptions.audio().forcing("pcmu"));
        MediaDescription audio = OfferAnswer.answer(chrome, pcmu).media().get(0);
        assertThat(audio.codecs()).extracting(Codec::displayName).containsExactly("PCMU", "telephone-event");
        assertThat(audio.codecs().get(1).clockRate()).isEqualTo(8000);

        AnswerOptions g729 = AnswerOptions.defaults().withAudio(MediaAnswerOptions.audio().forcing("G729"));
        SessionDescription answer = OfferAnswer.answer(chrome, g729);
        assertThat(SdpWriter.write(answer)).contains(sdp("m=audio 0 UDP/TLS/RTP/SAVPF 0", "c=IN IP4 0.0.0.0",
                "a=mid:0", "a=inactive") + "m=video 9 ");
        assertThat(answer.bundleMids()).containsExactly("1");
    }

    @Test
    void offerOrderByDefaultOwnOrderOnRequest() {
        SessionDescription firefox = Fixtures.parse(Fixtures.FIREFOX_OFFER);
        MediaDescription offered = firefox.media().get(0);
        MediaAnswerOptions g711 = MediaAnswerOptions.audio().withCodecs(List.of("PCMA", "PCMU"))
                .withTelephoneEvent(false);
        assertThat(OfferAnswer.answerMedia(firefox, offered, g711).formats()).containsExactly("0");
        assertThat(OfferAnswer.answerMedia(firefox, offered, g711.preferringOwnOrder(true)).formats())
                .containsExactly("8");
        // "name/clock" narrows by clock rate; Firefox's G722 is 8000 (RFC 3551 §4.5.2).
        assertThat(OfferAnswer.answerMedia(firefox, offered, g711.withCodecs(List.of("G722/16000", "G722/8000")))
                .formats()).containsExactly("9");
    }

    @Test
    void opusWithFirefoxsOnlyTelephoneEventFallsBackTo8000() {
        SessionDescription firefox = Fixtures.parse(Fixtures.FIREFOX_OFFER);
        MediaDescription a = OfferAnswer.answerMedia(firefox, firefox.media().get(0), MediaAnswerOptions.audio());
        assertThat(a.formats()).containsExactly("109", "101");
        assertThat(a.extMaps()).extracting(ExtMap::id).containsExactly(1, 3);
    }

    @Test
    void extmapDirectionIsMirrored() {
        SessionDescription firefox = Fixtures.parse(Fixtures.FIREFOX_OFFER);
        MediaAnswerOptions csrc = MediaAnswerOptions.audio()
                .withExtensions(Set.of("urn:ietf:params:rtp-hdrext:csrc-audio-level"));
        MediaDescription a = OfferAnswer.answerMedia(firefox, firefox.media().get(0), csrc);
        assertThat(a.extMaps()).containsExactly(new ExtMap(2, Direction.SENDONLY,
                "urn:ietf:params:rtp-hdrext:csrc-audio-level", null));
    }

    static Stream<Arguments> directions() {
        return Stream.of(
                arguments(Direction.SENDRECV, Direction.SENDRECV, Direction.SENDRECV),
                arguments(Direction.SENDRECV, Direction.RECVONLY, Direction.RECVONLY),
                arguments(Direction.SENDRECV, Direction.INACTIVE, Direction.INACTIVE),
                arguments(Direction.SENDONLY, Direction.SENDRECV, Direction.RECVONLY),
                arguments(Direction.SENDONLY, Direction.SENDONLY, Direction.INACTIVE),
                arguments(Direction.RECVONLY, Direction.SENDRECV, Direction.SENDONLY),
                arguments(Direction.RECVONLY, Direction.RECVONLY, Direction.INACTIVE),
                arguments(Direction.INACTIVE, Direction.SENDRECV, Direction.INACTIVE));
    }

    /** RFC 3264 §6.1, as Janus's answer_mline switch does it. */
    @ParameterizedTest(name = "offer {0}, want {1} -> {2}")
    @MethodSource("directions")
    void answerDirectionMirrorsTheOffer(Direction offered, Direction wanted, Direction expected) {
        SessionDescription offer = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0", "a=" + offered.sdpName(),
                "a=rtpmap:111 opus/48000/2"));
        MediaDescription a = OfferAnswer.answerMedia(offer, offer.media().get(0),
                MediaAnswerOptions.audio().withDirection(wanted));
        assertThat(a.direction()).contains(expected);
    }

    @Test
    void dataChannelsAreRejectedUnlessAsked() {
        SessionDescription offer = Fixtures.parse(Fixtures.CHROME_DATACHANNEL_OFFER);
        SessionDescription refused = OfferAnswer.answer(offer, AnswerOptions.defaults());
        assertThat(refused.media().get(0).direction()).contains(Direction.RECVONLY);
        assertThat(SdpWriter.write(refused)).endsWith(sdp("m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0", "a=mid:1"));
        assertThat(refused.bundleMids()).containsExactly("0");

        SessionDescription accepted = OfferAnswer.answer(offer, AnswerOptions.defaults().withDataChannels(true));
        assertThat(SdpWriter.write(accepted)).endsWith(sdp("m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0", "a=mid:1", "a=sctp-port:5000"));
        assertThat(accepted.bundleMids()).containsExactly("0", "1");

        SessionDescription legacy = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "m=application 9 DTLS/SCTP 5000", "a=mid:data", "a=sctpmap:5000 webrtc-datachannel 1024"));
        assertThat(OfferAnswer.answer(legacy, AnswerOptions.defaults().withDataChannels(true)).media().get(0)
                .port()).isZero();
    }

    @Test
    void unknownCodecsOnlyOrARejectedOfferOrARefusedTypeRejectTheSection() {
        SessionDescription offer = Fixtures.parseText(sdp("v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
                "a=group:BUNDLE a b", "m=audio 9 UDP/TLS/RTP/SAVPF 96 101", "a=mid:a", "a=rtpmap:96 iLBC/8000",
                "a=rtpmap:101 telephone-event/8000", "m=video 0 UDP/TLS/RTP/SAVPF 96", "a=mid:b",
                "a=rtpmap:96 VP8/90000", "m=text 9 RTP/AVP 98", "a=mid:c", "a=rtpmap:98 t140/1000"));
        SessionDescription answer = OfferAnswer.answer(offer, AnswerOptions.defaults());
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(0, 0, 0);
        assertThat(answer.media()).extracting(m -> m.mid().orElseThrow()).containsExactly("a", "b", "c");
        assertThat(answer.bundleMids()).isEmpty();
        assertThat(OfferAnswer.answer(chrome, AnswerOptions.audioOnly()).media().get(1).port()).isZero();
    }

    @Test
    void originDefaultsToTheOffersNumbersOrIsGiven() {
        Origin mine = Origin.of("4242", 1, "198.51.100.20");
        assertThat(OfferAnswer.answer(chrome, AnswerOptions.defaults().withOrigin(mine).withSessionName("Janus"))
                .origin()).isEqualTo(mine);
        assertThat(mine.nextVersion().sessionVersion()).isEqualTo("2");
    }

    @Test
    void webrtcOfferFromTheNode() {
        Origin origin = Origin.of("7310491851273", 1, "0.0.0.0");
        SessionDescription offer = OfferAnswer.offer(OfferOptions.webrtc(origin, List.of(MediaOffer.webrtcAudio(
                "0", List.of(CodecSpec.OPUS, CodecSpec.PCMA, CodecSpec.PCMU, CodecSpec.TELEPHONE_EVENT)))));
        assertThat(SdpWriter.write(offer)).isEqualTo(sdp(
                "v=0",
                "o=- 7310491851273 1 IN IP4 0.0.0.0",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 8 0 101",
                "c=IN IP4 0.0.0.0",
                "a=mid:0",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
                "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtcp-rsize",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16"));
        // The browser's side of it: our offer answered by the same helpers picks opus.
        SessionDescription answer = OfferAnswer.answer(offer, AnswerOptions.audioOnly());
        assertThat(answer.media().get(0).formats()).containsExactly("111", "101");
    }

    @Test
    void plainOfferTowardAPbx() {
        SessionDescription offer = OfferAnswer.offer(OfferOptions.plain(Origin.of("4242", 1, "10.20.0.9"),
                List.of(MediaOffer.plainAudio(List.of(CodecSpec.PCMA, CodecSpec.PCMU, CodecSpec.TELEPHONE_EVENT)))));
        SessionDescription placed = TransportAttributes.withAddress(offer, Connection.of("10.20.0.9"), 11000);
        assertThat(SdpWriter.write(placed)).isEqualTo(sdp(
                "v=0",
                "o=- 4242 1 IN IP4 10.20.0.9",
                "s=-",
                "t=0 0",
                "m=audio 11000 RTP/AVP 8 0 101",
                "c=IN IP4 10.20.0.9",
                "a=sendrecv",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20"));
        assertThat(Fixtures.parseText(SdpWriter.write(placed))).isEqualTo(placed);
    }
}
