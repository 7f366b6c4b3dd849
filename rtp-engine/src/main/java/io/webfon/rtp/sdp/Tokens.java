package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Small linear-time helpers for reading SDP values: splitting on spaces, bounded number parsing, token checks.
 * No regular expressions touch untrusted text in this package, so no input can make parsing backtrack.
 */
final class Tokens {
    /** Longest text echoed back in an error message; hostile input must not be reflected whole. */
    private static final int SNIPPET = 40;

    private Tokens() {
    }

    /** Splits on runs of spaces and tabs, ignoring leading and trailing ones. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isBlank(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** Splits into at most two parts at the first run of blanks; the second part keeps its inner spacing. */
    static String[] splitFirst(String s) {
        String t = trimBlanks(s);
        int i = 0;
        while (i < t.length() && !isBlank(t.charAt(i))) {
            i++;
        }
        if (i == t.length()) {
            return new String[] {t};
        }
        return new String[] {t.substring(0, i), trimBlanks(t.substring(i))};
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    static String trimBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * The decimal value of {@code s} if it is 1 to 18 ASCII digits and within {@code [min, max]}, else -1 (callers
     * use {@link #isNumber} to tell "not a number" from "out of range"). Eighteen digits cannot overflow a long.
     */
    static long number(String s, long min, long max) {
        if (!isNumber(s)) {
            return -1;
        }
        long v = Long.parseLong(s);
        return v >= min && v <= max ? v : -1;
    }

    /** 1 to 18 ASCII digits. */
    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A bounded integer, or a parse exception naming the field and the allowed range. */
    static long require(String s, String what, long min, long max) throws SdpParseException {
        if (!isNumber(s)) {
            throw new SdpParseException(what + " '" + snippet(s) + "' is not a number");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new SdpParseException(what + " " + v + " out of range (" + min + "-" + max + ")");
        }
        return v;
    }

    /** RFC 8866 token: visible ASCII except the separators {@code "(),/:;<=>?@[\]} and space. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isTokenChar(char c) {
        return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
    }

    /**
     * RFC 8866's token characters, by code: every attribute name of every SDP is checked (twice: when read and
     * when the attribute is made), and a search in a string of separators per character was a tenth of parsing
     * a browser's offer.
     */
    private static final boolean[] TOKEN_CHARS = new boolean[0x7f];

    static {
        for (char c = 0x21; c < 0x7f; c++) {
            TOKEN_CHARS[c] = "\"(),/:;<=>?@[\\]".indexOf(c) < 0;
        }
    }

    /** Visible ASCII or any non-ASCII character, no blanks: an address, a URI, an identifier. */
    static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Text safe to echo in an error: at most 40 characters, controls shown as '?'. */
    static String snippet(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SNIPPET) + 3);
        for (int i = 0; i < s.length() && i < SNIPPET; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (s.length() > SNIPPET) {
            sb.append("...");
        }
        return sb.toString();
    }

    /** Case-insensitive ASCII equality that tolerates a null left side. */
    static boolean same(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }
}
