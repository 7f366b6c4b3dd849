package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u8;

/**
 * Source description (SDES, PT 202), RFC 3550 §6.5: item types and the chunk walk shared by {@link SdesCursor},
 * the compound validation and the SSRC rewriter.
 *
 * <pre>
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_2                          |
 *   2    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |    CNAME=1    |     length    | user and domain name        ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Each item is a type octet, a length octet and that many octets of UTF-8 text. A chunk's item list ends with a
 * null octet (item type 0), followed by more null octets up to the next 32-bit boundary.
 */
public final class RtcpSdes {
    /** End of the item list. */
    public static final int END = 0;
    /** Canonical end-point identifier. */
    public static final int CNAME = 1;
    /** User name. */
    public static final int NAME = 2;
    /** Electronic mail address. */
    public static final int EMAIL = 3;
    /** Phone number. */
    public static final int PHONE = 4;
    /** Geographic user location. */
    public static final int LOC = 5;
    /** Application or tool name. */
    public static final int TOOL = 6;
    /** Notice/status. */
    public static final int NOTE = 7;
    /** Private extensions (prefix length, prefix, value; kept opaque). */
    public static final int PRIV = 8;

    private RtcpSdes() {
    }

    /**
     * The CNAME of the first chunk that has one, decoded from UTF-8 (allocates), or null.
     *
     * @throws MalformedPacketException if the packet is not a well-formed SDES
     */
    public static String cname(byte[] buf, int off, int len) {
        SdesCursor sdes = new SdesCursor();
        if (!sdes.reset(buf, off, len)) {
            throw new MalformedPacketException(sdes.error());
        }
        while (sdes.nextChunk()) {
            if (sdes.findItem(CNAME)) {
                return sdes.itemText();
            }
        }
        if (sdes.error() != null) {
            throw new MalformedPacketException(sdes.error());
        }
        return null;
    }

    /** Checks {@code count} chunks of an SDES packet at {@code pos} whose content is {@code content} bytes. */
    static Malformed chunksProblem(byte[] buf, int pos, int content, int count) {
        int contentEnd = pos + content;
        int chunk = pos + RtcpHeader.HEADER_LENGTH;
        for (int i = 0; i < count; i++) {
            chunk = chunkEnd(buf, pos, chunk, contentEnd);
            if (chunk < 0) {
                return Malformed.RTCP_BAD_SDES;
            }
        }
        return null;
    }

    /**
     * End of the chunk starting at {@code chunk} (where the next one starts), or -1 if its SSRC, an item, or its
     * terminating null octet and alignment run past {@code contentEnd}. Alignment is to 32 bits from the start of
     * the packet at {@code pos}.
     */
    static int chunkEnd(byte[] buf, int pos, int chunk, int contentEnd) {
        int p = chunk + 4;
        while (p < contentEnd) {
            if (buf[p] == END) {
                int next = pos + ((p + 1 - pos + 3) & ~3);
                return next <= contentEnd ? next : -1;
            }
            if (p + 2 > contentEnd) {
                return -1;
            }
            p += 2 + u8(buf, p + 1);
        }
        return -1;
    }
}
