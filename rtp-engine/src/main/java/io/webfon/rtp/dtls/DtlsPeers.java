package io.webfon.rtp.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's DTLS 1.2 client and server for DTLS-SRTP (RFC 5764): {@code use_srtp} negotiation, mutual
 * certificate authentication checked against SDP fingerprints, and SRTP keying material exported at the end.
 */
final class DtlsPeers {
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    };
    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private DtlsPeers() {
    }

    /** Settings both sides share. */
    record Setup(BcTlsCrypto crypto, DtlsCertificate certificate, PeerCertificateCheck check, int timeoutMillis) {
    }

    static org.bouncycastle.tls.Certificate chain(Setup s) throws IOException {
        TlsCertificate cert = new BcTlsCertificate(s.crypto(), s.certificate().encoded());
        return new org.bouncycastle.tls.Certificate(new TlsCertificate[] {cert});
    }

    static TlsCredentialedSigner signer(Setup s, TlsContext context) throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), s.crypto(),
                s.certificate().privateKey(), chain(s), ECDSA_SHA256);
    }

    static byte[] export(TlsContext context, SrtpProfile profile) {
        return context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialLength());
    }

    /** The DTLS server: chooses the SRTP profile from the client's list. */
    static final class Server extends DefaultTlsServer {
        private final Setup setup;
        volatile SrtpProfile profile;
        volatile byte[] keyingMaterial;
        volatile String alertReceived;

        Server(Setup setup) {
            super(setup.crypto());
            this.setup = setup;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return CIPHER_SUITES.clone();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return setup.timeoutMillis();
        }

        @Override
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (offered == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offered no use_srtp");
            }
            profile = SrtpProfile.choose(offered.getProtectionProfiles());
            if (profile == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "no SRTP protection profile in common");
            }
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = super.getServerExtensions();
            if (ext == null) {
                ext = new Hashtable();
            }
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {profile.id()}, new byte[0]));
            return ext;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return signer(setup, context);
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
            algorithms.add(ECDSA_SHA256);
            algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign,
                ClientCertificateType.rsa_sign}, algorithms, null);
        }

        @Override
        public void notifyClientCertificate(org.bouncycastle.tls.Certificate clientCertificate) throws IOException {
            setup.check().verify(clientCertificate);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keyingMaterial = export(context, profile);
        }

        @Override
        public void notifyAlertReceived(short alertLevel, short alertDescription) {
            alertReceived = AlertDescription.getText(alertDescription);
        }
    }

    /** The DTLS client: offers our SRTP profiles, verifies the server's certificate. */
    static final class Client extends DefaultTlsClient {
        private final Setup setup;
        volatile SrtpProfile profile;
        volatile byte[] keyingMaterial;
        volatile String alertReceived;

        Client(Setup setup) {
            super(setup.crypto());
            this.setup = setup;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return CIPHER_SUITES.clone();
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return setup.timeoutMillis();
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = super.getClientExtensions();
            if (ext == null) {
                ext = new Hashtable();
            }
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(SrtpProfile.preferenceIds(), new byte[0]));
            return ext;
        }

        @Override
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (chosen == null || chosen.getProtectionProfiles().length != 1) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the server chose no SRTP profile");
            }
            profile = SrtpProfile.ofId(chosen.getProtectionProfiles()[0]);
            if (profile == null) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "the server chose an SRTP profile we did "
                        + "not offer");
            }
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    setup.check().verify(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return signer(setup, context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            keyingMaterial = export(context, profile);
        }

        @Override
        public void notifyAlertReceived(short alertLevel, short alertDescription) {
            alertReceived = AlertDescription.getText(alertDescription);
        }
    }
}
