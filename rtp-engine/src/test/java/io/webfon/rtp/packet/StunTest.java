package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.onlyMalformed;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 5769 test vectors for STUN, and malformed messages. */
class StunTest {
    /** RFC 5769 §2.1: sample request (username "evtj:h6vY", password "VOkJxbRl1RmTxUk/WvJxBt"). */
    static final byte[] RFC5769_REQUEST = hex("""
            00 01 00 58  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 10  53 54 55 4e  20 74 65 73  74 20 63 6c  69 65 6e 74   # SOFTWARE "STUN test client"
            00 24 00 04  6e 00 01 ff                                          # PRIORITY
            80 29 00 08  93 2f f9 b1  51 26 3b 36                             # ICE-CONTROLLED
            00 06 00 09  65 76 74 6a  3a 68 36 76  59 20 20 20                # USERNAME + 3 bytes padding
            00 08 00 14  9a ea a7 0c  bf d8 cb 56  78 1e f2 b5  b2 d3 f2 49  c1 b5 71 a2   # MESSAGE-INTEGRITY
            80 28 00 04  e5 7a 3b cf                                          # FINGERPRINT
            """);
    /** RFC 5769 §2.2: sample IPv4 response, mapped address 192.0.2.1 port 32853. */
    static final byte[] RFC5769_IPV4_RESPONSE = hex("""
            01 01 00 3c  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 0b  74 65 73 74  20 76 65 63  74 6f 72 20                # SOFTWARE "test vector"
            00 20 00 08  00 01 a1 47  e1 12 a6 43                             # XOR-MAPPED-ADDRESS
            00 08 00 14  2b 91 f5 99  fd 9e 90 c3  8c 74 89 f9  2a f9 ba 53  f0 6b e7 d7
            80 28 00 04  c0 7d 4c 96
            """);
    /** RFC 5769 §2.3: sample IPv6 response, mapped address 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
    static final byte[] RFC5769_IPV6_RESPONSE = hex("""
            01 01 00 48  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
            80 22 00 0b  74 65 73 74  20 76 65 63  74 6f 72 20
            00 20 00 14  00 02 a1 47  01 13 a9 fa  a5 d3 f1 79  bc 25 f4 b5  be d2 b9 d9
            00 08 00 14  a3 82 95 4e  4b e6 7b f1  17 84 c9 7c  82 92 c2 75  bf e3 ed 41
            80 28 00 04  c8 fb 0b 4c
            """);
    /** RFC 5769 §2.4: sample request with long-term authentication (no FINGERPRINT). */
    static final byte[] RFC5769_LONG_TERM_REQUEST = hex("""
            00 01 00 60  21 12 a4 42  78 ad 34 33  c6 ad 72 c0  29 da 41 2e
            00 06 00 12  e3 83 9e e3  83 88 e3 83  aa e3 83 83  e3 82 af e3  82 b9 00 00   # USERNAME (katakana)
            00 15 00 1c  66 2f 2f 34  39 39 6b 39  35 34 64 36  4f 4c 33 34  6f 4c 39 46  53 54 76 79  36 34 73 41
            00 14 00 0b  65 78 61 6d  70 6c 65 2e  6f 72 67 00                # REALM "example.org"
            00 08 00 14  f6 70 24 65  6d d6 4a 3e  02 b8 e0 71  2e 85 c9 a2  8c a8 96 66
            """);
    private static final byte[] TRANSACTION_ID = hex("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");

