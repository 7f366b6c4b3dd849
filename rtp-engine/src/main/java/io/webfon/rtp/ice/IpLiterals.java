package io.webfon.rtp.ice;

/** Recognises IP address literals without ever resolving a name (a candidate's address is peer-supplied). */
final class IpLiterals {
    private IpLiterals() {
    }

    static boolean isLiteral(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        if (s == null || s.isEmpty() || s.length() > 15) {
            return false;
        }
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i == s.length() ? '.' : s.charAt(i);
            if (c == '.') {
                if (value < 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    static boolean isIpv6(String s) {
        if (s == null || s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        int colons = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (c == ':') {
                colons++;
            } else if (!hex && c != '.') {
                return false;
            }
        }
        return colons >= 2 && colons <= 7;
    }
}
