package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.s24;
import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u8;

/**
 * Reader for the fixed fields of transport-wide congestion control feedback (RTPFB FMT 15),
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1. The packet chunks and receive deltas that follow are
 * kept opaque and relayed untouched: the node does not run a send-side estimator of its own.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=15 |    PT=205     |           length              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                     SSRC of packet sender                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                      SSRC of media source                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      base sequence number     |      packet status count      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                 reference time                | fb pkt. count |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |          packet chunk         |         packet chunk          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    .                                                               .
 *    |         packet chunk          |  recv delta   |  recv delta   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    .                                                               .
 * </pre>
 */
public final class RtcpTwcc {
    /** Base sequence number, status count, reference time and feedback packet count. */
    static final int HEADER_FCI_LENGTH = 8;

    private RtcpTwcc() {
    }

    /** Transport-wide sequence number of the first packet this feedback covers. */
    public static int baseSequenceNumber(byte[] buf, int off, int len) {
        return u16(buf, fci(buf, off, len));
    }

    /** Number of packets whose status this feedback carries. */
    public static int packetStatusCount(byte[] buf, int off, int len) {
        return u16(buf, fci(buf, off, len) + 2);
    }

    /** Reference time: a signed 24-bit value in multiples of 64 ms. */
    public static int referenceTime(byte[] buf, int off, int len) {
        return s24(buf, fci(buf, off, len) + 4);
    }

    /** Feedback packet count, 0-255, incremented per feedback sent. */
    public static int feedbackPacketCount(byte[] buf, int off, int len) {
        return u8(buf, fci(buf, off, len) + 7);
    }

    private static int fci(byte[] buf, int off, int len) {
        if (RtcpFeedback.fci(buf, off, len, RtcpHeader.RTPFB, RtcpFeedback.FMT_TWCC) < HEADER_FCI_LENGTH) {
            throw new MalformedPacketException(Malformed.RTCP_BAD_FCI);
        }
        return off + RtcpFeedback.FCI_OFFSET;
    }
}
