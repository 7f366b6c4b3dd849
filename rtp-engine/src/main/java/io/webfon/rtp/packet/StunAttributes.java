package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.i32;
import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The STUN attributes the packet path looks at (RFC 8489 §14, RFC 8445 §7.1.2): USERNAME, to find which ICE agent
 * a check on a shared port is for; FINGERPRINT, to tell STUN from anything else; XOR-MAPPED-ADDRESS, for tests and
 * diagnostics. Everything else is ice4j's job.
 *
 * <pre>
 *    USERNAME (0x0006): "recipient-ufrag:sender-ufrag" in an ICE check (RFC 8445 §7.2.2), so a check
 *    arriving at the node starts with the node's own ufrag.
 *
 *    FINGERPRINT (0x8028), always last: CRC-32 of the message up to the attribute, XOR 0x5354554e.
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |         0x8028                |            4                  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                     CRC-32 XOR 0x5354554e                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *    XOR-MAPPED-ADDRESS (0x0020): port XOR the cookie's top 16 bits; address XOR the cookie (IPv4) or the
 *    cookie and transaction ID (IPv6).
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                X-Address (Variable)
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Every method takes the whole message and throws {@link MalformedPacketException} when {@link StunHeader#validate}
 * would reject it.
 */
public final class StunAttributes {
    /** USERNAME. */
    public static final int USERNAME = 0x0006;
    /** MESSAGE-INTEGRITY (HMAC-SHA1). */
    public static final int MESSAGE_INTEGRITY = 0x0008;
    /** ERROR-CODE. */
    public static final int ERROR_CODE = 0x0009;
    /** XOR-MAPPED-ADDRESS. */
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    /** PRIORITY (RFC 8445). */
    public static final int PRIORITY = 0x0024;
    /** USE-CANDIDATE (RFC 8445). */
    public static final int USE_CANDIDATE = 0x0025;
    /** SOFTWARE. */
    public static final int SOFTWARE = 0x8022;
    /** FINGERPRINT. */
    public static final int FINGERPRINT = 0x8028;
    /** ICE-CONTROLLED (RFC 8445). */
    public static final int ICE_CONTROLLED = 0x8029;
    /** ICE-CONTROLLING (RFC 8445). */
    public static final int ICE_CONTROLLING = 0x802A;
    /** What the FINGERPRINT CRC is XORed with: "STUN" in ASCII. */
    public static final int FINGERPRINT_XOR = 0x5354554E;
    /** Address family of XOR-MAPPED-ADDRESS. */
    public static final int FAMILY_IPV4 = 0x01;
    /** Address family of XOR-MAPPED-ADDRESS. */
    public static final int FAMILY_IPV6 = 0x02;

    private StunAttributes() {
    }

    /** Absolute index of the USERNAME value, or -1 if there is none. */
    public static int usernameOffset(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, USERNAME);
        return attr < 0 ? -1 : StunHeader.attributeValueOffset(attr);
    }

    /** Length of the USERNAME value in bytes, or -1 if there is none. */
    public static int usernameLength(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, USERNAME);
        return attr < 0 ? -1 : StunHeader.attributeLength(buf, attr);
    }

    /**
     * Length of the USERNAME up to its first ':' (the whole USERNAME if it has none): the recipient's ufrag in an
     * ICE check. -1 if there is no USERNAME.
     */
    public static int ufragLength(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, USERNAME);
        if (attr < 0) {
            return -1;
        }
        int value = StunHeader.attributeValueOffset(attr);
        int length = StunHeader.attributeLength(buf, attr);
        for (int i = 0; i < length; i++) {
            if (buf[value + i] == ':') {
                return i;
            }
        }
        return length;
    }

    /** True if the USERNAME's part before ':' is exactly {@code ufrag} (compared as bytes, without allocating). */
    public static boolean ufragEquals(byte[] buf, int off, int len, byte[] ufrag) {
        int length = ufragLength(buf, off, len);
        if (length != ufrag.length) {
            return false;
        }
        int value = usernameOffset(buf, off, len);
        return Arrays.equals(buf, value, value + length, ufrag, 0, length);
    }

    /** The USERNAME's part before ':' decoded as UTF-8 (allocates), or null if there is no USERNAME. */
    public static String localUfrag(byte[] buf, int off, int len) {
        int length = ufragLength(buf, off, len);
        return length < 0 ? null : new String(buf, usernameOffset(buf, off, len), length, StandardCharsets.UTF_8);
    }

    /** The whole USERNAME decoded as UTF-8 (allocates), or null. */
    public static String username(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, USERNAME);
        return attr < 0 ? null : new String(buf, StunHeader.attributeValueOffset(attr),
                StunHeader.attributeLength(buf, attr), StandardCharsets.UTF_8);
    }

    /** True if the message has a FINGERPRINT attribute (right or wrong). */
    public static boolean hasFingerprint(byte[] buf, int off, int len) {
        return StunHeader.findAttribute(buf, off, len, FINGERPRINT) >= 0;
    }

    /**
     * True if the message ends with a FINGERPRINT attribute of length 4 whose value is the CRC-32 of everything
     * before it XOR 0x5354554e (RFC 8489 §14.7). False when it is missing, not last, or wrong.
     */
    public static boolean checkFingerprint(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, FINGERPRINT);
        if (attr < 0 || StunHeader.attributeLength(buf, attr) != 4 || attr + 8 != off + len) {
            return false;
        }
        return i32(buf, attr + 4) == (Crc32.of(buf, off, attr - off) ^ FINGERPRINT_XOR);
    }

    /** The port of the XOR-MAPPED-ADDRESS, or -1 if there is none. */
    public static int xorMappedPort(byte[] buf, int off, int len) {
        int value = xorMappedValue(buf, off, len);
        return value < 0 ? -1 : u16(buf, value + 2) ^ (StunHeader.MAGIC_COOKIE >>> 16);
    }

    /**
     * Writes the address of the XOR-MAPPED-ADDRESS, un-XORed, into {@code dst} at {@code dstOff} (4 bytes for
     * IPv4, 16 for IPv6).
     *
     * @return the number of bytes written, or 0 if there is no XOR-MAPPED-ADDRESS
     */
    public static int xorMappedAddress(byte[] buf, int off, int len, byte[] dst, int dstOff) {
        int value = xorMappedValue(buf, off, len);
        if (value < 0) {
            return 0;
        }
        int length = u8(buf, value + 1) == FAMILY_IPV4 ? 4 : 16;
        for (int i = 0; i < length; i++) {
            // The key is the magic cookie followed by the transaction ID: bytes 4-19 of the header.
            dst[dstOff + i] = (byte) (buf[value + 4 + i] ^ buf[off + 4 + i]);
        }
        return length;
    }

    /** Absolute index of a well-formed XOR-MAPPED-ADDRESS value, or -1 if absent. */
    private static int xorMappedValue(byte[] buf, int off, int len) {
        int attr = StunHeader.findAttribute(buf, off, len, XOR_MAPPED_ADDRESS);
        if (attr < 0) {
            return -1;
        }
        if (!xorMappedShapeOk(buf, attr)) {
            throw new MalformedPacketException(Malformed.STUN_BAD_ATTRIBUTE);
        }
        return StunHeader.attributeValueOffset(attr);
    }

    /** An IPv4 value is 8 bytes, an IPv6 one 20; no other family exists (RFC 8489 §14.2). */
    static boolean xorMappedShapeOk(byte[] buf, int attr) {
        int length = StunHeader.attributeLength(buf, attr);
        int family = length >= 4 ? u8(buf, StunHeader.attributeValueOffset(attr) + 1) : -1;
        return family == FAMILY_IPV4 && length == 8 || family == FAMILY_IPV6 && length == 20;
    }
}
