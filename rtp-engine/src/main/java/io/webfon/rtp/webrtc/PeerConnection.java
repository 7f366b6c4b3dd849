package io.webfon.rtp.webrtc;

import io.webfon.rtp.dtls.DtlsEndpoint;
import io.webfon.rtp.dtls.DtlsListener;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.ice.IceListener;
import io.webfon.rtp.ice.IceTransport;
import io.webfon.rtp.packet.PacketClassifier;
import io.webfon.rtp.packet.PacketKind;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * One WebRTC transport (BUNDLE, rtcp-mux): ICE, then DTLS, then SRTP, joined in this one place. Received
 * datagrams are demultiplexed (RFC 7983) and decrypted on the network thread; sending encrypts in place. The
 * listener hears of connection, media and the end, each end reason exactly once.
 */
public final class PeerConnection implements AutoCloseable, IceListener, DtlsListener {
    private static final Logger LOG = LogManager.getLogger(PeerConnection.class);
    private static final ThreadLocal<PacketBuffer> INBOUND = ThreadLocal.withInitial(
            () -> new PacketBuffer(new byte[0], 0, 0));

    private final WebRtcEngine engine;
    private final String name;
    private final PeerConnectionListener listener;
    private final boolean iceControlling;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MediaCounters counters = new MediaCounters();
    /** SRTP contexts are not thread-safe: senders (network, ticker, API threads) take turns. */
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private final long createdNanos = System.nanoTime();
    private volatile IceTransport ice;
    /** A new ICE session after an ICE restart, until it connects and replaces {@link #ice}. */
    private volatile IceTransport restarting;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpSession srtp;
    private volatile boolean iceConnected;
    private volatile String selectedPair;
    private volatile String srtpProfile;
    private volatile long connectedNanos;
    private volatile long remoteSetNanos;
    /** The peer's transport whose ICE checks wait for {@link #startIce()}; guarded by this. */
    private RemoteTransport iceToStart;
    private volatile long iceConnectedNanos;
    /** The node's own warm-up calls: their "media is up" and "closed" lines go to DEBUG, not to the ops log. */
    private final boolean quiet;

    PeerConnection(WebRtcEngine engine, String name, boolean iceControlling, PeerConnectionListener listener,
            boolean quiet) throws IOException {
        this.engine = engine;
        this.name = name;
        this.listener = listener;
        this.quiet = quiet;
        // An ICE-lite node is always the controlled agent, even when it makes the offer (RFC 8445 §6.1.1).
        this.iceControlling = iceControlling && !engine.harvesters().isLite();
        this.ice = engine.harvesters().newSession(this.iceControlling, this, name);
    }

    /** The ICE session our next SDP describes: the restarting one during an ICE restart. */
    private IceTransport newestIce() {
        IceTransport r = restarting;
        return r != null ? r : ice;
    }

    public String localIceUfrag() {
        return newestIce().localUfrag();
    }

    public String localIcePassword() {
        return newestIce().localPassword();
    }

    /** Our candidates now, for our next SDP; with a TURN server the relayed one joins when it is allocated. */
    public List<String> localCandidates() {
        return newestIce().localCandidates();
    }

    /**
     * Whether our ICE sessions find candidates after they are created (with a TURN server, the relay): those come
     * as {@link PeerConnectionListener#onLocalCandidate}, and the end of them as
     * {@link PeerConnectionListener#onLocalCandidatesDone}.
     */
    public boolean gathersLate() {
        return newestIce().gathersLate();
    }

    /** Whether candidates of our newest ICE session may still come (a TURN allocation under way). */
    public boolean isGathering() {
        return newestIce().isGathering();
    }

    public boolean isIceControlling() {
        return iceControlling;
    }

    /** ICE state as the admin API shows it: checking, connected, ready, failed or closed. */
    public String iceState() {
        if (closed.get()) {
            return "closed";
        }
        if (!iceConnected) {
            return newestIce().isStarted() ? "checking" : "gathering";
        }
        return srtp != null ? "ready" : "connected";
    }

    /** The selected candidate pair, or null before ICE connects. */
    public String selectedPair() {
        String now = ice.currentPair();
        return now != null ? now : selectedPair;
    }

    /** DTLS state as the admin API shows it. */
    public String dtlsState() {
        DtlsEndpoint d = dtls;
        if (d == null) {
            return "created";
        }
        if (srtp != null) {
            return closed.get() ? "closed" : "connected";
        }
        return closed.get() ? "failed" : "trying";
    }

    /** The negotiated SRTP profile (RFC 5764 name), or null before DTLS completes. */
    public String srtpProfile() {
        return srtpProfile;
    }

    public long createdNanos() {
        return createdNanos;
    }

    /** When media became possible ({@link System#nanoTime()}), or 0. */
    public long connectedNanos() {
        return connectedNanos;
    }

