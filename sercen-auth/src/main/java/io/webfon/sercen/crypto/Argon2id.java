package io.webfon.sercen.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106, Bouncy Castle's {@code Argon2BytesGenerator}) in the PHC string format
 * other tools read: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded base64). A hash keeps the
 * parameters it was made with, so changed parameters apply to new passwords and old hashes still verify
 * ({@link #needsRehash}). At most {@code permits} hashes run at once, which bounds memory: each takes
 * {@code m} KiB.
 */
public final class Argon2id {
    /** Longest password accepted, in characters: longer input is refused before any hashing. */
    public static final int MAX_PASSWORD_CHARS = 1024;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;
    private final Semaphore permits;
    private final String dummyHash;

    public Argon2id(int memoryKib, int iterations, int parallelism, int concurrent, SecureRandom random) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = random;
        this.permits = new Semaphore(Math.max(1, concurrent), true);
        byte[] throwaway = new byte[18];
        random.nextBytes(throwaway);
        this.dummyHash = hash(B64.encodeToString(throwaway));
    }

    /** A new hash of {@code password} with a random salt and the configured parameters. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = compute(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; false for a malformed or missing hash. Constant-time compare. */
    public boolean verify(String phc, String password) {
        if (phc == null || password == null) {
            verify(dummyHash, password == null ? "" : password);
            return false;
        }
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        int mem = Integer.parseInt(m.group(1));
        int t = Integer.parseInt(m.group(2));
        int p = Integer.parseInt(m.group(3));
        if (mem < 8 * p || t < 1 || p < 1) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = compute(password, B64D.decode(m.group(4)), mem, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /**
     * Spends the time of a real verification and returns false: used for unknown users, disabled accounts and
     * accounts without a local password, so that their answer takes as long as a wrong password's.
     */
    public boolean verifyDummy(String password) {
        verify(dummyHash, password == null ? "" : password);
        return false;
    }

    /** Whether a hash was made with other parameters than the configured ones (rehash after a good login). */
    public boolean needsRehash(String phc) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        return m == null || !m.matches() || Integer.parseInt(m.group(1)) != memoryKib
                || Integer.parseInt(m.group(2)) != iterations || Integer.parseInt(m.group(3)) != parallelism;
    }

    /** The raw Argon2id function (RFC 9106 §3), with an optional secret and associated data; for known answers. */
    public static byte[] raw(byte[] password, byte[] salt, byte[] secret, byte[] ad, int memoryKib, int iterations,
            int parallelism, int length) {
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(parallelism).withSalt(salt);
        if (secret != null) {
            b.withSecret(secret);
        }
        if (ad != null) {
            b.withAdditional(ad);
        }
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(b.build());
        byte[] out = new byte[length];
        g.generateBytes(password, out);
        return out;
    }

    private byte[] compute(String password, byte[] salt, int mem, int t, int p, int length) {
        byte[] pw = Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
        permits.acquireUninterruptibly();
        try {
            return raw(pw, salt, null, null, mem, t, p, length);
        } finally {
            permits.release();
            java.util.Arrays.fill(pw, (byte) 0);
        }
    }
}
