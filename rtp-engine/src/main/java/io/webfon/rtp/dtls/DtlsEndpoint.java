package io.webfon.rtp.dtls;

import io.webfon.rtp.packet.DtlsRecords;
import io.webfon.rtp.sdp.Fingerprint;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP association, in either role, driven without owning a socket: records from the network are
 * handed to {@link #receive}, records to send go to an {@link Outbound}. Bouncy Castle's handshake API blocks, so
 * it runs on the given executor (a small shared pool: a handshake costs about 1 ms of CPU, PERF-NOTES); after the
 * handshake, late records (a retransmitted Finished, alerts) are processed on the same executor, briefly.
 */
public final class DtlsEndpoint implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(DtlsEndpoint.class);
    /** The BC crypto provider, shared: see {@link DtlsCrypto}. */
    private static final BcTlsCrypto CRYPTO = new DtlsCrypto(new SecureRandom());

    private final DtlsRole role;
    private final Executor executor;
    private final DtlsListener listener;
    private final QueueDatagramTransport transport;
    private final PeerCertificateCheck check;
    private final DtlsPeers.Server server;
    private final DtlsPeers.Client client;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile DTLSTransport established;
    private volatile boolean closed;

    /**
     * @param remoteFingerprints the fingerprints of the peer's SDP; its certificate must match
     * @param mtu the largest DTLS record to send (Janus uses 1200 to stay under any path MTU)
     */
    public DtlsEndpoint(DtlsCertificate certificate, DtlsRole role, List<Fingerprint> remoteFingerprints,
            Outbound outbound, Executor executor, DtlsListener listener, int mtu, Duration timeout) {
        this.role = role;
        this.executor = executor;
        this.listener = listener;
        this.transport = new QueueDatagramTransport(outbound, mtu);
        this.check = new PeerCertificateCheck(remoteFingerprints);
        DtlsPeers.Setup setup = new DtlsPeers.Setup(CRYPTO, certificate, check, (int) timeout.toMillis());
        this.server = role == DtlsRole.SERVER ? new DtlsPeers.Server(setup) : null;
        this.client = role == DtlsRole.CLIENT ? new DtlsPeers.Client(setup) : null;
    }

    public DtlsRole role() {
        return role;
    }

    /** Starts the handshake (the client sends its ClientHello; the server waits for one). Once. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            executor.execute(this::handshake);
        }
    }

    private void handshake() {
        try {
            DTLSTransport t = role == DtlsRole.SERVER
                    ? new DTLSServerProtocol().accept(server, transport)
                    : new DTLSClientProtocol().connect(client, transport);
            // The server's last flight (ChangeCipherSpec, Finished) ends the handshake without a receive.
            transport.flush();
            SrtpProfile profile = role == DtlsRole.SERVER ? server.profile : client.profile;
            byte[] material = role == DtlsRole.SERVER ? server.keyingMaterial : client.keyingMaterial;
            if (closed) {
                t.close();
                return;
            }
            established = t;
            listener.onConnected(SrtpKeyMaterial.split(profile, material, role));
            drainLateRecords();
        } catch (IOException | RuntimeException e) {
            flushQuietly(); // the alert Bouncy Castle sent before it gave up
            if (!closed) {
                listener.onFailed(describe(e));
            }
        }
    }

    private void flushQuietly() {
        try {
            transport.flush();
        } catch (IOException e) {
            LOG.debug("A DTLS record could not be sent: {}", e.toString());
        }
    }

    private String describe(Exception e) {
        if (check.failure() != null) {
            return check.failure();
        }
        if (e instanceof TlsFatalAlertReceived received) {
            return "DTLS handshake refused by the peer (alert " + received.getAlertDescription() + ")";
        }
        if (e instanceof TlsFatalAlert alert && alert.getMessage() != null) {
            return "DTLS handshake failed: " + alert.getMessage();
        }
        if (e.getMessage() != null && e.getMessage().contains("timed out")) {
            return "DTLS handshake timed out";
        }
        return "DTLS handshake failed: " + e;
    }

    /**
     * A DTLS record from the network.
     *
     * @return false if it was dropped (malformed, too many queued, or the endpoint is closed)
     */
    public boolean receive(byte[] buf, int off, int len) {
        if (DtlsRecords.validate(buf, off, len) != null) {
            // Dropped here, never an alert: a forged or broken datagram must not end the association.
            return false;
        }
        boolean queued = transport.offer(buf, off, len);
        if (queued && established != null && draining.compareAndSet(false, true)) {
            executor.execute(this::drainLateRecords);
        }
        return queued;
    }

    /** Processes records that arrive after the handshake: retransmitted flights are answered, alerts noticed. */
    private void drainLateRecords() {
        byte[] buf = new byte[2048];
        draining.set(true);
        try {
            DTLSTransport t = established;
            while (t != null && !closed && transport.hasPending()) {
                t.receive(buf, 0, buf.length, 1);
            }
            transport.flush(); // a retransmitted last flight, sent in answer to the peer's retransmission
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                closed = true;
                listener.onClosed(alertReason("DTLS error: " + e.getMessage()));
            }
            return;
        } finally {
            draining.set(false);
        }
        String alert = alertReason(null);
        if (alert != null && !closed) {
            closed = true;
            listener.onClosed(alert);
        }
    }

    private String alertReason(String fallback) {
        String alert = role == DtlsRole.SERVER ? server.alertReceived : client.alertReceived;
        return alert != null ? "DTLS alert: " + alert : fallback;
    }

    public boolean isConnected() {
        return established != null && !closed;
    }

    /** Ends the association: a close_notify to the peer if the handshake was done, then nothing more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        DTLSTransport t = established;
        if (t != null) {
            try {
                t.close();
                transport.flush();
            } catch (IOException e) {
                LOG.debug("close_notify could not be sent: {}", e.toString());
            }
        }
        transport.close();
    }
}
