package io.webfon.rtp.dtls;

import io.webfon.rtp.sdp.Fingerprint;
import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsFatalAlert;

/**
 * Checks the peer's DTLS certificate against the fingerprints its SDP announced (RFC 8122 §5): with the
 * strongest hash function the peer used that we accept, the certificate must match one of them.
 */
final class PeerCertificateCheck {
    private final List<Fingerprint> announced;
    private volatile String failure;

    PeerCertificateCheck(List<Fingerprint> announced) {
        this.announced = List.copyOf(announced);
    }

    void verify(Certificate chain) throws IOException {
        if (chain == null || chain.isEmpty()) {
            fail("the peer sent no DTLS certificate");
        }
        byte[] der = chain.getCertificateAt(0).getEncoded();
        for (String hash : Fingerprint.SUPPORTED_HASHES) {
            List<Fingerprint> candidates = announced.stream().filter(f -> f.hashFunction().equalsIgnoreCase(hash)).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            Fingerprint actual = CertificateFingerprints.of(der, hash);
            if (candidates.stream().anyMatch(f -> f.matches(actual))) {
                return;
            }
            fail("DTLS certificate fingerprint mismatch: the SDP announced " + hash + " " + candidates.get(0).value()
                    + ", the certificate is " + actual.value());
        }
        fail("no SDP fingerprint with a supported hash function (" + Fingerprint.SUPPORTED_HASHES + ")");
    }

    private void fail(String reason) throws IOException {
        failure = reason;
        throw new TlsFatalAlert(AlertDescription.bad_certificate, reason);
    }

    /** Why the check failed, or null. */
    String failure() {
        return failure;
    }
}
