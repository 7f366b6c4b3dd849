package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u24;
import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * Reader for the receiver estimated maximum bitrate (REMB, PSFB FMT 15 with identifier "REMB"),
 * draft-alvestrand-rmcat-remb-03 §2.2. The bitrate is mantissa × 2^exp bits per second, for all the SSRCs listed.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P| FMT=15  |   PT=206      |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source (0)                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Unique identifier 'R' 'E' 'M' 'B'                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   SSRC feedback                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  ...                                                          |
 * </pre>
 */
public final class RtcpRemb {
    /** "REMB" as a big-endian int. */
    public static final int IDENTIFIER = 'R' << 24 | 'E' << 16 | 'M' << 8 | 'B';
    /** FCI bytes before the SSRC list: identifier, count, exponent and mantissa. */
    static final int SSRCS_AT = 8;
    /** Largest mantissa: 18 bits. */
    static final int MAX_MANTISSA = (1 << 18) - 1;

    private RtcpRemb() {
    }

    /** True if the {@code fciLength} bytes at {@code fci} start with "REMB". */
    static boolean hasIdentifier(byte[] buf, int fci, int fciLength) {
        return fciLength >= 4 && Bytes.i32(buf, fci) == IDENTIFIER;
    }

    /** The 6-bit exponent. */
    public static int exponent(byte[] buf, int off, int len) {
        return u8(buf, fci(buf, off, len) + 5) >>> 2;
    }

    /** The 18-bit mantissa. */
    public static int mantissa(byte[] buf, int off, int len) {
        return u24(buf, fci(buf, off, len) + 5) & MAX_MANTISSA;
    }

    /**
     * The bitrate in bits per second, mantissa × 2^exp; {@link Long#MAX_VALUE} when that does not fit a long
     * (exponents above 45 with a full mantissa: no real estimate, but the field allows it).
     */
    public static long bitrate(byte[] buf, int off, int len) {
        long mantissa = mantissa(buf, off, len);
        int exponent = exponent(buf, off, len);
        if (mantissa != 0 && exponent >= Long.numberOfLeadingZeros(mantissa)) {
            return Long.MAX_VALUE;
        }
        return mantissa << exponent;
    }

    /** Number of SSRCs the estimate applies to. */
    public static int ssrcCount(byte[] buf, int off, int len) {
        int fci = fci(buf, off, len);
        return u8(buf, fci + 4);
    }

    /** The {@code index}-th SSRC the estimate applies to. */
    public static long ssrc(byte[] buf, int off, int len, int index) {
        int fci = fci(buf, off, len);
        Objects.checkIndex(index, u8(buf, fci + 4));
        return u32(buf, fci + SSRCS_AT + 4 * index);
    }

    /** Absolute index of the FCI of a well-formed REMB; throws otherwise. */
    private static int fci(byte[] buf, int off, int len) {
        int fciLength = RtcpFeedback.fci(buf, off, len, RtcpHeader.PSFB, RtcpFeedback.FMT_AFB);
        int fci = off + RtcpFeedback.FCI_OFFSET;
        if (!hasIdentifier(buf, fci, fciLength)) {
            throw new MalformedPacketException(Malformed.RTCP_WRONG_TYPE);
        }
        if (fciLength < SSRCS_AT || SSRCS_AT + 4 * u8(buf, fci + 4) > fciLength) {
            throw new MalformedPacketException(Malformed.RTCP_BAD_FCI);
        }
        return fci;
    }
}
