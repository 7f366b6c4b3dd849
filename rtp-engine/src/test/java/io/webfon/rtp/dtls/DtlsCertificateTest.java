package io.webfon.rtp.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void fingerprintsAreUpperCaseHexPairs() {
        assertThat(CertificateFingerprints.of(new byte[] {1}, "sha-1").value())
                .isEqualTo("BF:8B:45:30:D8:D2:46:DD:74:AC:53:A1:34:71:BB:A1:79:41:DF:F7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CertificateFingerprints.of(new byte[] {1}, "md5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
