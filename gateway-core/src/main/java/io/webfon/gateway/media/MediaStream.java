package io.webfon.gateway.media;

import io.webfon.rtp.packet.ReportBlock;
import io.webfon.rtp.packet.SenderInfo;
import io.webfon.rtp.sdp.Direction;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One negotiated audio or video m-line of a handle's PeerConnection: what it is (mid, kind, index), what we send
 * on it (our SSRC, announced in our SDP, and what an RTCP sender report needs) and what we receive (the peer's
 * SSRCs and what a receiver report needs). The RTP bookkeeping follows RFC 3550 Appendix A (sequence extension,
 * loss, interarrival jitter), kept under this object's lock: the network thread counts, the ticker reports.
 */
final class MediaStream {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Seconds between 1900 (NTP) and 1970 (Unix). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    final int mindex;
    final String mid;
    final boolean video;
    final long localSsrc;
    final Set<Long> remoteSsrcs = ConcurrentHashMap.newKeySet();
    final RetransmissionBuffer retransmissions;
    /** Our direction on this m-line (what our SDP says): {@code sends()} means we send. */
    volatile Direction direction;
    volatile int clockRate;
    volatile int payloadType = -1;
    volatile String codec;
    final AtomicBoolean receiving = new AtomicBoolean();

    // Inbound: network thread, under the lock.
    volatile long lastRtpNanos;
    volatile long mainRemoteSsrc;
    private int baseSeq = -1;
    private int maxSeq;
    private int cycles;
    private long received;
    private long bytesReceived;
    private long expectedPrior;
    private long receivedPrior;
    private long lostAtLastTick;
    private double jitter;
    private long lastTransit = Long.MIN_VALUE;
    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;

    // Outbound: sending threads, under the lock.
    private long packetsSent;
    private long octetsSent;
    private long lastRtpTimestamp;
    private long lastSentNanos;
    private long retransmitted;
    private long nacksReceived;
    private long plisReceived;

    // From the peer's receiver reports about what we send.
    private long remoteCumulativeLost;
    private long remoteLostAtLastTick;
    private long remoteJitter;
    private long lastSrSentNtp;
    private long lastSrSentMiddle;
    private long lastSrSentNanos;
    private volatile int rttMillis;

    MediaStream(int mindex, String mid, boolean video, Direction direction) {
        this.mindex = mindex;
        this.mid = mid;
        this.video = video;
        this.direction = direction;
        this.clockRate = video ? 90_000 : 48_000;
        long ssrc;
        do {
            ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
        } while (ssrc == 0);
        this.localSsrc = ssrc;
        this.retransmissions = video ? new RetransmissionBuffer() : null;
    }

    String kind() {
        return video ? "video" : "audio";
    }

