package io.webfon.rtp.packet;

import java.util.Objects;

/**
 * Demultiplexes one UDP port the way WebRTC does: STUN, DTLS, RTP and RTCP share it (RFC 7983 §7, updating
 * RFC 5764 §5.1.2), and RTP and RTCP share it too (rtcp-mux, RFC 5761 §4).
 *
 * <pre>
 *                  +----------------+
 *                  |        [0..3] -+--&gt; forward to STUN
 *                  |                |
 *                  |      [16..19] -+--&gt; forward to ZRTP
 *                  |                |
 *      packet --&gt;  |      [20..63] -+--&gt; forward to DTLS
 *                  |                |
 *                  |      [64..79] -+--&gt; forward to TURN Channel
 *                  |                |
 *                  |    [128..191] -+--&gt; forward to RTP/RTCP
 *                  +----------------+
 * </pre>
 *
 * Within 128-191, RFC 5761 §4: the second byte with the marker bit masked off is the RTP payload type, and payload
 * types 64-95 are never used by RTP under rtcp-mux, because with the marker bit set they are RTCP packet types
 * 192-223 (SR 200, RR 201, SDES 202, BYE 203, APP 204, RTPFB 205, PSFB 206, XR 207).
 *
 * <p>Only the first two bytes and the length are looked at; the kind's own {@code validate} checks the rest. No
 * allocation, no state.
 */
public final class PacketClassifier {
    /** Kind by first byte: a 256-entry table is cheaper than the five range tests and reads like the RFC's figure. */
    private static final PacketKind[] BY_FIRST_BYTE = new PacketKind[256];

    static {
        for (int b = 0; b < 256; b++) {
            BY_FIRST_BYTE[b] = kindOfFirstByte(b);
        }
    }

    private PacketClassifier() {
    }

    /**
     * Classifies the datagram {@code buf[off .. off+len)}.
     *
     * @return the kind, or {@link PacketKind#UNKNOWN} for a first byte outside RFC 7983's ranges or a datagram
     *         shorter than the kind's {@link PacketKind#minLength()}
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public static PacketKind classify(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len == 0) {
            return PacketKind.UNKNOWN;
        }
        PacketKind kind = BY_FIRST_BYTE[buf[off] & 0xFF];
        if (kind == PacketKind.RTP && len >= 2 && isRtcpPacketType(buf[off + 1])) {
            kind = PacketKind.RTCP;
        }
        return len >= kind.minLength() ? kind : PacketKind.UNKNOWN;
    }

    /** RFC 5761 §4: RTP payload types 64-95 (marker bit masked) are RTCP packet types 192-223. */
    static boolean isRtcpPacketType(byte secondByte) {
        int pt = secondByte & 0x7F;
        return pt >= 64 && pt <= 95;
    }

    private static PacketKind kindOfFirstByte(int b) {
        if (b <= 3) {
            return PacketKind.STUN;
        } else if (b >= 16 && b <= 19) {
            return PacketKind.ZRTP;
        } else if (b >= 20 && b <= 63) {
            return PacketKind.DTLS;
        } else if (b >= 64 && b <= 79) {
            return PacketKind.TURN_CHANNEL;
        } else if (b >= 128 && b <= 191) {
            return PacketKind.RTP;
        }
        return PacketKind.UNKNOWN;
    }
}
