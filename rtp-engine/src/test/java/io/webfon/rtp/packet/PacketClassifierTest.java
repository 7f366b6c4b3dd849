package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PacketClassifierTest {

    static Stream<Arguments> firstByteRanges() {
        return Stream.of(
                Arguments.of(0, PacketKind.STUN), Arguments.of(1, PacketKind.STUN), Arguments.of(3, PacketKind.STUN),
                Arguments.of(4, PacketKind.UNKNOWN), Arguments.of(15, PacketKind.UNKNOWN),
                Arguments.of(16, PacketKind.ZRTP), Arguments.of(19, PacketKind.ZRTP),
                Arguments.of(20, PacketKind.DTLS), Arguments.of(22, PacketKind.DTLS), Arguments.of(63, PacketKind.DTLS),
                Arguments.of(64, PacketKind.TURN_CHANNEL), Arguments.of(79, PacketKind.TURN_CHANNEL),
                Arguments.of(80, PacketKind.UNKNOWN), Arguments.of(127, PacketKind.UNKNOWN),
                Arguments.of(128, PacketKind.RTP), Arguments.of(0x90, PacketKind.RTP), Arguments.of(191, PacketKind.RTP),
                Arguments.of(192, PacketKind.UNKNOWN), Arguments.of(255, PacketKind.UNKNOWN));
    }

    @ParameterizedTest(name = "first byte {0} -> {1}")
    @MethodSource("firstByteRanges")
    void rfc7983_demuxesByFirstByte(int firstByte, PacketKind expected) {
        byte[] packet = new byte[64];
        packet[0] = (byte) firstByte;
        packet[1] = 0; // RTP payload type 0 (PCMU) when the first byte says RTP/RTCP
        assertThat(PacketClassifier.classify(packet, 0, packet.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "second byte {0} -> {1}")
    @MethodSource("secondBytes")
    void rfc5761_rtcpIsPayloadType64to95AfterMaskingTheMarker(int secondByte, PacketKind expected) {
        byte[] packet = new byte[64];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) secondByte;
        assertThat(PacketClassifier.classify(packet, 0, packet.length)).isEqualTo(expected);
    }

    static Stream<Arguments> secondBytes() {
        return Stream.of(
                Arguments.of(0, PacketKind.RTP), Arguments.of(63, PacketKind.RTP), Arguments.of(64, PacketKind.RTCP),
                Arguments.of(95, PacketKind.RTCP), Arguments.of(96, PacketKind.RTP), Arguments.of(111, PacketKind.RTP),
                Arguments.of(127, PacketKind.RTP), Arguments.of(128, PacketKind.RTP), // PT 0 with marker
                Arguments.of(191, PacketKind.RTP), Arguments.of(192, PacketKind.RTCP), Arguments.of(200, PacketKind.RTCP),
                Arguments.of(201, PacketKind.RTCP), Arguments.of(206, PacketKind.RTCP), Arguments.of(207, PacketKind.RTCP),
                Arguments.of(223, PacketKind.RTCP), Arguments.of(224, PacketKind.RTP), // PT 96 with marker
                Arguments.of(0xEF, PacketKind.RTP)); // PT 111 (Opus) with marker
    }

    @Test
    void everyFirstByteHasExactlyTheKindOfItsRange() {
        for (int b = 0; b < 256; b++) {
            byte[] packet = new byte[64];
            packet[0] = (byte) b;
            PacketKind expected = b <= 3 ? PacketKind.STUN
                    : b >= 16 && b <= 19 ? PacketKind.ZRTP
                    : b >= 20 && b <= 63 ? PacketKind.DTLS
                    : b >= 64 && b <= 79 ? PacketKind.TURN_CHANNEL
                    : b >= 128 && b <= 191 ? PacketKind.RTP
                    : PacketKind.UNKNOWN;
            assertThat(PacketClassifier.classify(packet, 0, 64)).as("first byte %d", b).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void tooShortToTellIsUnknownAtEveryLength(int offset) {
        byte[][] samples = {
            StunTest.RFC5769_REQUEST, DtlsRecordsTest.CLIENT_HELLO_RECORD, RtpHeaderTest.SIMPLE,
            RtcpCompoundTest.PION_REAL_PACKET,
        };
        PacketKind[] kinds = {PacketKind.STUN, PacketKind.DTLS, PacketKind.RTP, PacketKind.RTCP};
        for (int s = 0; s < samples.length; s++) {
            Placed p = place(samples[s], offset);
            assertThat(PacketClassifier.classify(p.buf(), p.off(), p.len())).isEqualTo(kinds[s]);
            for (int len = 0; len < p.len(); len++) {
                PacketKind expected = len >= kinds[s].minLength() ? kinds[s] : PacketKind.UNKNOWN;
                assertThat(PacketClassifier.classify(p.buf(), p.off(), len)).as("%s cut to %d", kinds[s], len)
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void honoursTheOffset(int offset) {
        byte[] rtcp = {(byte) 0x81, (byte) 0xc9, 0, 1, 1, 2, 3, 4};
        Placed p = place(rtcp, offset);
        // Garbage in front must not matter; make the byte at 0 look like STUN to be sure.
        if (offset > 0) {
            p.buf()[0] = 0;
        }
        assertThat(PacketClassifier.classify(p.buf(), p.off(), p.len())).isEqualTo(PacketKind.RTCP);
    }

    @Test
    void minLengthsMatchTheHeaders() {
        assertThat(IntStream.of(PacketKind.STUN.minLength(), PacketKind.DTLS.minLength(), PacketKind.RTP.minLength(),
                PacketKind.RTCP.minLength(), PacketKind.TURN_CHANNEL.minLength()))
                .containsExactly(StunHeader.HEADER_LENGTH, DtlsRecords.HEADER_LENGTH,
                        RtpHeader.FIXED_HEADER_LENGTH, RtcpHeader.HEADER_LENGTH, 4);
    }

    @Test
    void rejectsARangeOutsideTheArrayAsACallerBug() {
        assertThatThrownBy(() -> PacketClassifier.classify(new byte[10], 5, 6))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .isNotInstanceOf(ArrayIndexOutOfBoundsException.class);
    }
}
