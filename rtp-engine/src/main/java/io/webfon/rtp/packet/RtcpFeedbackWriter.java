package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.put16;
import static io.webfon.rtp.packet.Bytes.put32;

import java.util.Objects;

/**
 * Writers for the feedback a media server sends (RFC 4585, RFC 5104, draft-alvestrand-rmcat-remb): PLI and FIR to
 * ask a sender for a key frame, NACK to ask for retransmissions, REMB to cap a sender's bitrate. Layouts are drawn
 * in {@link RtcpFeedback}, {@link RtcpFir}, {@link RtcpNack} and {@link RtcpRemb}.
 *
 * <p>Same conventions as {@link RtcpWriter}: write at an offset and return the length, or use the allocating twin.
 * <pre>{@code
 * int n = RtcpFeedbackWriter.writePli(buf, off, ourSsrc, theirVideoSsrc);
 * int m = RtcpFeedbackWriter.writeNack(buf, off, ourSsrc, theirSsrc, lost, 0, lostCount);
 * firSeq = firSeq + 1 & 0xFF;   // RFC 5104 §4.3.1.2: one more per new request, the same for a repetition
 * int f = RtcpFeedbackWriter.writeFir(buf, off, ourSsrc, theirVideoSsrc, firSeq);
 * }</pre>
 */
public final class RtcpFeedbackWriter {
    /** A PLI has no FCI. */
    public static final int PLI_LENGTH = 12;
    /** A FIR with one entry. */
    public static final int FIR_LENGTH = 20;
    /** The SSRC count of a REMB is one octet. */
    public static final int MAX_REMB_SSRCS = 255;

    private RtcpFeedbackWriter() {
    }

    /** Writes a PLI (PSFB FMT 1) about {@code mediaSsrc}; returns 12. */
    public static int writePli(byte[] buf, int off, long senderSsrc, long mediaSsrc) {
        Objects.checkFromIndexSize(off, PLI_LENGTH, buf.length);
        common(buf, off, RtcpFeedback.FMT_PLI, RtcpHeader.PSFB, PLI_LENGTH, senderSsrc, mediaSsrc);
        return PLI_LENGTH;
    }

    /**
     * Writes a FIR (PSFB FMT 4) asking {@code targetSsrc} for a key frame; returns 20. The caller keeps
     * {@code sequenceNumber} (0-255) per target: incremented for each new request, repeated for a retransmission.
     */
    public static int writeFir(byte[] buf, int off, long senderSsrc, long targetSsrc, int sequenceNumber) {
        Bytes.requireUnsigned(sequenceNumber, 8, "FIR sequence number");
        Objects.checkFromIndexSize(off, FIR_LENGTH, buf.length);
        // RFC 5104 §4.3.1.2: the media source SSRC of the common header is unused by FIR and set to 0.
        common(buf, off, RtcpFeedback.FMT_FIR, RtcpHeader.PSFB, FIR_LENGTH, senderSsrc, 0);
        put32(buf, off + 12, Bytes.requireUnsigned(targetSsrc, 32, "SSRC"));
        put32(buf, off + 16, (long) sequenceNumber << 24);
        return FIR_LENGTH;
    }

    /**
     * Length of the NACK that {@link #writeNack} writes for {@code seqs[from .. from+count)}.
     *
     * @throws IllegalArgumentException if {@code count} is 0 (a NACK names at least one packet) or a number is not
     *                                  a 16-bit sequence number
     */
    public static int nackLength(int[] seqs, int from, int count) {
        Objects.checkFromIndexSize(from, count, seqs.length);
        if (count == 0) {
            throw new IllegalArgumentException("a NACK names at least one lost packet (RFC 4585 §6.2.1)");
        }
        return RtcpFeedback.FCI_OFFSET + 4 * pack(seqs, from, count, null, 0);
    }

    /**
     * Writes a generic NACK (RTPFB FMT 1) naming the lost sequence numbers {@code seqs[from .. from+count)};
     * returns its length. Numbers are packed greedily in the order given: each starts a new PID/BLP pair unless it
     * falls within the 16 packets after the current PID, so a list in RTP order (wrap-around included) packs
     * tightest; duplicates of a PID are dropped.
     */
    public static int writeNack(byte[] buf, int off, long senderSsrc, long mediaSsrc, int[] seqs, int from,
                                int count) {
        int length = nackLength(seqs, from, count);
        Objects.checkFromIndexSize(off, length, buf.length);
        common(buf, off, RtcpFeedback.FMT_NACK, RtcpHeader.RTPFB, length, senderSsrc, mediaSsrc);
        pack(seqs, from, count, buf, off + RtcpFeedback.FCI_OFFSET);
        return length;
    }

