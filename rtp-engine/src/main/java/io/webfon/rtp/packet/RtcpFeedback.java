package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * The common part of RTCP feedback messages (RFC 4585 §6.1): transport-layer (RTPFB, PT 205) and payload-specific
 * (PSFB, PT 206), their FMT numbers, type tests, and the Slice Loss Indication (RFC 4585 §6.3.2).
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|   FMT   |       PT      |          length               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    :            Feedback Control Information (FCI)                 :
 *    :                                                               :
 *
 *    SLI FCI (PSFB FMT 2), one or more:
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |            First        |        Number           | PictureID |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A PLI (PSFB FMT 1) has no FCI. The typed FCIs are read by {@link RtcpNack}, {@link RtcpFir}, {@link RtcpRemb}
 * and {@link RtcpTwcc}; the others (RPSI, TMMBR/TMMBN, other AFB) are relayed untouched.
 *
 * <p>The {@code isXxx} tests look only at the header (and REMB's identifier), never throw, and do not validate;
 * the readers do.
 */
public final class RtcpFeedback {
    /** RTPFB: generic NACK (RFC 4585 §6.2.1). */
    public static final int FMT_NACK = 1;
    /** RTPFB: temporary maximum media stream bit rate request (RFC 5104 §4.2.1). */
    public static final int FMT_TMMBR = 3;
    /** RTPFB: temporary maximum media stream bit rate notification (RFC 5104 §4.2.2). */
    public static final int FMT_TMMBN = 4;
    /** RTPFB: transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
    public static final int FMT_TWCC = 15;
    /** PSFB: picture loss indication (RFC 4585 §6.3.1). */
    public static final int FMT_PLI = 1;
    /** PSFB: slice loss indication (RFC 4585 §6.3.2). */
    public static final int FMT_SLI = 2;
    /** PSFB: reference picture selection indication (RFC 4585 §6.3.3); opaque. */
    public static final int FMT_RPSI = 3;
    /** PSFB: full intra request (RFC 5104 §4.3.1). */
    public static final int FMT_FIR = 4;
    /** PSFB: application layer feedback (RFC 4585 §6.4), e.g. REMB. */
    public static final int FMT_AFB = 15;
    /** Header, sender SSRC, media source SSRC. */
    public static final int FCI_OFFSET = RtcpChecks.FCI_AT;

    private RtcpFeedback() {
    }

    /** An RTPFB or PSFB packet. */
    public static boolean isFeedback(byte[] buf, int off, int len) {
        if (len < RtcpHeader.HEADER_LENGTH) {
            return false;
        }
        int pt = u8(buf, off + 1);
        return pt == RtcpHeader.RTPFB || pt == RtcpHeader.PSFB;
    }

    /** Picture loss indication: the receiver wants a key frame. */
    public static boolean isPli(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.PSFB, FMT_PLI);
    }

    /** Slice loss indication. */
    public static boolean isSli(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.PSFB, FMT_SLI);
    }

    /** Full intra request: the receiver wants a key frame. */
    public static boolean isFir(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.PSFB, FMT_FIR);
    }

    /** Generic NACK: the receiver lost these packets. */
    public static boolean isNack(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.RTPFB, FMT_NACK);
    }

    /** Transport-wide congestion control feedback. */
    public static boolean isTwcc(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.RTPFB, FMT_TWCC);
    }

    /** Receiver estimated maximum bitrate: PSFB AFB whose FCI starts with "REMB". */
    public static boolean isRemb(byte[] buf, int off, int len) {
        return is(buf, off, len, RtcpHeader.PSFB, FMT_AFB)
                && RtcpRemb.hasIdentifier(buf, off + FCI_OFFSET, len - FCI_OFFSET);
    }

    /** SSRC of the packet sender. */
    public static long senderSsrc(byte[] buf, int off, int len) {
        anyFci(buf, off, len);
        return u32(buf, off + 4);
    }

    /** SSRC of the media source the feedback is about (0 for FIR and REMB, which name theirs in the FCI). */
    public static long mediaSsrc(byte[] buf, int off, int len) {
        anyFci(buf, off, len);
        return u32(buf, off + 8);
    }

    /** Absolute index of the FCI. */
    public static int fciOffset(byte[] buf, int off, int len) {
        anyFci(buf, off, len);
        return off + FCI_OFFSET;
    }

    /** Length of the FCI in bytes (padding excluded). */
    public static int fciLength(byte[] buf, int off, int len) {
        return anyFci(buf, off, len);
    }

    /** Number of SLI entries. */
    public static int sliCount(byte[] buf, int off, int len) {
        return fci(buf, off, len, RtcpHeader.PSFB, FMT_SLI) / 4;
    }

    /** The First field (13 bits: first lost macroblock) of SLI entry {@code index}. */
    public static int sliFirst(byte[] buf, int off, int len, int index) {
        return u32AtSli(buf, off, len, index) >>> 19;
    }

    /** The Number field (13 bits: lost macroblocks) of SLI entry {@code index}. */
    public static int sliNumber(byte[] buf, int off, int len, int index) {
        return u32AtSli(buf, off, len, index) >>> 6 & 0x1FFF;
    }

    /** The PictureID field (6 bits) of SLI entry {@code index}. */
    public static int sliPictureId(byte[] buf, int off, int len, int index) {
        return u32AtSli(buf, off, len, index) & 0x3F;
    }

    private static int u32AtSli(byte[] buf, int off, int len, int index) {
        Objects.checkIndex(index, sliCount(buf, off, len));
        return Bytes.i32(buf, off + FCI_OFFSET + 4 * index);
    }

    private static boolean is(byte[] buf, int off, int len, int type, int fmt) {
        return len >= RtcpHeader.HEADER_LENGTH && u8(buf, off + 1) == type && (buf[off] & 0x1F) == fmt;
    }

    /** FCI length of an RTPFB or PSFB packet of any FMT. */
    private static int anyFci(byte[] buf, int off, int len) {
        int type = RtcpHeader.packetType(buf, off, len);
        if (type != RtcpHeader.RTPFB && type != RtcpHeader.PSFB) {
            throw new MalformedPacketException(Malformed.RTCP_WRONG_TYPE);
        }
        return fciOf(RtcpHeader.content(buf, off, len, type));
    }

    /**
     * FCI length of a feedback packet of the given type and FMT.
     *
     * @throws MalformedPacketException if the packet is of another type or FMT, or shorter than 12 bytes
     */
    static int fci(byte[] buf, int off, int len, int type, int fmt) {
        int content = RtcpHeader.content(buf, off, len, type);
        if ((buf[off] & 0x1F) != fmt) {
            throw new MalformedPacketException(Malformed.RTCP_WRONG_TYPE);
        }
        return fciOf(content);
    }

    private static int fciOf(int content) {
        if (content < FCI_OFFSET) {
            throw new MalformedPacketException(Malformed.RTCP_BODY_TOO_SHORT);
        }
        return content - FCI_OFFSET;
    }
}
