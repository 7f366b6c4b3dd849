package io.webfon.gateway.media;

import io.webfon.janus.core.MediaEvents;
import io.webfon.janus.plugin.MediaPacket;
import io.webfon.janus.session.Handle;
import io.webfon.rtp.ice.RemoteIceCandidate;
import io.webfon.rtp.packet.Malformed;
import io.webfon.rtp.packet.ReportBlock;
import io.webfon.rtp.packet.RtcpCompound;
import io.webfon.rtp.packet.RtcpFeedback;
import io.webfon.rtp.packet.RtcpFeedbackWriter;
import io.webfon.rtp.packet.RtcpHeader;
import io.webfon.rtp.packet.RtcpNack;
import io.webfon.rtp.packet.RtcpReports;
import io.webfon.rtp.packet.RtcpSsrcRewriter;
import io.webfon.rtp.packet.RtcpWriter;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.packet.SenderInfo;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.util.SsrcTable;
import io.webfon.rtp.webrtc.PeerConnection;
import io.webfon.rtp.webrtc.PeerConnectionListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The media of one handle: its PeerConnection, its negotiated streams and the packet paths between the peer and
 * the plugin. Incoming RTP is matched to its stream (by SSRC, else by payload type), counted, and handed to the
 * plugin; incoming RTCP is consumed where the core owns it (reports, NACKs answered from the retransmission buffer)
 * and handed to the plugin when it carries feedback a plugin acts on (PLI, FIR, REMB). Outgoing RTP gets our SSRC
 * and is encrypted from a per-thread scratch buffer, so a plugin's packet is never changed under it. Negotiation
 * state is guarded by the handle's lock (see {@link WebRtcMediaEngine}); the packet paths take no lock of theirs.
 */
final class HandleMedia implements PeerConnectionListener {
    private static final Logger LOG = LogManager.getLogger(HandleMedia.class);
    /** Largest RTP or RTCP packet relayed; WebRTC keeps packets under the path MTU, 1500 bytes on Ethernet. */
    static final int MAX_PACKET = 1500;
    /** Room after a packet for the SRTP tag (16 bytes for GCM, 10 for HMAC-SHA1-80) and the SRTCP index. */
    private static final int TRAILER = 32;
    private static final int MAX_LEARNED_SSRCS = 16;
    /**
     * SSRCs of the peer's SDP looked up by packet. A browser announces a handful (audio, video, rtx, simulcast); the
     * table is scanned per packet, so an SDP announcing thousands must not fill it. Packets of SSRCs beyond this
     * are counted as from an unknown source.
     */
    static final int MAX_ANNOUNCED_SSRCS = 64;
    private static final int MAX_NACKED_PER_PACKET = 128;
    private static final int PENDING_TRICKLE_LIMIT = 64;

    private static final ThreadLocal<MediaPacket> PLUGIN_PACKET = ThreadLocal.withInitial(MediaPacket::new);
    private static final ThreadLocal<RtcpCompound> RTCP = ThreadLocal.withInitial(RtcpCompound::new);
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** A sending thread's buffers: the packet being encrypted and the sequence numbers of a NACK. */
    private static final class Scratch {
        final byte[] bytes = new byte[MAX_PACKET + TRAILER];
        final PacketBuffer buffer = new PacketBuffer(bytes, 0, 0);
        /** Every sequence number the largest NACK we accept can name: 17 per 4-byte pair. */
        final int[] lost = new int[MAX_PACKET / 4 * RtcpNack.MAX_LOST_PER_PAIR];
    }

    final Handle handle;
    private final MediaEvents events;
    final long createdNanos = System.nanoTime();
    volatile PeerConnection pc;
    volatile List<MediaStream> streams = List.of();
    /** Payload type to stream, from the peer's SDP, for packets whose SSRC was not announced. */
    volatile Map<Integer, MediaStream> byPayloadType = Map.of();
    /** The peer's SSRCs (announced or learned) to their stream; looked up per packet without boxing. */
    private final SsrcTable<MediaStream> bySsrc = new SsrcTable<>();
    final List<RemoteIceCandidate> pendingCandidates = new ArrayList<>();
    final List<String> remoteCandidates = new ArrayList<>();

