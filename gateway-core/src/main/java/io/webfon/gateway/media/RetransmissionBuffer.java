package io.webfon.gateway.media;

/**
 * The last packets sent on a video stream, by sequence number, so that a NACK from the peer (RFC 4585) is
 * answered by sending the packet again. Plain (unencrypted) copies: SRTP encrypts a resent packet to the same
 * bytes, since send-side replay protection is off. Single writer (the thread that sends), readers synchronized.
 */
final class RetransmissionBuffer {
    private static final int SLOTS = 512;
    private static final int MAX_PACKET = 1500;

    private final byte[][] packets = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private final int[] sequences = new int[SLOTS];

    synchronized void store(byte[] buf, int off, int len, int sequence) {
        if (len > MAX_PACKET) {
            return;
        }
        int slot = sequence % SLOTS;
        byte[] copy = packets[slot];
        if (copy == null) {
            copy = new byte[MAX_PACKET + 32];
            packets[slot] = copy;
        }
        System.arraycopy(buf, off, copy, 0, len);
        lengths[slot] = len;
        sequences[slot] = sequence;
    }

    /** Copies the packet with this sequence number into {@code out} and returns its length, or -1. */
    synchronized int copy(int sequence, byte[] out) {
        int slot = sequence % SLOTS;
        if (packets[slot] == null || sequences[slot] != sequence) {
            return -1;
        }
        System.arraycopy(packets[slot], 0, out, 0, lengths[slot]);
        return lengths[slot];
    }
}
