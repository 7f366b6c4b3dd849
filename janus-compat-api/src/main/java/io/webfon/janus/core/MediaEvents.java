package io.webfon.janus.core;

import io.webfon.janus.session.Handle;

/**
 * What the media engine tells the core about a handle's PeerConnection; the core turns it into Janus events for
 * the client and calls to the plugin. Safe from any thread.
 */
public interface MediaEvents {
    /** ICE and DTLS are up: {@code webrtcup} to the client, {@code setupMedia} to the plugin. */
    void webrtcUp(Handle handle);

    /** Media of one m-line started or stopped arriving: the client gets a {@code media} event. */
    void mediaReceiving(Handle handle, String type, String mid, boolean receiving, int seconds);

    /** Too many losses in a second: {@code slowlink} to the client, {@code slowLink} to the plugin. */
    void slowLink(Handle handle, String media, String mid, int mindex, boolean uplink, int lost);

    /** The PeerConnection ended by itself (ICE failed, DTLS alert, consent lost): a hangup with that reason. */
    void peerConnectionClosed(Handle handle, String reason);

    /**
     * One of our ICE candidates that the SDP we sent did not carry (a TURN relay allocated after it): a
     * {@code trickle} event to the client, as Janus's {@code janus_ice_notify_trickle} sends it. Never before the
     * event carrying the handle's SDP: while a plugin's event with a JSEP is on its way, the core holds it back.
     *
     * @param mid the {@code sdpMid} (the BUNDLE transport's mid; the m-line index is always 0)
     * @param candidate an {@code a=candidate} value without the {@code candidate:} prefix
     */
    default void localCandidate(Handle handle, String mid, String candidate) {
    }

    /** No more of our candidates will come: the {@code trickle} event with {@code "completed": true}. */
    default void localCandidatesDone(Handle handle) {
    }
}