    // Janus's WebRTC flags, for handle_info; written under the handle's lock.
    volatile boolean gotOffer;
    volatile boolean gotAnswer;
    volatile boolean weOffered;
    volatile boolean allTrickles;
    /** An end-of-candidates trickled before the SDP: like Janus, all-trickles is set only once the SDP is in. */
    volatile boolean completedBeforeSdp;
    volatile String localSdp;
    volatile String remoteSdp;
    volatile String bundleMid;
    volatile String remoteIceUfrag;
    volatile String remoteFingerprint;
    volatile String remoteFingerprintHash;
    volatile boolean closedByUs;
    private volatile boolean connectedReported;

    // What our last SDP said about our ICE session, so that later candidates (a TURN relay) are trickled exactly
    // once and only after it; written under the handle's lock.
    private String describedMid;
    private String describedUfrag;
    private Set<String> described = Set.of();
    /** The ICE session (our ufrag) whose end of candidates was sent, once per session. */
    private String completedUfrag;

    // Packets this handle refused, by cause (never silently lost).
    final LongAdder unknownSource = new LongAdder();
    final LongAdder malformedRtp = new LongAdder();
    final LongAdder malformedRtcp = new LongAdder();
    final LongAdder notRelayed = new LongAdder();
    final LongAdder pluginFailures = new LongAdder();

    HandleMedia(Handle handle, MediaEvents events) {
        this.handle = handle;
        this.events = events;
    }

    /** SSRCs of the peer now looked up by packet (announced and learned). */
    int knownSsrcs() {
        return bySsrc.size();
    }

    boolean knowsSsrc(long ssrc) {
        return bySsrc.containsKey(ssrc);
    }

    boolean hasPeerConnection() {
        PeerConnection p = pc;
        return p != null && !p.isClosed();
    }

    /** Queues a trickled candidate that arrived before the SDP it belongs to (Janus does the same). */
    boolean queueCandidate(RemoteIceCandidate c) {
        if (pendingCandidates.size() >= PENDING_TRICKLE_LIMIT) {
            return false;
        }
        pendingCandidates.add(c);
        return true;
    }

    /** Sets the negotiated streams and the payload-type map used for packets of unannounced SSRCs. */
    void streams(List<MediaStream> negotiated, Map<Integer, MediaStream> payloadTypes) {
        for (MediaStream s : negotiated) {
            for (Long ssrc : s.remoteSsrcs) {
                if (bySsrc.size() >= MAX_ANNOUNCED_SSRCS) {
                    break;
                }
                bySsrc.putIfAbsent(ssrc, s);
            }
        }
        streams = List.copyOf(negotiated);
        byPayloadType = Map.copyOf(payloadTypes);
    }

    MediaStream stream(boolean video) {
        List<MediaStream> all = streams;
        for (int i = 0; i < all.size(); i++) { // indexed: at C1 an iterator is an allocation per packet
            MediaStream s = all.get(i);
            if (s.video == video) {
                return s;
            }
        }
        return null;
    }

    // ---- PeerConnection events (network and DTLS threads) ----

    @Override
    public void onConnected() {
        connectedReported = true;
        events.webrtcUp(handle);
    }

