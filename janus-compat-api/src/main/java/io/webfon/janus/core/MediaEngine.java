package io.webfon.janus.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.session.Handle;

/**
 * The WebRTC side of a handle as the core needs it: JSEP in from the client, JSEP out from the plugin, trickle,
 * hangup and the details the admin API shows. The node wires it to its media engine; without one,
 * {@link #NONE} refuses negotiations with a clear reason and everything else still works.
 */
public interface MediaEngine {

    /** Called once by the core before any handle exists: where the engine reports PeerConnection events. */
    default void bind(MediaEvents events) {
    }

    /** Sends a plugin's RTP packet to the handle's peer; dropped when there is no PeerConnection. */
    default void relayRtp(Handle handle, io.webfon.janus.plugin.MediaPacket packet) {
    }

    /** Sends a plugin's RTCP packet to the handle's peer. */
    default void relayRtcp(Handle handle, io.webfon.janus.plugin.MediaPacket packet) {
    }

    /** Asks the handle's peer for a key frame. */
    default void sendPli(Handle handle) {
    }

    /** Asks the handle's peer to send at most this bitrate. */
    default void sendRemb(Handle handle, long bitsPerSecond) {
    }

    /** Stops the engine (all PeerConnections end) at shutdown, after every handle was disposed of. */
    default void shutdown() {
    }

    /**
     * Applies the JSEP a client sent along a {@code message}.
     *
     * @return the JSEP to hand to the plugin ({@code type}, {@code sdp} and what the engine adds)
     * @throws JanusException with Janus's JSEP errors (464, 465, 469, 471)
     */
    ObjectNode remoteJsep(Handle handle, String type, String sdp, ObjectNode jsep);

    /**
     * Completes the JSEP a plugin pushes with the node's ICE and DTLS details.
     *
     * @throws JanusException when the plugin's SDP cannot be used
     */
    ObjectNode localJsep(Handle handle, String type, String sdp, boolean restart);

    /**
     * The event carrying the JSEP {@link #localJsep} made was handed to the client's connection (or dropped, the
     * session having none): what the client could not use before it has our description may start now.
     */
    default void localJsepSent(Handle handle) {
    }

    /** A {@code trickle} from the client: one candidate object, or an array of them. */
    void trickle(Handle handle, JsonNode candidates);

    /**
     * Closes the handle's PeerConnection if it has one.
     *
     * @return whether there was one (the core then tells the plugin and the client)
     */
    boolean hangup(Handle handle, String reason);

    /** Adds the handle's WebRTC details to an admin {@code handle_info}. */
    void describe(Handle handle, ObjectNode info);

    /** Adds the engine's settings to the {@code info} reply. */
    void describeServer(ObjectNode info);

    /** No media engine: negotiations fail with 465 and the reason, trickles are accepted and dropped. */
    MediaEngine NONE = new MediaEngine() {
        @Override
        public ObjectNode remoteJsep(Handle handle, String type, String sdp, ObjectNode jsep) {
            throw new JanusException(JanusError.JSEP_INVALID_SDP,
                    "JSEP error: this node runs without a WebRTC media engine");
        }

        @Override
        public ObjectNode localJsep(Handle handle, String type, String sdp, boolean restart) {
            throw new JanusException(JanusError.JSEP_INVALID_SDP,
                    "JSEP error: this node runs without a WebRTC media engine");
        }

        @Override
        public void trickle(Handle handle, JsonNode candidates) {
            // Nothing to apply the candidates to; Janus too acknowledges trickles that arrive before any SDP.
        }

        @Override
        public boolean hangup(Handle handle, String reason) {
            return false;
        }

        @Override
        public void describe(Handle handle, ObjectNode info) {
        }

        @Override
        public void describeServer(ObjectNode info) {
            info.put("data_channels", false);
        }
    };
}
