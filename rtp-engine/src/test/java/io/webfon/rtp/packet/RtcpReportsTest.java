package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 3550 §6.4-6.7: SR, RR, SDES, BYE and APP, read from hand-built packets and written back. */
class RtcpReportsTest {
    /** An SR with one report block whose cumulative lost is -2 (duplicates), built from the RFC 3550 §6.4.1 figure. */
    static final byte[] SR = hex("""
            81 c8 00 0c   # V=2 P=0 RC=1 | PT=SR | length 12 words
            11 22 33 44   # SSRC of sender
            e8 f1 a2 b3   # NTP seconds
            80 00 00 00   # NTP fraction: half a second
            00 00 fa 00   # RTP timestamp 64000
            00 00 01 f4   # packet count 500
            00 01 38 80   # octet count 80000
            aa bb cc dd   # SSRC_1
            40 ff ff fe   # fraction lost 64/256 | cumulative lost -2
            00 01 00 05   # extended highest sequence: 1 cycle, seq 5
            00 00 00 20   # jitter 32
            a2 b3 80 00   # LSR: middle 32 bits of the NTP timestamp above
            00 01 80 00   # DLSR 1.5 s
            """);

    /** An SDES with two chunks: the first with NAME then CNAME, the second (a CSRC) with a CNAME only. */
    static final byte[] SDES = hex("""
            82 ca 00 07   # SC=2, 8 words
            00 00 00 01   # chunk 1: SSRC 1
            02 03 42 6f   # NAME "Bob"
            62 01 05 61   # CNAME "a@b.c"
            40 62 2e 63
            00 00 00 00   # end of items, padding to 32 bits
            00 00 00 02   # chunk 2: CSRC 2
            01 01 7a 00   # CNAME "z", end of items
            """);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc3550_senderReport(int offset) {
        Placed p = place(SR, offset);
        byte[] b = p.buf();
        int off = p.off();
        int len = p.len();
        assertThat(RtcpCompound.validate(b, off, len)).isNull();
        assertThat(RtcpHeader.senderSsrc(b, off, len)).isEqualTo(0x11223344L);
        assertThat(RtcpReports.ntpTimestamp(b, off, len)).isEqualTo(0xe8f1a2b380000000L);
        assertThat(RtcpReports.rtpTimestamp(b, off, len)).isEqualTo(64000);
        assertThat(RtcpReports.packetCount(b, off, len)).isEqualTo(500);
        assertThat(RtcpReports.octetCount(b, off, len)).isEqualTo(80000);
        assertThat(RtcpReports.reportCount(b, off, len)).isEqualTo(1);
        assertThat(RtcpReports.blockOffset(b, off, len, 0)).isEqualTo(off + 28);
        assertThat(RtcpReports.blockSsrc(b, off, len, 0)).isEqualTo(0xaabbccddL);
        assertThat(RtcpReports.fractionLost(b, off, len, 0)).isEqualTo(64);
        assertThat(RtcpReports.cumulativeLost(b, off, len, 0)).isEqualTo(-2);
        assertThat(RtcpReports.extendedHighestSequence(b, off, len, 0)).isEqualTo(65541);
        assertThat(RtcpReports.jitter(b, off, len, 0)).isEqualTo(32);
        assertThat(RtcpReports.lastSenderReport(b, off, len, 0))
                .isEqualTo(SenderInfo.middleNtp(RtcpReports.ntpTimestamp(b, off, len)));
        assertThat(RtcpReports.delaySinceLastSenderReport(b, off, len, 0)).isEqualTo(0x18000);
        assertThat(RtcpReports.senderInfo(b, off, len))
                .isEqualTo(new SenderInfo(0xe8f1a2b380000000L, 64000, 500, 80000));
    }

