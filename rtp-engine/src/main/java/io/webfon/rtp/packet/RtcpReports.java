package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.s24;
import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * Readers for sender reports (SR, PT 200) and receiver reports (RR, PT 201), RFC 3550 §6.4.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_1 (SSRC of first source)                 |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   1    | fraction lost |       cumulative number of packets lost       |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |           extended highest sequence number received           |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      interarrival jitter                      |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         last SR (LSR)                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                   delay since last SR (DLSR)                  |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report |                 SSRC_2 (SSRC of second source)                |
 * block  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   2    :                               ...                             :
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * An RR (PT 201) is the same without the sender info: its report blocks start at byte 8. The sender SSRC is read
 * with {@link RtcpHeader#senderSsrc}. Block accessors take the SR or RR packet and a block index below
 * {@link #reportCount}; the block's start is worked out from the packet type.
 */
public final class RtcpReports {
    private RtcpReports() {
    }

    /** The SR's 64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low word). */
    public static long ntpTimestamp(byte[] buf, int off, int len) {
        requireSenderInfo(buf, off, len);
        return u32(buf, off + 8) << 32 | u32(buf, off + 12);
    }

    /** The SR's RTP timestamp. */
    public static long rtpTimestamp(byte[] buf, int off, int len) {
        requireSenderInfo(buf, off, len);
        return u32(buf, off + 16);
    }

    /** The SR's sender packet count. */
    public static long packetCount(byte[] buf, int off, int len) {
        requireSenderInfo(buf, off, len);
        return u32(buf, off + 20);
    }

    /** The SR's sender octet count. */
    public static long octetCount(byte[] buf, int off, int len) {
        requireSenderInfo(buf, off, len);
        return u32(buf, off + 24);
    }

    /** The SR's sender info as a value (allocates). */
    public static SenderInfo senderInfo(byte[] buf, int off, int len) {
        return new SenderInfo(ntpTimestamp(buf, off, len), rtpTimestamp(buf, off, len), packetCount(buf, off, len),
                octetCount(buf, off, len));
    }

    /** Number of report blocks (RC) of an SR or RR. */
    public static int reportCount(byte[] buf, int off, int len) {
        reportContent(buf, off, len);
        return RtcpHeader.uncheckedCount(buf, off);
    }

    /**
     * Absolute index of report block {@code index} of an SR or RR.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not below {@link #reportCount} (a caller bug)
     * @throws MalformedPacketException if the packet is not an SR or RR or the block lies past its end
     */
    public static int blockOffset(byte[] buf, int off, int len, int index) {
        int content = reportContent(buf, off, len);
        Objects.checkIndex(index, RtcpHeader.uncheckedCount(buf, off));
        int first = u8(buf, off + 1) == RtcpHeader.SR ? RtcpChecks.SR_BLOCKS_AT : RtcpChecks.RR_BLOCKS_AT;
        int at = first + RtcpChecks.REPORT_BLOCK_LENGTH * index;
        if (at + RtcpChecks.REPORT_BLOCK_LENGTH > content) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        return off + at;
    }

    /** SSRC of the source that block {@code index} reports on. */
    public static long blockSsrc(byte[] buf, int off, int len, int index) {
        return u32(buf, blockOffset(buf, off, len, index));
    }

    /** Fraction lost of block {@code index}, in 1/256ths. */
    public static int fractionLost(byte[] buf, int off, int len, int index) {
        return u8(buf, blockOffset(buf, off, len, index) + 4);
    }

    /** Cumulative number of packets lost of block {@code index}: 24-bit signed, negative with duplicates. */
    public static int cumulativeLost(byte[] buf, int off, int len, int index) {
        return s24(buf, blockOffset(buf, off, len, index) + 5);
    }

    /** Extended highest sequence number received of block {@code index}. */
    public static long extendedHighestSequence(byte[] buf, int off, int len, int index) {
        return u32(buf, blockOffset(buf, off, len, index) + 8);
    }

    /** Interarrival jitter of block {@code index}, in timestamp units. */
    public static long jitter(byte[] buf, int off, int len, int index) {
        return u32(buf, blockOffset(buf, off, len, index) + 12);
    }

    /** LSR of block {@code index}: the middle 32 bits of the last SR's NTP timestamp, or 0. */
    public static long lastSenderReport(byte[] buf, int off, int len, int index) {
        return u32(buf, blockOffset(buf, off, len, index) + 16);
    }

    /** DLSR of block {@code index}, in 1/65536 s. */
    public static long delaySinceLastSenderReport(byte[] buf, int off, int len, int index) {
        return u32(buf, blockOffset(buf, off, len, index) + 20);
    }

    /** Block {@code index} as a value (allocates). */
    public static ReportBlock block(byte[] buf, int off, int len, int index) {
        int at = blockOffset(buf, off, len, index);
        return new ReportBlock(u32(buf, at), u8(buf, at + 4), s24(buf, at + 5), u32(buf, at + 8), u32(buf, at + 12),
                u32(buf, at + 16), u32(buf, at + 20));
    }

    private static void requireSenderInfo(byte[] buf, int off, int len) {
        if (RtcpHeader.content(buf, off, len, RtcpHeader.SR) < RtcpChecks.SR_BLOCKS_AT) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
    }

    /** Content length of an SR or RR; throws for any other packet. */
    private static int reportContent(byte[] buf, int off, int len) {
        int type = RtcpHeader.packetType(buf, off, len);
        if (type != RtcpHeader.SR && type != RtcpHeader.RR) {
            throw new MalformedPacketException(Malformed.RTCP_WRONG_TYPE);
        }
        return RtcpHeader.content(buf, off, len, type);
    }
}
