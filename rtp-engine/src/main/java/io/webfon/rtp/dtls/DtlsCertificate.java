package io.webfon.rtp.dtls;

import io.webfon.rtp.sdp.Fingerprint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The node's DTLS identity: an X.509 certificate and its private key, generated (ECDSA P-256, as WebRTC requires
 * every endpoint to support) or loaded from PEM files, plus the SHA-256 fingerprint the SDP announces.
 * Bouncy Castle's lightweight API is used throughout, so no JCA provider is registered globally.
 */
public final class DtlsCertificate {
    /** Generated certificates live this long and are renewed this long before they expire. */
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final Fingerprint fingerprint;

    private DtlsCertificate(Certificate certificate, AsymmetricKeyParameter privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.fingerprint = CertificateFingerprints.of(der(certificate), "sha-256");
    }

    private static byte[] der(Certificate c) {
        try {
            return c.getEncoded("DER");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh self-signed ECDSA P-256 certificate. */
    public static DtlsCertificate generate(String commonName, Instant now) {
        SecureRandom random = new SecureRandom();
        // Bouncy Castle's own P-256 arithmetic, as a key read back from PEM gets (PrivateKeyFactory looks custom
        // curves up first): ECNamedCurveTable's generic curve made every ECDSA signature with the key of a freshly
        // generated certificate cost about 1 ms instead of 0.15 ms, twice per DTLS handshake in the server role.
        X9ECParameters curve = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
        ECDomainParameters domain = new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        try {
            X509v3CertificateBuilder builder = new BcX509v3CertificateBuilder(name,
                    new BigInteger(63, random).add(BigInteger.ONE), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            AlgorithmIdentifier sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(sig);
            X509CertificateHolder holder = builder.build(new BcECContentSignerBuilder(sig, digest)
                    .build(pair.getPrivate()));
            return new DtlsCertificate(holder.toASN1Structure(), pair.getPrivate());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("ECDSA certificate generation failed", e);
        }
    }

    /** Loads a certificate and its (unencrypted) private key from PEM files. */
    public static DtlsCertificate load(Path certPem, Path keyPem) throws IOException {
        Certificate cert;
        try (Reader r = Files.newBufferedReader(certPem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException(certPem + ": no PEM certificate found");
            }
            cert = holder.toASN1Structure();
        }
        AsymmetricKeyParameter key;
        try (Reader r = Files.newBufferedReader(keyPem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof PEMKeyPair pair) {
                key = PrivateKeyFactory.createKey(pair.getPrivateKeyInfo());
            } else if (o instanceof PrivateKeyInfo info) {
                key = PrivateKeyFactory.createKey(info);
            } else {
                throw new IOException(keyPem + ": no unencrypted PEM private key found");
            }
        }
        return new DtlsCertificate(cert, key);
    }

    /**
     * The certificate kept in {@code dir} ({@code dtls-cert.pem}, {@code dtls-key.pem}), generating and saving a
     * new one on first start or when the kept one is about to expire.
     */
    public static DtlsCertificate loadOrGenerate(Path dir, String commonName, Instant now) throws IOException {
        Path cert = dir.resolve("dtls-cert.pem");
        Path key = dir.resolve("dtls-key.pem");
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            DtlsCertificate kept = load(cert, key);
            if (kept.notAfter().isAfter(now.plus(RENEW_BEFORE))) {
                return kept;
            }
        }
        DtlsCertificate fresh = generate(commonName, now);
        fresh.save(cert, key);
        return fresh;
    }

    /** Writes the certificate and the key as PEM; the key file is readable by its owner only. */
    public void save(Path certPem, Path keyPem) throws IOException {
        Path dir = certPem.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            // The state directory holds private keys: only the node's user may list it.
            try {
                Files.createDirectories(dir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        Files.writeString(certPem, pem("CERTIFICATE", der(certificate)), StandardCharsets.US_ASCII);
        Path tmp = keyPem.resolveSibling(keyPem.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(privateKey);
        Files.writeString(tmp, pem("PRIVATE KEY", info.getEncoded("DER")), StandardCharsets.US_ASCII);
        Files.move(tmp, keyPem, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    public Certificate certificate() {
        return certificate;
    }

    public byte[] encoded() {
        return der(certificate);
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** The SHA-256 fingerprint announced in SDP. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public Instant notAfter() {
        return certificate.getEndDate().getDate().toInstant();
    }
}
