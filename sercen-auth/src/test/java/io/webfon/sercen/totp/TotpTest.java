package io.webfon.sercen.totp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 Appendix B test vectors, the ±1 step window and the matched step (used to refuse replays). */
class TotpTest {
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_SEED =
            "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}")
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238AppendixB_vectors(long time, String sha1, String sha256, String sha512) {
        long step = Totp.step(time);
        assertThat(Totp.code(SHA1_SEED, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SHA256_SEED, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SHA512_SEED, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void sixDigitCodeIsTheLowSixDigitsOfTheEightDigitOne() {
        assertThat(Totp.code(SHA1_SEED, 59)).isEqualTo("287082");
        assertThat(Totp.code(SHA1_SEED, 1111111109)).isEqualTo("081804");
    }

    @Test
    void verifyAcceptsOneStepEitherSideAndReturnsTheStepMatched() {
        long now = 1_700_000_000L;
        long step = Totp.step(now);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step, 6, "HmacSHA1"), now, 1)).isEqualTo(step);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step - 1, 6, "HmacSHA1"), now, 1)).isEqualTo(step - 1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step + 1, 6, "HmacSHA1"), now, 1)).isEqualTo(step + 1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step - 2, 6, "HmacSHA1"), now, 1)).isEqualTo(-1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step + 2, 6, "HmacSHA1"), now, 1)).isEqualTo(-1);
        assertThat(Totp.verify(SHA1_SEED, Totp.code(SHA1_SEED, step - 1, 6, "HmacSHA1"), now, 0)).isEqualTo(-1);
    }

    @Test
    void verifyRefusesMalformedCodesWithoutThrowing() {
        for (String bad : new String[] {null, "", "12345", "1234567", "12345a", " 123456", "１２３４５６"}) {
            assertThat(Totp.verify(SHA1_SEED, bad, 59, 1)).as("%s", bad).isEqualTo(-1);
        }
    }
}
