package io.webfon.rtp.packet;

/**
 * The sender info of an SR (RFC 3550 §6.4.1), as a value.
 *
 * @param ntpTimestamp 64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32
 * @param rtpTimestamp the same instant in RTP timestamp units, 0 to 2^32-1
 * @param packetCount  RTP packets sent since the start, 0 to 2^32-1 (wraps)
 * @param octetCount   payload octets sent since the start, 0 to 2^32-1 (wraps)
 */
public record SenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
    /** Rejects values the wire fields cannot hold. */
    public SenderInfo {
        Bytes.requireUnsigned(rtpTimestamp, 32, "RTP timestamp");
        Bytes.requireUnsigned(packetCount, 32, "packet count");
        Bytes.requireUnsigned(octetCount, 32, "octet count");
    }

    /**
     * The middle 32 bits of an NTP timestamp: what a receiver echoes as LSR in its report blocks
     * (RFC 3550 §6.4.1), so that the sender can compute the round trip.
     */
    public static long middleNtp(long ntpTimestamp) {
        return ntpTimestamp >>> 16 & 0xFFFF_FFFFL;
    }
}
