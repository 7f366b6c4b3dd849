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
}