    /**
     * Counts a received packet of the main SSRC: extended highest sequence (RFC 3550 A.1, without the
     * probation a plain RTP receiver needs: SRTP already proved the source) and interarrival jitter (A.8).
     */
    synchronized void received(long ssrc, int seq, long rtpTimestamp, int bytes, long nowNanos) {
        lastRtpNanos = nowNanos;
        if (mainRemoteSsrc == 0) {
            mainRemoteSsrc = ssrc;
        }
        if (ssrc != mainRemoteSsrc) {
            return;
        }
        received++;
        bytesReceived += bytes;
        long arrival = nowNanos / 1000 * clockRate / 1_000_000;
        long transit = arrival - rtpTimestamp;
        if (lastTransit != Long.MIN_VALUE) {
            long d = Math.abs(transit - lastTransit);
            if (d < clockRate * 10L) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        if (baseSeq < 0) {
            baseSeq = seq;
            maxSeq = seq;
            return;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < 0x8000 && delta != 0) {
            if (seq < maxSeq) {
                cycles += 0x10000;
            }
            maxSeq = seq;
        }
    }

    /** A peer's sender report about its main SSRC: kept for our next report block's LSR/DLSR. */
    synchronized void senderReport(long ntpTimestamp, long nowNanos) {
        lastSrNtpMiddle = SenderInfo.middleNtp(ntpTimestamp);
        lastSrArrivalNanos = nowNanos;
    }

    /** A peer's report block about what we send on this stream: losses, jitter and the round-trip time. */
    synchronized void reportBlock(ReportBlock block, long nowNanos) {
        remoteCumulativeLost = Math.max(0, block.cumulativeLost());
        remoteJitter = block.jitter();
        if (block.lastSenderReport() != 0 && block.lastSenderReport() == lastSrSentMiddle) {
            long nowMiddle = SenderInfo.middleNtp(ntp(nowNanos, lastSrSentNanos, lastSrSentNtp));
            long rtt = nowMiddle - block.lastSenderReport() - block.delaySinceLastSenderReport();
            if (rtt >= 0) {
                rttMillis = (int) (rtt * 1000 / 65536);
            }
        }
    }

    /** What a sender report needs, or null when we sent nothing yet; remembers it for the RTT. */
    synchronized SenderInfo senderInfo(long nowNanos, long wallMillis) {
        if (packetsSent == 0) {
            return null;
        }
        long ntp = ntpOf(wallMillis);
        long rtp = lastRtpTimestamp + (nowNanos - lastSentNanos) / 1000 * clockRate / 1_000_000;
        lastSrSentNtp = ntp;
        lastSrSentNanos = nowNanos;
        lastSrSentMiddle = SenderInfo.middleNtp(ntp);
        return new SenderInfo(ntp, rtp & 0xFFFFFFFFL, packetsSent & 0xFFFFFFFFL, octetsSent & 0xFFFFFFFFL);
    }

    private static long ntp(long nowNanos, long thenNanos, long thenNtp) {
        long elapsed = nowNanos - thenNanos;
        return thenNtp + (elapsed / 1_000_000_000L << 32) + ((elapsed % 1_000_000_000L) << 32) / 1_000_000_000L;
    }

    static long ntpOf(long wallMillis) {
        long seconds = wallMillis / 1000 + NTP_UNIX_OFFSET;
        long fraction = ((wallMillis % 1000) << 32) / 1000;
        return seconds << 32 | fraction;
    }

    /**
     * A receiver report block for the peer's main SSRC (RFC 3550 §6.4.1), or null before the first packet; also
     * closes the one-second interval whose losses {@link #lostLastInterval()} tells.
     */
    synchronized ReportBlock receiverBlock(long nowNanos) {
        if (baseSeq < 0) {
            return null;
        }
        long extendedMax = cycles + maxSeq;
        long expected = extendedMax - baseSeq + 1;
        long lost = Math.max(0, expected - received);
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSrArrivalNanos == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L;
        return new ReportBlock(mainRemoteSsrc, Math.min(fraction, 255), ReportBlock.clampCumulativeLost(lost),
                extendedMax & 0xFFFFFFFFL, (long) jitter & 0xFFFFFFFFL, lastSrNtpMiddle, dlsr & 0xFFFFFFFFL);
    }

    /** Packets we lost from the peer since the last call (Janus's "downlink" slow link measure). */
    synchronized long lostSinceLastTick() {
        if (baseSeq < 0) {
            return 0;
        }
        long lost = Math.max(0, cycles + maxSeq - baseSeq + 1 - received);
        long delta = Math.max(0, lost - lostAtLastTick);
        lostAtLastTick = lost;
        return delta;
    }

    /** Packets the peer reported lost of ours since the last call (Janus's "uplink" slow link measure). */
    synchronized long remoteLostSinceLastTick() {
        long delta = Math.max(0, remoteCumulativeLost - remoteLostAtLastTick);
        remoteLostAtLastTick = remoteCumulativeLost;
        return delta;
    }

    synchronized void sent(int len, long rtpTimestamp, long nowNanos) {
        packetsSent++;
        octetsSent += len;
        lastRtpTimestamp = rtpTimestamp;
        lastSentNanos = nowNanos;
    }

    synchronized void countNack(int retransmittedPackets) {
        nacksReceived++;
        retransmitted += retransmittedPackets;
    }

    synchronized void countPli() {
        plisReceived++;
    }

    /** A consistent copy of the counters, for the admin API. */
    synchronized Stats stats() {
        long lost = baseSeq < 0 ? 0 : Math.max(0, cycles + maxSeq - baseSeq + 1 - received);
        return new Stats(received, bytesReceived, packetsSent, octetsSent, lost, remoteCumulativeLost,
                (long) jitter, remoteJitter, rttMillis, nacksReceived, retransmitted, plisReceived);
    }

    record Stats(long packetsReceived, long bytesReceived, long packetsSent, long bytesSent, long lost,
            long lostByRemote, long jitterLocal, long jitterRemote, int rttMillis, long nacksReceived,
            long retransmitted, long plisReceived) {
    }
}
