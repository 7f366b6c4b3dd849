package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.janus.protocol.Json;
import io.webfon.rtp.packet.RtpHeader;
import java.time.Duration;
import java.util.Arrays;

/**
 * One echotest call as a browser makes it: a session and an echotest handle on a {@link JanusChannel}, the
 * {@code {"audio":true,"video":true}} request with the {@link EchoPeer}'s offer, the node's answer applied to the
 * peer, then {@code webrtcup}. Also sends numbered audio and video packets and finds their echoes.
 */
final class EchoCall implements AutoCloseable {
    private static final Duration ECHO_WAIT = Duration.ofSeconds(5);

    final JanusChannel api;
    final long session;
    final long handle;
    final EchoPeer peer;
    private int seq = 1000;
    private long timestamp = 160_000;

    private EchoCall(JanusChannel api, long session, long handle, EchoPeer peer) {
        this.api = api;
        this.session = session;
        this.handle = handle;
        this.peer = peer;
    }

    /** A new session and echotest handle, and a peer not connected yet. */
    static EchoCall attach(JanusChannel api) throws Exception {
        long session = api.createSession();
        long handle = api.attachEchotest(session);
        return new EchoCall(api, session, handle, new EchoPeer());
    }

    /** Attaches, offers, answers and waits until both the node ({@code webrtcup}) and the peer are connected. */
    static EchoCall connected(JanusChannel api) throws Exception {
        EchoCall call = attach(api);
        try {
            call.connect();
        } catch (Exception | AssertionError e) {
            call.close();
            throw e;
        }
        return call;
    }

    /** The echotest request with a JSEP offer; returns the synchronous reply (ack or error). */
    ObjectNode offer(String sdp) throws Exception {
        ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", true).put("video", true));
        msg.putObject("jsep").put("type", "offer").put("sdp", sdp);
        return api.call(msg);
    }

    /** Offers, checks the answer, applies it, waits for both ends to connect; returns the answer event. */
    JsonNode connect() throws Exception {
        ObjectNode ack = offer(peer.offer());
        assertThat(ack.path("janus").asText()).as("reply to the offer: %s", ack).isEqualTo("ack");
        JsonNode event = api.await("echotest event with the answer",
                JanusChannel.pluginEvent(ack.path("transaction").asText()));
        assertThat(event.at("/plugindata/data/result").asText()).as("echotest event %s", event).isEqualTo("ok");
        peer.answer(event.at("/jsep/sdp").asText());
        if (api.maybe(JanusChannel.event("webrtcup", handle), JanusChannel.WAIT).isEmpty()) {
            throw new AssertionError("no webrtcup within " + JanusChannel.WAIT + "; " + diagnostics());
        }
        peer.awaitConnected(JanusChannel.WAIT);
        return event;
    }

    /**
     * A plain packet of the peer's audio or video source with the next sequence number (one sequence for both,
     * so that every packet the tests send, good or bad, keeps the node's SRTP replay window moving forward).
     */
    byte[] nextPacket(boolean video, byte[] payload) {
        timestamp += video ? 3000 : 960;
        return peer.rtpPacket(video, seq++, timestamp, payload);
    }

    /** Sends one audio or video packet with a fresh sequence number and a payload naming it; returns it. */
    byte[] send(boolean video) throws Exception {
        byte[] payload = ((video ? "video " : "audio ") + seq + " from the media IT").getBytes();
        byte[] packet = nextPacket(video, payload);
        int s = RtpHeader.sequenceNumber(packet, 0, packet.length);
        assertThat(peer.sendRtp(packet)).as("SRTP protect and send of packet %d", s).isTrue();
        return packet;
    }

    /** The echo of a sent packet (same sequence number and payload type), or null if none comes. */
    byte[] echoOf(byte[] sent) throws InterruptedException {
        int s = RtpHeader.sequenceNumber(sent, 0, sent.length);
        int pt = RtpHeader.payloadType(sent, 0, sent.length);
        return peer.awaitRtp(p -> RtpHeader.sequenceNumber(p, 0, p.length) == s
                && RtpHeader.payloadType(p, 0, p.length) == pt, ECHO_WAIT);
    }

    /**
     * Sends audio and video until one of each is echoed (the first packets may meet a node still finishing its
     * side of DTLS), and checks the echo: same payload bytes, same sequence number and timestamp, and the SSRC
     * the node announced in its answer (as Janus's echotest: the core rewrites the source to its own).
     */
    void assertEchoWorks() throws Exception {
        for (boolean video : new boolean[] {false, true}) {
            byte[] echo = null;
            byte[] sent = null;
            for (int attempt = 0; attempt < 3 && echo == null; attempt++) {
                sent = send(video);
                echo = echoOf(sent);
            }
            if (echo == null) {
                throw new AssertionError("no echo of " + (video ? "a video" : "an audio") + " packet; " + diagnostics());
            }
            assertSameMedia(sent, echo, peer.nodeSsrc(video));
        }
    }

    static void assertSameMedia(byte[] sent, byte[] echo, long nodeSsrc) {
        int sentHeader = RtpHeader.headerLength(sent, 0, sent.length);
        int echoHeader = RtpHeader.headerLength(echo, 0, echo.length);
        assertThat(Arrays.copyOfRange(echo, echoHeader, echo.length)).as("echoed payload")
                .isEqualTo(Arrays.copyOfRange(sent, sentHeader, sent.length));
        assertThat(RtpHeader.ssrc(echo, 0, echo.length)).as("echoed SSRC: the node's announced one")
                .isEqualTo(nodeSsrc);
        assertThat(RtpHeader.timestamp(echo, 0, echo.length)).isEqualTo(RtpHeader.timestamp(sent, 0, sent.length));
        assertThat(RtpHeader.payloadType(echo, 0, echo.length))
                .isEqualTo(RtpHeader.payloadType(sent, 0, sent.length));
    }

    /** What the peer and the node know of the call, for a failure message. */
    String diagnostics() {
        String info;
        try {
            info = api.node() == null ? "?" : MediaChecks.handleInfo(api.node(), session, handle).toString();
        } catch (Exception | AssertionError e) {
            info = "handle_info failed: " + e;
        }
        return "peer " + peer + "; node handle_info " + info;
    }

    /** Destroys the session (ignoring a session already gone). */
    void destroy() throws Exception {
        api.call(Requests.session("destroy", session));
    }

    @Override
    public void close() {
        peer.close();
    }
}
