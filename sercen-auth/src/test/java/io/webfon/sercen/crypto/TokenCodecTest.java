package io.webfon.sercen.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens are 256 random bits in 43 base64url characters; only their SHA-256 is stored. */
class TokenCodecTest {
    private final TokenCodec codec = new TokenCodec(new SecureRandom());

    @Test
    void tokensAreWellFormedAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = codec.newToken();
            assertThat(TokenCodec.wellFormed(t)).isTrue();
            assertThat(seen.add(t)).isTrue();
        }
        assertThat(codec.newId()).hasSize(16);
    }

    @Test
    void malformedTokensAreRecognisedAtEveryTruncation() {
        String t = codec.newToken();
        for (int len = 0; len < t.length(); len++) {
            assertThat(TokenCodec.wellFormed(t.substring(0, len))).isFalse();
        }
        assertThat(TokenCodec.wellFormed(null)).isFalse();
        assertThat(TokenCodec.wellFormed(t.substring(0, 42) + "=")).isFalse();
        assertThat(TokenCodec.wellFormed(t + "A")).isFalse();
    }

    @Test
    void digestIsHexSha256() {
        assertThat(TokenCodec.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void pinsAreDigitsOfTheAskedLength() {
        for (int n = 4; n <= 10; n++) {
            assertThat(codec.newPin(n)).hasSize(n).containsOnlyDigits();
        }
    }
}
