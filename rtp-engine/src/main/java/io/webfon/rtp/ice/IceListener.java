package io.webfon.rtp.ice;

/** What an {@link IceSession} reports. Packets arrive on the harvester's thread; keep the work short. */
public interface IceListener {
    /** A connectivity check succeeded and a pair is selected: packets can flow. */
    void onConnected(String selectedPair);

    /** ICE failed: no pair works, or consent was lost. */
    void onFailed(String reason);

    /**
     * A non-STUN datagram from the peer (DTLS, RTP or RTCP). The array belongs to the caller only during the
     * call; it has room for {@code spare} more bytes after the packet.
     */
    void onPacket(byte[] buf, int off, int len, int spare);

    /**
     * A candidate of ours gathered after the session was created (the TURN relay), as an {@code a=candidate} value
     * without the {@code candidate:} prefix; the agent already checks with it. On a TURN allocation thread, at most
     * once per session, never after {@link IceSession#close()} returned.
     *
     * @param ufrag our ICE username fragment: which session the candidate belongs to
     */
    default void onLocalCandidate(String ufrag, String candidate) {
    }

    /**
     * No more candidates of ours will come ({@link IceSession#isGathering()} is false from now on). Only sessions
     * that gather late (with a TURN server) report it, once, after their last {@link #onLocalCandidate}.
     *
     * @param ufrag our ICE username fragment: which session is done
     */
    default void onGatheringDone(String ufrag) {
    }
}
