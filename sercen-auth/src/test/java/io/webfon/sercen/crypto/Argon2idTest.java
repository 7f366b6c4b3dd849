package io.webfon.sercen.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Argon2id: the RFC 9106 known answer, the PHC string, parameters kept per hash, malformed input refused. */
class Argon2idTest {
    private final Argon2id hasher = new Argon2id(1024, 1, 1, 2, new SecureRandom());

    @Test
    void rfc9106Section5_3_argon2idTestVector() {
        byte[] password = new byte[32];
        Arrays.fill(password, (byte) 1);
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        Arrays.fill(ad, (byte) 4);
        byte[] tag = Argon2id.raw(password, salt, secret, ad, 32, 3, 4, 32);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void hashIsPhcStringAndVerifies() {
        String h = hasher.hash("correct horse");
        assertThat(h).matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify(h, "correct horse")).isTrue();
        assertThat(hasher.verify(h, "correct horsf")).isFalse();
        assertThat(hasher.hash("correct horse")).as("salted").isNotEqualTo(h);
    }

    @Test
    void unicodeIsNormalisedBeforeHashing() {
        String composed = "caf\u00e9";
        String decomposed = "cafe\u0301";
        assertThat(hasher.verify(hasher.hash(composed), decomposed)).isTrue();
    }

    @Test
    void hashesMadeWithOtherParametersStillVerifyAndAskForRehash() {
        Argon2id stronger = new Argon2id(2048, 2, 1, 1, new SecureRandom());
        String old = hasher.hash("pw");
        assertThat(stronger.verify(old, "pw")).isTrue();
        assertThat(stronger.needsRehash(old)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("pw"))).isFalse();
    }

    @Test
    void malformedOrMissingHashesNeverVerify() {
        for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "$argon2id$v=19$m=1,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            assertThat(hasher.verify(bad, "pw")).as("%s", bad).isFalse();
        }
        assertThat(hasher.verifyDummy("anything")).isFalse();
    }
}
