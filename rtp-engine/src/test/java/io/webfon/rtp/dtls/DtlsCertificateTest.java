package io.webfon.rtp.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtlsCertificateTest {
    @TempDir
    Path dir;

    @Test
    void generatedOnFirstStartKeptAfterwardsAndTheKeyIsPrivate() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        DtlsCertificate first = DtlsCertificate.loadOrGenerate(dir, "node", now);
        DtlsCertificate second = DtlsCertificate.loadOrGenerate(dir, "node", now.plus(Duration.ofDays(10)));
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(first.fingerprint().value()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dtls-key.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void renewedBeforeItExpires() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        DtlsCertificate first = DtlsCertificate.loadOrGenerate(dir, "node", now);
        DtlsCertificate later = DtlsCertificate.loadOrGenerate(dir, "node", now.plus(Duration.ofDays(340)));
        assertThat(later.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    /**
     * The key of a generated certificate and the same key read back from its PEM file both sign with Bouncy
     * Castle's own P-256 arithmetic; the generic curve's signatures cost several times more CPU per handshake.
     */
    @Test
    void generatedAndLoadedKeysUseTheFastP256Arithmetic() throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        DtlsCertificate generated = DtlsCertificate.loadOrGenerate(dir, "node", now);
        DtlsCertificate loaded = DtlsCertificate.loadOrGenerate(dir, "node", now);
        assertThat(loaded.fingerprint()).isEqualTo(generated.fingerprint());
        for (DtlsCertificate c : new DtlsCertificate[] {generated, loaded}) {
            assertThat(((ECPrivateKeyParameters) c.privateKey()).getParameters().getCurve())
                    .isInstanceOf(SecP256R1Curve.class);
        }
    }

    @Test
    void fingerprintsAreUpperCaseHexPairs() {
        assertThat(CertificateFingerprints.of(new byte[] {1}, "sha-1").value())
                .isEqualTo("BF:8B:45:30:D8:D2:46:DD:74:AC:53:A1:34:71:BB:A1:79:41:DF:F7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateFingerprints.of(new byte[] {1}, "md5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