    @Override
    public void onRtp(byte[] buf, int off, int len, int spare) {
        Malformed bad = RtpHeader.validate(buf, off, len); // decrypted: the padding count is readable now
        if (bad != null) {
            malformedRtp.increment();
            return;
        }
        long ssrc = RtpHeader.ssrc(buf, off, len);
        MediaStream s = bySsrc.get(ssrc);
        if (s == null) {
            s = byPayloadType.get(RtpHeader.payloadType(buf, off, len));
            if (s == null || bySsrc.size() >= MAX_LEARNED_SSRCS) {
                unknownSource.increment();
                return;
            }
            MediaStream raced = bySsrc.putIfAbsent(ssrc, s);
            if (raced != null) {
                s = raced;
            } else {
                s.remoteSsrcs.add(ssrc);
            }
        }
        long now = System.nanoTime();
        s.received(ssrc, RtpHeader.sequenceNumber(buf, off, len), RtpHeader.timestamp(buf, off, len), len, now);
        if (s.receiving.compareAndSet(false, true)) {
            events.mediaReceiving(handle, s.kind(), s.mid, true, 0);
        }
        if (!s.direction.receives() || !handle.isAlive()) {
            notRelayed.increment();
            return;
        }
        MediaPacket packet = PLUGIN_PACKET.get().set(buf, off, len, spare, s.video, s.mindex, s.mid);
        try {
            handle.plugin().incomingRtp(handle, packet);
        } catch (RuntimeException e) {
            pluginFailed("incomingRtp", e);
        }
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len, int spare) {
        RtcpCompound rtcp = RTCP.get().reset(buf, off, len);
        long now = System.nanoTime();
        MediaStream feedbackFor = null;
        while (rtcp.next()) {
            int p = rtcp.offset();
            int n = rtcp.length();
            switch (rtcp.packetType()) {
                case RtcpHeader.SR -> {
                    MediaStream s = bySsrc.get(RtcpHeader.senderSsrc(buf, p, n));
                    if (s != null) {
                        s.senderReport(RtcpReports.ntpTimestamp(buf, p, n), now);
                    }
                    reportBlocks(buf, p, n, now);
                }
                case RtcpHeader.RR -> reportBlocks(buf, p, n, now);
                case RtcpHeader.RTPFB -> {
                    if (RtcpFeedback.isNack(buf, p, n)) {
                        retransmit(buf, p, n);
                    }
                }
                case RtcpHeader.PSFB -> {
                    MediaStream s = byLocalSsrc(RtcpFeedback.mediaSsrc(buf, p, n));
                    if (RtcpFeedback.isPli(buf, p, n) || RtcpFeedback.isFir(buf, p, n)) {
                        MediaStream v = s != null ? s : stream(true);
                        if (v != null) {
                            v.countPli();
                        }
                    }
                    feedbackFor = s != null ? s : stream(true);
                }
                default -> {
                    // SDES, BYE, APP, XR, transport-wide CC: nothing the core or a plugin acts on here.
                }
            }
        }
        if (rtcp.error() != null) {
            malformedRtcp.increment();
            LOG.debug("[{}] Malformed RTCP from the peer: {}", handle.handleId(), rtcp.error());
            return;
        }
        if (feedbackFor != null && handle.isAlive()) {
            MediaPacket packet = PLUGIN_PACKET.get().set(buf, off, len, spare, feedbackFor.video,
                    feedbackFor.mindex, feedbackFor.mid);
            try {
                handle.plugin().incomingRtcp(handle, packet);
            } catch (RuntimeException e) {
                pluginFailed("incomingRtcp", e);
            }
        }
    }

    private void reportBlocks(byte[] buf, int p, int n, long now) {
        int count = RtcpReports.reportCount(buf, p, n);
        for (int i = 0; i < count; i++) {
            ReportBlock block = RtcpReports.block(buf, p, n, i);
            MediaStream s = byLocalSsrc(block.ssrc());
            if (s != null) {
                s.reportBlock(block, now);
            }
        }
    }

    private MediaStream byLocalSsrc(long ssrc) {
        List<MediaStream> all = streams;
        for (int i = 0; i < all.size(); i++) {
            MediaStream s = all.get(i);
            if (s.localSsrc == ssrc) {
                return s;
            }
        }
        return null;
    }

    /** Answers a generic NACK (RFC 4585 §6.2.1) with the packets still in the retransmission buffer. */
    private void retransmit(byte[] buf, int p, int n) {
        MediaStream s = byLocalSsrc(RtcpFeedback.mediaSsrc(buf, p, n));
        PeerConnection peer = pc;
        if (s == null || s.retransmissions == null || peer == null) {
            return;
        }
        Scratch scratch = SCRATCH.get();
        if (RtcpNack.lostCount(buf, p, n) > scratch.lost.length) {
            return;
        }
        int total = RtcpNack.lostSequenceNumbers(buf, p, n, scratch.lost, 0);
        int[] seqs = scratch.lost;
        int resent = 0;
        for (int i = 0; i < Math.min(total, MAX_NACKED_PER_PACKET); i++) {
            int length = s.retransmissions.copy(seqs[i], scratch.bytes);
            if (length > 0 && peer.sendRtp(scratch.buffer.set(scratch.bytes, 0, length))) {
                resent++;
            }
        }
        s.countNack(resent);
    }

    @Override
    public void onClosed(String reason) {
        if (!closedByUs) {
            events.peerConnectionClosed(handle, reason);
        }
    }

    // ---- Our candidates found after our SDP (the TURN relay): trickled to the client, as Janus trickles ----

