package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.concat;
import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RtcpSsrcRewriterTest {
    /** Browser-side SSRCs 0xA1..0xA9 become PBX-side 0xB1..0xB9; anything else is kept. */
    private static final LongUnaryOperator A_TO_B = ssrc -> ssrc >= 0xA1 && ssrc <= 0xA9 ? ssrc + 0x10 : ssrc;

    static byte[] everyKind() {
        return concat(
                RtcpWriter.senderReport(0xA1, new SenderInfo(1, 2, 3, 4), new ReportBlock(0xA2, 0, 0, 0, 0, 0, 0),
                        new ReportBlock(0x77, 0, 0, 0, 0, 0, 0)),
                RtcpWriter.receiverReport(0xA1, new ReportBlock(0xA3, 0, 0, 0, 0, 0, 0)),
                RtcpSsrcRewriterTest.twoChunkSdes(),
                RtcpWriter.bye(new long[] {0xA1, 0xA5}, "bye"),
                hex("80 cc 00 03 00 00 00 a1 4e 41 4d 45 41 42 43 44"),           // APP
                RtcpFeedbackWriter.pli(0xA1, 0xA6),
                RtcpFeedbackWriter.nack(0xA1, 0xA6, 1, 2, 3),
                RtcpFeedbackWriter.fir(0xA1, 0xA7, 3),
                RtcpFeedbackWriter.remb(0xA1, 100_000, 0xA8, 0xA9),
                RtcpFeedbackTest.TWCC,                                           // sender 1, media 2: kept
                hex("83 cd 00 04 00 00 00 a1 00 00 00 00 00 00 00 a2 04 00 00 00"), // TMMBR entry for A2
                hex("80 cf 00 02 00 00 00 a1 04 00 00 00"),                       // XR
                hex("80 d2 00 01 00 00 00 a1"));                                  // unknown type: untouched
    }

    private static byte[] twoChunkSdes() {
        return hex("82 ca 00 05 00 00 00 a1 01 01 78 00 00 00 00 a4 01 02 79 7a 00 00 00 00");
    }

    /** Every SSRC the readers see, packet by packet, in wire order. */
    private static List<Long> ssrcsOf(byte[] b) {
        List<Long> out = new ArrayList<>();
        RtcpCompound rtcp = new RtcpCompound().reset(b, 0, b.length);
        while (rtcp.next()) {
            int p = rtcp.offset();
            int n = rtcp.length();
            switch (rtcp.packetType()) {
                case RtcpHeader.SR, RtcpHeader.RR -> {
                    out.add(RtcpHeader.senderSsrc(b, p, n));
                    for (int i = 0; i < RtcpReports.reportCount(b, p, n); i++) {
                        out.add(RtcpReports.blockSsrc(b, p, n, i));
                    }
                }
                case RtcpHeader.SDES -> {
                    SdesCursor sdes = new SdesCursor();
                    sdes.reset(b, p, n);
                    while (sdes.nextChunk()) {
                        out.add(sdes.ssrc());
                    }
                }
                case RtcpHeader.BYE -> {
                    for (int i = 0; i < RtcpBye.sourceCount(b, p, n); i++) {
                        out.add(RtcpBye.source(b, p, n, i));
                    }
                }
                case RtcpHeader.RTPFB, RtcpHeader.PSFB -> {
                    out.add(RtcpFeedback.senderSsrc(b, p, n));
                    out.add(RtcpFeedback.mediaSsrc(b, p, n));
                    if (RtcpFeedback.isFir(b, p, n)) {
                        out.add(RtcpFir.ssrc(b, p, n, 0));
                    } else if (RtcpFeedback.isRemb(b, p, n)) {
                        out.add(RtcpRemb.ssrc(b, p, n, 0));
                        out.add(RtcpRemb.ssrc(b, p, n, 1));
                    } else if (rtcp.packetType() == RtcpHeader.RTPFB && rtcp.count() == RtcpFeedback.FMT_TMMBR) {
                        out.add(Bytes.u32(b, p + 12));
                    }
                }
                default -> out.add(RtcpHeader.senderSsrc(b, p, n));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void rewritesEverySsrcInPlace(int offset) {
        byte[] original = everyKind();
        assertThat(RtcpCompound.validate(original, 0, original.length)).isNull();
        assertThat(ssrcsOf(original)).containsExactly(
                0xA1L, 0xA2L, 0x77L,            // SR
                0xA1L, 0xA3L,                   // RR
                0xA1L, 0xA4L,                   // SDES chunks
                0xA1L, 0xA5L,                   // BYE
                0xA1L,                          // APP
                0xA1L, 0xA6L, 0xA1L, 0xA6L,     // PLI, NACK
                0xA1L, 0L, 0xA7L,               // FIR
                0xA1L, 0L, 0xA8L, 0xA9L,        // REMB
                1L, 2L,                         // TWCC (not ours)
                0xA1L, 0L, 0xA2L,               // TMMBR
                0xA1L, 0xA1L);                  // XR, unknown type
        Placed p = place(original, offset);
        assertThat(RtcpSsrcRewriter.rewrite(p.buf(), p.off(), p.len(), A_TO_B)).isNull();
        byte[] rewritten = p.bytes();
        assertThat(RtcpCompound.validate(rewritten, 0, rewritten.length)).isNull();
        assertThat(ssrcsOf(rewritten)).containsExactly(
                0xB1L, 0xB2L, 0x77L,
                0xB1L, 0xB3L,
                0xB1L, 0xB4L,
                0xB1L, 0xB5L,
                0xB1L,
                0xB1L, 0xB6L, 0xB1L, 0xB6L,
                0xB1L, 0L, 0xB7L,
                0xB1L, 0L, 0xB8L, 0xB9L,
                1L, 2L,
                0xB1L, 0L, 0xB2L,
                0xB1L, 0xA1L);
        assertThat(RtcpSdes.cname(rewritten, RtcpWriter.senderReportLength(2) + RtcpWriter.receiverReportLength(1),
                24)).as("text untouched").isEqualTo("x");
        assertThat(RtcpSsrcRewriter.rewrite(p.buf(), p.off(), p.len(), ssrc -> ssrc >= 0xB1 && ssrc <= 0xB9
                ? ssrc - 0x10 : ssrc)).isNull();
        assertThat(p.bytes()).as("the inverse mapping restores the packet").isEqualTo(original);
    }

    @Test
    void aMalformedCompoundIsLeftUntouched() {
        byte[] bad = concat(RtcpFeedbackWriter.pli(0xA1, 0xA2), hex("81 c9 00 07 00 00 00 a1"));
        byte[] before = bad.clone();
        Map<Long, Long> seen = new HashMap<>();
        assertThat(RtcpSsrcRewriter.rewrite(bad, 0, bad.length, s -> {
            seen.put(s, s);
            return s + 1;
        })).isEqualTo(Malformed.RTCP_LENGTH_BEYOND_END);
        assertThat(bad).isEqualTo(before);
        assertThat(seen).isEmpty();
    }

    @Test
    void aMappingOutOfRangeIsACallerBug() {
        byte[] pli = RtcpFeedbackWriter.pli(1, 2);
        assertThatThrownBy(() -> RtcpSsrcRewriter.rewrite(pli, 0, pli.length, s -> -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
