package io.webfon.rtp.dtls;

/** What a {@link DtlsEndpoint} reports; called from its handshake thread. */
public interface DtlsListener {
    /** The handshake succeeded and the peer's certificate matched its SDP fingerprint. */
    void onConnected(SrtpKeyMaterial keys);

    /** The handshake failed (timeout, fingerprint mismatch, no common SRTP profile, alert); a clear reason. */
    void onFailed(String reason);

    /** The peer closed DTLS (close_notify) or sent a fatal alert after the handshake. */
    void onClosed(String reason);
}