    @Test
    void senderReportWriterProducesTheKnownAnswer() {
        ReportBlock block = new ReportBlock(0xaabbccddL, 64, -2, 65541, 32, 0xa2b38000L, 0x18000);
        byte[] written = RtcpWriter.senderReport(0x11223344L,
                new SenderInfo(0xe8f1a2b380000000L, 64000, 500, 80000), block);
        assertThat(written).isEqualTo(SR);
        assertThat(RtcpReports.block(written, 0, written.length, 0)).isEqualTo(block);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void receiverReportRoundTripsAtAnOffset(int offset) {
        ReportBlock[] blocks = {
            new ReportBlock(1, 0, 0, 0, 0, 0, 0),
            new ReportBlock(0xffffffffL, 255, ReportBlock.MIN_CUMULATIVE_LOST, 0xffffffffL, 0xffffffffL,
                    0xffffffffL, 0xffffffffL),
            new ReportBlock(3, 1, ReportBlock.MAX_CUMULATIVE_LOST, 70000, 5, 6, 7),
        };
        Placed p = place(new byte[RtcpWriter.receiverReportLength(blocks.length)], offset);
        int n = RtcpWriter.writeReceiverReport(p.buf(), p.off(), 0xfeedL, blocks);
        assertThat(n).isEqualTo(8 + 24 * 3);
        assertThat(RtcpCompound.validate(p.buf(), p.off(), n)).isNull();
        assertThat(RtcpHeader.senderSsrc(p.buf(), p.off(), n)).isEqualTo(0xfeedL);
        assertThat(RtcpReports.reportCount(p.buf(), p.off(), n)).isEqualTo(3);
        for (int i = 0; i < blocks.length; i++) {
            assertThat(RtcpReports.block(p.buf(), p.off(), n, i)).isEqualTo(blocks[i]);
        }
        assertThat(RtcpWriter.receiverReport(0xfeedL)).isEqualTo(hex("80 c9 00 01 00 00 fe ed"));
    }

    @Test
    void reportValuesOutOfTheirFieldsAreRejected() {
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 1 << 23, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(-1, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SenderInfo(0, 1L << 32, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReportBlock.clampCumulativeLost(-1L << 40)).isEqualTo(ReportBlock.MIN_CUMULATIVE_LOST);
        assertThat(ReportBlock.clampCumulativeLost(1L << 40)).isEqualTo(ReportBlock.MAX_CUMULATIVE_LOST);
        assertThatThrownBy(() -> RtcpWriter.receiverReport(1, new ReportBlock[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RtcpWriter.writeReceiverReport(new byte[7], 0, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rfc3550_sdesChunksAndItems(int offset) {
        Placed p = place(SDES, offset);
        assertThat(RtcpCompound.validate(p.buf(), p.off(), p.len())).isNull();
        SdesCursor sdes = new SdesCursor();
        assertThat(sdes.reset(p.buf(), p.off(), p.len())).isTrue();
        List<String> items = new ArrayList<>();
        while (sdes.nextChunk()) {
            while (sdes.nextItem()) {
                items.add(sdes.ssrc() + ":" + sdes.itemType() + "=" + sdes.itemText());
            }
        }
        assertThat(sdes.error()).isNull();
        assertThat(items).containsExactly("1:2=Bob", "1:1=a@b.c", "2:1=z");
        assertThat(RtcpSdes.cname(p.buf(), p.off(), p.len())).isEqualTo("a@b.c");
    }

    @Test
    void sdesWriterRoundTripsAtEveryPaddingLength() {
        for (int length = 0; length <= 255; length++) {
            String cname = "x".repeat(length);
            byte[] sdes = RtcpWriter.sdesCname(0x01020304L, cname);
            assertThat(sdes.length % 4).isZero();
            assertThat(RtcpCompound.validate(sdes, 0, sdes.length)).as("CNAME of %d bytes", length).isNull();
            assertThat(RtcpSdes.cname(sdes, 0, sdes.length)).isEqualTo(cname);
            assertThat(RtcpHeader.senderSsrc(sdes, 0, sdes.length)).isEqualTo(0x01020304L);
        }
        assertThat(RtcpWriter.sdesCname(1, "ab")).isEqualTo(hex("81 ca 00 03 00 00 00 01 01 02 61 62 00 00 00 00"));
        assertThatThrownBy(() -> RtcpWriter.sdesCname(1, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byeWriterAndReader() {
        byte[] bye = RtcpWriter.bye(new long[] {1, 0xffffffffL}, "hung up");
        assertThat(RtcpCompound.validate(bye, 0, bye.length)).isNull();
        assertThat(RtcpBye.sourceCount(bye, 0, bye.length)).isEqualTo(2);
        assertThat(RtcpBye.source(bye, 0, bye.length, 1)).isEqualTo(0xffffffffL);
        assertThat(RtcpBye.reason(bye, 0, bye.length)).isEqualTo("hung up");
        assertThat(RtcpBye.reasonLength(bye, 0, bye.length)).isEqualTo(7);
        assertThat(RtcpBye.reasonOffset(bye, 0, bye.length)).isEqualTo(13);
        assertThat(bye).isEqualTo(hex("82 cb 00 04 00 00 00 01 ff ff ff ff 07 68 75 6e 67 20 75 70"));
        byte[] plain = RtcpWriter.bye(new long[] {5}, null);
        assertThat(plain).isEqualTo(hex("81 cb 00 01 00 00 00 05"));
        assertThat(RtcpBye.reasonOffset(plain, 0, plain.length)).isEqualTo(-1);
        assertThat(RtcpBye.reasonLength(plain, 0, plain.length)).isZero();
        byte[] empty = RtcpWriter.bye(new long[] {5}, "");
        assertThat(RtcpCompound.validate(empty, 0, empty.length)).isNull();
        assertThat(RtcpBye.reason(empty, 0, empty.length)).isEmpty();
    }

    @Test
    void reportBlockIndexBeyondTheCountIsACallerBug() {
        assertThatThrownBy(() -> RtcpReports.blockSsrc(SR, 0, SR.length, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
