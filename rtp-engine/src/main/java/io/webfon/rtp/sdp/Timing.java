package io.webfon.rtp.sdp;

import java.util.List;

/**
 * A {@code t=} line and the {@code r=} lines after it (RFC 8866 §5.9-5.10). WebRTC and SIP always use
 * {@code t=0 0} (an unbounded session); repeat times are kept as text.
 *
 * @param start NTP start time, 0 for unbounded
 * @param stop NTP stop time, 0 for unbounded
 * @param repeats the {@code r=} values that follow this {@code t=} line, in order
 */
public record Timing(long start, long stop, List<String> repeats) {
    /** {@code t=0 0}. */
    public static final Timing UNBOUNDED = new Timing(0, 0, List.of());

    public Timing {
        if (start < 0 || stop < 0) {
            throw new IllegalArgumentException("t= times must not be negative");
        }
        repeats = Checks.list(repeats, "r= lines");
        repeats.forEach(r -> Checks.text(r, "r= line"));
    }

    /** The line value after {@code t=}. */
    public String toLineValue() {
        return start + " " + stop;
    }
}
