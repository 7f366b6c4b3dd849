package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.Bytes.u16;
import static io.webfon.rtp.packet.Bytes.u8;

import java.util.Objects;

/**
 * A sanity check of the DTLS records in a datagram (RFC 6347 §4.1), so that garbage that merely starts with a
 * byte in 20-63 is dropped and counted before it reaches the DTLS engine (Bouncy Castle), which would drop some of
 * it silently and fail the whole association on the rest. The records themselves are the DTLS engine's to read.
 *
 * <pre>
 *    struct {
 *      ContentType type;                  // 1 byte: 20-25
 *      ProtocolVersion version;           // 2 bytes: 0xFEFF DTLS 1.0, 0xFEFD DTLS 1.2
 *      uint16 epoch;
 *      uint48 sequence_number;
 *      uint16 length;
 *      opaque fragment[DTLSPlaintext.length];
 *    } DTLSPlaintext;                     // one or more back to back in a datagram
 * </pre>
 *
 * Content types: change_cipher_spec 20, alert 21, handshake 22, application_data 23, heartbeat 24 (RFC 6520),
 * tls12_cid 25 (RFC 9146). DTLS 1.3's unified header (first byte 001xxxxx, RFC 9147 §4) is not accepted: the node
 * speaks DTLS 1.2, as WebRTC browsers do today, and a DTLS 1.3 ClientHello still travels in a DTLSPlaintext record.
 */
public final class DtlsRecords {
    /** Type, version, epoch, sequence number, length. */
    public static final int HEADER_LENGTH = 13;
    /** Record content type: handshake. */
    public static final int CONTENT_HANDSHAKE = 22;
    /** Record content type: application data. */
    public static final int CONTENT_APPLICATION_DATA = 23;

    private static final int FIRST_CONTENT_TYPE = 20;
    private static final int LAST_CONTENT_TYPE = 25;
    private static final int DTLS_1_0 = 0xFEFF;
    private static final int DTLS_1_2 = 0xFEFD;
    /**
     * The shortest protected fragment our cipher suites (AES-GCM only) produce: 8-byte explicit nonce and 16-byte
     * tag. Bouncy Castle answers a shorter one with a fatal decode_error alert instead of discarding it as RFC 6347
     * §4.1.2.7 asks, so one forged datagram would end a call: such records never reach it.
     */
    public static final int MIN_PROTECTED_FRAGMENT = 24;

    private DtlsRecords() {
    }

    /**
     * Checks that the datagram is one or more whole DTLS records of a known content type and version.
     *
     * @return null if well formed, else the first reason found
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not lie inside {@code buf} (a caller bug)
     */
    public static Malformed validate(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        int pos = off;
        do {
            if (end - pos < HEADER_LENGTH) {
                return Malformed.DTLS_TOO_SHORT;
            }
            int type = u8(buf, pos);
            if (type < FIRST_CONTENT_TYPE || type > LAST_CONTENT_TYPE) {
                return Malformed.DTLS_BAD_CONTENT_TYPE;
            }
            int version = u16(buf, pos + 1);
            if (version != DTLS_1_0 && version != DTLS_1_2) {
                return Malformed.DTLS_BAD_VERSION;
            }
            int length = u16(buf, pos + 11);
            if (u16(buf, pos + 3) != 0 && length < MIN_PROTECTED_FRAGMENT) {
                return Malformed.DTLS_PROTECTED_TOO_SHORT;
            }
            pos += HEADER_LENGTH + length;
            if (pos > end) {
                return Malformed.DTLS_RECORD_BEYOND_END;
            }
        } while (pos < end);
        return null;
    }

    /** Content type of the first record. */
    public static int contentType(byte[] buf, int off, int len) {
        if (len < HEADER_LENGTH) {
            throw new MalformedPacketException(Malformed.DTLS_TOO_SHORT);
        }
        return u8(buf, off);
    }
}