    /** Datagrams of the current ICE session dropped for coming from another address than the selected pair's. */
    public long foreignDropped() {
        return ice.foreignDropped();
    }

    public MediaCounters counters() {
        return counters;
    }

    /** The DTLS role, once the remote description fixed it; null before. */
    public DtlsRole dtlsRole() {
        DtlsEndpoint d = dtls;
        return d == null ? null : d.role();
    }

    /**
     * Applies the peer's transport description and starts ICE; DTLS starts as soon as ICE connects, in either
     * role (a server's ClientHello cannot arrive earlier, and is queued if it races our ICE completion), so no
     * handshake thread waits on a peer that has not even connected.
     */
    public synchronized void setRemote(RemoteTransport remote) {
        setRemote(remote, true);
    }

    /**
     * The peer's transport, with ICE's checks started now or, with {@code startIce} false, at {@link #startIce()}:
     * when we answer, the peer cannot check before it has our answer, so the node starts them once the answer
     * is on its way instead of making the answer wait for ice4j's check lists.
     */
    public synchronized void setRemote(RemoteTransport remote, boolean startIce) {
        if (dtls != null || closed.get()) {
            return;
        }
        DtlsRole role = DtlsRole.fromRemoteSetup(remote.setup(), remote.isOffer());
        // DTLS runs over whichever ICE session is current, so an ICE restart keeps the association.
        dtls = new DtlsEndpoint(engine.certificate(), role, remote.fingerprints(), this::sendDatagram,
                engine.dtlsPool(), this, engine.dtlsMtu(), engine.dtlsTimeout());
        ice.setRemoteCredentials(remote.iceUfrag(), remote.icePassword());
        iceToStart = remote;
        if (startIce) {
            startIce();
        }
    }

    /** Starts ICE's checks with the peer's signalled candidates, once, after {@code setRemote(remote, false)}. */
    public synchronized void startIce() {
        RemoteTransport remote = iceToStart;
        if (remote == null || closed.get()) {
            return;
        }
        iceToStart = null;
        ice.addRemoteCandidates(remote.candidates());
        remoteSetNanos = System.nanoTime();
        ice.start();
    }

    /** Trickled candidates from the peer (to the restarting ICE session during a restart). */
    public int addRemoteCandidates(List<io.webfon.rtp.ice.RemoteIceCandidate> candidates) {
        return newestIce().addRemoteCandidates(candidates);
    }

    /**
     * ICE restart (RFC 8445 §9): a new ICE session with new credentials, checked against the peer's new ones.
     * DTLS and SRTP go on unchanged. Our new credentials and candidates are what {@link #localIceUfrag()} ...
     * return from now on. The old session is closed at once (break before make): the node's shared ICE socket
     * hands a peer's datagrams to the agent that first heard from that address, so while the old agent lives,
     * the peer's checks with the new credentials never reach the new one when its address did not change (the
     * usual case: janus.js's {@code iceRestart} on the same network). Media pauses until the new session connects.
     */
    public synchronized void restartIce(String remoteUfrag, String remotePassword,
            List<io.webfon.rtp.ice.RemoteIceCandidate> candidates) throws IOException {
        if (closed.get()) {
            return;
        }
        IceTransport next = engine.harvesters().newSession(iceControlling, new RestartListener(), name);
        IceTransport old = ice;
        ice = next;
        restarting = next;
        old.closeAndRelease();
        next.setRemoteCredentials(remoteUfrag, remotePassword);
        next.addRemoteCandidates(candidates);
        next.start();
        LOG.info("[{}] ICE restart", name);
    }

    /** Events of a session started by an ICE restart: packets are handled as usual. */
    private final class RestartListener implements IceListener {
        @Override
        public void onConnected(String pair) {
            synchronized (PeerConnection.this) {
                if (closed.get()) {
                    return;
                }
                restarting = null;
            }
            selectedPair = pair;
            LOG.info("[{}] ICE restarted: {}", name, pair);
        }

        @Override
        public void onFailed(String reason) {
            close(restarting != null ? "ICE restart failed: " + reason : reason);
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
            PeerConnection.this.onPacket(buf, off, len, spare);
        }

        @Override
        public void onLocalCandidate(String ufrag, String candidate) {
            PeerConnection.this.onLocalCandidate(ufrag, candidate);
        }

        @Override
        public void onGatheringDone(String ufrag) {
            PeerConnection.this.onGatheringDone(ufrag);
        }
    }

    /** Whether an ICE restart is under way (its session not connected yet). */
    public boolean isRestarting() {
        return restarting != null;
    }

    private void sendDatagram(byte[] buf, int off, int len) throws IOException {
        ice.send(buf, off, len);
    }

    public boolean isConnected() {
        return srtp != null && !closed.get();
    }

