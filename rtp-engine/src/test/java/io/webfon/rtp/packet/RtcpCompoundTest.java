package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.concat;
import static io.webfon.rtp.packet.PacketTestSupport.hex;
import static io.webfon.rtp.packet.PacketTestSupport.onlyMalformed;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Compound framing (RFC 3550 §6.1, §6.4.1 validity checks) and every known packet type read from one datagram. */
class RtcpCompoundTest {
    /**
     * A compound from a packet dump, as published in pion/rtcp's {@code packet_test.go} (MIT): RR, SDES, BYE, PLI,
     * RTPFB FMT 5 (rapid resynchronisation request, kept opaque here) and APP. Independent of our writers.
     */
    static final byte[] PION_REAL_PACKET = hex("""
            81 c9 00 07  90 2f 9e 2e  bc 5e 9a 40  00 00 00 00   # RR, 1 block
            00 00 46 e1  00 00 01 11  09 f3 64 32  00 02 4a 79
            81 ca 00 0c  90 2f 9e 2e  01 26                      # SDES, CNAME of 38 bytes
            7b 39 63 30 30 65 62 39 32 2d 31 61 66 62 2d 39 64 34 39 2d
            61 34 37 64 2d 39 31 66 36 34 65 65 65 36 39 66 35 7d
            00 00 00 00                                          # end of items + padding
            81 cb 00 01  90 2f 9e 2e                             # BYE
            81 ce 00 02  90 2f 9e 2e  90 2f 9e 2e                # PLI
            85 cd 00 02  90 2f 9e 2e  90 2f 9e 2e                # RTPFB FMT 5
            80 cc 00 03  4b aa e1 ab  4e 41 4d 45  41 42 43 44   # APP "NAME" "ABCD"
            """);

