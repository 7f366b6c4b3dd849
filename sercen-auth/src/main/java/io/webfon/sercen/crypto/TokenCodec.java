package io.webfon.sercen.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Login tokens: 256 random bits, written as 43 characters of unpadded base64url; only their SHA-256 is stored.
 * Every token also has a public id (96 random bits, 16 characters) that logs, the admin API and revocation use.
 */
public final class TokenCodec {
    public static final int TOKEN_CHARS = 43;
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public TokenCodec(SecureRandom random) {
        this.random = random;
    }

    public String newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return B64URL.encodeToString(b);
    }

    public String newId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return B64URL.encodeToString(b);
    }

    /** Random digits for an e-mailed PIN, uniformly drawn. */
    public String newPin(int digits) {
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    /** Whether text has a token's shape; anything else is refused before any lookup. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != TOKEN_CHARS) {
            return false;
        }
        for (int i = 0; i < TOKEN_CHARS; i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of a token: hex SHA-256. */
    public static String digest(String token) {
        return Hashes.hex(Hashes.sha256(token));
    }
}
