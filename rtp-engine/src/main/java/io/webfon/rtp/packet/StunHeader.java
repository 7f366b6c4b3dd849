package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.i32;
import static io.webfon.rtp.packet.Bytes.u16;

import java.util.Arrays;
import java.util.Objects;

/**
 * Static views over a STUN message (RFC 8489 §5, §14) for demultiplexing and sanity checks on the media port.
 * ICE itself is ice4j's, which decodes STUN fully; this is only what the packet path needs before handing a
 * datagram over: is it STUN, which transaction, which ufrag, is the FINGERPRINT right. No allocation.
 *
 * <pre>
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |0 0|     STUN Message Type     |         Message Length        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         Magic Cookie                          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                                                               |
 *    |                     Transaction ID (96 bits)                  |
 *    |                                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *    Message type: method bits M and class bits C interleaved
 *         0                 1
 *         2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *        +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *        |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *        +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *    Attributes follow the header, each padded to a multiple of 4 bytes:
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         Type                  |            Length             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                         Value (variable)                ....
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The message length counts the attributes (padding included, header excluded) and must make the message exactly
 * the datagram. Walk the attributes by index:
 * <pre>{@code
 * for (int a = StunHeader.firstAttribute(buf, off, len); a >= 0; a = StunHeader.nextAttribute(buf, off, len, a)) {
 *     int type = StunHeader.attributeType(buf, a);
 *     int valueAt = StunHeader.attributeValueOffset(a), valueLength = StunHeader.attributeLength(buf, a);
 * }
 * }</pre>
 * Attribute helpers (USERNAME and the ufrag, FINGERPRINT, XOR-MAPPED-ADDRESS) are in {@link StunAttributes}.
 */
public final class StunHeader {
    /** Type, length, magic cookie, transaction ID. */
    public static final int HEADER_LENGTH = 20;
    /** Bytes 4-7 of every RFC 5389/8489 message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** 96 bits. */
    public static final int TRANSACTION_ID_LENGTH = 12;
    /** Message class: request. */
    public static final int CLASS_REQUEST = 0;
    /** Message class: indication. */
    public static final int CLASS_INDICATION = 1;
    /** Message class: success response. */
    public static final int CLASS_SUCCESS_RESPONSE = 2;
    /** Message class: error response. */
    public static final int CLASS_ERROR_RESPONSE = 3;
    /** The Binding method, the only one ICE uses. */
    public static final int METHOD_BINDING = 1;

    private StunHeader() {
    }

    /**
     * Checks the header, that the attributes (each padded to 4) tile the message exactly, and the shape of the one
     * attribute whose value {@link StunAttributes} interprets (XOR-MAPPED-ADDRESS).
     *
     * @return null if well formed, else the first reason found
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public static Malformed validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        Malformed problem = headerProblem(buf, off, len);
        if (problem != null) {
            return problem;
        }
        int end = off + len;
        for (int a = off + HEADER_LENGTH; a < end; a = afterAttribute(buf, a)) {
            if (a + 4 > end || afterAttribute(buf, a) > end) {
                return Malformed.STUN_ATTRIBUTE_BEYOND_END;
            }
            if (attributeType(buf, a) == StunAttributes.XOR_MAPPED_ADDRESS
                    && !StunAttributes.xorMappedShapeOk(buf, a)) {
                return Malformed.STUN_BAD_ATTRIBUTE;
            }
        }
        return null;
    }

    /**
     * The fast test: first two bits zero, magic cookie, length a multiple of 4 and equal to the datagram's. Does
     * not walk the attributes.
     */
    public static boolean isStun(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return headerProblem(buf, off, len) == null;
    }

    /** The 14-bit message type (method and class interleaved). */
    public static int messageType(byte[] buf, int off, int len) {
        requireHeader(buf, off, len);
        return u16(buf, off) & 0x3FFF;
    }

    /** The class: {@link #CLASS_REQUEST}, {@link #CLASS_INDICATION}, {@link #CLASS_SUCCESS_RESPONSE} or error. */
    public static int messageClass(byte[] buf, int off, int len) {
        int type = messageType(buf, off, len);
        return (type >>> 7 & 0x2) | (type >>> 4 & 0x1);
    }

