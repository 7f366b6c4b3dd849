package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u16;

import java.util.Objects;

/**
 * Reader for the generic NACK (RTPFB FMT 1), RFC 4585 §6.2.1: a list of PID/BLP pairs, each naming a lost packet
 * (PID) and, in BLP, which of the 16 following ones were lost too (bit i set: PID + i + 1 lost).
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=1  |   PT=205      |          length               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |            PID                |             BLP               |  one or more
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Written by {@link RtcpFeedbackWriter#writeNack}.
 */
public final class RtcpNack {
    /** One pair names at most 17 lost packets: PID and 16 bits of BLP. */
    public static final int MAX_LOST_PER_PAIR = 17;

    private RtcpNack() {
    }

    /** Number of PID/BLP pairs. */
    public static int pairCount(byte[] buf, int off, int len) {
        return RtcpFeedback.fci(buf, off, len, RtcpHeader.RTPFB, RtcpFeedback.FMT_NACK) / 4;
    }

    /** PID of pair {@code index}: a lost sequence number. */
    public static int packetId(byte[] buf, int off, int len, int index) {
        Objects.checkIndex(index, pairCount(buf, off, len));
        return u16(buf, off + RtcpFeedback.FCI_OFFSET + 4 * index);
    }

    /** BLP of pair {@code index}: bit i set means PID + i + 1 was lost too. */
    public static int lostBitmask(byte[] buf, int off, int len, int index) {
        Objects.checkIndex(index, pairCount(buf, off, len));
        return u16(buf, off + RtcpFeedback.FCI_OFFSET + 4 * index + 2);
    }

    /** Total number of lost sequence numbers named (duplicates across pairs counted twice). */
    public static int lostCount(byte[] buf, int off, int len) {
        int pairs = pairCount(buf, off, len);
        int count = 0;
        for (int i = 0; i < pairs; i++) {
            count += 1 + Integer.bitCount(u16(buf, off + RtcpFeedback.FCI_OFFSET + 4 * i + 2));
        }
        return count;
    }

    /**
     * Expands the pairs into lost sequence numbers, in packet order, into {@code out} from {@code outOff}.
     * {@code out} needs room for {@link #lostCount} entries ({@link #MAX_LOST_PER_PAIR} per pair at most).
     *
     * @return the number of sequence numbers written
     * @throws IndexOutOfBoundsException if {@code out} has too little room (a caller bug)
     */
    public static int lostSequenceNumbers(byte[] buf, int off, int len, int[] out, int outOff) {
        int total = lostCount(buf, off, len);
        Objects.checkFromIndexSize(outOff, total, out.length);
        int pairs = pairCount(buf, off, len);
        int n = outOff;
        for (int i = 0; i < pairs; i++) {
            int at = off + RtcpFeedback.FCI_OFFSET + 4 * i;
            int pid = u16(buf, at);
            int blp = u16(buf, at + 2);
            out[n++] = pid;
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & 1 << bit) != 0) {
                    out[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n - outOff;
    }
}
