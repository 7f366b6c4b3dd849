package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

/**
 * The header common to every RTCP packet (RFC 3550 §6.4.1), and the packet type numbers.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  count  |      PT       |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                 SSRC of sender (most types)                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * "count" is the report count (SR, RR), source count (SDES, BYE), subtype (APP) or feedback message type FMT
 * (RTPFB, PSFB, RFC 4585 §6.1). "length" is the packet's length in 32-bit words minus one, header and padding
 * included. With P set, the last byte of the packet counts the padding bytes, itself included.
 *
 * <p>Accessors take the packet's offset and the bytes available from there ({@code len}, at least the packet; it
 * may be the rest of a compound), as given by {@link RtcpCompound#offset()} and {@link RtcpCompound#length()}.
 */
public final class RtcpHeader {
    /** V, P, count, PT, length. */
    public static final int HEADER_LENGTH = 4;
    /** The only RTCP version. */
    public static final int VERSION = 2;
    /** Sender report (RFC 3550 §6.4.1). */
    public static final int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    public static final int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    public static final int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    public static final int BYE = 203;
    /** Application-defined (RFC 3550 §6.7). */
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2). */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3). */
    public static final int PSFB = 206;
    /** Extended reports (RFC 3611); passed through, only its sender SSRC is understood. */
    public static final int XR = 207;

    private RtcpHeader() {
    }

    /** The version field. */
    public static int version(byte[] buf, int off, int len) {
        requireHeader(len);
        return u8(buf, off) >>> 6;
    }

    /** The P bit. */
    public static boolean hasPadding(byte[] buf, int off, int len) {
        requireHeader(len);
        return (buf[off] & 0x20) != 0;
    }

    /** The 5-bit count / subtype / FMT field. */
    public static int count(byte[] buf, int off, int len) {
        requireHeader(len);
        return buf[off] & 0x1F;
    }

    /** The packet type, 0-255 (200-207 for the types above). */
    public static int packetType(byte[] buf, int off, int len) {
        requireHeader(len);
        return u8(buf, off + 1);
    }

    /** The packet's length in bytes, from its length field: 4 × (length + 1). */
    public static int packetLength(byte[] buf, int off, int len) {
        requireHeader(len);
        return uncheckedPacketLength(buf, off);
    }

    /**
     * The packet's length in bytes without its padding.
     *
     * @throws MalformedPacketException if the packet runs past {@code len} or its padding count is impossible
     */
    public static int contentLength(byte[] buf, int off, int len) {
        requireHeader(len);
        return content(buf, off, len, u8(buf, off + 1));
    }

    /**
     * The SSRC at bytes 4-7: the sender of SR, RR, APP, XR and feedback packets (for SDES and BYE, the first
     * chunk's or source's SSRC).
     *
     * @throws MalformedPacketException if the packet is shorter than 8 bytes
     */
    public static long senderSsrc(byte[] buf, int off, int len) {
        requireHeader(len);
        if (content(buf, off, len, u8(buf, off + 1)) < 8) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        return u32(buf, off + 4);
    }

    static int uncheckedPacketLength(byte[] buf, int off) {
        return 4 * (u16(buf, off + 2) + 1);
    }

    /**
     * Framing of the packet starting at {@code pos} in a compound ending at {@code end}: header present, version,
     * length inside the datagram, padding sane and only on the last packet.
     */
    static Malformed frameProblem(byte[] buf, int pos, int end, boolean first) {
        int remaining = end - pos;
        if (remaining < HEADER_LENGTH) {
            return first ? Malformed.RTCP_TOO_SHORT : Malformed.RTCP_TRAILING_BYTES;
        }
        if (u8(buf, pos) >>> 6 != VERSION) {
            return Malformed.RTCP_BAD_VERSION;
        }
        int length = uncheckedPacketLength(buf, pos);
        if (length > remaining) {
            return Malformed.RTCP_LENGTH_BEYOND_END;
        }
        if ((buf[pos] & 0x20) != 0) {
            if (length != remaining) {
                return Malformed.RTCP_PADDING_NOT_LAST;
            }
            if (badPadding(buf, pos, length)) {
                return Malformed.RTCP_BAD_PADDING;
            }
        }
        return null;
    }

    /** Content length (packet minus padding) of a packet that passed {@link #frameProblem}. */
    static int uncheckedContentLength(byte[] buf, int pos) {
        int length = uncheckedPacketLength(buf, pos);
        return (buf[pos] & 0x20) != 0 ? length - u8(buf, pos + length - 1) : length;
    }

    /**
     * What a typed reader checks before reading: a version 2 packet of the expected type that fits {@code len},
     * with a possible padding count. Returns null if the reader may go on.
     */
    static Malformed contentProblem(byte[] buf, int off, int len, int expectedType) {
        if (len < HEADER_LENGTH) {
            return Malformed.RTCP_TOO_SHORT;
        }
        if (u8(buf, off) >>> 6 != VERSION) {
            return Malformed.RTCP_BAD_VERSION;
        }
        if (u8(buf, off + 1) != expectedType) {
            return Malformed.RTCP_WRONG_TYPE;
        }
        int length = uncheckedPacketLength(buf, off);
        if (length > len) {
            return Malformed.RTCP_LENGTH_BEYOND_END;
        }
        if ((buf[off] & 0x20) != 0 && badPadding(buf, off, length)) {
            return Malformed.RTCP_BAD_PADDING;
        }
        return null;
    }

    /** {@link #contentProblem}, thrown; on success the content length (packet minus padding). */
    static int content(byte[] buf, int off, int len, int expectedType) {
        Malformed problem = contentProblem(buf, off, len, expectedType);
        if (problem != null) {
            throw new MalformedPacketException(problem);
        }
        return uncheckedContentLength(buf, off);
    }

    /** The count field of a packet whose header is known to be present. */
    static int uncheckedCount(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    /** The padding count includes itself (so not 0) and may not eat the 4-byte header. */
    private static boolean badPadding(byte[] buf, int pos, int length) {
        int count = u8(buf, pos + length - 1);
        return count == 0 || count > length - HEADER_LENGTH;
    }

    private static void requireHeader(int len) {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException(Malformed.RTCP_TOO_SHORT);
        }
    }
}