    @Override
    public void onConnected(String pair) {
        iceConnected = true;
        iceConnectedNanos = System.nanoTime();
        selectedPair = pair;
        LOG.debug("[{}] ICE connected: {}", name, pair);
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.start();
        }
    }

    @Override
    public void onFailed(String reason) {
        close(reason);
    }

    @Override
    public void onLocalCandidate(String ufrag, String candidate) {
        if (!closed.get()) {
            LOG.debug("[{}] Late local candidate {}", name, candidate);
            listener.onLocalCandidate(ufrag, candidate);
        }
    }

    @Override
    public void onGatheringDone(String ufrag) {
        if (!closed.get()) {
            listener.onLocalCandidatesDone(ufrag);
        }
    }

    @Override
    public void onPacket(byte[] buf, int off, int len, int spare) {
        counters.received(len);
        PacketKind kind = PacketClassifier.classify(buf, off, len);
        switch (kind) {
            case DTLS -> {
                DtlsEndpoint d = dtls;
                if (d == null || !d.receive(buf, off, len)) {
                    counters.countDropped();
                }
            }
            case RTP -> decrypt(buf, off, len, spare, true);
            case RTCP -> decrypt(buf, off, len, spare, false);
            default -> counters.countMalformed();
        }
    }

    private void decrypt(byte[] buf, int off, int len, int spare, boolean rtp) {
        SrtpSession s = srtp;
        if (s == null) {
            counters.countDropped();
            return;
        }
        PacketBuffer p = INBOUND.get().set(buf, off, len);
        SrtpErrorStatus status;
        synchronized (receiveLock) {
            status = rtp ? s.unprotectRtp(p) : s.unprotectRtcp(p);
        }
        if (status != SrtpErrorStatus.OK || p.getBuffer() != buf) {
            counters.countSrtpFailed();
            return;
        }
        int newSpare = spare + len - p.getLength();
        if (rtp) {
            counters.countRtpIn();
            listener.onRtp(buf, off, p.getLength(), newSpare);
        } else {
            counters.countRtcpIn();
            listener.onRtcp(buf, off, p.getLength(), newSpare);
        }
    }

    @Override
    public void onConnected(SrtpKeyMaterial keys) {
        srtp = new SrtpSession(keys);
        srtpProfile = keys.profile() == io.webfon.rtp.dtls.SrtpProfile.AEAD_AES_128_GCM ? "SRTP_AEAD_AES_128_GCM"
                : "SRTP_AES128_CM_SHA1_80";
        connectedNanos = System.nanoTime();
        // The listener first: it sends webrtcup, which the client waits for, and the line's synchronous write to
        // the log file took 0.3 ms of this thread in browser calls (docs/performance.md).
        listener.onConnected();
        LOG.log(quiet ? Level.DEBUG : Level.INFO, "[{}] WebRTC media is up ({} over {} DTLS; ICE {} ms, DTLS {} ms)",
                name, keys.profile(), dtlsRole() == DtlsRole.CLIENT ? "client" : "server",
                (iceConnectedNanos - remoteSetNanos) / 1_000_000, (connectedNanos - iceConnectedNanos) / 1_000_000);
    }

    /** Encrypts an RTP packet in place and sends it; the buffer needs room for the SRTP tag after it. */
    public boolean sendRtp(PacketBuffer p) {
        return send(p, true);
    }

    /** Encrypts an RTCP compound packet in place and sends it. */
    public boolean sendRtcp(PacketBuffer p) {
        return send(p, false);
    }

    private boolean send(PacketBuffer p, boolean rtp) {
        SrtpSession s = srtp;
        if (s == null || closed.get()) {
            return false;
        }
        synchronized (sendLock) {
            SrtpErrorStatus status = rtp ? s.protectRtp(p) : s.protectRtcp(p);
            if (status != SrtpErrorStatus.OK) {
                counters.countSrtpFailed();
                return false;
            }
            try {
                ice.send(p.getBuffer(), p.getOffset(), p.getLength());
                counters.sent(p.getLength(), rtp);
                return true;
            } catch (IOException e) {
                counters.countSendFailed();
                return false;
            }
        }
    }

    @Override
    public void onClosed(String reason) {
        close(reason);
    }

    /** Ends this PeerConnection (close_notify to the peer if DTLS is up), reporting the reason once. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(quiet ? Level.DEBUG : Level.INFO, "[{}] PeerConnection closed: {}", name, reason);
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.close();
        }
        ice.close();
        IceTransport r = restarting;
        if (r != null) {
            r.close();
        }
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
        engine.closed();
        listener.onClosed(reason);
    }

    @Override
    public void close() {
        close("Closed");
    }

    public boolean isClosed() {
        return closed.get();
    }

    public boolean isIceConnected() {
        return iceConnected;
    }
}
