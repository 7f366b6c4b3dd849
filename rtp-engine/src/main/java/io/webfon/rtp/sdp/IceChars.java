package io.webfon.rtp.sdp;

/** RFC 8839 §5.4: {@code ice-char = ALPHA / DIGIT / "+" / "/"}, the alphabet of ufrags, passwords, foundations. */
final class IceChars {
    private IceChars() {
    }

    /** True when {@code s} is non-empty and every character is an ice-char. */
    static boolean all(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
