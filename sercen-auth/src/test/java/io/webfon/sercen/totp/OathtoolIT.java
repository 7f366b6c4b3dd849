package io.webfon.sercen.totp;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.sercen.testing.Oathtool;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our TOTP against an independent implementation, Debian's oathtool, for random seeds and instants. */
class OathtoolIT {
    @TempDir
    Path dir;

    @Test
    void oathtoolAndWeAgreeOnEveryCode() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 12; i++) {
            byte[] seed = new byte[20];
            random.nextBytes(seed);
            long t = 1_000_000_000L + (random.nextLong() & 0xffffffffL) % 3_000_000_000L;
            String theirs = Oathtool.totp(dir, Base32.encode(seed), t);
            assertThat(Totp.code(seed, t)).as("t=%d", t).isEqualTo(theirs);
            assertThat(Totp.verify(seed, theirs, t + 29, 1)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void rfc6238SeedAtTheAppendixInstants() throws Exception {
        String seed = Base32.encode("12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(Oathtool.totp(dir, seed, 59)).isEqualTo("287082");
        assertThat(Oathtool.totp(dir, seed, 1111111109)).isEqualTo(Totp.code(Base32.decode(seed), 1111111109));
    }
}
