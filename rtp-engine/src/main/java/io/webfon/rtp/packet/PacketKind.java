package io.webfon.rtp.packet;

/**
 * What a datagram received on a WebRTC media port is, as told by {@link PacketClassifier#classify}.
 *
 * <p>Each kind carries the shortest datagram that can be one: a shorter datagram is {@link #UNKNOWN}, so a stage
 * that receives a kind may read that many bytes without a further length check.
 */
public enum PacketKind {
    /** STUN (first byte 0-3), the ICE connectivity checks and consent freshness; 20-byte header (RFC 8489). */
    STUN(20),
    /** ZRTP (first byte 16-19); not used by WebRTC, recognised only to be dropped and counted by name. */
    ZRTP(12),
    /** DTLS (first byte 20-63); 13-byte record header (RFC 6347 §4.1). */
    DTLS(13),
    /** TURN ChannelData (first byte 64-79); 4-byte header (RFC 8656 §12.4). */
    TURN_CHANNEL(4),
    /** RTP (first byte 128-191, payload type outside 64-95); 12-byte fixed header (RFC 3550 §5.1). */
    RTP(12),
    /** RTCP (first byte 128-191, packet type 192-223); 4-byte header (RFC 3550 §6.4, RFC 5761 §4). */
    RTCP(4),
    /** Anything else, and anything too short to be what its first byte says. */
    UNKNOWN(0);

    private final int minLength;

    PacketKind(int minLength) {
        this.minLength = minLength;
    }

    /** The shortest datagram of this kind, in bytes. */
    public int minLength() {
        return minLength;
    }
}
