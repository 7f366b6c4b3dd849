package io.webfon.rtp.client;

import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.DtlsEndpoint;
import io.webfon.rtp.dtls.DtlsListener;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.sdp.Fingerprint;
import io.webfon.rtp.dtls.Outbound;
import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.ice.StunMessages;
import io.webfon.rtp.packet.PacketClassifier;
import io.webfon.rtp.packet.PacketKind;
import io.webfon.rtp.packet.StunHeader;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * The node's own WebRTC stack as a client: a peer that talks ICE, DTLS and SRTP to a WebRTC server (our node or
 * Janus) without a browser, for tests and load tools. Sans-I/O: the driver hands it received datagrams and
 * calls {@link #tick} periodically; it sends through an {@link Outbound} bound to the server's candidate. It is a
 * controlling ICE agent with a single remote candidate and aggressive nomination, which is all a test peer on a
 * known address needs.
 */
public final class ClientPeer implements DtlsListener, AutoCloseable {
    /** What the driver hears. Callbacks run on the driver's or the DTLS pool's thread. */
    public interface Listener {
        void onConnected();

        void onRtp(byte[] buf, int off, int len);

        void onRtcp(byte[] buf, int off, int len);

        void onFailed(String reason);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CHECK_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();
    /** RFC 7675 §5.1: a consent check every 5 s on average, randomised between 4 and 6 s. */
    private static final long CONSENT_MIN_NANOS = Duration.ofSeconds(4).toNanos();
    private static final long CONSENT_SPREAD_NANOS = Duration.ofSeconds(2).toNanos();

    private final DtlsCertificate certificate;
    private final Executor dtlsPool;
    private final Outbound outbound;
    private final Listener listener;
    private volatile String localUfrag = random(8);
    private volatile String localPassword = random(24);
    private final long tieBreaker = RANDOM.nextLong();
    private final PacketBuffer inbound = new PacketBuffer(new byte[0], 0, 0);
    private String remoteUfrag;
    private String remotePassword;
    private byte[] checkId;
    private long lastCheckNanos;
    private long nextConsentNanos;
    private volatile boolean iceConnected;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpSession srtp;
    private volatile boolean failed;

    public ClientPeer(DtlsCertificate certificate, Executor dtlsPool, Outbound outbound, Listener listener) {
        this.certificate = certificate;
        this.dtlsPool = dtlsPool;
        this.outbound = outbound;
        this.listener = listener;
    }

    private static String random(int chars) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public String localUfrag() {
        return localUfrag;
    }

    public String localPassword() {
        return localPassword;
    }

    public Fingerprint fingerprint() {
        return certificate.fingerprint();
    }

    /** Applies the server's answer: its ICE credentials, fingerprints and {@code a=setup}. */
    public synchronized void start(String iceUfrag, String icePassword, List<Fingerprint> fingerprints,
            String remoteSetup) {
        this.remoteUfrag = iceUfrag;
        this.remotePassword = icePassword;
        DtlsRole role = DtlsRole.fromRemoteSetup(remoteSetup, false);
        dtls = new DtlsEndpoint(certificate, role, fingerprints, outbound, dtlsPool, this, 1200,
                Duration.ofSeconds(20));
        if (role == DtlsRole.SERVER) {
            dtls.start();
        }
    }

    /**
     * ICE restart, our half (RFC 8445 §9.1.1): new local credentials, for the new offer. Call
     * {@link #restartIce(String, String)} with the server's new credentials from its answer; DTLS and SRTP go on.
     */
    public synchronized void newLocalCredentials() {
        localUfrag = random(8);
        localPassword = random(24);
    }

    /**
     * ICE restart, the server's half: checks start again with its new credentials until one succeeds; media keeps
     * its DTLS association and SRTP keys.
     */
    public synchronized void restartIce(String iceUfrag, String icePassword) {
        remoteUfrag = iceUfrag;
        remotePassword = icePassword;
        checkId = null;
        lastCheckNanos = 0;
        nextConsentNanos = 0;
        iceConnected = false;
    }

    /**
     * Sends (or repeats) the connectivity check until one succeeds, then the consent checks. Call every few tens of
     * milliseconds while connecting, and at least every second after.
     */
    public synchronized void tick(long nowNanos) throws IOException {
        if (iceConnected) {
            consent(nowNanos);
            return;
        }
        if (remoteUfrag == null || failed || nowNanos - lastCheckNanos < CHECK_INTERVAL_NANOS) {
            return;
        }
        lastCheckNanos = nowNanos;
        checkId = StunMessages.newTransactionId();
        // Priority of a host candidate (RFC 8445 §5.1.2.1 with type preference 126).
        byte[] check = StunMessages.bindingRequest(checkId, remoteUfrag + ":" + localUfrag, remotePassword,
                2130706431L, true, tieBreaker, true);
        outbound.send(check, 0, check.length);
    }

    /**
     * Consent freshness (RFC 7675), the part every WebRTC endpoint does: once connected, a check every 4 to 6 s, so
     * an ICE-lite server (which sends no checks of its own) sees the peer is still there. Its answer is not
     * awaited: a peer that stopped hearing from the server notices its media stop.
     */
    private void consent(long nowNanos) throws IOException {
        if (nextConsentNanos == 0) {
            nextConsentNanos = nowNanos + CONSENT_MIN_NANOS + (long) (RANDOM.nextDouble() * CONSENT_SPREAD_NANOS);
            return;
        }
        if (nowNanos - nextConsentNanos < 0 || failed) {
            return;
        }
        nextConsentNanos = nowNanos + CONSENT_MIN_NANOS + (long) (RANDOM.nextDouble() * CONSENT_SPREAD_NANOS);
        byte[] check = StunMessages.bindingRequest(StunMessages.newTransactionId(), remoteUfrag + ":" + localUfrag,
                remotePassword, 2130706431L, true, tieBreaker, false);
        outbound.send(check, 0, check.length);
    }

    /** A datagram from the server. */
    public void receive(byte[] buf, int off, int len, InetSocketAddress from) throws IOException {
        PacketKind kind = PacketClassifier.classify(buf, off, len);
        switch (kind) {
            case STUN -> stun(buf, off, len, from);
            case DTLS -> {
                DtlsEndpoint d = dtls;
                if (d != null) {
                    d.receive(buf, off, len);
                }
            }
            case RTP, RTCP -> media(buf, off, len, kind == PacketKind.RTP);
            default -> {
            }
        }
    }

    private void stun(byte[] buf, int off, int len, InetSocketAddress from) throws IOException {
        if (StunMessages.isBindingRequest(buf, off, len)) {
            byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
            StunHeader.transactionId(buf, off, len, id, 0);
            byte[] response = StunMessages.bindingSuccess(id, from, localPassword);
            outbound.send(response, 0, response.length);
        } else if (StunMessages.isBindingSuccess(buf, off, len)) {
            synchronized (this) {
                if (iceConnected || checkId == null || !StunHeader.transactionIdEquals(buf, off, len, checkId, 0)) {
                    return;
                }
                iceConnected = true;
            }
            DtlsEndpoint d = dtls;
            if (d != null && d.role() == DtlsRole.CLIENT) {
                d.start();
            }
        }
    }

    private void media(byte[] buf, int off, int len, boolean rtp) {
        SrtpSession s = srtp;
        if (s == null) {
            return;
        }
        synchronized (inbound) {
            inbound.set(buf, off, len);
            SrtpErrorStatus status = rtp ? s.unprotectRtp(inbound) : s.unprotectRtcp(inbound);
            if (status != SrtpErrorStatus.OK) {
                return;
            }
            if (rtp) {
                listener.onRtp(buf, off, inbound.getLength());
            } else {
                listener.onRtcp(buf, off, inbound.getLength());
            }
        }
    }

    /** Encrypts an RTP packet in place (the buffer needs room for the tag) and sends it. */
    public boolean sendRtp(PacketBuffer p) throws IOException {
        SrtpSession s = srtp;
        if (s == null || s.protectRtp(p) != SrtpErrorStatus.OK) {
            return false;
        }
        outbound.send(p.getBuffer(), p.getOffset(), p.getLength());
        return true;
    }

    public boolean sendRtcp(PacketBuffer p) throws IOException {
        SrtpSession s = srtp;
        if (s == null || s.protectRtcp(p) != SrtpErrorStatus.OK) {
            return false;
        }
        outbound.send(p.getBuffer(), p.getOffset(), p.getLength());
        return true;
    }

    public boolean isConnected() {
        return srtp != null;
    }

    public boolean isIceConnected() {
        return iceConnected;
    }

    @Override
    public void onConnected(SrtpKeyMaterial keys) {
        srtp = new SrtpSession(keys);
        listener.onConnected();
    }

    @Override
    public void onFailed(String reason) {
        failed = true;
        listener.onFailed(reason);
    }

    @Override
    public void onClosed(String reason) {
        failed = true;
        listener.onFailed(reason);
    }

    @Override
    public void close() {
        DtlsEndpoint d = dtls;
        if (d != null) {
            d.close();
        }
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
    }
}
