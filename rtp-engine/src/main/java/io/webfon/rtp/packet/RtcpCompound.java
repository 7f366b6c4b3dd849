package io.webfon.rtp.packet;

import java.util.Objects;

/**
 * Iterates the packets of a compound RTCP datagram (RFC 3550 §6.1) without allocating, and validates it.
 *
 * <pre>
 *    if encrypted: random 32-bit integer
 *    |
 *    |[--------- packet --------][---------- packet ----------][-packet-]
 *    |
 *    |                receiver            chunk        chunk
 *    V                reports           item  item   item  item
 *    --------------------------------------------------------------------
 *    R[SR #sendinfo #site1#site2][SDES #CNAME PHONE #CNAME LOC][BYE##why]
 *    --------------------------------------------------------------------
 *    |                                                                  |
 *    |&lt;-----------------------  compound packet -----------------------&gt;|
 *    |&lt;--------------------------  UDP packet  -------------------------&gt;|
 *
 *    #: SSRC/CSRC identifier
 * </pre>
 *
 * Each packet is a version 2 {@link RtcpHeader}; the lengths must add up exactly to the datagram; only the last
 * packet may carry padding. Beyond framing, the cursor also checks what each known type's typed reader relies on
 * (report blocks present, SDES chunks terminated, BYE reason inside, feedback FCI sizes), so that a packet it
 * yields can be handed to {@link RtcpReports}, {@link SdesCursor}, {@link RtcpBye}, {@link RtcpApp},
 * {@link RtcpFeedback}, {@link RtcpNack}, {@link RtcpFir}, {@link RtcpRemb} or {@link RtcpTwcc} without any of them
 * throwing. Types it does not know (XR, and any future ones) are framed and passed through.
 *
 * <p>Reduced-size RTCP (RFC 5506) is accepted: the first packet need not be an SR or RR.
 *
 * <p>Usage, reacting to feedback:
 * <pre>{@code
 * RtcpCompound rtcp = new RtcpCompound();           // one per stage, reused
 * rtcp.reset(buf, off, len);
 * while (rtcp.next()) {
 *     int p = rtcp.offset(), n = rtcp.length();
 *     if (RtcpFeedback.isPli(buf, p, n) || RtcpFeedback.isFir(buf, p, n)) requestKeyFrame(..);
 *     else if (RtcpFeedback.isNack(buf, p, n)) retransmit(RtcpNack.lostSequenceNumbers(buf, p, n, lost, 0));
 * }
 * if (rtcp.error() != null) dropped.count(rtcp.error());
 * }</pre>
 *
 * A cursor is not thread-safe; it is its caller's scratch object. It never throws on bad input.
 */
public final class RtcpCompound {
    private byte[] buf;
    private int next;
    private int end;
    private int offset;
    private int length;
    private boolean first;
    private Malformed error;

    /**
     * Starts iterating {@code buf[off .. off+len)}.
     *
     * @return this cursor
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public RtcpCompound reset(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        this.buf = buf;
        this.next = off;
        this.end = off + len;
        this.offset = off;
        this.length = 0;
        this.first = true;
        this.error = null;
        return this;
    }

    /**
     * Moves to the next packet.
     *
     * @return false at the end of the datagram, or when the next packet is malformed (then {@link #error()} is set
     *         and the iteration is over)
     */
    public boolean next() {
        if (error != null || (next >= end && !first)) {
            return false;
        }
        Malformed problem = RtcpHeader.frameProblem(buf, next, end, first);
        if (problem == null) {
            problem = RtcpChecks.structureProblem(buf, next);
        }
        first = false;
        if (problem != null) {
            error = problem;
            return false;
        }
        offset = next;
        length = RtcpHeader.uncheckedPacketLength(buf, next);
        next += length;
        return true;
    }

    /** Absolute index of the current packet's first byte. */
    public int offset() {
        return offset;
    }

    /** Length of the current packet in bytes, padding included. */
    public int length() {
        return length;
    }

    /** The current packet's type ({@link RtcpHeader#SR} ...). */
    public int packetType() {
        return Bytes.u8(buf, offset + 1);
    }

    /** The current packet's count / subtype / FMT field. */
    public int count() {
        return RtcpHeader.uncheckedCount(buf, offset);
    }

    /** Why the iteration stopped early, or null. */
    public Malformed error() {
        return error;
    }

    /**
     * Checks the whole compound: framing (lengths add up exactly, version 2, padding only last and sane) and each
     * known packet's structure.
     *
     * @return null if every packet is well formed, else the first reason found
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public static Malformed validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int pos = off;
        boolean first = true;
        while (first || pos < end) {
            Malformed problem = RtcpHeader.frameProblem(buf, pos, end, first);
            if (problem == null) {
                problem = RtcpChecks.structureProblem(buf, pos);
            }
            if (problem != null) {
                return problem;
            }
            first = false;
            pos += RtcpHeader.uncheckedPacketLength(buf, pos);
        }
        return null;
    }
}
