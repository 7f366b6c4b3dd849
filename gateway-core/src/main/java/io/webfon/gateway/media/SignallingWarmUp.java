package io.webfon.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.sdp.AnswerOptions;
import io.webfon.rtp.sdp.Fingerprint;
import io.webfon.rtp.sdp.MediaAnswerOptions;
import io.webfon.rtp.sdp.OfferAnswer;
import io.webfon.rtp.sdp.SdpWriter;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.sdp.Setup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One round of what a browser's offer costs the signalling path, without a session, a handle or a socket: the
 * Janus message parsed, the offer parsed and checked, anonymised for the plugin, answered the way the echotest
 * answers, completed with our transport, and the event serialised. Run by the media warm-up
 * ({@code media.warm_up}) next to its DTLS handshakes, so the first calls do not run this code in the
 * interpreter: a cold node took 15-35 ms from a Chromium offer to its answer, against 2-5 ms once warm.
 */
final class SignallingWarmUp implements Runnable {
    private final String offer;
    private final String message;
    private final Fingerprint fingerprint;

    SignallingWarmUp(Fingerprint fingerprint) {
        this.fingerprint = fingerprint;
        try (InputStream in = SignallingWarmUp.class.getResourceAsStream("warm-up-offer.sdp")) {
            if (in == null) {
                throw new IllegalStateException("warm-up-offer.sdp is missing from the jar");
            }
            this.offer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode m = Json.object();
        m.put("janus", "message").put("transaction", "warm-up").put("session_id", 1L).put("handle_id", 2L);
        m.putObject("body").put("audio", true).put("video", true);
        m.putObject("jsep").put("type", "offer").put("sdp", offer);
        this.message = Json.write(m);
    }

    @Override
    public void run() {
        try {
            JsonNode request = Json.parse(message);
            SessionDescription d = SdpNegotiator.parse(request.at("/jsep/sdp").asText());
            SdpNegotiator.validateRemote(d);
            SdpNegotiator.transport(d, true);
            List<MediaStream> streams = SdpNegotiator.streams(d, false);
            SdpNegotiator.payloadTypes(d, streams);
            String forPlugin = SdpWriter.write(SdpNegotiator.forPlugin(d));
            SessionDescription pluginAnswer = OfferAnswer.answer(SdpNegotiator.parse(forPlugin),
                    AnswerOptions.defaults().withAudio(MediaAnswerOptions.audio())
                            .withVideo(MediaAnswerOptions.video()));
            SessionDescription ours = SdpNegotiator.forPeer(SdpNegotiator.parse(SdpWriter.write(pluginAnswer)),
                    new SdpNegotiator.LocalTransport("warmUpUfrag", "warmUpPasswordOf24Chars.",
                            List.of("1 1 udp 2130706431 127.0.0.1 20000 typ host generation 0"),
                            List.of(fingerprint), Setup.ACTIVE, false),
                    SdpNegotiator.merge(streams, pluginAnswer, true));
            ObjectNode event = Json.object();
            event.put("janus", "event").put("session_id", 1L).put("sender", 2L).put("transaction", "warm-up");
            event.putObject("plugindata").put("plugin", "janus.plugin.echotest").putObject("data")
                    .put("echotest", "event").put("result", "ok");
            event.putObject("jsep").put("type", "answer").put("sdp", SdpWriter.write(ours));
            Json.writeBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