    private static List<Integer> attributeTypes(Placed p) {
        List<Integer> types = new ArrayList<>();
        for (int a = StunHeader.firstAttribute(p.buf(), p.off(), p.len()); a >= 0;
                a = StunHeader.nextAttribute(p.buf(), p.off(), p.len(), a)) {
            types.add(StunHeader.attributeType(p.buf(), a));
        }
        return types;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc5769_sampleRequest(int offset) {
        Placed p = place(RFC5769_REQUEST, offset);
        byte[] b = p.buf();
        assertThat(StunHeader.validate(b, p.off(), p.len())).isNull();
        assertThat(StunHeader.isStun(b, p.off(), p.len())).isTrue();
        assertThat(StunHeader.messageClass(b, p.off(), p.len())).isEqualTo(StunHeader.CLASS_REQUEST);
        assertThat(StunHeader.method(b, p.off(), p.len())).isEqualTo(StunHeader.METHOD_BINDING);
        assertThat(StunHeader.messageType(b, p.off(), p.len())).isEqualTo(0x0001);
        assertThat(StunHeader.messageLength(b, p.off(), p.len())).isEqualTo(0x58);
        byte[] tid = new byte[14];
        StunHeader.transactionId(b, p.off(), p.len(), tid, 1);
        assertThat(Arrays.copyOfRange(tid, 1, 13)).isEqualTo(TRANSACTION_ID);
        assertThat(StunHeader.transactionIdEquals(b, p.off(), p.len(), tid, 1)).isTrue();
        assertThat(attributeTypes(p)).containsExactly(StunAttributes.SOFTWARE, StunAttributes.PRIORITY,
                StunAttributes.ICE_CONTROLLED, StunAttributes.USERNAME, StunAttributes.MESSAGE_INTEGRITY,
                StunAttributes.FINGERPRINT);
        assertThat(StunAttributes.username(b, p.off(), p.len())).isEqualTo("evtj:h6vY");
        assertThat(StunAttributes.localUfrag(b, p.off(), p.len())).isEqualTo("evtj");
        assertThat(StunAttributes.ufragLength(b, p.off(), p.len())).isEqualTo(4);
        assertThat(StunAttributes.ufragEquals(b, p.off(), p.len(), "evtj".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(StunAttributes.ufragEquals(b, p.off(), p.len(), "evtk".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(StunAttributes.ufragEquals(b, p.off(), p.len(), "evt".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(StunAttributes.hasFingerprint(b, p.off(), p.len())).isTrue();
        assertThat(StunAttributes.checkFingerprint(b, p.off(), p.len())).isTrue();
        assertThat(StunAttributes.xorMappedPort(b, p.off(), p.len())).isEqualTo(-1);
        int priority = StunHeader.findAttribute(b, p.off(), p.len(), StunAttributes.PRIORITY);
        assertThat(Bytes.u32(b, StunHeader.attributeValueOffset(priority))).isEqualTo(0x6e0001ffL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc5769_ipv4Response(int offset) {
        Placed p = place(RFC5769_IPV4_RESPONSE, offset);
        byte[] b = p.buf();
        assertThat(StunHeader.validate(b, p.off(), p.len())).isNull();
        assertThat(StunHeader.messageClass(b, p.off(), p.len())).isEqualTo(StunHeader.CLASS_SUCCESS_RESPONSE);
        assertThat(StunHeader.method(b, p.off(), p.len())).isEqualTo(StunHeader.METHOD_BINDING);
        assertThat(attributeTypes(p)).containsExactly(StunAttributes.SOFTWARE, StunAttributes.XOR_MAPPED_ADDRESS,
                StunAttributes.MESSAGE_INTEGRITY, StunAttributes.FINGERPRINT);
        assertThat(StunAttributes.checkFingerprint(b, p.off(), p.len())).isTrue();
        assertThat(StunAttributes.xorMappedPort(b, p.off(), p.len())).isEqualTo(32853);
        byte[] address = new byte[16];
        assertThat(StunAttributes.xorMappedAddress(b, p.off(), p.len(), address, 0)).isEqualTo(4);
        assertThat(Arrays.copyOf(address, 4)).isEqualTo(new byte[] {(byte) 192, 0, 2, 1});
        assertThat(StunAttributes.username(b, p.off(), p.len())).isNull();
        assertThat(StunAttributes.ufragLength(b, p.off(), p.len())).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc5769_ipv6Response(int offset) {
        Placed p = place(RFC5769_IPV6_RESPONSE, offset);
        byte[] b = p.buf();
        assertThat(StunHeader.validate(b, p.off(), p.len())).isNull();
        assertThat(StunAttributes.checkFingerprint(b, p.off(), p.len())).isTrue();
        assertThat(StunAttributes.xorMappedPort(b, p.off(), p.len())).isEqualTo(32853);
        byte[] address = new byte[17];
        assertThat(StunAttributes.xorMappedAddress(b, p.off(), p.len(), address, 1)).isEqualTo(16);
        assertThat(Arrays.copyOfRange(address, 1, 17)).isEqualTo(hex("20010db8123456780011223344556677"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc5769_longTermRequestWalk(int offset) {
        Placed p = place(RFC5769_LONG_TERM_REQUEST, offset);
        assertThat(StunHeader.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(attributeTypes(p)).containsExactly(StunAttributes.USERNAME, 0x0015, 0x0014,
                StunAttributes.MESSAGE_INTEGRITY);
        assertThat(StunAttributes.username(p.buf(), p.off(), p.len())).isEqualTo("\u30de\u30c8\u30ea\u30c3\u30af\u30b9");
        assertThat(StunAttributes.hasFingerprint(p.buf(), p.off(), p.len())).isFalse();
        assertThat(StunAttributes.checkFingerprint(p.buf(), p.off(), p.len())).isFalse();
    }

    /** The vectors check themselves: their HMACs only match if every byte before them was transcribed right. */
    @Test
    void rfc5769_vectorsAreTranscribedExactly() throws GeneralSecurityException {
        byte[] key = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.US_ASCII);
        for (byte[] vector : new byte[][] {RFC5769_REQUEST, RFC5769_IPV4_RESPONSE, RFC5769_IPV6_RESPONSE}) {
            int mi = StunHeader.findAttribute(vector, 0, vector.length, StunAttributes.MESSAGE_INTEGRITY);
            byte[] covered = Arrays.copyOf(vector, mi);
            // RFC 8489 §14.5: the length field counts up to the end of MESSAGE-INTEGRITY, not FINGERPRINT.
            Bytes.put16(covered, 2, mi + 24 - StunHeader.HEADER_LENGTH);
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(key, "HmacSHA1"));
            assertThat(hmac.doFinal(covered)).isEqualTo(Arrays.copyOfRange(vector, mi + 4, mi + 24));
        }
    }

    @Test
    void aCorruptedByteFailsTheFingerprint() {
        for (int i = 0; i < RFC5769_IPV4_RESPONSE.length; i++) {
            byte[] corrupt = RFC5769_IPV4_RESPONSE.clone();
            corrupt[i] ^= 0x01;
            if (StunHeader.validate(corrupt, 0, corrupt.length) == null
                    && StunAttributes.hasFingerprint(corrupt, 0, corrupt.length)) {
                assertThat(StunAttributes.checkFingerprint(corrupt, 0, corrupt.length)).as("byte %d", i).isFalse();
            }
        }
    }

    @Test
    void crc32MatchesTheJdk() {
        Random random = new Random(PacketTestSupport.SEED);
        for (int n = 0; n < 200; n++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            int off = data.length == 0 ? 0 : random.nextInt(data.length);
            CRC32 jdk = new CRC32();
            jdk.update(data, off, data.length - off);
            assertThat(Crc32.of(data, off, data.length - off)).isEqualTo((int) jdk.getValue());
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("19 bytes", "00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.STUN_TOO_SHORT),
                Arguments.of("top bits 01", "40 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.STUN_NOT_STUN),
                Arguments.of("RFC 3489 (no cookie)", "00 01 00 00 21 12 a4 43 00 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.STUN_BAD_COOKIE),
                Arguments.of("length not a multiple of 4",
                        "00 01 00 02 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.STUN_BAD_LENGTH),
                Arguments.of("length beyond the datagram",
                        "00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 00",
                        Malformed.STUN_BAD_LENGTH),
                Arguments.of("datagram longer than the message",
                        "00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.STUN_BAD_LENGTH),
                Arguments.of("attribute value beyond the end",
                        "00 01 00 08 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 06 00 05 61 62 63 64",
                        Malformed.STUN_ATTRIBUTE_BEYOND_END),
                Arguments.of("XOR-MAPPED-ADDRESS of family 3",
                        "01 01 00 0c 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 20 00 08 00 03 a1 47 e1 12 a6 43",
                        Malformed.STUN_BAD_ATTRIBUTE),
                Arguments.of("IPv6 XOR-MAPPED-ADDRESS of 8 bytes",
                        "01 01 00 0c 21 12 a4 42 00 00 00 00 00 00 00 00 00 00 00 00 00 20 00 08 00 02 a1 47 e1 12 a6 43",
                        Malformed.STUN_BAD_ATTRIBUTE));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void rejectsMalformedMessagesWithTheirReason(String name, String bytes, Malformed reason) {
        for (int offset : new int[] {0, 5}) {
            Placed p = place(hex(bytes), offset);
            assertThat(StunHeader.validate(p.buf(), p.off(), p.len())).isEqualTo(reason);
            onlyMalformed(name, () -> readEverything(p.buf(), p.off(), p.len()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void truncatedAtEveryLengthIsRejected(int offset) {
        for (byte[] vector : new byte[][] {RFC5769_REQUEST, RFC5769_IPV4_RESPONSE, RFC5769_IPV6_RESPONSE,
            RFC5769_LONG_TERM_REQUEST}) {
            Placed p = place(vector, offset);
            for (int len = 0; len < p.len(); len++) {
                assertThat(StunHeader.validate(p.buf(), p.off(), len)).as("cut to %d", len).isNotNull();
                assertThat(StunHeader.isStun(p.buf(), p.off(), len)).isFalse();
                int cut = len;
                onlyMalformed("cut to " + len, () -> readEverything(p.buf(), p.off(), cut));
            }
        }
    }

    /** Calls every STUN reader; used by the malformed, truncation and fuzz tests. */
    static long readEverything(byte[] b, int off, int len) {
        long sink = StunHeader.messageType(b, off, len) + StunHeader.messageClass(b, off, len)
                + StunHeader.method(b, off, len) + StunHeader.messageLength(b, off, len);
        byte[] tid = new byte[StunHeader.TRANSACTION_ID_LENGTH];
        StunHeader.transactionId(b, off, len, tid, 0);
        for (int a = StunHeader.firstAttribute(b, off, len); a >= 0; a = StunHeader.nextAttribute(b, off, len, a)) {
            sink += StunHeader.attributeType(b, a) + StunHeader.attributeLength(b, a);
        }
        sink += StunAttributes.ufragLength(b, off, len) + StunAttributes.usernameOffset(b, off, len)
                + StunAttributes.usernameLength(b, off, len) + StunAttributes.xorMappedPort(b, off, len)
                + StunAttributes.xorMappedAddress(b, off, len, new byte[16], 0);
        String ufrag = StunAttributes.localUfrag(b, off, len);
        sink += ufrag == null ? 0 : ufrag.length();
        sink += StunAttributes.ufragEquals(b, off, len, tid) ? 1 : 0;
        sink += StunAttributes.checkFingerprint(b, off, len) ? 1 : 0;
        return sink + (StunAttributes.hasFingerprint(b, off, len) ? 1 : 0);
    }
}