    /**
     * Our SDP for the ICE session {@code ufrag} is written with these candidates (under the handle's lock, while
     * the core holds this handle's trickles until that SDP's event is out). With a TURN server, once gathering
     * is over, the end of candidates follows it; while it is not, {@link #onLocalCandidatesDone} sends it later.
     */
    void described(String mid, String ufrag, List<String> candidates, boolean gathering) {
        describedMid = mid;
        describedUfrag = ufrag;
        described = Set.copyOf(candidates);
        PeerConnection peer = pc;
        if (peer != null && peer.gathersLate() && !gathering && !ufrag.equals(completedUfrag)) {
            completedUfrag = ufrag;
            events.localCandidatesDone(handle);
        }
    }

    /**
     * A candidate of ours found after the ICE session started: trickled if our SDP for that session went out
     * without it; if that SDP is not written yet it will carry the candidate itself. Under the handle's lock,
     * so it cannot pass a hangup (which clears the handle's media state first) or an SDP being written.
     */
    @Override
    public void onLocalCandidate(String iceUfrag, String candidate) {
        synchronized (handle) {
            if (!isCurrent() || !iceUfrag.equals(describedUfrag) || described.contains(candidate)) {
                return;
            }
            Set<String> more = new HashSet<>(described);
            more.add(candidate);
            described = Set.copyOf(more);
            events.localCandidate(handle, describedMid, candidate);
        }
    }

    @Override
    public void onLocalCandidatesDone(String iceUfrag) {
        synchronized (handle) {
            if (!isCurrent() || !iceUfrag.equals(describedUfrag) || iceUfrag.equals(completedUfrag)) {
                return;
            }
            completedUfrag = iceUfrag;
            events.localCandidatesDone(handle);
        }
    }

    /** Whether this is still the handle's media, not hung up. */
    private boolean isCurrent() {
        return handle.mediaState() == this && !closedByUs && hasPeerConnection();
    }

    private void pluginFailed(String callback, RuntimeException e) {
        pluginFailures.increment();
        if (pluginFailures.sum() <= 3) {
            LOG.error("Plugin {} failed on {} of {}", handle.plugin().descriptor().packageName(), callback, handle, e);
        }
    }

    // ---- From the plugin (any thread) ----

    /** Sends a plugin's RTP packet on the stream of its kind, with our SSRC. */
    void relayRtp(MediaPacket packet) {
        PeerConnection peer = pc;
        MediaStream s = stream(packet.video());
        if (peer == null || !peer.isConnected() || s == null || !s.direction.sends() || packet.length() > MAX_PACKET
                || packet.length() < RtpHeader.FIXED_HEADER_LENGTH) {
            notRelayed.increment();
            return;
        }
        Scratch scratch = SCRATCH.get();
        byte[] b = scratch.bytes;
        int len = packet.length();
        System.arraycopy(packet.buffer(), packet.offset(), b, 0, len);
        RtpHeader.setSsrc(b, 0, len, s.localSsrc);
        s.sent(len, RtpHeader.timestamp(b, 0, len), System.nanoTime());
        if (s.retransmissions != null) {
            s.retransmissions.store(b, 0, len, RtpHeader.sequenceNumber(b, 0, len));
        }
        peer.sendRtp(scratch.buffer.set(b, 0, len));
    }

    /** Sends a plugin's RTCP: our SSRCs as senders, the peer's main SSRCs as media sources. */
    void relayRtcp(MediaPacket packet) {
        PeerConnection peer = pc;
        if (peer == null || !peer.isConnected() || packet.length() > MAX_PACKET) {
            notRelayed.increment();
            return;
        }
        Scratch scratch = SCRATCH.get();
        byte[] b = scratch.bytes;
        int len = packet.length();
        System.arraycopy(packet.buffer(), packet.offset(), b, 0, len);
        MediaStream s = stream(packet.video());
        if (s != null) {
            long remote = s.mainRemoteSsrc;
            Malformed bad = RtcpSsrcRewriter.rewrite(b, 0, len,
                    ssrc -> ssrc == 0 ? 0 : (s.remoteSsrcs.contains(ssrc) || ssrc == remote ? ssrc : s.localSsrc));
            if (bad != null) {
                malformedRtcp.increment();
                return;
            }
        }
        peer.sendRtcp(scratch.buffer.set(b, 0, len));
    }

