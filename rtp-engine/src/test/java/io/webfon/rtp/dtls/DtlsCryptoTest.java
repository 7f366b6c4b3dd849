package io.webfon.rtp.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class DtlsCryptoTest {
    private final DtlsCrypto crypto = new DtlsCrypto(new SecureRandom());
    private final Random random = new Random(7);

    /** The table-free GCM gives the records Bouncy Castle's default (table) GCM gives, and checks their tags. */
    @Test
    void gcmWithoutTablesProtectsAsTheDefaultDoes() throws Exception {
        for (int length : new int[] {0, 1, 15, 16, 17, 40, 1200}) {
            byte[] key = bytes(16);
            byte[] nonce = bytes(12);
            byte[] aad = bytes(13);
            byte[] plain = bytes(length);

            byte[] ours = run(crypto.createGCMMode(AESEngine.newInstance()), true, key, nonce, aad, plain);
            byte[] reference = run(GCMBlockCipher.newInstance(AESEngine.newInstance()), true, key, nonce, aad, plain);
            assertArrayEquals(reference, ours, "record of " + length + " bytes");

            assertArrayEquals(plain, run(crypto.createGCMMode(AESEngine.newInstance()), false, key, nonce, aad, ours));
            ours[ours.length - 1] ^= 1;
            byte[] tampered = ours;
            assertThrows(InvalidCipherTextException.class,
                    () -> run(crypto.createGCMMode(AESEngine.newInstance()), false, key, nonce, aad, tampered));
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] run(AEADBlockCipher gcm, boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in)
            throws InvalidCipherTextException {
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(in.length)];
        int n = gcm.processBytes(in, 0, in.length, out, 0);
        n += gcm.doFinal(out, n);
        return java.util.Arrays.copyOf(out, n);
    }
}
