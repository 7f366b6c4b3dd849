package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u32;
import static io.webfon.rtp.packet.Bytes.u8;

import java.nio.charset.StandardCharsets;

/**
 * Walks the chunks and items of one SDES packet (RFC 3550 §6.5; layout in {@link RtcpSdes}) without allocating.
 *
 * <pre>{@code
 * if (sdes.reset(buf, rtcp.offset(), rtcp.length())) {
 *     while (sdes.nextChunk()) {
 *         long ssrc = sdes.ssrc();
 *         while (sdes.nextItem()) {
 *             if (sdes.itemType() == RtcpSdes.CNAME) cname(ssrc, buf, sdes.itemOffset(), sdes.itemLength());
 *         }
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe; never throws on bad input: the walk stops and {@link #error()} says why.
 */
public final class SdesCursor {
    private byte[] buf;
    private int packet;
    private int contentEnd;
    private int chunksLeft;
    private int nextChunk;
    private int chunkEnd;
    private long ssrc;
    private int itemPos;
    private int itemType;
    private int itemOffset;
    private int itemLength;
    private Malformed error;

    /**
     * Positions before the first chunk of the SDES packet at {@code off} ({@code len} bytes available).
     *
     * @return false if it is not a well-formed SDES header ({@link #error()} says why)
     */
    public boolean reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.packet = off;
        this.chunksLeft = 0;
        this.chunkEnd = off;
        this.itemPos = off;
        this.error = RtcpHeader.contentProblem(buf, off, len, RtcpHeader.SDES);
        if (error != null) {
            return false;
        }
        this.contentEnd = off + RtcpHeader.uncheckedContentLength(buf, off);
        this.chunksLeft = RtcpHeader.uncheckedCount(buf, off);
        this.nextChunk = off + RtcpHeader.HEADER_LENGTH;
        return true;
    }

    /** Moves to the next chunk; false after the last one (SC of them) or on a malformed chunk. */
    public boolean nextChunk() {
        if (chunksLeft == 0 || error != null) {
            return false;
        }
        int end = RtcpSdes.chunkEnd(buf, packet, nextChunk, contentEnd);
        if (end < 0) {
            error = Malformed.RTCP_BAD_SDES;
            chunksLeft = 0;
            return false;
        }
        chunksLeft--;
        ssrc = u32(buf, nextChunk);
        itemPos = nextChunk + 4;
        chunkEnd = end;
        nextChunk = end;
        return true;
    }

    /** Moves to the next item of the current chunk; false at its terminating null octet. */
    public boolean nextItem() {
        // chunkEnd() already proved that every item up to the null octet lies inside the chunk.
        if (itemPos >= chunkEnd || buf[itemPos] == RtcpSdes.END) {
            return false;
        }
        itemType = u8(buf, itemPos);
        itemLength = u8(buf, itemPos + 1);
        itemOffset = itemPos + 2;
        itemPos = itemOffset + itemLength;
        return true;
    }

    /** Moves to the next item of this type in the current chunk; false if there is none. */
    public boolean findItem(int type) {
        while (nextItem()) {
            if (itemType == type) {
                return true;
            }
        }
        return false;
    }

    /** The current chunk's SSRC or CSRC. */
    public long ssrc() {
        return ssrc;
    }

    /** The current item's type ({@link RtcpSdes#CNAME} ...). */
    public int itemType() {
        return itemType;
    }

    /** Absolute index of the current item's text. */
    public int itemOffset() {
        return itemOffset;
    }

    /** Length of the current item's text in bytes, 0-255. */
    public int itemLength() {
        return itemLength;
    }

    /** The current item's text decoded as UTF-8 (allocates). */
    public String itemText() {
        return new String(buf, itemOffset, itemLength, StandardCharsets.UTF_8);
    }

    /** Why the walk stopped early, or null. */
    public Malformed error() {
        return error;
    }
}
