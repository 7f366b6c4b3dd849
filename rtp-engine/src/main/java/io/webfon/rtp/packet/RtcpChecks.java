package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u8;

/**
 * Per-type structure checks for a framed RTCP packet: what each typed reader relies on. Kept apart from the typed
 * readers so that the compound cursor and {@link RtcpCompound#validate} share one definition of "well formed".
 */
final class RtcpChecks {
    /** SR: header, sender SSRC and the 20-byte sender info. */
    static final int SR_BLOCKS_AT = 28;
    /** RR: header and sender SSRC. */
    static final int RR_BLOCKS_AT = 8;
    static final int REPORT_BLOCK_LENGTH = 24;
    /** Feedback: header, sender SSRC, media source SSRC (RFC 4585 §6.1). */
    static final int FCI_AT = 12;

    private RtcpChecks() {
    }

    /** For a packet at {@code pos} that passed {@link RtcpHeader#frameProblem}: null, or what is wrong with it. */
    static Malformed structureProblem(byte[] buf, int pos) {
        int content = RtcpHeader.uncheckedContentLength(buf, pos);
        int count = RtcpHeader.uncheckedCount(buf, pos);
        switch (u8(buf, pos + 1)) {
            case RtcpHeader.SR:
                return atLeast(content, SR_BLOCKS_AT + REPORT_BLOCK_LENGTH * count);
            case RtcpHeader.RR:
                return atLeast(content, RR_BLOCKS_AT + REPORT_BLOCK_LENGTH * count);
            case RtcpHeader.SDES:
                return RtcpSdes.chunksProblem(buf, pos, content, count);
            case RtcpHeader.BYE:
                return byeProblem(buf, pos, content, count);
            case RtcpHeader.APP:
                return atLeast(content, RtcpApp.DATA_AT);
            case RtcpHeader.RTPFB:
                return content < FCI_AT ? Malformed.RTCP_BODY_TOO_SHORT
                        : transportFciProblem(count, content - FCI_AT);
            case RtcpHeader.PSFB:
                return content < FCI_AT ? Malformed.RTCP_BODY_TOO_SHORT
                        : payloadFciProblem(buf, pos, count, content - FCI_AT);
            default:
                return null;
        }
    }

    private static Malformed atLeast(int content, int needed) {
        return content < needed ? Malformed.RTCP_BODY_TOO_SHORT : null;
    }

    private static Malformed byeProblem(byte[] buf, int pos, int content, int sourceCount) {
        int reasonAt = 4 + 4 * sourceCount;
        if (content < reasonAt) {
            return Malformed.RTCP_BODY_TOO_SHORT;
        }
        if (content > reasonAt && reasonAt + 1 + u8(buf, pos + reasonAt) > content) {
            return Malformed.RTCP_BAD_BYE;
        }
        return null;
    }

    /** RFC 4585 §6.2 NACK, RFC 5104 §4.2 TMMBR/TMMBN, draft-holmer-rmcat-transport-wide-cc-extensions TWCC. */
    private static Malformed transportFciProblem(int fmt, int fci) {
        boolean ok;
        switch (fmt) {
            case RtcpFeedback.FMT_NACK:
                ok = fci >= 4 && fci % 4 == 0;
                break;
            case RtcpFeedback.FMT_TMMBR:
            case RtcpFeedback.FMT_TMMBN:
                ok = fci % 8 == 0;
                break;
            case RtcpFeedback.FMT_TWCC:
                ok = fci >= RtcpTwcc.HEADER_FCI_LENGTH;
                break;
            default:
                ok = true;
        }
        return ok ? null : Malformed.RTCP_BAD_FCI;
    }

    /** RFC 4585 §6.3 PLI/SLI, RFC 5104 §4.3 FIR, draft-alvestrand-rmcat-remb REMB. */
    private static Malformed payloadFciProblem(byte[] buf, int pos, int fmt, int fci) {
        boolean ok;
        switch (fmt) {
            case RtcpFeedback.FMT_SLI:
                ok = fci >= 4 && fci % 4 == 0;
                break;
            case RtcpFeedback.FMT_FIR:
                ok = fci >= RtcpFir.ENTRY_LENGTH && fci % RtcpFir.ENTRY_LENGTH == 0;
                break;
            case RtcpFeedback.FMT_AFB:
                ok = !RtcpRemb.hasIdentifier(buf, pos + FCI_AT, fci)
                        || fci >= RtcpRemb.SSRCS_AT && RtcpRemb.SSRCS_AT + 4 * u8(buf, pos + FCI_AT + 4) <= fci;
                break;
            default:
                ok = true;
        }
        return ok ? null : Malformed.RTCP_BAD_FCI;
    }
}
