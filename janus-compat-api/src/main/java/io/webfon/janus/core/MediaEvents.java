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
}
