package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.i32;
import static io.webfon.rtp.packet.Bytes.put16;
import static io.webfon.rtp.packet.Bytes.put32;
import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * Static accessors and mutators over an RTP packet held in {@code buf[off .. off+len)} (RFC 3550 §5.1, §5.3.1).
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           timestamp                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |           synchronization source (SSRC) identifier            |
 *    +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *    |            contributing source (CSRC) identifiers             |
 *    |                             ....                              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      defined by profile       |           length              |  only if X = 1;
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  length counts
 *    |                        header extension                       |  32-bit words
 *    |                             ....                              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                            payload  ...                       |
 *    |                               +-------------------------------+
 *    |                               | padding ...   | padding count |  only if P = 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Every method takes the packet's own offset and honours it. jitsi-videobridge's {@code RtpHeader.getCsrcs}
 * read {@code CSRCS_OFFSET + 4*i} and ignored its base offset, which went unnoticed because its tests only ran at
 * offset 0 while ice4j left 10 bytes of headroom in front of every packet; the tests here run every accessor at a
 * random non-zero offset as well.
 *
 * <p>Style: {@link #validate} once per packet on the hot path, then read. The accessors still check the length
 * they need and throw {@link MalformedPacketException} rather than run off the packet, so that no input ever turns
 * into an {@code ArrayIndexOutOfBoundsException}. Nothing here allocates (except that exception). Header extension
 * elements (RFC 8285) are walked with {@link RtpExtensionCursor}; nothing is ever stripped, unknown ones included.
 * 32-bit unsigned fields are returned as {@code long}.
 */
public final class RtpHeader {
    /** V, P, X, CC, M, PT, sequence number, timestamp and SSRC. */
    public static final int FIXED_HEADER_LENGTH = 12;
    /** The only RTP version. */
    public static final int VERSION = 2;
    /** The "defined by profile" value of the RFC 8285 one-byte form. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The RFC 8285 two-byte form: 0x100 followed by 4 application bits, so 0x1000-0x100F. */
    public static final int TWO_BYTE_PROFILE = 0x1000;
    /** Mask that leaves the two-byte form's fixed 12 bits. */
    public static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;

    private static final int PADDING_BIT = 0x20;
    private static final int EXTENSION_BIT = 0x10;
    private static final int MARKER_BIT = 0x80;

    private RtpHeader() {
    }

    /**
     * Checks everything the readers below rely on: fixed header, version, CSRC list, extension block and its
     * RFC 8285 elements, padding count.
     *
     * @return null if the packet is well formed, else the first reason found
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public static Malformed validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Malformed problem = headerProblem(buf, off, len);
        if (problem != null) {
            return problem;
        }
        int headerLength = uncheckedHeaderLength(buf, off);
        if (hasExtensionBit(buf, off) && !RtpExtensionCursor.elementsFit(buf, off, headerLength)) {
            return Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END;
        }
        if ((buf[off] & PADDING_BIT) != 0 && badPadding(buf, off, len, headerLength)) {
            return Malformed.RTP_BAD_PADDING;
        }
        return null;
    }

    /**
     * {@link #validate} without the padding check, for an SRTP packet before it is unprotected: the header and its
     * extension travel in the clear (RFC 3711 §3.1), but the padding count is the last byte of the encrypted
     * payload, followed by the authentication tag. Lets the engine drop garbage before spending a decryption on it;
     * call {@link #validate} after unprotecting.
     */
    public static Malformed validateHeader(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Malformed problem = headerProblem(buf, off, len);
        if (problem == null && hasExtensionBit(buf, off)
                && !RtpExtensionCursor.elementsFit(buf, off, uncheckedHeaderLength(buf, off))) {
            return Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END;
        }
        return problem;
    }

    /** The version field (2 for every valid packet). */
    public static int version(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return u8(buf, off) >>> 6;
    }

    /** The P bit: the packet ends with padding whose last byte counts it. */
    public static boolean hasPadding(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return (buf[off] & PADDING_BIT) != 0;
    }

    /** The X bit: a header extension follows the CSRC list. */
    public static boolean hasExtension(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return hasExtensionBit(buf, off);
    }

    /** The CC field: number of CSRCs, 0-15. */
    public static int csrcCount(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return buf[off] & 0x0F;
    }

    /** The M bit. */
    public static boolean marker(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return (buf[off + 1] & MARKER_BIT) != 0;
    }

    /** The PT field, 0-127. */
    public static int payloadType(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return buf[off + 1] & 0x7F;
    }

    /** The sequence number, 0-65535. */
    public static int sequenceNumber(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return u16(buf, off + 2);
    }

    /** The timestamp, 0 to 2^32-1. */
    public static long timestamp(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return u32(buf, off + 4);
    }

    /** The SSRC, 0 to 2^32-1. */
    public static long ssrc(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return u32(buf, off + 8);
    }

    /** The SSRC as the raw 32 bits, for hashing into int-keyed tables without widening. */
    public static int ssrcBits(byte[] buf, int off, int len) {
        requireFixedHeader(len);
        return i32(buf, off + 8);
    }

    /**
     * The {@code index}-th CSRC, 0-based.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #csrcCount} (a caller bug)
     * @throws MalformedPacketException if the CSRC lies past the end of the packet
     */
    public static long csrc(byte[] buf, int off, int len, int index) {
        Objects.checkIndex(index, csrcCount(buf, off, len));
        int at = FIXED_HEADER_LENGTH + 4 * index;
        if (at + 4 > len) {
            throw new MalformedPacketException(Malformed.RTP_CSRC_BEYOND_END);
        }
        return u32(buf, off + at);
    }

    /** Bytes from the start of the packet to the payload: fixed header, CSRCs and extension block. */
    public static int headerLength(byte[] buf, int off, int len) {
        throwIfBad(headerProblem(buf, off, len));
        return uncheckedHeaderLength(buf, off);
    }

    /** Number of padding bytes at the end, including the count byte itself; 0 without the P bit. */
    public static int paddingLength(byte[] buf, int off, int len) {
        int headerLength = headerLength(buf, off, len);
        if ((buf[off] & PADDING_BIT) == 0) {
            return 0;
        }
        if (badPadding(buf, off, len, headerLength)) {
            throw new MalformedPacketException(Malformed.RTP_BAD_PADDING);
        }
        return u8(buf, off + len - 1);
    }

    /** Absolute index in {@code buf} of the first payload byte. */
    public static int payloadOffset(byte[] buf, int off, int len) {
        return off + headerLength(buf, off, len);
    }

    /** Payload length in bytes, excluding padding. */
    public static int payloadLength(byte[] buf, int off, int len) {
        return len - headerLength(buf, off, len) - paddingLength(buf, off, len);
    }

    /**
     * The extension block's "defined by profile" value ({@link #ONE_BYTE_PROFILE}, 0x1000-0x100F for the two-byte
     * form, anything for other profiles), or -1 when the X bit is clear.
     */
    public static int extensionProfile(byte[] buf, int off, int len) {
        throwIfBad(headerProblem(buf, off, len));
        return hasExtensionBit(buf, off) ? u16(buf, off + csrcEnd(buf, off)) : -1;
    }

    /** Absolute index of the extension data (after its 4-byte header), or -1 when the X bit is clear. */
    public static int extensionDataOffset(byte[] buf, int off, int len) {
        throwIfBad(headerProblem(buf, off, len));
        return hasExtensionBit(buf, off) ? off + csrcEnd(buf, off) + 4 : -1;
    }

    /** Length in bytes of the extension data (4 times the length field), or 0 when the X bit is clear. */
    public static int extensionDataLength(byte[] buf, int off, int len) {
        throwIfBad(headerProblem(buf, off, len));
        return hasExtensionBit(buf, off) ? 4 * u16(buf, off + csrcEnd(buf, off) + 2) : 0;
    }

    /** Sets the M bit. */
    public static void setMarker(byte[] buf, int off, int len, boolean marker) {
        requireFixedHeader(len);
        buf[off + 1] = (byte) (marker ? buf[off + 1] | MARKER_BIT : buf[off + 1] & ~MARKER_BIT);
    }

    /** Sets PT (0-127), keeping the M bit. */
    public static void setPayloadType(byte[] buf, int off, int len, int payloadType) {
        requireFixedHeader(len);
        Bytes.requireUnsigned(payloadType, 7, "payload type");
        buf[off + 1] = (byte) ((buf[off + 1] & MARKER_BIT) | payloadType);
    }

    /** Sets the sequence number (0-65535). */
    public static void setSequenceNumber(byte[] buf, int off, int len, int sequenceNumber) {
        requireFixedHeader(len);
        put16(buf, off + 2, (int) Bytes.requireUnsigned(sequenceNumber, 16, "sequence number"));
    }

    /** Sets the timestamp (0 to 2^32-1). */
    public static void setTimestamp(byte[] buf, int off, int len, long timestamp) {
        requireFixedHeader(len);
        put32(buf, off + 4, Bytes.requireUnsigned(timestamp, 32, "timestamp"));
    }

    /** Sets the SSRC (0 to 2^32-1). */
    public static void setSsrc(byte[] buf, int off, int len, long ssrc) {
        requireFixedHeader(len);
        put32(buf, off + 8, Bytes.requireUnsigned(ssrc, 32, "SSRC"));
    }

    /** Fixed header, version, CSRC list and extension block bounds; not the RFC 8285 elements, not padding. */
    static Malformed headerProblem(byte[] buf, int off, int len) {
        if (len < FIXED_HEADER_LENGTH) {
            return Malformed.RTP_TOO_SHORT;
        }
        if (u8(buf, off) >>> 6 != VERSION) {
            return Malformed.RTP_BAD_VERSION;
        }
        int csrcEnd = csrcEnd(buf, off);
        if (csrcEnd > len) {
            return Malformed.RTP_CSRC_BEYOND_END;
        }
        if (hasExtensionBit(buf, off)
                && (csrcEnd + 4 > len || csrcEnd + 4 + 4 * u16(buf, off + csrcEnd + 2) > len)) {
            return Malformed.RTP_EXTENSION_BEYOND_END;
        }
        return null;
    }

    /** Header length of a packet that passed {@link #headerProblem}. */
    static int uncheckedHeaderLength(byte[] buf, int off) {
        int csrcEnd = csrcEnd(buf, off);
        return hasExtensionBit(buf, off) ? csrcEnd + 4 + 4 * u16(buf, off + csrcEnd + 2) : csrcEnd;
    }

    static int csrcEnd(byte[] buf, int off) {
        return FIXED_HEADER_LENGTH + 4 * (buf[off] & 0x0F);
    }

    static boolean hasExtensionBit(byte[] buf, int off) {
        return (buf[off] & EXTENSION_BIT) != 0;
    }

    /** RFC 3550 §5.1: the count includes itself, so 0 is impossible, and padding may not reach into the header. */
    private static boolean badPadding(byte[] buf, int off, int len, int headerLength) {
        int count = u8(buf, off + len - 1);
        return count == 0 || count > len - headerLength;
    }

    private static void requireFixedHeader(int len) {
        if (len < FIXED_HEADER_LENGTH) {
            throw new MalformedPacketException(Malformed.RTP_TOO_SHORT);
        }
    }

    private static void throwIfBad(Malformed problem) {
        if (problem != null) {
            throw new MalformedPacketException(problem);
        }
    }
}
