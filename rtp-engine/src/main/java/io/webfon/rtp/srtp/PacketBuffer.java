package io.webfon.rtp.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A packet in a byte array (buffer, offset, length) that SRTP can grow in place: jitsi-srtp appends the
 * authentication tag with {@link #grow}/{@link #append} and strips it with {@link #shrink}. A buffer allocated
 * with spare room at the end is never copied; one without is reallocated once, with room to spare.
 */
public final class PacketBuffer implements ByteArrayBuffer {
    /** Room callers should leave after a packet for SRTP's tag and SRTCP's index (GCM: 16 + 4). */
    public static final int SRTP_TRAILER_ROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;

    public PacketBuffer(byte[] buffer, int offset, int length) {
        set(buffer, offset, length);
    }

    /** Points this buffer at another packet (one instance can be reused for every packet of a thread). */
    public PacketBuffer set(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("bad region " + offset + "+" + length + " of " + buffer.length);
        }
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int len) {
        if (len < 0 || offset + len > buffer.length) {
            throw new IllegalArgumentException("length " + len + " beyond the buffer");
        }
        this.length = len;
    }

    @Override
    public void setOffset(int off) {
        if (off < 0 || off + length > buffer.length) {
            throw new IllegalArgumentException("offset " + off + " beyond the buffer");
        }
        this.offset = off;
    }

    @Override
    public boolean isInvalid() {
        return buffer == null;
    }

    @Override
    public void readRegionToBuff(int position, int len, byte[] out) {
        System.arraycopy(buffer, offset + position, out, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (howMuch <= 0 || buffer.length - offset - length >= howMuch) {
            return;
        }
        byte[] bigger = new byte[offset + length + howMuch + SRTP_TRAILER_ROOM];
        System.arraycopy(buffer, offset, bigger, offset, length);
        buffer = bigger;
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int howMuch) {
        length = howMuch >= length ? 0 : length - howMuch;
    }
}
