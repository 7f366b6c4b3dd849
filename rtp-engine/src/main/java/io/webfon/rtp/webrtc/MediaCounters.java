package io.webfon.rtp.webrtc;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a PeerConnection saw on the wire, for the admin API and the status port: every dropped or refused packet
 * is counted by cause, never silently lost.
 */
public final class MediaCounters {
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder rtpIn = new LongAdder();
    private final LongAdder rtcpIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder rtpOut = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder srtpFailed = new LongAdder();
    private final LongAdder sendFailed = new LongAdder();
    private volatile long lastInNanos = System.nanoTime();

    void received(int len) {
        packetsIn.increment();
        bytesIn.add(len);
        lastInNanos = System.nanoTime();
    }

    void countRtpIn() {
        rtpIn.increment();
    }

    void countRtcpIn() {
        rtcpIn.increment();
    }

    void sent(int len, boolean rtp) {
        packetsOut.increment();
        bytesOut.add(len);
        if (rtp) {
            rtpOut.increment();
        }
    }

    void countDropped() {
        dropped.increment();
    }

    void countMalformed() {
        malformed.increment();
    }

    void countSrtpFailed() {
        srtpFailed.increment();
    }

    void countSendFailed() {
        sendFailed.increment();
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long rtpIn() {
        return rtpIn.sum();
    }

    public long rtcpIn() {
        return rtcpIn.sum();
    }

    public long packetsOut() {
        return packetsOut.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }

    public long rtpOut() {
        return rtpOut.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long malformed() {
        return malformed.sum();
    }

    public long srtpFailed() {
        return srtpFailed.sum();
    }

    public long sendFailed() {
        return sendFailed.sum();
    }

    /** When the last datagram of any kind arrived ({@link System#nanoTime()}). */
    public long lastInNanos() {
        return lastInNanos;
    }
}