    void sendPli() {
        MediaStream s = stream(true);
        PeerConnection peer = pc;
        if (s == null || peer == null || !peer.isConnected() || s.mainRemoteSsrc == 0) {
            return;
        }
        Scratch scratch = SCRATCH.get();
        int len = RtcpFeedbackWriter.writePli(scratch.bytes, 0, s.localSsrc, s.mainRemoteSsrc);
        peer.sendRtcp(scratch.buffer.set(scratch.bytes, 0, len));
    }

    void sendRemb(long bitsPerSecond) {
        MediaStream s = stream(true);
        PeerConnection peer = pc;
        if (s == null || peer == null || !peer.isConnected() || s.mainRemoteSsrc == 0) {
            return;
        }
        Scratch scratch = SCRATCH.get();
        int len = RtcpFeedbackWriter.writeRemb(scratch.bytes, 0, s.localSsrc, bitsPerSecond, s.mainRemoteSsrc);
        peer.sendRtcp(scratch.buffer.set(scratch.bytes, 0, len));
    }

    // ---- Once a second (ticker thread) ----

    /**
     * The periodic work: hang up a PeerConnection that never connected or whose peer fell silent, tell the client
     * when a stream stops arriving, send each stream's RTCP report, and raise slow-link events.
     */
    void tick(long now, long wallMillis, MediaTimers timers) {
        PeerConnection peer = pc;
        if (peer == null || peer.isClosed()) {
            return;
        }
        if (!peer.isConnected()) {
            if (now - peer.createdNanos() > timers.peerTimeoutNanos()) {
                peer.close(peer.isIceConnected() ? "DTLS handshake did not complete"
                        : "ICE failed: no connectivity within " + timers.peerTimeoutSeconds() + " s");
            }
            return;
        }
        if (now - peer.counters().lastInNanos() > timers.peerTimeoutNanos()) {
            peer.close("No packets from the peer for " + timers.peerTimeoutSeconds() + " s");
            return;
        }
        for (MediaStream s : streams) {
            if (s.receiving.get() && now - s.lastRtpNanos > timers.noMediaNanos()
                    && s.receiving.compareAndSet(true, false)) {
                events.mediaReceiving(handle, s.kind(), s.mid, false, timers.noMediaSeconds());
            }
            report(peer, s, now, wallMillis);
            if (timers.slowlinkThreshold() > 0) {
                long uplink = s.remoteLostSinceLastTick();
                if (uplink >= timers.slowlinkThreshold()) {
                    events.slowLink(handle, s.kind(), s.mid, s.mindex, true, (int) uplink);
                }
                long downlink = s.lostSinceLastTick();
                if (downlink >= timers.slowlinkThreshold()) {
                    events.slowLink(handle, s.kind(), s.mid, s.mindex, false, (int) downlink);
                }
            }
        }
    }

    /** One compound per stream, as Janus sends: SR (if we sent) or RR, with a report block, then SDES CNAME. */
    private static void report(PeerConnection peer, MediaStream s, long now, long wallMillis) {
        Scratch scratch = SCRATCH.get();
        byte[] b = scratch.bytes;
        ReportBlock block = s.receiverBlock(now);
        SenderInfo info = s.senderInfo(now, wallMillis);
        int len;
        if (info != null) {
            len = block == null ? RtcpWriter.writeSenderReport(b, 0, s.localSsrc, info)
                    : RtcpWriter.writeSenderReport(b, 0, s.localSsrc, info, block);
        } else {
            len = block == null ? RtcpWriter.writeReceiverReport(b, 0, s.localSsrc)
                    : RtcpWriter.writeReceiverReport(b, 0, s.localSsrc, block);
        }
        len += RtcpWriter.writeSdesCname(b, len, s.localSsrc, SdpNegotiator.CNAME);
        peer.sendRtcp(scratch.buffer.set(b, 0, len));
    }

    /** Whether {@link #onConnected()} was reported (webrtcup sent). */
    boolean isUp() {
        return connectedReported;
    }

    /** Closes the PeerConnection on our side: no hangup is reported back through the core. */
    void close(String reason) {
        closedByUs = true;
        PeerConnection peer = pc;
        if (peer != null) {
            peer.close(reason);
        }
    }
}
