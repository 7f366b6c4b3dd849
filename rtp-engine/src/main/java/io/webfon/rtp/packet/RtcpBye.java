package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reader for goodbye packets (BYE, PT 203), RFC 3550 §6.6.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtcpBye {
    private RtcpBye() {
    }

    /** Number of SSRC/CSRC identifiers (SC). */
    public static int sourceCount(byte[] buf, int off, int len) {
        RtcpHeader.content(buf, off, len, RtcpHeader.BYE);
        return RtcpHeader.uncheckedCount(buf, off);
    }

    /**
     * The {@code index}-th SSRC or CSRC leaving.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #sourceCount} (a caller bug)
     */
    public static long source(byte[] buf, int off, int len, int index) {
        int content = RtcpHeader.content(buf, off, len, RtcpHeader.BYE);
        Objects.checkIndex(index, RtcpHeader.uncheckedCount(buf, off));
        int at = 4 + 4 * index;
        if (at + 4 > content) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        return u32(buf, off + at);
    }

    /** Absolute index of the reason text, or -1 if the packet carries none. */
    public static int reasonOffset(byte[] buf, int off, int len) {
        int at = reasonLengthAt(buf, off, len);
        return at < 0 ? -1 : off + at + 1;
    }

    /** Length of the reason text in bytes, or 0 if there is none. */
    public static int reasonLength(byte[] buf, int off, int len) {
        int at = reasonLengthAt(buf, off, len);
        return at < 0 ? 0 : u8(buf, off + at);
    }

    /** The reason decoded as UTF-8 (allocates), or null. */
    public static String reason(byte[] buf, int off, int len) {
        int at = reasonLengthAt(buf, off, len);
        return at < 0 ? null : new String(buf, off + at + 1, u8(buf, off + at), StandardCharsets.UTF_8);
    }

    /** Position of the reason's length octet relative to {@code off}, or -1; throws if the reason overruns. */
    private static int reasonLengthAt(byte[] buf, int off, int len) {
        int content = RtcpHeader.content(buf, off, len, RtcpHeader.BYE);
        int at = 4 + 4 * RtcpHeader.uncheckedCount(buf, off);
        if (content < at) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        if (content == at) {
            return -1;
        }
        if (at + 1 + u8(buf, off + at) > content) {
            throw new MalformedPacketException(Malformed.RTCP_BAD_BYE);
        }
        return at;
    }
}
