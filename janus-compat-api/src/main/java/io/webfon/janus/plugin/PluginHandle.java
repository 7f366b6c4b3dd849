package io.webfon.janus.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plugin's view of one handle: identity, a slot for the plugin's own state, and the callbacks of Janus's
 * {@code janus_callbacks} that concern a handle. Every method is safe to call from any thread.
 */
public interface PluginHandle {
    long sessionId();

    long handleId();

    /** The {@code opaque_id} given at attach, or {@code null}. */
    String opaqueId();

    /** The plugin's per-handle state, as set by {@link #attach(Object)}; {@code null} before. */
    <T> T attachment();

    void attach(Object state);

    /** Whether the handle is still attached: false once detached, destroyed or timed out. */
    boolean isAlive();

    /**
     * Sends an {@code event} to the client with {@code plugindata {plugin, data}} and, if {@code jsep} is
     * non-null, the JSEP after the core has completed it with its ICE and DTLS details. Events pushed while the
     * request they answer is still being processed are delivered after its reply.
     *
     * @return 0 on success, else the Janus error code explaining why the event could not be sent
     */
    int pushEvent(String transaction, ObjectNode data, ObjectNode jsep);

    /**
     * Sends an RTP packet to this handle's peer on the medium of the same kind (the core sets the SSRC it
     * announced, encrypts and sends). The packet is not kept.
     */
    void relayRtp(MediaPacket packet);

    /** Sends an RTCP packet to this handle's peer. */
    void relayRtcp(MediaPacket packet);

    /** Asks the peer for a video key frame (RTCP PLI). */
    void sendPli();

    /** Tells the peer the bitrate we want it to send at most (RTCP REMB), in bits per second. */
    void sendRemb(long bitsPerSecond);

    /** Closes the PeerConnection of this handle, keeping the handle attached (Janus's {@code close_pc}). */
    void closePeerConnection();

    /** Detaches this handle, as if the client had sent {@code detach} (Janus's {@code end_session}). */
    void endSession();
}
