package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.concat;
import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6347 §4.1 record framing. */
class DtlsRecordsTest {
    /** A handshake record (DTLS 1.0 record version, as a ClientHello carries) with a 4-byte stand-in fragment. */
    static final byte[] CLIENT_HELLO_RECORD = hex("""
            16 fe ff      # handshake, DTLS 1.0
            00 00         # epoch 0
            00 00 00 00 00 00   # sequence number 0
            00 04         # length
            01 00 00 00   # fragment (truncated ClientHello stand-in)
            """);
    /** A change_cipher_spec record of DTLS 1.2. */
    static final byte[] CHANGE_CIPHER_SPEC = hex("14 fe fd 00 00 00 00 00 00 00 05 00 01 01");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void acceptsOneOrMoreWholeRecords(int offset) {
        byte[] flight = concat(CLIENT_HELLO_RECORD, CHANGE_CIPHER_SPEC);
        for (byte[] datagram : new byte[][] {CLIENT_HELLO_RECORD, CHANGE_CIPHER_SPEC, flight}) {
            Placed p = place(datagram, offset);
            assertThat(DtlsRecords.validate(p.buf(), p.off(), p.len())).isNull();
            assertThat(PacketClassifier.classify(p.buf(), p.off(), p.len())).isEqualTo(PacketKind.DTLS);
        }
        Placed p = place(flight, offset);
        assertThat(DtlsRecords.contentType(p.buf(), p.off(), p.len())).isEqualTo(DtlsRecords.CONTENT_HANDSHAKE);
        for (int len = 0; len < p.len(); len++) {
            Malformed reason = DtlsRecords.validate(p.buf(), p.off(), len);
            if (len == CLIENT_HELLO_RECORD.length) {
                assertThat(reason).isNull();
            } else {
                assertThat(reason).as("cut to %d", len).isNotNull();
            }
        }
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("12 bytes", "16 fe fd 00 00 00 00 00 00 00 00 00", Malformed.DTLS_TOO_SHORT),
                Arguments.of("content type 26", "1a fe fd 00 00 00 00 00 00 00 00 00 00", Malformed.DTLS_BAD_CONTENT_TYPE),
                Arguments.of("content type 19", "13 fe fd 00 00 00 00 00 00 00 00 00 00", Malformed.DTLS_BAD_CONTENT_TYPE),
                Arguments.of("DTLS 1.3 unified header", "2f 12 34 00 00 00 00 00 00 00 00 00 00",
                        Malformed.DTLS_BAD_CONTENT_TYPE),
                Arguments.of("TLS 1.2 version", "16 03 03 00 00 00 00 00 00 00 00 00 00", Malformed.DTLS_BAD_VERSION),
                Arguments.of("length past the end", "17 fe fd 00 00 00 00 00 00 00 07 00 05 aa bb",
                        Malformed.DTLS_RECORD_BEYOND_END),
                Arguments.of("epoch 1 record shorter than a GCM nonce and tag",
                        "17 fe fd 00 01 00 00 00 00 00 07 00 08 01 02 03 04 05 06 07 08",
                        Malformed.DTLS_PROTECTED_TOO_SHORT),
                Arguments.of("second record cut", "14 fe fd 00 00 00 00 00 00 00 05 00 01 01 16 fe fd",
                        Malformed.DTLS_TOO_SHORT));
    }

    @org.junit.jupiter.api.Test
    void acceptsAProtectedRecordLongEnoughForANonceAndATag() {
        byte[] datagram = concat(hex("17 fe fd 00 01 00 00 00 00 00 07 00 18"), new byte[24]);
        assertThat(DtlsRecords.validate(datagram, 0, datagram.length)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void rejectsMalformedRecordsWithTheirReason(String name, String bytes, Malformed reason) {
        byte[] datagram = hex(bytes);
        assertThat(DtlsRecords.validate(datagram, 0, datagram.length)).isEqualTo(reason);
    }
}
