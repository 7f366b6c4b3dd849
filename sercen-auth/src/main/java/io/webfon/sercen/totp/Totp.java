package io.webfon.sercen.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (HOTP of RFC 4226 over 30-second steps): HMAC-SHA-1 by default, as
 * authenticator apps use, 6 digits; {@link #verify} accepts the steps within {@code window} of now and returns
 * the step matched, so the caller can refuse a replay of a used code (RFC 6238 §5.2). Pure: time is passed in.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** The time step of an instant: {@code floor(epochSeconds / 30)}. */
    public static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    /** The code for one step (RFC 4226 §5.3 dynamic truncation), zero-padded to {@code digits}. */
    public static String code(byte[] key, long step, int digits, String hmacAlgorithm) {
        byte[] h = hmac(hmacAlgorithm, key, ByteBuffer.allocate(8).putLong(step).array());
        int offset = h[h.length - 1] & 0xf;
        int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                | (h[offset + 3] & 0xff);
        String s = Integer.toString(binary % POW10[digits]);
        return "0".repeat(digits - s.length()) + s;
    }

    /** The 6-digit HMAC-SHA-1 code of the step containing {@code epochSeconds}. */
    public static String code(byte[] key, long epochSeconds) {
        return code(key, step(epochSeconds), 6, "HmacSHA1");
    }

    /**
     * The step whose 6-digit HMAC-SHA-1 code equals {@code code}, searched from now outwards within
     * {@code window} steps, or -1. Every step in the window is computed and compared in constant time, so the
     * answer's timing says nothing about which step matched.
     */
    public static long verify(byte[] key, String code, long epochSeconds, int window) {
        if (code == null || code.length() != 6 || !code.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long now = step(epochSeconds);
        long found = -1;
        for (int d = -window; d <= window; d++) {
            String candidate = code(key, now + d, 6, "HmacSHA1");
            if (MessageDigest.isEqual(candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    code.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) && found < 0) {
                found = now + d;
            }
        }
        return found;
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("HMAC " + algorithm + " unavailable", e);
        }
    }
}
