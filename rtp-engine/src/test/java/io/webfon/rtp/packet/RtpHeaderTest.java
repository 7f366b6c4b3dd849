package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.onlyMalformed;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3550 §5.1 and §5.3.1, built by hand from the figures. */
class RtpHeaderTest {
    /** PCMU, no CSRC, no extension, no padding, 4 bytes of payload. */
    static final byte[] SIMPLE = hex("""
            80 00 12 34   # V=2 P=0 X=0 CC=0 | M=0 PT=0 | seq 0x1234
            00 01 e2 40   # timestamp 123456
            de ad be ef   # SSRC
            d5 d5 d5 d5   # payload
            """);

    /** Everything at once: padding, extension, 2 CSRCs, marker, PT 96, sequence and timestamp at their maximum. */
    static final byte[] FULL = hex("""
            b2 e0 ff ff   # V=2 P=1 X=1 CC=2 | M=1 PT=96 | seq 65535
            ff ff ff ff   # timestamp 2^32-1
            01 02 03 04   # SSRC
            11 11 11 11   # CSRC 1
            22 22 22 22   # CSRC 2
            be de 00 02   # RFC 8285 one-byte form, 2 words
            10 ff 22 aa   # ID 1 L=0 value ff | ID 2 L=2 value aa bb cc
            bb cc 00 00   # ... | padding | padding
            01 02 03      # payload
            00 00 03      # RTP padding, count 3
            """);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void readsTheFixedHeader(int offset) {
        Placed p = place(SIMPLE, offset);
        byte[] b = p.buf();
        int off = p.off();
        int len = p.len();
        assertThat(RtpHeader.validate(b, off, len)).isNull();
        assertThat(RtpHeader.version(b, off, len)).isEqualTo(2);
        assertThat(RtpHeader.hasPadding(b, off, len)).isFalse();
        assertThat(RtpHeader.hasExtension(b, off, len)).isFalse();
        assertThat(RtpHeader.csrcCount(b, off, len)).isZero();
        assertThat(RtpHeader.marker(b, off, len)).isFalse();
        assertThat(RtpHeader.payloadType(b, off, len)).isZero();
        assertThat(RtpHeader.sequenceNumber(b, off, len)).isEqualTo(0x1234);
        assertThat(RtpHeader.timestamp(b, off, len)).isEqualTo(123456L);
        assertThat(RtpHeader.ssrc(b, off, len)).isEqualTo(0xdeadbeefL);
        assertThat(RtpHeader.ssrcBits(b, off, len)).isEqualTo(0xdeadbeef);
        assertThat(RtpHeader.headerLength(b, off, len)).isEqualTo(12);
        assertThat(RtpHeader.paddingLength(b, off, len)).isZero();
        assertThat(RtpHeader.payloadOffset(b, off, len)).isEqualTo(off + 12);
        assertThat(RtpHeader.payloadLength(b, off, len)).isEqualTo(4);
        assertThat(RtpHeader.extensionProfile(b, off, len)).isEqualTo(-1);
        assertThat(RtpHeader.extensionDataOffset(b, off, len)).isEqualTo(-1);
        assertThat(RtpHeader.extensionDataLength(b, off, len)).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void readsCsrcsExtensionAndPaddingAtTheirOffsets(int offset) {
        Placed p = place(FULL, offset);
        byte[] b = p.buf();
        int off = p.off();
        int len = p.len();
        assertThat(RtpHeader.validate(b, off, len)).isNull();
        assertThat(RtpHeader.hasPadding(b, off, len)).isTrue();
        assertThat(RtpHeader.hasExtension(b, off, len)).isTrue();
        assertThat(RtpHeader.marker(b, off, len)).isTrue();
        assertThat(RtpHeader.payloadType(b, off, len)).isEqualTo(96);
        assertThat(RtpHeader.sequenceNumber(b, off, len)).isEqualTo(65535);
        assertThat(RtpHeader.timestamp(b, off, len)).isEqualTo(0xffffffffL);
        assertThat(RtpHeader.ssrc(b, off, len)).isEqualTo(0x01020304L);
        assertThat(RtpHeader.csrcCount(b, off, len)).isEqualTo(2);
        // The JVB bug: CSRCs read at CSRCS_OFFSET + 4*i, ignoring the packet's offset.
        assertThat(RtpHeader.csrc(b, off, len, 0)).isEqualTo(0x11111111L);
        assertThat(RtpHeader.csrc(b, off, len, 1)).isEqualTo(0x22222222L);
        assertThat(RtpHeader.extensionProfile(b, off, len)).isEqualTo(RtpHeader.ONE_BYTE_PROFILE);
        assertThat(RtpHeader.extensionDataOffset(b, off, len)).isEqualTo(off + 24);
        assertThat(RtpHeader.extensionDataLength(b, off, len)).isEqualTo(8);
        assertThat(RtpHeader.headerLength(b, off, len)).isEqualTo(32);
        assertThat(RtpHeader.paddingLength(b, off, len)).isEqualTo(3);
        assertThat(RtpHeader.payloadOffset(b, off, len)).isEqualTo(off + 32);
        assertThat(RtpHeader.payloadLength(b, off, len)).isEqualTo(3);
        assertThat(b[RtpHeader.payloadOffset(b, off, len)]).isEqualTo((byte) 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void settersWriteOnlyTheirField(int offset) {
        Placed p = place(FULL, offset);
        byte[] b = p.buf();
        int off = p.off();
        int len = p.len();
        byte[] before = b.clone();
        RtpHeader.setSsrc(b, off, len, 0xcafebabeL);
        RtpHeader.setSequenceNumber(b, off, len, 7);
        RtpHeader.setTimestamp(b, off, len, 0x80000000L);
        RtpHeader.setPayloadType(b, off, len, 111);
        assertThat(RtpHeader.marker(b, off, len)).as("PT setter keeps M").isTrue();
        RtpHeader.setMarker(b, off, len, false);
        assertThat(RtpHeader.payloadType(b, off, len)).as("M setter keeps PT").isEqualTo(111);
        assertThat(RtpHeader.ssrc(b, off, len)).isEqualTo(0xcafebabeL);
        assertThat(RtpHeader.sequenceNumber(b, off, len)).isEqualTo(7);
        assertThat(RtpHeader.timestamp(b, off, len)).isEqualTo(0x80000000L);
        assertThat(RtpHeader.marker(b, off, len)).isFalse();
        RtpHeader.setMarker(b, off, len, true);
        assertThat(RtpHeader.marker(b, off, len)).isTrue();
        for (int i = 0; i < b.length; i++) {
            boolean inFields = i >= off + 1 && i < off + 12;
            if (!inFields) {
                assertThat(b[i]).as("byte %d outside the fixed fields", i).isEqualTo(before[i]);
            }
        }
        assertThat(RtpHeader.csrc(b, off, len, 1)).isEqualTo(0x22222222L);
    }

    @Test
    void settersRejectValuesTheFieldCannotHold() {
        byte[] b = SIMPLE.clone();
        assertThatThrownBy(() -> RtpHeader.setPayloadType(b, 0, b.length, 128))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpHeader.setSequenceNumber(b, 0, b.length, 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpHeader.setSsrc(b, 0, b.length, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtpHeader.setTimestamp(b, 0, b.length, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(b).isEqualTo(SIMPLE);
    }

    @Test
    void csrcIndexBeyondTheCountIsACallerBug() {
        assertThatThrownBy(() -> RtpHeader.csrc(FULL, 0, FULL.length, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", Malformed.RTP_TOO_SHORT),
                Arguments.of("11 bytes", "80 00 00 01 00 00 00 00 00 00 00", Malformed.RTP_TOO_SHORT),
                Arguments.of("version 1", "40 00 00 01 00 00 00 00 00 00 00 01", Malformed.RTP_BAD_VERSION),
                Arguments.of("version 3", "c0 00 00 01 00 00 00 00 00 00 00 01", Malformed.RTP_BAD_VERSION),
                Arguments.of("CC=15, no CSRCs", "8f 00 00 01 00 00 00 00 00 00 00 01", Malformed.RTP_CSRC_BEYOND_END),
                Arguments.of("CC=1, 3 bytes of it", "81 00 00 01 00 00 00 00 00 00 00 01 aa bb cc",
                        Malformed.RTP_CSRC_BEYOND_END),
                Arguments.of("X, no extension header", "90 00 00 01 00 00 00 00 00 00 00 01 be de",
                        Malformed.RTP_EXTENSION_BEYOND_END),
                Arguments.of("X, length 2 words, 1 present", "90 00 00 01 00 00 00 00 00 00 00 01 be de 00 02 10 aa 00 00",
                        Malformed.RTP_EXTENSION_BEYOND_END),
                Arguments.of("X, length 0xffff", "90 00 00 01 00 00 00 00 00 00 00 01 be de ff ff",
                        Malformed.RTP_EXTENSION_BEYOND_END),
                Arguments.of("one-byte element L=16 in a 3-byte rest", "90 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 3f 00 00 00",
                        Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END),
                Arguments.of("two-byte element length 5 in 2", "90 00 00 01 00 00 00 00 00 00 00 01 10 00 00 01 01 05 aa bb",
                        Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END),
                Arguments.of("two-byte element without its length byte", "90 00 00 01 00 00 00 00 00 00 00 01 10 00 00 01 00 00 00 07",
                        Malformed.RTP_EXTENSION_ELEMENT_BEYOND_END),
                Arguments.of("P, count 0", "a0 00 00 01 00 00 00 00 00 00 00 01 aa 00", Malformed.RTP_BAD_PADDING),
                Arguments.of("P, count past the header", "a0 00 00 01 00 00 00 00 00 00 00 01 aa 03",
                        Malformed.RTP_BAD_PADDING),
                Arguments.of("P, nothing after the header", "a0 00 00 01 00 00 00 00 00 00 00 01",
                        Malformed.RTP_BAD_PADDING),
                Arguments.of("P, count 255", "a0 00 00 01 00 00 00 00 00 00 00 01 aa bb ff", Malformed.RTP_BAD_PADDING));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void rejectsMalformedPacketsWithTheirReason(String name, String bytes, Malformed reason) {
        for (int offset : new int[] {0, 13}) {
            Placed p = place(hex(bytes), offset);
            assertThat(RtpHeader.validate(p.buf(), p.off(), p.len())).isEqualTo(reason);
            onlyMalformed(name, () -> RtpHeader.payloadLength(p.buf(), p.off(), p.len()));
        }
    }

    static Stream<Arguments> wellFormedEdges() {
        return Stream.of(
                Arguments.of("padding count equal to everything after the header",
                        "a0 00 00 01 00 00 00 00 00 00 00 01 00 00 03", 0),
                Arguments.of("header only", "80 00 00 01 00 00 00 00 00 00 00 01", 0),
                Arguments.of("empty extension", "90 00 00 01 00 00 00 00 00 00 00 01 be de 00 00 aa", 1),
                Arguments.of("one-byte ID 15 ends the walk, garbage after it ignored",
                        "90 00 00 01 00 00 00 00 00 00 00 01 be de 00 01 f0 ff ff ff", 0),
                Arguments.of("a profile other than RFC 8285's is opaque",
                        "90 00 00 01 00 00 00 00 00 00 00 01 ab cd 00 01 ff ff ff ff 99", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedEdges")
    void acceptsWellFormedEdges(String name, String bytes, int payloadLength) {
        byte[] packet = hex(bytes);
        assertThat(RtpHeader.validate(packet, 0, packet.length)).isNull();
        assertThat(RtpHeader.payloadLength(packet, 0, packet.length)).isEqualTo(payloadLength);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void truncatedAtEveryLengthIsRejectedOrStillConsistent(int offset) {
        for (byte[] packet : new byte[][] {SIMPLE, FULL, RtpExtensionCursorTest.TWO_BYTE}) {
            Placed p = place(packet, offset);
            int headerLength = RtpHeader.headerLength(p.buf(), p.off(), p.len());
            for (int len = 0; len < p.len(); len++) {
                Malformed reason = RtpHeader.validate(p.buf(), p.off(), len);
                if (len < headerLength) {
                    assertThat(reason).as("cut to %d", len).isNotNull();
                } else if (reason == null) {
                    // still a packet: a shorter payload, readers must agree with validate
                    int payload = RtpHeader.payloadLength(p.buf(), p.off(), len);
                    assertThat(payload).isBetween(0, len - headerLength);
                } else {
                    assertThat(reason).as("cut to %d", len).isEqualTo(Malformed.RTP_BAD_PADDING);
                }
                int cut = len;
                onlyMalformed("cut to " + len, () -> readEverything(p.buf(), p.off(), cut));
            }
        }
    }

    @Test
    void validateHeaderIgnoresThePaddingCountWhichSrtpEncrypts() {
        byte[] srtp = FULL.clone();
        srtp[srtp.length - 1] = 0; // the last byte of an SRTP packet is its authentication tag
        assertThat(RtpHeader.validate(srtp, 0, srtp.length)).isEqualTo(Malformed.RTP_BAD_PADDING);
        assertThat(RtpHeader.validateHeader(srtp, 0, srtp.length)).isNull();
        for (Arguments malformed : malformed().toList()) {
            byte[] packet = hex((String) malformed.get()[1]);
            Malformed reason = (Malformed) malformed.get()[2];
            if (reason != Malformed.RTP_BAD_PADDING) {
                assertThat(RtpHeader.validateHeader(packet, 0, packet.length)).isEqualTo(reason);
            }
        }
    }

    @Test
    void accessorsOfATooShortPacketThrowTheTypedException() {
        byte[] b = new byte[8];
        b[0] = (byte) 0x80;
        assertThatThrownBy(() -> RtpHeader.ssrc(b, 0, 8)).isInstanceOf(MalformedPacketException.class)
                .extracting(e -> ((MalformedPacketException) e).reason()).isEqualTo(Malformed.RTP_TOO_SHORT);
        assertThatThrownBy(() -> RtpHeader.setSsrc(b, 0, 8, 1)).isInstanceOf(MalformedPacketException.class);
        assertThat(new MalformedPacketException(Malformed.RTP_TOO_SHORT).getMessage())
                .isEqualTo("shorter than the fixed header");
    }

    /** Calls every reader; used by the truncation and fuzz tests. */
    static long readEverything(byte[] b, int off, int len) {
        long sink = RtpHeader.version(b, off, len) + RtpHeader.payloadType(b, off, len)
                + RtpHeader.sequenceNumber(b, off, len) + RtpHeader.timestamp(b, off, len)
                + RtpHeader.ssrc(b, off, len) + (RtpHeader.marker(b, off, len) ? 1 : 0)
                + (RtpHeader.hasPadding(b, off, len) ? 1 : 0) + (RtpHeader.hasExtension(b, off, len) ? 1 : 0);
        for (int i = 0; i < RtpHeader.csrcCount(b, off, len); i++) {
            sink += RtpHeader.csrc(b, off, len, i);
        }
        sink += RtpHeader.headerLength(b, off, len) + RtpHeader.extensionProfile(b, off, len)
                + RtpHeader.extensionDataOffset(b, off, len) + RtpHeader.extensionDataLength(b, off, len);
        sink += RtpHeader.paddingLength(b, off, len) + RtpHeader.payloadOffset(b, off, len)
                + RtpHeader.payloadLength(b, off, len);
        RtpExtensionCursor cursor = new RtpExtensionCursor();
        if (cursor.reset(b, off, len)) {
            while (cursor.next()) {
                sink += cursor.id() + cursor.valueLength();
                if (cursor.valueLength() > 0) {
                    sink += b[cursor.valueOffset() + cursor.valueLength() - 1];
                }
            }
        }
        if (cursor.error() != null) {
            throw new MalformedPacketException(cursor.error());
        }
        return sink + RtpExtensionCursor.findValueOffset(b, off, len, 1);
    }
}
