package io.webfon.janus.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Secret comparison that takes the same time whatever the input: digests of equal length, compared in full. */
public final class Secrets {
    private Secrets() {
    }

    /**
     * Whether {@code given} equals {@code expected}, in time independent of where they differ and of their
     * lengths (both are hashed first). A {@code null} given value never matches.
     */
    public static boolean matches(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    /** SHA-256 of the UTF-8 bytes; used to key secrets so that lookups do not depend on secret content. */
    public static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