    /** Where each packet of {@link #PION_REAL_PACKET} ends: the only lengths a truncated copy may validate at. */
    static final Set<Integer> PION_BOUNDARIES = Set.of(32, 84, 92, 104, 116, 132);

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void iteratesARealCompound(int offset) {
        Placed p = place(PION_REAL_PACKET, offset);
        assertThat(RtcpCompound.validate(p.buf(), p.off(), p.len())).isNull();
        RtcpCompound rtcp = new RtcpCompound().reset(p.buf(), p.off(), p.len());
        List<String> seen = new ArrayList<>();
        while (rtcp.next()) {
            seen.add(rtcp.packetType() + "/" + rtcp.count() + "@" + (rtcp.offset() - p.off()) + "+" + rtcp.length());
        }
        assertThat(rtcp.error()).isNull();
        assertThat(seen).containsExactly("201/1@0+32", "202/1@32+52", "203/1@84+8", "206/1@92+12", "205/5@104+12",
                "204/0@116+16");
        assertThat(rtcp.next()).as("stays at the end").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void readsEveryPacketOfTheRealCompound(int offset) {
        Placed p = place(PION_REAL_PACKET, offset);
        byte[] b = p.buf();
        int rr = p.off();
        assertThat(RtcpHeader.senderSsrc(b, rr, 32)).isEqualTo(0x902f9e2eL);
        assertThat(RtcpReports.reportCount(b, rr, 32)).isEqualTo(1);
        assertThat(RtcpReports.block(b, rr, 32, 0))
                .isEqualTo(new ReportBlock(0xbc5e9a40L, 0, 0, 0x46e1, 273, 0x9f36432L, 150137));
        int sdes = rr + 32;
        assertThat(RtcpSdes.cname(b, sdes, 52)).isEqualTo("{9c00eb92-1afb-9d49-a47d-91f64eee69f5}");
        int bye = rr + 84;
        assertThat(RtcpBye.sourceCount(b, bye, 8)).isEqualTo(1);
        assertThat(RtcpBye.source(b, bye, 8, 0)).isEqualTo(0x902f9e2eL);
        assertThat(RtcpBye.reason(b, bye, 8)).isNull();
        int pli = rr + 92;
        assertThat(RtcpFeedback.isPli(b, pli, 12)).isTrue();
        assertThat(RtcpFeedback.senderSsrc(b, pli, 12)).isEqualTo(0x902f9e2eL);
        assertThat(RtcpFeedback.mediaSsrc(b, pli, 12)).isEqualTo(0x902f9e2eL);
        assertThat(RtcpFeedback.fciLength(b, pli, 12)).isZero();
        int rrr = rr + 104;
        assertThat(RtcpFeedback.isFeedback(b, rrr, 12)).isTrue();
        assertThat(RtcpFeedback.isNack(b, rrr, 12)).isFalse();
        int app = rr + 116;
        assertThat(RtcpApp.ssrc(b, app, 16)).isEqualTo(0x4baae1abL);
        assertThat(RtcpApp.nameString(b, app, 16)).isEqualTo("NAME");
        assertThat(RtcpApp.name(b, app, 16)).isEqualTo(0x4e414d45);
        assertThat(RtcpApp.subtype(b, app, 16)).isZero();
        assertThat(hex(b, RtcpApp.dataOffset(b, app, 16), RtcpApp.dataLength(b, app, 16))).isEqualTo("41424344");
        assertThat(readEverything(b, p.off(), p.len())).isEqualTo(6);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", Malformed.RTCP_TOO_SHORT),
                Arguments.of("3 bytes", "81 c9 00", Malformed.RTCP_TOO_SHORT),
                Arguments.of("version 1", "41 c9 00 01 00 00 00 01", Malformed.RTCP_BAD_VERSION),
                Arguments.of("second packet version 0", "80 c9 00 01 00 00 00 01 00 c9 00 01 00 00 00 01",
                        Malformed.RTCP_BAD_VERSION),
                Arguments.of("length 7 words, 1 present", "81 c9 00 07 00 00 00 01", Malformed.RTCP_LENGTH_BEYOND_END),
                Arguments.of("length 0xffff", "80 c9 ff ff 00 00 00 01", Malformed.RTCP_LENGTH_BEYOND_END),
                Arguments.of("2 trailing bytes", "80 c9 00 01 00 00 00 01 81 c9", Malformed.RTCP_TRAILING_BYTES),
                Arguments.of("padding on the first of two",
                        "a0 c9 00 01 00 00 00 04 80 c9 00 01 00 00 00 01", Malformed.RTCP_PADDING_NOT_LAST),
                Arguments.of("padding count 0", "a0 c9 00 02 00 00 00 01 00 00 00 00", Malformed.RTCP_BAD_PADDING),
                Arguments.of("padding count eats the header", "a0 c9 00 01 00 00 00 08", Malformed.RTCP_BAD_PADDING),
                Arguments.of("SR shorter than sender info", "80 c8 00 01 00 00 00 01", Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("SR RC=1 without block",
                        "81 c8 00 06 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 00 00 00 06",
                        Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("RR RC=2, one block",
                        "82 c9 00 07 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                        Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("RR padding hides a block",
                        "a1 c9 00 07 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 04",
                        Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("SDES chunk without null octet", "81 ca 00 02 00 00 00 01 01 02 61 62",
                        Malformed.RTCP_BAD_SDES),
                Arguments.of("SDES item past the end", "81 ca 00 02 00 00 00 01 01 09 61 62", Malformed.RTCP_BAD_SDES),
                Arguments.of("SDES SC=2, one chunk", "82 ca 00 02 00 00 00 01 00 00 00 00", Malformed.RTCP_BAD_SDES),
                Arguments.of("BYE SC=2, one source", "82 cb 00 01 00 00 00 01", Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("BYE reason past the end", "81 cb 00 02 00 00 00 01 09 61 62 63", Malformed.RTCP_BAD_BYE),
                Arguments.of("APP without name", "80 cc 00 01 00 00 00 01", Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("PLI without media SSRC", "81 ce 00 01 00 00 00 01", Malformed.RTCP_BODY_TOO_SHORT),
                Arguments.of("NACK without FCI", "81 cd 00 02 00 00 00 01 00 00 00 02", Malformed.RTCP_BAD_FCI),
                Arguments.of("FIR with a 4-byte FCI", "84 ce 00 03 00 00 00 01 00 00 00 00 00 00 00 02",
                        Malformed.RTCP_BAD_FCI),
                Arguments.of("FIR with 12 bytes of FCI",
                        "84 ce 00 05 00 00 00 01 00 00 00 00 00 00 00 02 01 00 00 00 00 00 00 03",
                        Malformed.RTCP_BAD_FCI),
                Arguments.of("SLI without FCI", "82 ce 00 02 00 00 00 01 00 00 00 02", Malformed.RTCP_BAD_FCI),
                Arguments.of("REMB listing 2 SSRCs, 1 present",
                        "8f ce 00 05 00 00 00 01 00 00 00 00 52 45 4d 42 02 1a 20 df 48 74 ed 16",
                        Malformed.RTCP_BAD_FCI),
                Arguments.of("REMB without bitrate", "8f ce 00 03 00 00 00 01 00 00 00 00 52 45 4d 42",
                        Malformed.RTCP_BAD_FCI),
                Arguments.of("TWCC with 4 bytes of FCI", "8f cd 00 03 00 00 00 01 00 00 00 02 00 01 00 02",
                        Malformed.RTCP_BAD_FCI),
                Arguments.of("TMMBR with 4 bytes of FCI", "83 cd 00 03 00 00 00 01 00 00 00 00 00 00 00 02",
                        Malformed.RTCP_BAD_FCI));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void rejectsMalformedCompoundsWithTheirReason(String name, String bytes, Malformed reason) {
        for (int offset : new int[] {0, 7}) {
            Placed p = place(hex(bytes), offset);
            assertThat(RtcpCompound.validate(p.buf(), p.off(), p.len())).isEqualTo(reason);
            RtcpCompound rtcp = new RtcpCompound().reset(p.buf(), p.off(), p.len());
            while (rtcp.next()) {
                assertThat(rtcp.offset() + rtcp.length()).isLessThanOrEqualTo(p.off() + p.len());
            }
            assertThat(rtcp.error()).as("the cursor stops with the same reason").isEqualTo(reason);
            onlyMalformed(name, () -> readPacket(p.buf(), p.off(), p.len()));
        }
    }

    static Stream<Arguments> wellFormedEdges() {
        return Stream.of(
                Arguments.of("RR without blocks", "80 c9 00 01 00 00 00 01"),
                Arguments.of("BYE without sources (header only)", "80 cb 00 00"),
                Arguments.of("reduced-size: a lone PLI (RFC 5506)", "81 ce 00 02 00 00 00 01 00 00 00 02"),
                Arguments.of("padding on the last packet", "80 c9 00 01 00 00 00 01 a0 cb 00 01 00 00 00 04"),
                Arguments.of("unknown type 210 is passed through", "80 d2 00 01 12 34 56 78"),
                Arguments.of("XR is passed through", "80 cf 00 02 00 00 00 01 04 00 00 00"),
                Arguments.of("SDES chunk with zero items", "81 ca 00 02 00 00 00 01 00 00 00 00"),
                Arguments.of("BYE with a reason", "81 cb 00 03 00 00 00 01 03 62 79 65 00 00 00 00"),
                Arguments.of("TMMBN with no entries", "84 cd 00 02 00 00 00 01 00 00 00 00"),
                Arguments.of("AFB that is not REMB", "8f ce 00 03 00 00 00 01 00 00 00 00 41 42 43 44"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wellFormedEdges")
    void acceptsWellFormedEdges(String name, String bytes) {
        byte[] packet = hex(bytes);
        assertThat(RtcpCompound.validate(packet, 0, packet.length)).isNull();
        readEverything(packet, 0, packet.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.webfon.rtp.packet.PacketTestSupport#offsets")
    void truncatedAtEveryLengthValidatesOnlyAtPacketBoundaries(int offset) {
        Placed p = place(PION_REAL_PACKET, offset);
        for (int len = 0; len <= p.len(); len++) {
            Malformed reason = RtcpCompound.validate(p.buf(), p.off(), len);
            if (PION_BOUNDARIES.contains(len)) {
                assertThat(reason).as("cut to %d", len).isNull();
            } else {
                assertThat(reason).as("cut to %d", len).isNotNull();
            }
            int cut = len;
            onlyMalformed("cut to " + len, () -> readEverything(p.buf(), p.off(), cut));
            onlyMalformed("cut to " + len, () -> readPacket(p.buf(), p.off(), cut));
        }
    }

    @Test
    void aCursorIsReusable() {
        RtcpCompound rtcp = new RtcpCompound();
        for (int round = 0; round < 3; round++) {
            rtcp.reset(hex("41 c9 00 01 00 00 00 01"), 0, 8);
            assertThat(rtcp.next()).isFalse();
            assertThat(rtcp.error()).isEqualTo(Malformed.RTCP_BAD_VERSION);
            rtcp.reset(PION_REAL_PACKET, 0, PION_REAL_PACKET.length);
            int n = 0;
            while (rtcp.next()) {
                n++;
            }
            assertThat(n).isEqualTo(6);
            assertThat(rtcp.error()).isNull();
        }
    }

    @Test
    void aCompoundOfWriterOutputValidates() {
        byte[] compound = concat(
                RtcpWriter.receiverReport(1, new ReportBlock(2, 3, -4, 5, 6, 7, 8)),
                RtcpWriter.sdesCname(1, "node@webfon"),
                RtcpFeedbackWriter.pli(1, 2), RtcpFeedbackWriter.fir(1, 2, 9), RtcpFeedbackWriter.nack(1, 2, 10, 12),
                RtcpFeedbackWriter.remb(1, 500_000, 2, 3), RtcpWriter.bye(new long[] {1}, "done"));
        assertThat(RtcpCompound.validate(compound, 0, compound.length)).isNull();
        assertThat(readEverything(compound, 0, compound.length)).isEqualTo(7);
    }

    /** Iterates the compound and calls every reader on every packet; returns the number of packets. */
    static int readEverything(byte[] b, int off, int len) {
        RtcpCompound rtcp = new RtcpCompound().reset(b, off, len);
        int packets = 0;
        while (rtcp.next()) {
            readPacket(b, rtcp.offset(), rtcp.length());
            packets++;
        }
        if (rtcp.error() != null) {
            throw new MalformedPacketException(rtcp.error());
        }
        return packets;
    }

    /** Calls every reader that applies to the packet at {@code off}: what a validated packet must survive. */
    static long readPacket(byte[] b, int off, int len) {
        long sink = RtcpHeader.version(b, off, len) + RtcpHeader.count(b, off, len)
                + RtcpHeader.packetLength(b, off, len) + RtcpHeader.contentLength(b, off, len)
                + (RtcpHeader.hasPadding(b, off, len) ? 1 : 0);
        switch (RtcpHeader.packetType(b, off, len)) {
            case RtcpHeader.SR:
                sink += RtcpHeader.senderSsrc(b, off, len) + RtcpReports.senderInfo(b, off, len).hashCode();
                return sink + readBlocks(b, off, len);
            case RtcpHeader.RR:
                return sink + RtcpHeader.senderSsrc(b, off, len) + readBlocks(b, off, len);
            case RtcpHeader.SDES:
                return sink + readSdes(b, off, len);
            case RtcpHeader.BYE:
                for (int i = 0; i < RtcpBye.sourceCount(b, off, len); i++) {
                    sink += RtcpBye.source(b, off, len, i);
                }
                String reason = RtcpBye.reason(b, off, len);
                return sink + RtcpBye.reasonOffset(b, off, len) + RtcpBye.reasonLength(b, off, len)
                        + (reason == null ? 0 : reason.length());
            case RtcpHeader.APP:
                return sink + RtcpApp.subtype(b, off, len) + RtcpApp.ssrc(b, off, len) + RtcpApp.name(b, off, len)
                        + RtcpApp.nameString(b, off, len).length() + RtcpApp.dataOffset(b, off, len)
                        + RtcpApp.dataLength(b, off, len);
            case RtcpHeader.RTPFB:
            case RtcpHeader.PSFB:
                return sink + RtcpFeedbackTest.readFeedback(b, off, len);
            default:
                return sink;
        }
    }

    private static long readBlocks(byte[] b, int off, int len) {
        long sink = 0;
        for (int i = 0; i < RtcpReports.reportCount(b, off, len); i++) {
            sink += RtcpReports.blockSsrc(b, off, len, i) + RtcpReports.fractionLost(b, off, len, i)
                    + RtcpReports.cumulativeLost(b, off, len, i) + RtcpReports.extendedHighestSequence(b, off, len, i)
                    + RtcpReports.jitter(b, off, len, i) + RtcpReports.lastSenderReport(b, off, len, i)
                    + RtcpReports.delaySinceLastSenderReport(b, off, len, i)
                    + RtcpReports.block(b, off, len, i).hashCode();
        }
        return sink;
    }

    private static long readSdes(byte[] b, int off, int len) {
        SdesCursor sdes = new SdesCursor();
        long sink = 0;
        if (sdes.reset(b, off, len)) {
            while (sdes.nextChunk()) {
                sink += sdes.ssrc();
                while (sdes.nextItem()) {
                    sink += sdes.itemType() + sdes.itemOffset() + sdes.itemText().length();
                }
            }
        }
        if (sdes.error() != null) {
            throw new MalformedPacketException(sdes.error());
        }
        String cname = RtcpSdes.cname(b, off, len);
        return sink + (cname == null ? 0 : cname.length());
    }
}
