package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Objects;

/**
 * Guards for the model's constructors: whatever a caller builds can be written as SDP lines. Values that would
 * break a line (CR, LF, NUL) or a field (blanks inside a token) are refused with {@link IllegalArgumentException},
 * which is a programming error, not a peer's.
 */
final class Checks {
    private Checks() {
    }

    /** Non-null text without CR, LF or NUL. */
    static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " contains CR, LF or NUL");
            }
        }
        return value;
    }

    /** Like {@link #text} but null passes. */
    static String optionalText(String value, String what) {
        return value == null ? null : text(value, what);
    }

    /** Non-empty text with no blanks or control characters. */
    static String word(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!Tokens.isWord(value)) {
            throw new IllegalArgumentException(what + " must be a non-empty word without blanks: '"
                    + Tokens.snippet(value) + "'");
        }
        return value;
    }

    /** An immutable copy whose elements are non-null. */
    static <T> List<T> list(List<T> values, String what) {
        Objects.requireNonNull(values, what);
        return List.copyOf(values);
    }

    /** A port 0-65535. */
    static int port(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " out of range (0-65535)");
        }
        return port;
    }
}