    /** The 12-bit method ({@link #METHOD_BINDING} for ICE). */
    public static int method(byte[] buf, int off, int len) {
        int type = messageType(buf, off, len);
        return (type & 0x000F) | (type & 0x00E0) >>> 1 | (type & 0x3E00) >>> 2;
    }

    /** The message length field: bytes of attributes after the 20-byte header. */
    public static int messageLength(byte[] buf, int off, int len) {
        requireHeader(buf, off, len);
        return u16(buf, off + 2);
    }

    /** Copies the 12-byte transaction ID into {@code dst} at {@code dstOff}. */
    public static void transactionId(byte[] buf, int off, int len, byte[] dst, int dstOff) {
        requireHeader(buf, off, len);
        System.arraycopy(buf, off + 8, dst, dstOff, TRANSACTION_ID_LENGTH);
    }

    /** True if the transaction ID equals the 12 bytes of {@code id} from {@code idOff}. */
    public static boolean transactionIdEquals(byte[] buf, int off, int len, byte[] id, int idOff) {
        requireHeader(buf, off, len);
        return Arrays.equals(buf, off + 8, off + 8 + TRANSACTION_ID_LENGTH,
                id, idOff, idOff + TRANSACTION_ID_LENGTH);
    }

    /**
     * Absolute index of the first attribute, or -1 if the message has none.
     *
     * @throws MalformedPacketException if the header is bad or the attribute runs past the end
     */
    public static int firstAttribute(byte[] buf, int off, int len) {
        requireHeader(buf, off, len);
        return checkedAttribute(buf, off + HEADER_LENGTH, off + len);
    }

    /**
     * Absolute index of the attribute after the one at {@code attr} (which came from {@link #firstAttribute} or
     * this method), or -1 after the last.
     *
     * @throws MalformedPacketException if the header is bad or the next attribute runs past the end
     */
    public static int nextAttribute(byte[] buf, int off, int len, int attr) {
        requireHeader(buf, off, len);
        return checkedAttribute(buf, afterAttribute(buf, attr), off + len);
    }

    /** The type of the attribute at {@code attr}. */
    public static int attributeType(byte[] buf, int attr) {
        return u16(buf, attr);
    }

    /** The value length (before padding) of the attribute at {@code attr}. */
    public static int attributeLength(byte[] buf, int attr) {
        return u16(buf, attr + 2);
    }

    /** Absolute index of the value of the attribute at {@code attr}. */
    public static int attributeValueOffset(int attr) {
        return attr + 4;
    }

    /** Absolute index of the first attribute of this type, or -1. */
    public static int findAttribute(byte[] buf, int off, int len, int type) {
        for (int a = firstAttribute(buf, off, len); a >= 0; a = nextAttribute(buf, off, len, a)) {
            if (attributeType(buf, a) == type) {
                return a;
            }
        }
        return -1;
    }

    static Malformed headerProblem(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH) {
            return Malformed.STUN_TOO_SHORT;
        }
        if ((buf[off] & 0xC0) != 0) {
            return Malformed.STUN_NOT_STUN;
        }
        if (i32(buf, off + 4) != MAGIC_COOKIE) {
            return Malformed.STUN_BAD_COOKIE;
        }
        int length = u16(buf, off + 2);
        if (length % 4 != 0 || HEADER_LENGTH + length != len) {
            return Malformed.STUN_BAD_LENGTH;
        }
        return null;
    }

    /** Where the attribute after the one at {@code attr} starts: value length rounded up to 4. */
    static int afterAttribute(byte[] buf, int attr) {
        return attr + 4 + ((attributeLength(buf, attr) + 3) & ~3);
    }

    private static int checkedAttribute(int attr, int end) {
        if (attr >= end) {
            return -1;
        }
        if (attr + 4 > end) {
            throw new MalformedPacketException(Malformed.STUN_ATTRIBUTE_BEYOND_END);
        }
        return attr;
    }

    private static int checkedAttribute(byte[] buf, int attr, int end) {
        int checked = checkedAttribute(attr, end);
        if (checked >= 0 && afterAttribute(buf, checked) > end) {
            throw new MalformedPacketException(Malformed.STUN_ATTRIBUTE_BEYOND_END);
        }
        return checked;
    }

    private static void requireHeader(byte[] buf, int off, int len) {
        Malformed problem = headerProblem(buf, off, len);
        if (problem != null) {
            throw new MalformedPacketException(problem);
        }
    }
}
