package io.webfon.rtp.packet;

import static io.webfon.rtp.packet.PacketTestSupport.concat;
import static io.webfon.rtp.packet.PacketTestSupport.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.webfon.rtp.packet.PacketTestSupport.Placed;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The hot path allocates nothing (PERF-NOTES.md: an allocation-free packet path): classify, the RTP accessors and
 * setters, validate of every kind (good and bad input), the cursors, the feedback readers and the SSRC rewriter,
 * measured with the JVM's per-thread allocation counter over a million rounds after warm-up.
 */
class AllocationFreeTest {
    private static final int WARM_UP = 200_000;
    private static final int ROUNDS = 1_000_000;
    /** The counter's own bookkeeping may allocate a little; a single allocation per round would be >= 16 MB. */
    private static final long TOLERANCE_BYTES = 4096;
    private static final LongUnaryOperator FLIP = ssrc -> ssrc ^ 0xffL;

    private final Placed rtp = place(RtpHeaderTest.FULL, 10);
    private final Placed twoByte = place(RtpExtensionCursorTest.TWO_BYTE, 3);
    private final Placed badRtp = place(new byte[] {(byte) 0x8f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}, 5);
    private final Placed rtcp = place(concat(RtcpCompoundTest.PION_REAL_PACKET, RtcpFeedbackTest.NACK), 7);
    private final Placed stun = place(StunTest.RFC5769_REQUEST, 1);
    private final Placed dtls = place(DtlsRecordsTest.CLIENT_HELLO_RECORD, 2);
    private final byte[] ufrag = "evtj".getBytes(StandardCharsets.US_ASCII);
    private final RtpExtensionCursor extensions = new RtpExtensionCursor();
    private final RtcpCompound compound = new RtcpCompound();
    private final int[] lost = new int[64];

    @Test
    void hotPathAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long id = Thread.currentThread().getId();

        long sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += round(i);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < ROUNDS; i++) {
            sink += round(i);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        System.out.printf("AllocationFreeTest: %d bytes over %d rounds (sink %d)%n", allocated, ROUNDS, sink);
        assertThat(sink).isNotZero();
        assertThat(allocated).isLessThan(TOLERANCE_BYTES);
    }

    private long round(int i) {
        long sink = PacketClassifier.classify(rtp.buf(), rtp.off(), rtp.len()).ordinal()
                + PacketClassifier.classify(rtcp.buf(), rtcp.off(), rtcp.len()).ordinal()
                + PacketClassifier.classify(stun.buf(), stun.off(), stun.len()).ordinal();
        sink += rtpRound(i) + rtcpRound() + stunRound();
        Malformed d = DtlsRecords.validate(dtls.buf(), dtls.off(), dtls.len());
        return sink + (d == null ? 1 : d.ordinal());
    }

    private long rtpRound(int i) {
        byte[] b = rtp.buf();
        int off = rtp.off();
        int len = rtp.len();
        long sink = RtpHeader.validate(b, off, len) == null ? 1 : 0;
        sink += RtpHeader.validateHeader(b, off, len) == null ? 1 : 0;
        sink += RtpHeader.validate(badRtp.buf(), badRtp.off(), badRtp.len()).ordinal();
        sink += RtpHeader.ssrc(b, off, len) + RtpHeader.sequenceNumber(b, off, len) + RtpHeader.timestamp(b, off, len)
                + RtpHeader.payloadType(b, off, len) + (RtpHeader.marker(b, off, len) ? 1 : 0)
                + RtpHeader.csrc(b, off, len, 1) + RtpHeader.payloadOffset(b, off, len)
                + RtpHeader.payloadLength(b, off, len);
        RtpHeader.setSequenceNumber(b, off, len, i & 0xFFFF);
        RtpHeader.setTimestamp(b, off, len, i & 0xFFFF_FFFFL);
        RtpHeader.setSsrc(b, off, len, 0x01020304L);
        RtpHeader.setPayloadType(b, off, len, 96);
        RtpHeader.setMarker(b, off, len, true);
        if (extensions.reset(b, off, len)) {
            while (extensions.next()) {
                sink += extensions.id() + extensions.valueLength();
            }
        }
        if (extensions.reset(twoByte.buf(), twoByte.off(), twoByte.len()) && extensions.find(3)) {
            sink += extensions.valueOffset();
        }
        return sink + RtpExtensionCursor.findValueOffset(b, off, len, 2);
    }

    private long rtcpRound() {
        byte[] b = rtcp.buf();
        long sink = RtcpCompound.validate(b, rtcp.off(), rtcp.len()) == null ? 1 : 0;
        compound.reset(b, rtcp.off(), rtcp.len());
        while (compound.next()) {
            int p = compound.offset();
            int n = compound.length();
            if (RtcpFeedback.isPli(b, p, n)) {
                sink += RtcpFeedback.mediaSsrc(b, p, n);
            } else if (RtcpFeedback.isNack(b, p, n)) {
                sink += RtcpNack.lostSequenceNumbers(b, p, n, lost, 0);
            } else if (compound.packetType() == RtcpHeader.RR) {
                sink += RtcpReports.cumulativeLost(b, p, n, 0) + RtcpReports.jitter(b, p, n, 0);
            }
        }
        // twice, so that the packet is back as it was
        RtcpSsrcRewriter.rewrite(b, rtcp.off(), rtcp.len(), FLIP);
        RtcpSsrcRewriter.rewrite(b, rtcp.off(), rtcp.len(), FLIP);
        return sink;
    }

    private long stunRound() {
        byte[] b = stun.buf();
        long sink = StunHeader.validate(b, stun.off(), stun.len()) == null ? 1 : 0;
        sink += StunHeader.isStun(b, stun.off(), stun.len()) ? 1 : 0;
        sink += StunAttributes.ufragEquals(b, stun.off(), stun.len(), ufrag) ? 1 : 0;
        return sink + (StunAttributes.checkFingerprint(b, stun.off(), stun.len()) ? 1 : 0);
    }
}
