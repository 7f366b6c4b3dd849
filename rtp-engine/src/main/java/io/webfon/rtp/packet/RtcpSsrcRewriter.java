package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.put32;
import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.function.LongUnaryOperator;

/**
 * Rewrites, in place, every SSRC a compound RTCP packet names, through a mapping function: what a relay does when
 * it forwards RTCP from one leg to the other and the two legs know the streams by different SSRCs.
 *
 * <p>Rewritten: the sender SSRC of SR, RR, APP, XR and feedback; the SSRC of every report block (SR, RR); every
 * SDES chunk's SSRC/CSRC; every BYE source; the media source SSRC of feedback when it is not 0 (FIR and REMB leave
 * it 0 and name their sources in the FCI); the SSRC of every FIR entry and TMMBR/TMMBN entry; every SSRC a REMB
 * lists. Left alone: types this package does not know, the blocks inside XR, and opaque FCIs (TWCC, RPSI, other
 * AFB), which carry no SSRC in their fixed part.
 *
 * <pre>{@code
 * // browser leg -> PBX leg: the browser's SSRCs become ours, ours stay ours
 * Malformed bad = RtcpSsrcRewriter.rewrite(buf, off, len, ssrc -> ssrc == browserAudio ? pbxSideAudio : ssrc);
 * if (bad != null) dropped.count(bad);
 * }</pre>
 *
 * The mapping sees one SSRC at a time (as an unsigned value in a long) and returns the SSRC to write in its place
 * (itself to keep it); it must return a value in 0 to 2^32-1. No allocation beyond what the mapping does.
 */
public final class RtcpSsrcRewriter {
    private RtcpSsrcRewriter() {
    }

    /**
     * Validates the compound and, only if it is well formed, rewrites its SSRCs.
     *
     * @return null when rewritten; otherwise the reason the compound is malformed, and the buffer is untouched
     * @throws IllegalArgumentException if the mapping returns a value outside 0 to 2^32-1 (a caller bug; the
     *                                  packet is then partly rewritten)
     */
    public static Malformed rewrite(byte[] buf, int off, int len, LongUnaryOperator mapping) {
        Malformed problem = RtcpCompound.validate(buf, off, len);
        if (problem != null) {
            return problem;
        }
        int end = off + len;
        for (int pos = off; pos < end; pos += RtcpHeader.uncheckedPacketLength(buf, pos)) {
            rewritePacket(buf, pos, mapping);
        }
        return null;
    }

    private static void rewritePacket(byte[] buf, int pos, LongUnaryOperator mapping) {
        int content = RtcpHeader.uncheckedContentLength(buf, pos);
        int count = RtcpHeader.uncheckedCount(buf, pos);
        switch (u8(buf, pos + 1)) {
            case RtcpHeader.SR:
                map(buf, pos + 4, mapping);
                mapEvery(buf, pos + RtcpChecks.SR_BLOCKS_AT, count, RtcpChecks.REPORT_BLOCK_LENGTH, mapping);
                break;
            case RtcpHeader.RR:
                map(buf, pos + 4, mapping);
                mapEvery(buf, pos + RtcpChecks.RR_BLOCKS_AT, count, RtcpChecks.REPORT_BLOCK_LENGTH, mapping);
                break;
            case RtcpHeader.SDES:
                mapChunks(buf, pos, content, count, mapping);
                break;
            case RtcpHeader.BYE:
                mapEvery(buf, pos + 4, count, 4, mapping);
                break;
            case RtcpHeader.APP:
                map(buf, pos + 4, mapping);
                break;
            case RtcpHeader.RTPFB:
            case RtcpHeader.PSFB:
                mapFeedback(buf, pos, content, count, mapping);
                break;
            case RtcpHeader.XR:
                if (content >= 8) {
                    map(buf, pos + 4, mapping);
                }
                break;
            default:
                break;
        }
    }

    private static void mapFeedback(byte[] buf, int pos, int content, int fmt, LongUnaryOperator mapping) {
        map(buf, pos + 4, mapping);
        if (u32(buf, pos + 8) != 0) {
            map(buf, pos + 8, mapping);
        }
        int fci = pos + RtcpFeedback.FCI_OFFSET;
        int fciLength = content - RtcpFeedback.FCI_OFFSET;
        boolean transport = u8(buf, pos + 1) == RtcpHeader.RTPFB;
        if (transport && (fmt == RtcpFeedback.FMT_TMMBR || fmt == RtcpFeedback.FMT_TMMBN)
                || !transport && fmt == RtcpFeedback.FMT_FIR) {
            // FIR (RFC 5104 §4.3.1.1) and TMMBR/TMMBN (§4.2.1.1, §4.2.2.1) entries: SSRC then 4 more bytes.
            mapEvery(buf, fci, fciLength / 8, 8, mapping);
        } else if (!transport && fmt == RtcpFeedback.FMT_AFB && RtcpRemb.hasIdentifier(buf, fci, fciLength)) {
            mapEvery(buf, fci + RtcpRemb.SSRCS_AT, u8(buf, fci + 4), 4, mapping);
        }
    }

    private static void mapChunks(byte[] buf, int pos, int content, int count, LongUnaryOperator mapping) {
        int chunk = pos + RtcpHeader.HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            map(buf, chunk, mapping);
            // validated above, so never -1
            chunk = RtcpSdes.chunkEnd(buf, pos, chunk, pos + content);
        }
    }

    private static void mapEvery(byte[] buf, int first, int count, int stride, LongUnaryOperator mapping) {
        for (int i = 0; i < count; i++) {
            map(buf, first + stride * i, mapping);
        }
    }

    private static void map(byte[] buf, int at, LongUnaryOperator mapping) {
        long mapped = mapping.applyAsLong(u32(buf, at));
        put32(buf, at, Bytes.requireUnsigned(mapped, 32, "mapped SSRC"));
    }
}