    /**
     * Writes a REMB (PSFB FMT 15) capping the listed SSRCs at {@code bitrate} bits per second; returns its length.
     * The bitrate is stored as an 18-bit mantissa and 6-bit exponent, rounded down.
     */
    public static int writeRemb(byte[] buf, int off, long senderSsrc, long bitrate, long... ssrcs) {
        if (bitrate < 0) {
            throw new IllegalArgumentException("negative bitrate: " + bitrate);
        }
        if (ssrcs.length > MAX_REMB_SSRCS) {
            throw new IllegalArgumentException("at most " + MAX_REMB_SSRCS + " SSRCs in a REMB: " + ssrcs.length);
        }
        int length = rembLength(ssrcs.length);
        Objects.checkFromIndexSize(off, length, buf.length);
        common(buf, off, RtcpFeedback.FMT_AFB, RtcpHeader.PSFB, length, senderSsrc, 0);
        int exponent = 0;
        long mantissa = bitrate;
        while (mantissa > RtcpRemb.MAX_MANTISSA) {
            mantissa >>>= 1;
            exponent++;
        }
        put32(buf, off + 12, RtcpRemb.IDENTIFIER & 0xFFFF_FFFFL);
        buf[off + 16] = (byte) ssrcs.length;
        buf[off + 17] = (byte) (exponent << 2 | (int) (mantissa >>> 16));
        put16(buf, off + 18, (int) mantissa);
        for (int i = 0; i < ssrcs.length; i++) {
            put32(buf, off + 20 + 4 * i, Bytes.requireUnsigned(ssrcs[i], 32, "SSRC"));
        }
        return length;
    }

    /** Length of a REMB listing {@code ssrcs} SSRCs. */
    public static int rembLength(int ssrcs) {
        return RtcpFeedback.FCI_OFFSET + RtcpRemb.SSRCS_AT + 4 * ssrcs;
    }

    /** A PLI in a new array. */
    public static byte[] pli(long senderSsrc, long mediaSsrc) {
        byte[] out = new byte[PLI_LENGTH];
        writePli(out, 0, senderSsrc, mediaSsrc);
        return out;
    }

    /** A FIR in a new array. */
    public static byte[] fir(long senderSsrc, long targetSsrc, int sequenceNumber) {
        byte[] out = new byte[FIR_LENGTH];
        writeFir(out, 0, senderSsrc, targetSsrc, sequenceNumber);
        return out;
    }

    /** A NACK in a new array. */
    public static byte[] nack(long senderSsrc, long mediaSsrc, int... seqs) {
        byte[] out = new byte[nackLength(seqs, 0, seqs.length)];
        writeNack(out, 0, senderSsrc, mediaSsrc, seqs, 0, seqs.length);
        return out;
    }

    /** A REMB in a new array. */
    public static byte[] remb(long senderSsrc, long bitrate, long... ssrcs) {
        byte[] out = new byte[rembLength(ssrcs.length)];
        writeRemb(out, 0, senderSsrc, bitrate, ssrcs);
        return out;
    }

    private static void common(byte[] buf, int off, int fmt, int type, int length, long senderSsrc,
                               long mediaSsrc) {
        Bytes.requireUnsigned(senderSsrc, 32, "sender SSRC");
        Bytes.requireUnsigned(mediaSsrc, 32, "media source SSRC");
        RtcpWriter.header(buf, off, fmt, type, length);
        put32(buf, off + 4, senderSsrc);
        put32(buf, off + 8, mediaSsrc);
    }

    /**
     * Packs sequence numbers into PID/BLP pairs; writes them at {@code at} when {@code buf} is not null (the first
     * pass only counts). Returns the number of pairs.
     */
    private static int pack(int[] seqs, int from, int count, byte[] buf, int at) {
        int pairs = 0;
        int pid = -1;
        int blp = 0;
        for (int i = from; i < from + count; i++) {
            int seq = (int) Bytes.requireUnsigned(seqs[i], 16, "sequence number");
            int distance = (seq - pid) & 0xFFFF;
            if (pid >= 0 && distance <= 16) {
                blp |= distance == 0 ? 0 : 1 << (distance - 1);
                continue;
            }
            if (pid >= 0) {
                writePair(buf, at + 4 * pairs++, pid, blp);
            }
            pid = seq;
            blp = 0;
        }
        writePair(buf, at + 4 * pairs++, pid, blp);
        return pairs;
    }

    private static void writePair(byte[] buf, int at, int pid, int blp) {
        if (buf != null) {
            put16(buf, at, pid);
            put16(buf, at + 2, blp);
        }
    }
}
