package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.TestNode;
import io.webfon.rtp.packet.RtcpFeedbackWriter;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.sdp.Codec;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SessionDescription;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3's proof without a browser: the node's echotest over real loopback UDP against the node's own client
 * stack ({@link EchoPeer}), driven through the Janus API over WebSocket and over HTTP long polls. The offer gets
 * an {@code ok} event with a JSEP answer; ICE, DTLS and SRTP come up ({@code webrtcup}); audio and video are
 * echoed with their payload, sequence number and timestamp, under the SSRC the node announced (Janus's echotest
 * does the same: the core sends with its own SSRC); the core tells of media arriving and stopping; PLI and FIR
 * from the peer are answered with a PLI, a NACK with a retransmission (counted in {@code handle_info}).
 */
class MediaEchoIT {
    private static final Duration FEEDBACK_WAIT = Duration.ofSeconds(10);
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(MediaChecks.PORTS + "23100-23199");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JanusChannel.Via.class)
    void offerIsAnsweredAndAudioAndVideoAreEchoed(JanusChannel.Via via) throws Exception {
        try (JanusChannel api = via.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode ack = call.offer(call.peer.offer());
            assertThat(ack.path("janus").asText()).as("reply to the offer: %s", ack).isEqualTo("ack");
            JsonNode event = api.await("echotest event", JanusChannel.pluginEvent(ack.path("transaction").asText()));
            assertThat(event.at("/plugindata/plugin").asText()).isEqualTo("janus.plugin.echotest");
            assertThat(event.at("/plugindata/data/echotest").asText()).isEqualTo("event");
            assertThat(event.at("/plugindata/data/result").asText()).as("event %s", event).isEqualTo("ok");
            assertThat(event.at("/jsep/type").asText()).isEqualTo("answer");
            String sdp = event.at("/jsep/sdp").asText();
            assertAnswer(sdp);

            // The admin API lists the offer's candidate as Janus does: the a=candidate value.
            assertThat(MediaChecks.handleInfo(node, call.session, call.handle).at("/webrtc/ice/remote-candidates"))
                    .extracting(JsonNode::asText)
                    .containsExactly("1 1 udp 2130706431 127.0.0.1 " + call.peer.port() + " typ host generation 0");

            call.peer.answer(sdp);
            JsonNode up = api.await("webrtcup", JanusChannel.event("webrtcup", call.handle));
            assertThat(up.path("session_id").asLong()).isEqualTo(call.session);
            call.peer.awaitConnected(JanusChannel.WAIT);
            call.assertEchoWorks();
            assertMediaEvent(api, call.handle, "audio", true);
            assertMediaEvent(api, call.handle, "video", true);

            assertKeyFrameRequestsAnswered(call);
            assertNackAnswered(call);

            // The peer goes quiet (no RTP; media.no_media_timer is 1 s): the core says media stopped arriving.
            assertMediaEvent(api, call.handle, "audio", false);
            assertMediaEvent(api, call.handle, "video", false);
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }

    /** The answer a browser needs: ICE, DTLS, our loopback candidate, and the offered codecs accepted. */
    private static void assertAnswer(String sdp) throws Exception {
        assertThat(sdp).contains("a=fingerprint:sha-256 ", "a=ice-ufrag:", "a=ice-pwd:", "a=setup:active",
                "a=group:BUNDLE 0 1", "a=rtcp-mux", "a=end-of-candidates");
        assertThat(sdp.lines().filter(l -> l.startsWith("a=candidate:"))).as("candidates in %s", sdp)
                .isNotEmpty().allMatch(l -> l.contains(" 127.0.0.1 ") && l.contains(" typ host"));
        SessionDescription d = SdpParser.parse(sdp);
        assertThat(d.media()).hasSize(2);
        MediaDescription audio = d.media().get(0);
        MediaDescription video = d.media().get(1);
        assertThat(audio.isAudio() && !audio.isRejected()).as("audio accepted in %s", sdp).isTrue();
        assertThat(video.isVideo() && !video.isRejected()).as("video accepted in %s", sdp).isTrue();
        assertThat(audio.codecs()).extracting(Codec::payloadType).contains(EchoPeer.AUDIO_PT);
        assertThat(video.codecs()).extracting(Codec::payloadType).contains(EchoPeer.VIDEO_PT);
        assertThat(audio.mid()).contains("0");
        assertThat(video.mid()).contains("1");
        assertThat(audio.ssrcs()).as("the node's audio SSRC").isNotEmpty();
        assertThat(video.ssrcs()).as("the node's video SSRC").isNotEmpty();
        assertThat(d.directionOf(audio).sends() && d.directionOf(audio).receives()).isTrue();
        assertThat(d.directionOf(video).sends() && d.directionOf(video).receives()).isTrue();
    }

    private static void assertMediaEvent(JanusChannel api, long handle, String type, boolean receiving)
            throws InterruptedException {
        Predicate<JsonNode> media = JanusChannel.event("media", handle);
        JsonNode event = api.await("media event " + type + " receiving " + receiving,
                media.and(m -> type.equals(m.path("type").asText()) && m.path("receiving").asBoolean() == receiving));
        assertThat(event.path("mid").asText()).isEqualTo("audio".equals(type) ? "0" : "1");
    }

    /**
     * The echotest treats the peer's key frame requests about its echo as requests about what the peer sends:
     * a PLI (and a FIR) from the peer comes back as a PLI about the peer's video source.
     */
    private static void assertKeyFrameRequestsAnswered(EchoCall call) throws Exception {
        EchoPeer peer = call.peer;
        assertThat(peer.sendPli()).isTrue();
        assertThat(peer.awaitRtcp(c -> EchoPeer.hasPli(c, peer.videoSsrc), FEEDBACK_WAIT))
                .as("a PLI about our video (SSRC %d) in answer to our PLI", peer.videoSsrc).isNotNull();
        assertThat(peer.sendRtcp(RtcpFeedbackWriter.fir(peer.videoSsrc, peer.nodeSsrc(true), 1))).isTrue();
        assertThat(peer.awaitRtcp(c -> EchoPeer.hasPli(c, peer.videoSsrc), FEEDBACK_WAIT))
                .as("a PLI about our video in answer to our FIR").isNotNull();
    }

    /**
     * A NACK about a video packet the node echoed is answered from its retransmission buffer. The peer got the
     * original, so its SRTP replay check drops the copy (as a browser's would): the node's counters tell.
     */
    private static void assertNackAnswered(EchoCall call) throws Exception {
        EchoPeer peer = call.peer;
        byte[] sent = call.send(true);
        byte[] echo = call.echoOf(sent);
        assertThat(echo).as("echo of the video packet to NACK").isNotNull();
        int seq = RtpHeader.sequenceNumber(echo, 0, echo.length);
        assertThat(peer.sendRtcp(RtcpFeedbackWriter.nack(peer.videoSsrc, peer.nodeSsrc(true), seq))).isTrue();
        MediaChecks.until("video packet " + seq + " retransmitted after our NACK", () -> {
            JsonNode out = MediaChecks.handleInfo(node, call.session, call.handle).at("/webrtc/media/1/out_stats");
            return out.path("nacks-received").asLong() >= 1 && out.path("retransmitted").asLong() >= 1;
        });
    }
}
