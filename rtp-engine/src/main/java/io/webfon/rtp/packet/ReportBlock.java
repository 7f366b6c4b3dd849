package io.webfon.rtp.packet;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), as a value: what {@link RtcpWriter} writes and
 * {@link RtcpReports#block} returns for callers that prefer a value to the allocation-free accessors.
 *
 * @param ssrc                       the source this block reports on, 0 to 2^32-1
 * @param fractionLost               lost fraction since the last report, in 1/256ths, 0-255
 * @param cumulativeLost             packets lost since the start, a signed 24-bit value (duplicates make it negative)
 * @param extendedHighestSequence    cycles × 65536 + highest sequence number received, 0 to 2^32-1
 * @param jitter                     interarrival jitter in timestamp units, 0 to 2^32-1
 * @param lastSenderReport           LSR: middle 32 bits of the NTP timestamp of the last SR received, or 0
 * @param delaySinceLastSenderReport DLSR: delay since that SR in 1/65536 s, or 0
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    /** Smallest cumulative lost count a 24-bit signed field holds. */
    public static final int MIN_CUMULATIVE_LOST = -(1 << 23);
    /** Largest cumulative lost count a 24-bit signed field holds. */
    public static final int MAX_CUMULATIVE_LOST = (1 << 23) - 1;

    /** Rejects values the wire fields cannot hold. */
    public ReportBlock {
        Bytes.requireUnsigned(ssrc, 32, "SSRC");
        Bytes.requireUnsigned(fractionLost, 8, "fraction lost");
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost out of 24-bit signed range: " + cumulativeLost);
        }
        Bytes.requireUnsigned(extendedHighestSequence, 32, "extended highest sequence");
        Bytes.requireUnsigned(jitter, 32, "jitter");
        Bytes.requireUnsigned(lastSenderReport, 32, "LSR");
        Bytes.requireUnsigned(delaySinceLastSenderReport, 32, "DLSR");
    }

    /** Clamps a running loss count into the 24-bit field, as RFC 3550 §6.4.1 asks of a sender. */
    public static int clampCumulativeLost(long lost) {
        return (int) Math.max(MIN_CUMULATIVE_LOST, Math.min(MAX_CUMULATIVE_LOST, lost));
    }
}
