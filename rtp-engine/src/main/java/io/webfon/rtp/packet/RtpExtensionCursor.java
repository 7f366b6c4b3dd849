package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u8;

/**
 * Walks the RTP header extension elements of RFC 8285 without allocating: one cursor per stage (or per thread),
 * reset for each packet. Elements of every ID are reported, known or not, and nothing is ever removed from the
 * packet: a relay forwards extensions it does not understand untouched.
 *
 * <p>One-byte form (profile 0xBEDE, RFC 8285 §4.2): a 4-bit ID and a 4-bit length L, the value being L+1 bytes;
 * ID 15 ends the walk, and a byte with ID 0 is padding.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       0xBE    |    0xDE       |           length=3            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *          ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          data                                 |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Two-byte form (profile 0x100 plus 4 application bits, RFC 8285 §4.3): an 8-bit ID and an 8-bit length (0-255
 * bytes of value); a zero byte is padding.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       0x10    |    0x00       |           length=3            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      ID       |     L=0       |     ID        |     L=1       |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |       data    |    0 (pad)    |       ID      |      L=4      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          data                                 |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Usage:
 * <pre>{@code
 * if (cursor.reset(buf, off, len)) {
 *     while (cursor.next()) {
 *         handle(cursor.id(), buf, cursor.valueOffset(), cursor.valueLength());
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe: it is the caller's scratch object. It never throws on bad input: a walk that meets an element
 * running past the block stops, and {@link #error()} says why.
 */
public final class RtpExtensionCursor {
    /** Step result: no further element (end of block, or one-byte ID 15). */
    private static final long END = -1;
    /** Step result: an element runs past the end of the block. */
    private static final long BAD = -2;
    private static final int ONE_BYTE_STOP_ID = 15;

    private byte[] buf;
    private int pos;
    private int end;
    private boolean twoByte;
    private int id = -1;
    private int valueOffset;
    private int valueLength;
    private Malformed error;

