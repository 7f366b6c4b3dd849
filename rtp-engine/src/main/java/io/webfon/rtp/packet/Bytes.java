package io.webfon.rtp.packet;

/**
 * Big-endian (network byte order) reads and writes at an absolute index into a byte array.
 *
 * <p>No bounds checks here: every caller has already checked, against the packet's own length, that the bytes it
 * touches lie inside the packet. Unsigned 32-bit values are returned as {@code long} so that SSRCs, timestamps and
 * counters compare and print as the RFCs write them, without sign surprises.
 */
final class Bytes {
    private Bytes() {
    }

    static int u8(byte[] buf, int i) {
        return buf[i] & 0xFF;
    }

    static int u16(byte[] buf, int i) {
        return (buf[i] & 0xFF) << 8 | (buf[i + 1] & 0xFF);
    }

    static int u24(byte[] buf, int i) {
        return (buf[i] & 0xFF) << 16 | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF);
    }

    /** A 24-bit two's-complement value (RTCP cumulative lost, TWCC reference time) widened with its sign. */
    static int s24(byte[] buf, int i) {
        return u24(buf, i) << 8 >> 8;
    }

    static int i32(byte[] buf, int i) {
        return (buf[i] & 0xFF) << 24 | (buf[i + 1] & 0xFF) << 16 | (buf[i + 2] & 0xFF) << 8 | (buf[i + 3] & 0xFF);
    }

    static long u32(byte[] buf, int i) {
        return i32(buf, i) & 0xFFFF_FFFFL;
    }

    static void put16(byte[] buf, int i, int value) {
        buf[i] = (byte) (value >>> 8);
        buf[i + 1] = (byte) value;
    }

    static void put24(byte[] buf, int i, int value) {
        buf[i] = (byte) (value >>> 16);
        buf[i + 1] = (byte) (value >>> 8);
        buf[i + 2] = (byte) value;
    }

    static void put32(byte[] buf, int i, long value) {
        buf[i] = (byte) (value >>> 24);
        buf[i + 1] = (byte) (value >>> 16);
        buf[i + 2] = (byte) (value >>> 8);
        buf[i + 3] = (byte) value;
    }

    /** Rejects a value that does not fit an unsigned field of {@code bits} bits: a caller bug, never wire input. */
    static long requireUnsigned(long value, int bits, String what) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(what + " out of range for " + bits + " bits: " + value);
        }
        return value;
    }
}
