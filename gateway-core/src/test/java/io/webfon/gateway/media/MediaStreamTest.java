package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.packet.ReportBlock;
import io.webfon.rtp.packet.SenderInfo;
import io.webfon.rtp.sdp.Direction;
import org.junit.jupiter.api.Test;

/** RFC 3550 Appendix A bookkeeping, driven with synthetic clocks (no wall-clock time is involved). */
class MediaStreamTest {
    private static final long MS = 1_000_000L;
    private static final long SSRC = 0xCAFEBABEL;

    private static MediaStream audio() {
        return new MediaStream(0, "0", false, Direction.SENDRECV);
    }

    @Test
    void extendedSequenceSurvivesTheWrapAndLossesAreCounted() {
        MediaStream s = audio();
        long now = 0;
        int ts = 0;
        for (int seq = 65530; seq <= 65535 + 6; seq++) {
            if (seq == 65534 || seq == 65537) {
                continue;
            }
            s.received(SSRC, seq & 0xFFFF, ts, 160, now);
            now += 20 * MS;
            ts += 960;
        }
        ReportBlock block = s.receiverBlock(now);
        assertThat(block.ssrc()).isEqualTo(SSRC);
        assertThat(block.extendedHighestSequence()).isEqualTo(65536 + 5);
        assertThat(block.cumulativeLost()).isEqualTo(2);
        assertThat(block.fractionLost()).isEqualTo(2 * 256 / 12);
        assertThat(s.stats().lost()).isEqualTo(2);
        assertThat(s.lostSinceLastTick()).isEqualTo(2);
        assertThat(s.lostSinceLastTick()).as("a second tick without new losses").isZero();
    }

    @Test
    void perfectlyPacedPacketsHaveNoJitterAndOtherSsrcsAreNotCounted() {
        MediaStream s = audio();
        for (int i = 0; i < 50; i++) {
            s.received(SSRC, 1000 + i, 960L * i, 160, 20L * i * MS);
            s.received(SSRC + 1, 5000 + i, 0, 160, 20L * i * MS);
        }
        MediaStream.Stats stats = s.stats();
        assertThat(stats.packetsReceived()).isEqualTo(50);
        assertThat(stats.bytesReceived()).isEqualTo(50 * 160);
        assertThat(stats.jitterLocal()).isZero();
        ReportBlock block = s.receiverBlock(1000 * MS);
        assertThat(block.fractionLost()).isZero();
        assertThat(block.cumulativeLost()).isZero();
    }

    @Test
    void secondReportIntervalOnlyCountsItsOwnLosses() {
        MediaStream s = audio();
        for (int seq = 0; seq < 10; seq++) {
            s.received(SSRC, seq, seq * 960L, 160, seq * 20 * MS);
        }
        assertThat(s.receiverBlock(200 * MS).fractionLost()).isZero();
        for (int seq = 10; seq < 20; seq += 2) {
            s.received(SSRC, seq, seq * 960L, 160, seq * 20 * MS);
        }
        ReportBlock second = s.receiverBlock(400 * MS);
        assertThat(second.fractionLost()).as("4 of the 9 expected in the interval").isEqualTo(4 * 256 / 9);
        assertThat(second.cumulativeLost()).isEqualTo(4);
    }

    @Test
    void roundTripTimeComesFromTheReportBlockAnsweringOurSenderReport() {
        MediaStream s = audio();
        assertThat(s.senderInfo(0, 1_700_000_000_000L)).as("nothing sent yet").isNull();
        s.sent(172, 48_000, 10 * MS);
        long sentAt = 100 * MS;
        SenderInfo sr = s.senderInfo(sentAt, 1_700_000_000_000L);
        assertThat(sr.packetCount()).isEqualTo(1);
        assertThat(sr.octetCount()).isEqualTo(172);
        long lsr = SenderInfo.middleNtp(sr.ntpTimestamp());
        // The peer held our report for 0.5 s (DLSR in 1/65536 s) and the answer arrives 0.54 s after we sent it.
        s.reportBlock(new ReportBlock(s.localSsrc, 0, 3, 100, 7, lsr, 32_768), sentAt + 540 * MS);
        MediaStream.Stats stats = s.stats();
        assertThat(stats.rttMillis()).isBetween(39, 40);
        assertThat(stats.lostByRemote()).isEqualTo(3);
        assertThat(s.remoteLostSinceLastTick()).isEqualTo(3);
        assertThat(s.remoteLostSinceLastTick()).isZero();
    }

    @Test
    void ntpTimestampsCountFrom1900() {
        assertThat(MediaStream.ntpOf(0) >>> 32).isEqualTo(2_208_988_800L);
        assertThat(MediaStream.ntpOf(1500) & 0xFFFF_FFFFL).isEqualTo(1L << 31);
    }
}