    /**
     * Positions the cursor before the first element of the packet's extension block.
     *
     * @return false when the packet is malformed ({@link #error()} then says why), has no extension, or has an
     *         extension of a profile other than RFC 8285's (kept opaque; {@link #error()} is then null)
     */
    public boolean reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = 0;
        this.end = 0;
        this.id = -1;
        this.error = RtpHeader.headerProblem(buf, off, len);
        if (error != null || !RtpHeader.hasExtensionBit(buf, off)) {
            return false;
        }
        int blockHeader = off + RtpHeader.csrcEnd(buf, off);
        int profile = u16(buf, blockHeader);
        if (profile != RtpHeader.ONE_BYTE_PROFILE
                && (profile & RtpHeader.TWO_BYTE_PROFILE_MASK) != RtpHeader.TWO_BYTE_PROFILE) {
            return false;
        }
        this.twoByte = profile != RtpHeader.ONE_BYTE_PROFILE;
        this.pos = blockHeader + 4;
        this.end = off + RtpHeader.uncheckedHeaderLength(buf, off);
        return true;
    }

    /** Advances to the next element; false at the end of the block or on a malformed element. */
    public boolean next() {
        long step = step(buf, pos, end, twoByte);
        if (step < 0) {
            if (step == BAD) {
                error = Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END;
            }
            pos = end;
            id = -1;
            return false;
        }
        valueOffset = (int) step;
        valueLength = (int) (step >>> 32) & 0xFFFF;
        id = (int) (step >>> 48) & 0xFF;
        pos = valueOffset + valueLength;
        return true;
    }

    /** Advances to the next element with this ID; false if there is none (the cursor is then at the end). */
    public boolean find(int wantedId) {
        while (next()) {
            if (id == wantedId) {
                return true;
            }
        }
        return false;
    }

    /** The current element's ID: 1-14 in the one-byte form, 1-255 in the two-byte form. */
    public int id() {
        return id;
    }

    /** Absolute index in the buffer of the current element's value. */
    public int valueOffset() {
        return valueOffset;
    }

    /** Length of the current element's value in bytes: 1-16 (one-byte form) or 0-255 (two-byte form). */
    public int valueLength() {
        return valueLength;
    }

    /** True for the two-byte form. */
    public boolean isTwoByte() {
        return twoByte;
    }

    /** Why the last {@link #reset} or {@link #next} stopped early, or null. */
    public Malformed error() {
        return error;
    }

    /**
     * Absolute index of the value of the first element with this ID, or -1 if absent (or the packet malformed, or
     * its extension not RFC 8285's). For values whose length the caller knows (audio level: 1 byte, transport-wide
     * sequence number: 2 bytes); otherwise use a cursor.
     */
    public static int findValueOffset(byte[] buf, int off, int len, int wantedId) {
        if (RtpHeader.headerProblem(buf, off, len) != null || !RtpHeader.hasExtensionBit(buf, off)) {
            return -1;
        }
        int blockHeader = off + RtpHeader.csrcEnd(buf, off);
        int profile = u16(buf, blockHeader);
        boolean oneByte = profile == RtpHeader.ONE_BYTE_PROFILE;
        if (!oneByte && (profile & RtpHeader.TWO_BYTE_PROFILE_MASK) != RtpHeader.TWO_BYTE_PROFILE) {
            return -1;
        }
        int end = off + RtpHeader.uncheckedHeaderLength(buf, off);
        for (int p = blockHeader + 4; ; ) {
            long step = step(buf, p, end, !oneByte);
            if (step < 0) {
                return -1;
            }
            if (((int) (step >>> 48) & 0xFF) == wantedId) {
                return (int) step;
            }
            p = (int) step + ((int) (step >>> 32) & 0xFFFF);
        }
    }

    /**
     * True when every RFC 8285 element of a packet (whose header already passed {@code headerProblem}) lies inside
     * the extension block; also true for other profiles, whose contents are opaque.
     */
    static boolean elementsFit(byte[] buf, int off, int headerLength) {
        int blockHeader = off + RtpHeader.csrcEnd(buf, off);
        int profile = u16(buf, blockHeader);
        boolean oneByte = profile == RtpHeader.ONE_BYTE_PROFILE;
        if (!oneByte && (profile & RtpHeader.TWO_BYTE_PROFILE_MASK) != RtpHeader.TWO_BYTE_PROFILE) {
            return true;
        }
        int end = off + headerLength;
        for (int p = blockHeader + 4; ; ) {
            long step = step(buf, p, end, !oneByte);
            if (step < 0) {
                return step == END;
            }
            p = (int) step + ((int) (step >>> 32) & 0xFFFF);
        }
    }

    /**
     * One element from {@code pos}: skips padding, then returns {@code id << 48 | length << 32 | valueOffset}, or
     * {@link #END} or {@link #BAD}. Packing the three small fields into a long lets the cursor and the static walks
     * share this one piece of bounds logic without allocating a result object.
     */
    private static long step(byte[] buf, int pos, int end, boolean twoByte) {
        // A padding byte has ID 0; in the one-byte form its length nibble is ignored, as libwebrtc does.
        int paddingMask = twoByte ? 0xFF : 0xF0;
        int p = pos;
        while (p < end && (buf[p] & paddingMask) == 0) {
            p++;
        }
        if (p >= end) {
            return END;
        }
        int first = u8(buf, p);
        int elementId;
        int length;
        int value;
        if (twoByte) {
            if (p + 2 > end) {
                return BAD;
            }
            elementId = first;
            length = u8(buf, p + 1);
            value = p + 2;
        } else {
            elementId = first >>> 4;
            if (elementId == ONE_BYTE_STOP_ID) {
                return END;
            }
            length = (first & 0x0F) + 1;
            value = p + 1;
        }
        if (value + length > end) {
            return BAD;
        }
        return (long) elementId << 48 | (long) length << 32 | value;
    }
}
