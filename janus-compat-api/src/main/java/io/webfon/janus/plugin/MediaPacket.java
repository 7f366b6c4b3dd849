package io.webfon.janus.plugin;

/**
 * An RTP or RTCP packet between the core and a plugin, like Janus's {@code janus_plugin_rtp}/{@code _rtcp}: a
 * region of a byte array, plain (not encrypted), with the medium it belongs to. Valid only during the call that
 * hands it over (the array is reused); a plugin that keeps a packet copies it. A plugin may change the packet in
 * place before relaying it; {@code spare} bytes after it may be used to grow it.
 */
public final class MediaPacket {
    private byte[] buffer;
    private int offset;
    private int length;
    private int spare;
    private boolean video;
    private int mindex;
    private String mid;

    public MediaPacket set(byte[] buffer, int offset, int length, int spare, boolean video, int mindex, String mid) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.spare = spare;
        this.video = video;
        this.mindex = mindex;
        this.mid = mid;
        return this;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Writable bytes after the packet. */
    public int spare() {
        return spare;
    }

    public boolean video() {
        return video;
    }

    /** The m-line index of the medium in the SDP. */
    public int mindex() {
        return mindex;
    }

    /** The medium's {@code a=mid}. */
    public String mid() {
        return mid;
    }

    /** A copy of the bytes, for a plugin that must keep the packet. */
    public byte[] copy() {
        byte[] out = new byte[length];
        System.arraycopy(buffer, offset, out, 0, length);
        return out;
    }
}
