package io.webfon.rtp.packet;

/**
 * CRC-32 (ISO 3309 / ITU-T V.42, the polynomial of Ethernet and zlib) for the STUN FINGERPRINT.
 *
 * <p>Table-driven and stateless rather than {@code java.util.zip.CRC32}, which is an object with state: one would
 * have to be allocated per check or kept per thread. STUN is a small share of a media port's traffic, so the
 * intrinsic's speed does not matter here; the tests check this table against {@code java.util.zip.CRC32}.
 */
final class Crc32 {
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private Crc32() {
    }

    /** CRC-32 of {@code buf[off .. off+len)}. */
    static int of(byte[] buf, int off, int len) {
        int c = 0xFFFFFFFF;
        for (int i = off; i < off + len; i++) {
            c = TABLE[(c ^ buf[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }
}
