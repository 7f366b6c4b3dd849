package io.webfon.rtp.webrtc;

import io.webfon.rtp.dtls.DtlsEndpoint;
import io.webfon.rtp.dtls.DtlsListener;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.ice.IceListener;
import io.webfon.rtp.ice.IceSession;
import io.webfon.rtp.packet.PacketClassifier;
import io.webfon.rtp.packet.PacketKind;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final IceSession ice;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MediaCounters counters = new MediaCounters();
    private volatile DtlsEndpoint dtls;
    private volatile SrtpSession srtp;
    private volatile boolean iceConnected;

    PeerConnection(WebRtcEngine engine, String name, boolean iceControlling, PeerConnectionListener listener)
            throws IOException {
        this.engine = engine;
        this.name = name;
        this.listener = listener;
        this.ice = new IceSession(engine.harvesters(), iceControlling, this);
    }

    public String localIceUfrag() {
        return ice.localUfrag();
    }

    public String localIcePassword() {
        return ice.localPassword();
    }

    public List<String> localCandidates() {
        return ice.localCandidates();
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
     * Applies the peer's transport description and starts ICE; DTLS starts as soon as ICE connects (or at once
     * as server, which waits for the peer's ClientHello).
     */
    public synchronized void setRemote(RemoteTransport remote) {
        if (dtls != null || closed.get()) {
            return;
        }
        DtlsRole role = DtlsRole.fromRemoteSetup(remote.setup(), remote.isOffer());
        dtls = new DtlsEndpoint(engine.certificate(), role, remote.fingerprints(), ice::send, engine.dtlsPool(),
                this, engine.dtlsMtu(), engine.dtlsTimeout());
        if (role == DtlsRole.SERVER) {
            dtls.start();
        }
        ice.setRemoteCredentials(remote.iceUfrag(), remote.icePassword());
        ice.addRemoteCandidates(remote.candidates());
        ice.start();
    }

    /** Trickled candidates from the peer. */
    public void addRemoteCandidates(List<io.webfon.rtp.ice.RemoteIceCandidate> candidates) {
        ice.addRemoteCandidates(candidates);
    }

    public boolean isConnected() {
        return srtp != null && !closed.get();
    }

    @Override
    public void onConnected(String selectedPair) {
        iceConnected = true;
        LOG.debug("[{}] ICE connected: {}", name, selectedPair);
        DtlsEndpoint d = dtls;
        if (d != null && d.role() == DtlsRole.CLIENT) {
            d.start();
        }
    }

    @Override
    public void onFailed(String reason) {
        close(reason);
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
        SrtpErrorStatus status = rtp ? s.unprotectRtp(p) : s.unprotectRtcp(p);
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
        LOG.info("[{}] WebRTC media is up ({} over {} DTLS)", name, keys.profile(),
                dtlsRole() == DtlsRole.CLIENT ? "client" : "server");
        listener.onConnected();
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

    @Override
    public void onClosed(String reason) {
        close(reason);
    }

    /** Ends this PeerConnection (close_notify to the peer if DTLS is up), reporting the reason once. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("[{}] PeerConnection closed: {}", name, reason);
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.close();
        }
        ice.close();
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
