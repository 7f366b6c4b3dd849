package io.webfon.bench.media;

import io.webfon.rtp.packet.RtpHeader;

/**
 * The synthetic audio packet: RTP (version 2, payload type 111 = the offer's opus, 20 ms = 960 ticks at 48 kHz)
 * with a 160-byte payload whose first 16 bytes carry a marker, the send time ({@link System#nanoTime()} of this
 * process) and the flow's own packet counter. Echo servers may rewrite the SSRC and sequence numbers; the payload
 * comes back as it was sent, so the echo tells its round-trip time without any state kept per packet.
 */
final class EchoPacket {
    static final int HEADER = RtpHeader.FIXED_HEADER_LENGTH;
    static final int PAYLOAD = 160;
    static final int LENGTH = HEADER + PAYLOAD;
    static final int PAYLOAD_TYPE = 111;
    static final int TICKS_PER_PACKET = 960;
    private static final int MAGIC = 0x57464231; // "WFB1"

    private EchoPacket() {
    }

    /** Writes header and the timed part of the payload; the rest of the payload is left as it is. */
    static void write(byte[] b, int seq, long rtpTimestamp, long ssrc, long sendNanos, int counter) {
        b[0] = (byte) 0x80;
        b[1] = (byte) PAYLOAD_TYPE;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        putInt(b, 4, (int) rtpTimestamp);
        putInt(b, 8, (int) ssrc);
        putInt(b, HEADER, MAGIC);
        putInt(b, HEADER + 4, (int) (sendNanos >>> 32));
        putInt(b, HEADER + 8, (int) sendNanos);
        putInt(b, HEADER + 12, counter);
    }

    /** The send time an echoed packet carries, or {@link Long#MIN_VALUE} if it is not one of ours. */
    static long sendNanos(byte[] b, int off, int len) {
        if (RtpHeader.validateHeader(b, off, len) != null) {
            return Long.MIN_VALUE;
        }
        int p = RtpHeader.payloadOffset(b, off, len);
        if (p < 0 || p + 16 > off + len || getInt(b, p) != MAGIC) {
            return Long.MIN_VALUE;
        }
        return ((long) getInt(b, p + 4) << 32) | (getInt(b, p + 8) & 0xFFFF_FFFFL);
    }

    /** The flow's packet counter an echoed packet carries (call only after {@link #sendNanos} accepted it). */
    static int counter(byte[] b, int off, int len) {
        return getInt(b, RtpHeader.payloadOffset(b, off, len) + 12);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
