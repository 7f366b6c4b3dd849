package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.i32;
import static io.webfon.rtp.packet.Bytes.u32;

import java.nio.charset.StandardCharsets;

/**
 * Reader for application-defined packets (APP, PT 204), RFC 3550 §6.7. Kept and relayed as they are; only the
 * fixed fields are exposed.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P| subtype |   PT=APP=204  |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           SSRC/CSRC                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          name (ASCII)                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                   application-dependent data                ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtcpApp {
    /** Where the application-dependent data starts. */
    static final int DATA_AT = 12;

    private RtcpApp() {
    }

    /** The 5-bit subtype. */
    public static int subtype(byte[] buf, int off, int len) {
        content(buf, off, len);
        return RtcpHeader.uncheckedCount(buf, off);
    }

    /** The SSRC/CSRC. */
    public static long ssrc(byte[] buf, int off, int len) {
        content(buf, off, len);
        return u32(buf, off + 4);
    }

    /** The four name octets as a big-endian int, for comparison without allocating. */
    public static int name(byte[] buf, int off, int len) {
        content(buf, off, len);
        return i32(buf, off + 8);
    }

    /** The name as a 4-character string (allocates). */
    public static String nameString(byte[] buf, int off, int len) {
        content(buf, off, len);
        return new String(buf, off + 8, 4, StandardCharsets.US_ASCII);
    }

    /** Absolute index of the application-dependent data. */
    public static int dataOffset(byte[] buf, int off, int len) {
        content(buf, off, len);
        return off + DATA_AT;
    }

    /** Length of the application-dependent data in bytes (padding excluded). */
    public static int dataLength(byte[] buf, int off, int len) {
        return content(buf, off, len) - DATA_AT;
    }

    private static int content(byte[] buf, int off, int len) {
        int content = RtcpHeader.content(buf, off, len, RtcpHeader.APP);
        if (content < DATA_AT) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        return content;
    }
}
