package io.webfon.gateway.plugins.echotest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.sdp.AnswerOptions;
import io.webfon.rtp.sdp.MediaAnswerOptions;
import io.webfon.rtp.sdp.OfferAnswer;
import io.webfon.rtp.sdp.SdpParseException;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SdpWriter;
import io.webfon.rtp.sdp.SessionDescription;
import java.util.Set;

/**
 * The echo test's SDP answer to a client's offer, as Janus's echotest builds it with
 * {@code janus_sdp_generate_answer}: sendrecv audio and video, the codec the request forces or the first offered
 * one we support, NACK/PLI/FIR/REMB feedback (no transport-wide CC: the node does not estimate bandwidth that
 * way), no data channels.
 */
final class EchoAnswer {
    private static final Set<String> FEEDBACK = Set.of("nack", "ccm", "goog-remb");

    private EchoAnswer() {
    }

    /**
     * @param offer the JSEP the core handed over (anonymised SDP)
     * @param body the request, for {@code audiocodec} and {@code videocodec}
     * @throws IllegalArgumentException with the reason when the offer cannot be answered
     */
    static ObjectNode answer(ObjectNode offer, ObjectNode body) {
        SessionDescription d;
        try {
            d = SdpParser.parse(offer.path("sdp").asText());
        } catch (SdpParseException e) {
            throw new IllegalArgumentException("Error parsing offer: " + e.getMessage());
        }
        MediaAnswerOptions audio = MediaAnswerOptions.audio();
        MediaAnswerOptions video = MediaAnswerOptions.video().withFeedbackTypes(FEEDBACK);
        String audioCodec = body.path("audiocodec").asText("");
        String videoCodec = body.path("videocodec").asText("");
        if (!audioCodec.isEmpty()) {
            audio = audio.forcing(audioCodec);
        }
        if (!videoCodec.isEmpty()) {
            video = video.forcing(videoCodec);
        }
        SessionDescription answer = OfferAnswer.answer(d, AnswerOptions.defaults().withAudio(audio).withVideo(video));
        boolean anyActive = answer.media().stream().anyMatch(m -> !m.isRejected());
        if (!anyActive) {
            throw new IllegalArgumentException("Error generating answer: no audio or video codec in common");
        }
        ObjectNode jsep = Json.object();
        jsep.put("type", "answer");
        jsep.put("sdp", SdpWriter.write(answer));
        return jsep;
    }
}
