package io.webfon.janus.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plugin of the gateway, kept as small as Janus's {@code plugin.h}: sessions are created and destroyed with
 * handles, messages arrive with an optional JSEP, media state changes are signalled, media packets come in and
 * are relayed out. Methods are called from transport threads and must not block: long work goes to
 * the plugin's own executor, and its results are delivered with {@link PluginHandle#pushEvent}.
 */
public interface JanusPlugin {

    PluginDescriptor descriptor();

    /** A handle attached to this plugin. Throw to refuse it; the attach then fails with error 461. */
    void createSession(PluginHandle handle) throws PluginException;

    /**
     * A {@code message} request for this handle.
     *
     * @param transaction the request's transaction, to echo in the events that answer it
     * @param body the request's {@code body}, always a JSON object
     * @param jsep the JSEP after the core processed it, or {@code null}
     */
    PluginResult handleMessage(PluginHandle handle, String transaction, ObjectNode body, ObjectNode jsep);

    /** A {@code message_plugin} request of the admin API; {@code null} if the plugin has no admin requests. */
    default ObjectNode handleAdminMessage(ObjectNode request) {
        return null;
    }

    /** The handle's PeerConnection is up (ICE and DTLS done). */
    default void setupMedia(PluginHandle handle) {
    }

    /** The handle's PeerConnection is gone, or the client sent {@code hangup}. */
    default void hangupMedia(PluginHandle handle) {
    }

    /**
     * An RTP packet from the handle's peer (decrypted), on the network thread that received it. Relay it with
     * {@link PluginHandle#relayRtp}; do not block.
     */
    default void incomingRtp(PluginHandle handle, MediaPacket packet) {
    }

    /** An RTCP compound packet from the handle's peer (decrypted). */
    default void incomingRtcp(PluginHandle handle, MediaPacket packet) {
    }

    /** The peer lost many packets recently, as seen by the core ({@code uplink}: packets it sent us). */
    default void slowLink(PluginHandle handle, int mindex, boolean video, boolean uplink) {
    }

    /** The handle is detached; free everything kept for it. Called once, after which the handle is dead. */
    void destroySession(PluginHandle handle);

    /** Plugin-specific details for the admin API's {@code handle_info}, or {@code null}. */
    default ObjectNode querySession(PluginHandle handle) {
        return null;
    }

    /** The gateway is stopping; every handle has already been destroyed. */
    default void shutdown() {
    }
}
