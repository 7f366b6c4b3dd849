package io.webfon.rtp.dtls;

import io.webfon.rtp.sdp.Fingerprint;
import java.util.Locale;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDefaultDigestProvider;

/** Computes the SDP fingerprint of a DER certificate (RFC 8122): upper-case hex pairs joined by colons. */
public final class CertificateFingerprints {
    private CertificateFingerprints() {
    }

    public static Fingerprint of(byte[] der, String hashFunction) {
        String name = hashFunction.toLowerCase(Locale.ROOT);
        if (!Fingerprint.SUPPORTED_HASHES.contains(name)) {
            throw new IllegalArgumentException("unsupported fingerprint hash function " + hashFunction);
        }
        AlgorithmIdentifier id = new DefaultDigestAlgorithmIdentifierFinder().find(name.toUpperCase(Locale.ROOT));
        Digest digest;
        try {
            digest = BcDefaultDigestProvider.INSTANCE.get(id);
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("unsupported fingerprint hash function " + hashFunction, e);
        }
        digest.update(der, 0, der.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        StringBuilder sb = new StringBuilder(out.length * 3);
        for (int i = 0; i < out.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((out[i] >> 4) & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(out[i] & 0xF, 16)));
        }
        return new Fingerprint(name, sb.toString());
    }
}
