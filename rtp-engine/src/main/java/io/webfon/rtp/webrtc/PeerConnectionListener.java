package io.webfon.rtp.webrtc;

/**
 * What a {@link PeerConnection} reports. Packet callbacks run on the network thread that received the packet and
 * hand over plain (decrypted) packets valid only during the call; copy what must outlive it.
 */
public interface PeerConnectionListener {
    /** ICE and DTLS are up; media can flow both ways (Janus's {@code webrtcup}). */
    void onConnected();

    /**
     * A decrypted RTP packet. The array has at least {@code spare} writable bytes after the packet, so a listener
     * may transform it in place and send it on (an echo, a relay) without copying.
     */
    void onRtp(byte[] buf, int off, int len, int spare);

    /** A decrypted RTCP compound packet, with the same ownership rule as {@link #onRtp}. */
    void onRtcp(byte[] buf, int off, int len, int spare);

    /** The PeerConnection is over, with the reason (ICE failed, DTLS failed, DTLS alert, closed locally). Once. */
    void onClosed(String reason);

    /**
     * One of our ICE candidates found after the ICE session was created (the TURN relay), as an {@code a=candidate}
     * value without the {@code candidate:} prefix, for a trickle to the peer when our SDP for that session went out
     * without it. On a TURN allocation thread; never after the PeerConnection closed.
     *
     * @param iceUfrag our ICE username fragment: the ICE session (first or restarted) the candidate belongs to
     */
    default void onLocalCandidate(String iceUfrag, String candidate) {
    }

    /**
     * No more candidates of ours will come for the ICE session {@code iceUfrag}: the end of a late gathering
     * ({@link PeerConnection#gathersLate()}), after its last {@link #onLocalCandidate}. Once per ICE session.
     */
    default void onLocalCandidatesDone(String iceUfrag) {
    }
}
