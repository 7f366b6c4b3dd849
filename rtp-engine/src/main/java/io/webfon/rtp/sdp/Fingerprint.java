package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-func> <fingerprint>} (RFC 8122 §5): the hash of the peer's DTLS certificate. Several
 * may be given, at session or media level (media level wins). The value keeps its case; compare with
 * {@link #matches}.
 *
 * @param hashFunction the hash function name, e.g. {@code sha-256}
 * @param value the digest as colon-separated hex pairs
 */
public record Fingerprint(String hashFunction, String value) {
    /** Hash functions this node accepts by default, strongest first; sha-1 only for old peers (RFC 8122 §5). */
    public static final List<String> SUPPORTED_HASHES = List.of("sha-512", "sha-384", "sha-256", "sha-1");

    public Fingerprint {
        if (!Tokens.isToken(hashFunction)) {
            throw new IllegalArgumentException("fingerprint hash must be a token");
        }
        Checks.word(value, "fingerprint value");
    }

    /** Parses {@code sha-256 AB:CD:...}: a hash token and 1 to 64 hex pairs separated by colons. */
    public static Fingerprint parse(String attributeValue) throws SdpParseException {
        List<String> parts = Tokens.split(attributeValue);
        if (parts.size() != 2) {
            throw new SdpParseException("expected '<hash-function> <fingerprint>'");
        }
        String hash = parts.get(0);
        if (!Tokens.isToken(hash)) {
            throw new SdpParseException("invalid hash function '" + Tokens.snippet(hash) + "'");
        }
        String hex = parts.get(1);
        if (!isHexPairs(hex)) {
            throw new SdpParseException("fingerprint '" + Tokens.snippet(hex)
                    + "' is not colon-separated hex pairs");
        }
        return new Fingerprint(hash, hex);
    }

    /** True when the hash function is one of {@link #SUPPORTED_HASHES}, ignoring case. */
    public boolean isSupported() {
        return SUPPORTED_HASHES.contains(hashFunction.toLowerCase(Locale.ROOT));
    }

    /** Same hash function and digest, ignoring the case of both. */
    public boolean matches(Fingerprint other) {
        return hashFunction.equalsIgnoreCase(other.hashFunction) && value.equalsIgnoreCase(other.value);
    }

    public String toAttributeValue() {
        return hashFunction + " " + value;
    }

    public Attribute toAttribute() {
        return Attribute.of("fingerprint", toAttributeValue());
    }

    private static boolean isHexPairs(String s) {
        if (s.length() < 2 || s.length() > 64 * 3 - 1 || (s.length() + 1) % 3 != 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
