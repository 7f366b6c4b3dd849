package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.onlyMalformed;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4585 (NACK, PLI, SLI), RFC 5104 (FIR), REMB and TWCC: readers, writers, and round trips. */
class RtcpFeedbackTest {
    /** RFC 4585 §6.3.1: PLI, length 2, no FCI. */
    static final byte[] PLI = hex("81 ce 00 02  00 00 00 01  00 00 00 02");
    /** RFC 4585 §6.2.1: two pairs, PID 0xfffe with BLP 0x8003 (wraps past 65535), PID 100 with BLP 0. */
    static final byte[] NACK = hex("81 cd 00 04  00 00 00 01  00 00 00 02  ff fe 80 03  00 64 00 00");
    /** RFC 5104 §4.3.1: two entries; the media source SSRC of the common header is 0. */
    static final byte[] FIR = hex("84 ce 00 06  00 00 00 01  00 00 00 00  00 00 00 aa  07 00 00 00  00 00 00 bb ff 00 00 00");
    /** REMB sent by Chrome watching a 6 Mb/s stream, from pion/rtcp's tests (MIT): 139487 × 2^6 bit/s. */
    static final byte[] REMB_CHROME = {(byte) 143, (byte) 206, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 82, 69, 77, 66, 1, 26, 32,
        (byte) 223, 72, 116, (byte) 237, 22};
    /** draft-holmer TWCC: base 0x0102, 3 statuses, reference time -2 (0xfffffe), fb count 9, one run chunk, deltas. */
    static final byte[] TWCC = hex("""
            8f cd 00 05  00 00 00 01  00 00 00 02   # RTPFB FMT 15
            01 02 00 03  ff ff fe 09                # base seq, status count, reference time, fb pkt count
            20 03 04 04                             # run-length chunk: 3 × small delta | deltas 4 4
            """);
    /** RFC 4585 §6.3.2: one SLI entry, First 5, Number 7, PictureID 9. */
    static final byte[] SLI = hex("82 ce 00 03  00 00 00 01  00 00 00 02  00 28 01 c9");

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc4585_pli(int offset) {
        Placed p = place(PLI, offset);
        assertThat(RtcpCompound.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isPli(p.buf(), p.off(), p.len())).isTrue();
        assertThat(RtcpFeedback.isFir(p.buf(), p.off(), p.len())).isFalse();
        assertThat(RtcpFeedback.senderSsrc(p.buf(), p.off(), p.len())).isEqualTo(1);
        assertThat(RtcpFeedback.mediaSsrc(p.buf(), p.off(), p.len())).isEqualTo(2);
        assertThat(RtcpFeedbackWriter.pli(1, 2)).isEqualTo(PLI);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc4585_nackExpandsPidAndBlpIntoLostSequenceNumbers(int offset) {
        Placed p = place(NACK, offset);
        byte[] b = p.buf();
        assertThat(RtcpCompound.validate(b, p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isNack(b, p.off(), p.len())).isTrue();
        assertThat(RtcpNack.pairCount(b, p.off(), p.len())).isEqualTo(2);
        assertThat(RtcpNack.packetId(b, p.off(), p.len(), 0)).isEqualTo(0xfffe);
        assertThat(RtcpNack.lostBitmask(b, p.off(), p.len(), 0)).isEqualTo(0x8003);
        assertThat(RtcpNack.lostCount(b, p.off(), p.len())).isEqualTo(5);
        int[] lost = new int[7];
        lost[0] = -7;
        int n = RtcpNack.lostSequenceNumbers(b, p.off(), p.len(), lost, 1);
        assertThat(n).isEqualTo(5);
        assertThat(lost).containsExactly(-7, 0xfffe, 0xffff, 0, 14, 100, 0);
    }

    static Stream<Arguments> nackPacking() {
        // Expected pairs from pion/rtcp's TestTransportLayerNackPairGeneration, plus wrap-around and duplicates.
        return Stream.of(
                Arguments.of(new int[] {100}, new int[] {100, 0}),
                Arguments.of(new int[] {100, 101, 105, 115}, new int[] {100, 0x4011}),
                Arguments.of(new int[] {100, 117, 500, 501, 502}, new int[] {100, 0, 117, 0, 500, 3}),
                Arguments.of(new int[] {100, 116}, new int[] {100, 0x8000}),
                Arguments.of(new int[] {65534, 65535, 0, 1}, new int[] {65534, 7}),
                Arguments.of(new int[] {7, 7, 8}, new int[] {7, 1}),
                Arguments.of(new int[] {105, 100}, new int[] {105, 0, 100, 0}));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("nackPacking")
    void nackWriterPacksPidBlpPairs(int[] seqs, int[] pairs) {
        byte[] nack = RtcpFeedbackWriter.nack(0x11, 0x22, seqs);
        assertThat(nack.length).isEqualTo(12 + 2 * pairs.length);
        assertThat(RtcpCompound.validate(nack, 0, nack.length)).isNull();
        int[] read = new int[pairs.length];
        for (int i = 0; i < pairs.length / 2; i++) {
            read[2 * i] = RtcpNack.packetId(nack, 0, nack.length, i);
            read[2 * i + 1] = RtcpNack.lostBitmask(nack, 0, nack.length, i);
        }
        assertThat(read).containsExactly(pairs);
        int[] lost = new int[RtcpNack.lostCount(nack, 0, nack.length)];
        RtcpNack.lostSequenceNumbers(nack, 0, nack.length, lost, 0);
        assertThat(Arrays.stream(lost).distinct().sorted().toArray())
                .containsExactly(Arrays.stream(seqs).distinct().sorted().toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void nackWriterWritesAtAnOffsetAndNowhereElse(int offset) {
        Placed p = place(new byte[40], offset);
        byte[] before = p.buf().clone();
        int[] seqs = {9, 1, 2, 3, 9};
        int n = RtcpFeedbackWriter.writeNack(p.buf(), p.off(), 1, 2, seqs, 1, 3);
        assertThat(n).isEqualTo(16);
        assertThat(Arrays.copyOfRange(p.buf(), p.off(), p.off() + n))
                .isEqualTo(hex("81 cd 00 03 00 00 00 01 00 00 00 02 00 01 00 03"));
        assertThat(Arrays.copyOfRange(p.buf(), p.off() + n, p.buf().length))
                .isEqualTo(Arrays.copyOfRange(before, p.off() + n, before.length));
        assertThat(Arrays.copyOfRange(p.buf(), 0, p.off())).isEqualTo(Arrays.copyOfRange(before, 0, p.off()));
    }

    @Test
    void nackWriterRejectsWhatItCannotWrite() {
        assertThatThrownBy(() -> RtcpFeedbackWriter.nack(1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpFeedbackWriter.nack(1, 2, 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpFeedbackWriter.writeNack(new byte[15], 0, 1, 2, new int[] {1}, 0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc5104_firEntries(int offset) {
        Placed p = place(FIR, offset);
        byte[] b = p.buf();
        assertThat(RtcpCompound.validate(b, p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isFir(b, p.off(), p.len())).isTrue();
        assertThat(RtcpFeedback.mediaSsrc(b, p.off(), p.len())).isZero();
        assertThat(RtcpFir.entryCount(b, p.off(), p.len())).isEqualTo(2);
        assertThat(RtcpFir.ssrc(b, p.off(), p.len(), 0)).isEqualTo(0xaa);
        assertThat(RtcpFir.sequenceNumber(b, p.off(), p.len(), 0)).isEqualTo(7);
        assertThat(RtcpFir.ssrc(b, p.off(), p.len(), 1)).isEqualTo(0xbb);
        assertThat(RtcpFir.sequenceNumber(b, p.off(), p.len(), 1)).isEqualTo(255);
    }

    @Test
    void firWriterRoundTripsWithTheCallersSequenceNumber() {
        for (int seq = 0; seq < 256; seq += 51) {
            byte[] fir = RtcpFeedbackWriter.fir(0x01020304L, 0xfffffffeL, seq);
            assertThat(RtcpCompound.validate(fir, 0, fir.length)).isNull();
            assertThat(RtcpFir.entryCount(fir, 0, fir.length)).isEqualTo(1);
            assertThat(RtcpFir.ssrc(fir, 0, fir.length, 0)).isEqualTo(0xfffffffeL);
            assertThat(RtcpFir.sequenceNumber(fir, 0, fir.length, 0)).isEqualTo(seq);
            assertThat(RtcpFeedback.senderSsrc(fir, 0, fir.length)).isEqualTo(0x01020304L);
        }
        assertThat(RtcpFeedbackWriter.fir(1, 0xaa, 7)).isEqualTo(hex("84 ce 00 04 00 00 00 01 00 00 00 00 00 00 00 aa 07 00 00 00"));
        assertThatThrownBy(() -> RtcpFeedbackWriter.fir(1, 2, 256)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rembFromChrome(int offset) {
        Placed p = place(REMB_CHROME, offset);
        byte[] b = p.buf();
        assertThat(RtcpCompound.validate(b, p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isRemb(b, p.off(), p.len())).isTrue();
        assertThat(RtcpRemb.exponent(b, p.off(), p.len())).isEqualTo(6);
        assertThat(RtcpRemb.mantissa(b, p.off(), p.len())).isEqualTo(139487);
        assertThat(RtcpRemb.bitrate(b, p.off(), p.len())).isEqualTo(8927168L);
        assertThat(RtcpRemb.ssrcCount(b, p.off(), p.len())).isEqualTo(1);
        assertThat(RtcpRemb.ssrc(b, p.off(), p.len(), 0)).isEqualTo(1215622422L);
        assertThat(RtcpRemb.IDENTIFIER).isEqualTo(0x52454d42);
    }

    @Test
    void rembWriterMatchesChromeAndRoundsDown() {
        assertThat(RtcpFeedbackWriter.remb(1, 8927168L, 1215622422L)).isEqualTo(REMB_CHROME);
        byte[] lower = RtcpFeedbackWriter.remb(1, 8927167L, 1215622422L);
        assertThat(RtcpRemb.bitrate(lower, 0, lower.length)).isEqualTo(8927104L);
        for (long bitrate : new long[] {0, 1, 262143, 262144, 1_000_000_007L, Long.MAX_VALUE}) {
            byte[] remb = RtcpFeedbackWriter.remb(7, bitrate);
            long read = RtcpRemb.bitrate(remb, 0, remb.length);
            assertThat(read).isLessThanOrEqualTo(bitrate).isGreaterThan(bitrate - (bitrate >>> 17) - 1);
        }
        assertThatThrownBy(() -> RtcpFeedbackWriter.remb(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rembBitrateSaturatesInsteadOfOverflowing() {
        byte[] remb = hex("8f ce 00 04 00 00 00 00 00 00 00 00 52 45 4d 42 00 ff ff ff");
        assertThat(RtcpRemb.exponent(remb, 0, remb.length)).isEqualTo(63);
        assertThat(RtcpRemb.bitrate(remb, 0, remb.length)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void twccKeepsTheFeedbackOpaqueAndExposesItsFixedFields(int offset) {
        Placed p = place(TWCC, offset);
        byte[] b = p.buf();
        assertThat(RtcpCompound.validate(b, p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isTwcc(b, p.off(), p.len())).isTrue();
        assertThat(RtcpTwcc.baseSequenceNumber(b, p.off(), p.len())).isEqualTo(0x0102);
        assertThat(RtcpTwcc.packetStatusCount(b, p.off(), p.len())).isEqualTo(3);
        assertThat(RtcpTwcc.referenceTime(b, p.off(), p.len())).isEqualTo(-2);
        assertThat(RtcpTwcc.feedbackPacketCount(b, p.off(), p.len())).isEqualTo(9);
        assertThat(RtcpFeedback.fciLength(b, p.off(), p.len())).isEqualTo(12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc4585_sli(int offset) {
        Placed p = place(SLI, offset);
        assertThat(RtcpCompound.validate(p.buf(), p.off(), p.len())).isNull();
        assertThat(RtcpFeedback.isSli(p.buf(), p.off(), p.len())).isTrue();
        assertThat(RtcpFeedback.sliCount(p.buf(), p.off(), p.len())).isEqualTo(1);
        assertThat(RtcpFeedback.sliFirst(p.buf(), p.off(), p.len(), 0)).isEqualTo(5);
        assertThat(RtcpFeedback.sliNumber(p.buf(), p.off(), p.len(), 0)).isEqualTo(7);
        assertThat(RtcpFeedback.sliPictureId(p.buf(), p.off(), p.len(), 0)).isEqualTo(9);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("NACK reader on a PLI", (Runnable) () -> RtcpNack.pairCount(PLI, 0, PLI.length)),
                Arguments.of("FIR reader on a PLI", (Runnable) () -> RtcpFir.entryCount(PLI, 0, PLI.length)),
                Arguments.of("REMB reader on a FIR", (Runnable) () -> RtcpRemb.bitrate(FIR, 0, FIR.length)),
                Arguments.of("TWCC reader on a NACK", (Runnable) () -> RtcpTwcc.baseSequenceNumber(NACK, 0, NACK.length)),
                Arguments.of("feedback reader on an RR", (Runnable) () -> RtcpFeedback.mediaSsrc(
                        RtcpCompoundTest.PION_REAL_PACKET, 0, 32)),
                Arguments.of("SR reader on an RR", (Runnable) () -> RtcpReports.ntpTimestamp(
                        RtcpCompoundTest.PION_REAL_PACKET, 0, 32)),
                Arguments.of("report reader on a PLI", (Runnable) () -> RtcpReports.reportCount(PLI, 0, PLI.length)),
                Arguments.of("BYE reader on a PLI", (Runnable) () -> RtcpBye.sourceCount(PLI, 0, PLI.length)),
                Arguments.of("APP reader on a PLI", (Runnable) () -> RtcpApp.ssrc(PLI, 0, PLI.length)),
                Arguments.of("SDES reader on a PLI", (Runnable) () -> RtcpSdes.cname(PLI, 0, PLI.length)),
                Arguments.of("REMB reader on a non-REMB AFB", (Runnable) () -> RtcpRemb.bitrate(
                        hex("8f ce 00 03 00 00 00 01 00 00 00 00 41 42 43 44"), 0, 16)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void readersRejectAnotherPacketType(String name, Runnable reader) {
        assertThatThrownBy(reader::run).isInstanceOf(MalformedPacketException.class)
                .extracting(e -> ((MalformedPacketException) e).reason()).isEqualTo(Malformed.RTCP_WRONG_TYPE);
    }

    @Test
    void truncatedFeedbackAtEveryLengthFailsOnlyWithTheTypedException() {
        for (byte[] packet : new byte[][] {PLI, NACK, FIR, REMB_CHROME, TWCC, SLI}) {
            for (int len = 0; len < packet.length; len++) {
                assertThat(RtcpCompound.validate(packet, 0, len)).as("cut to %d", len).isNotNull();
                int cut = len;
                onlyMalformed("cut to " + len, () -> readFeedback(packet, 0, cut));
            }
        }
    }

    /** Calls every feedback reader that applies to the packet; used by the compound and fuzz tests. */
    static long readFeedback(byte[] b, int off, int len) {
        long sink = RtcpFeedback.senderSsrc(b, off, len) + RtcpFeedback.mediaSsrc(b, off, len)
                + RtcpFeedback.fciOffset(b, off, len) + RtcpFeedback.fciLength(b, off, len);
        if (RtcpFeedback.isNack(b, off, len)) {
            for (int i = 0; i < RtcpNack.pairCount(b, off, len); i++) {
                sink += RtcpNack.packetId(b, off, len, i) + RtcpNack.lostBitmask(b, off, len, i);
            }
            int[] lost = new int[RtcpNack.lostCount(b, off, len)];
            sink += RtcpNack.lostSequenceNumbers(b, off, len, lost, 0);
        } else if (RtcpFeedback.isTwcc(b, off, len)) {
            sink += RtcpTwcc.baseSequenceNumber(b, off, len) + RtcpTwcc.packetStatusCount(b, off, len)
                    + RtcpTwcc.referenceTime(b, off, len) + RtcpTwcc.feedbackPacketCount(b, off, len);
        } else if (RtcpFeedback.isFir(b, off, len)) {
            for (int i = 0; i < RtcpFir.entryCount(b, off, len); i++) {
                sink += RtcpFir.ssrc(b, off, len, i) + RtcpFir.sequenceNumber(b, off, len, i);
            }
        } else if (RtcpFeedback.isSli(b, off, len)) {
            for (int i = 0; i < RtcpFeedback.sliCount(b, off, len); i++) {
                sink += RtcpFeedback.sliFirst(b, off, len, i) + RtcpFeedback.sliNumber(b, off, len, i)
                        + RtcpFeedback.sliPictureId(b, off, len, i);
            }
        } else if (RtcpFeedback.isRemb(b, off, len)) {
            sink += RtcpRemb.bitrate(b, off, len) + RtcpRemb.exponent(b, off, len) + RtcpRemb.mantissa(b, off, len);
            for (int i = 0; i < RtcpRemb.ssrcCount(b, off, len); i++) {
                sink += RtcpRemb.ssrc(b, off, len, i);
            }
        }
        return sink;
    }
}
