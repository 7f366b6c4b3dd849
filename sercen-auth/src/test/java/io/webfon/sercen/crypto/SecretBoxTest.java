package io.webfon.sercen.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Secrets at rest: AES-GCM bound to their row, refused with another key, row or a tampered text. */
class SecretBoxTest {
    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final SecretBox box = new SecretBox(key(7), new SecureRandom());

    @Test
    void sealsAndOpensWithTheSameRow() {
        String sealed = box.seal("sip-secret", "sip:1001");
        assertThat(sealed).startsWith("v1:").doesNotContain("sip-secret");
        assertThat(box.openText(sealed, "sip:1001")).isEqualTo("sip-secret");
        assertThat(box.seal("sip-secret", "sip:1001")).as("random nonce").isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherRowAnotherKeyOrTamperedText() {
        String sealed = box.seal("sip-secret", "sip:1001");
        assertThatThrownBy(() -> box.open(sealed, "sip:1002")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(key(8), new SecureRandom()).open(sealed, "sip:1001"))
                .isInstanceOf(IllegalArgumentException.class);
        char[] c = sealed.toCharArray();
        c[10] = c[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(c), "sip:1001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("plain", "sip:1001")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA", "sip:1001")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pinDigestIsBoundToTheChallenge() {
        assertThat(box.pinDigest("c1", "123456")).hasSize(64).isEqualTo(box.pinDigest("c1", "123456"))
                .isNotEqualTo(box.pinDigest("c2", "123456"));
    }
}
