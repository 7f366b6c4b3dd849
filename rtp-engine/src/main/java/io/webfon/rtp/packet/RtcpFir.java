package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * Reader for the full intra request (PSFB FMT 4), RFC 5104 §4.3.1: one entry per media sender asked for a key
 * frame, each with a sequence number the requester increments per new request (so that a repeated FIR is
 * recognised as the same request). The common header's media source SSRC is unused and 0.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=4  |   PT=206      |          length               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source (0)                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                              SSRC                             |  one or more
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  entries
 *    | Seq nr.       |    Reserved                                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtcpFir {
    /** SSRC, sequence number, 24 reserved bits. */
    public static final int ENTRY_LENGTH = 8;

    private RtcpFir() {
    }

    /** Number of FIR entries. */
    public static int entryCount(byte[] buf, int off, int len) {
        return RtcpFeedback.fci(buf, off, len, RtcpHeader.PSFB, RtcpFeedback.FMT_FIR) / ENTRY_LENGTH;
    }

    /** SSRC of the media sender that entry {@code index} asks for a key frame. */
    public static long ssrc(byte[] buf, int off, int len, int index) {
        return u32(buf, entry(buf, off, len, index));
    }

    /** Command sequence number of entry {@code index}, 0-255. */
    public static int sequenceNumber(byte[] buf, int off, int len, int index) {
        return u8(buf, entry(buf, off, len, index) + 4);
    }

    private static int entry(byte[] buf, int off, int len, int index) {
        Objects.checkIndex(index, entryCount(buf, off, len));
        return off + RtcpFeedback.FCI_OFFSET + ENTRY_LENGTH * index;
    }
}
