package io.webfon.rtp.sdp;

import java.math.BigInteger;

/**
 * The {@code o=} line (RFC 8866 §5.2): {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype>
 * <unicast-address>}. The session id and version are kept as the decimal text they arrived as: browsers use 64-bit
 * values, and keeping the text makes the round trip exact.
 *
 * @param username the user name, {@code -} when there is none
 * @param sessionId the session id, decimal digits
 * @param sessionVersion the session version, decimal digits; bumped on every new offer or answer (RFC 3264 §8)
 * @param netType the network type, {@code IN}
 * @param addrType the address type, {@code IP4} or {@code IP6}
 * @param address the originator's address (or a placeholder such as {@code 0.0.0.0} or {@code 127.0.0.1})
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {
    public Origin {
        Checks.word(username, "o= username");
        digits(sessionId, "o= sess-id");
        digits(sessionVersion, "o= sess-version");
        Checks.word(netType, "o= nettype");
        Checks.word(addrType, "o= addrtype");
        Checks.word(address, "o= address");
    }

    /** {@code o=- <id> <version> IN IP4|IP6 <address>}, the address type chosen from the address. */
    public static Origin of(String sessionId, long version, String address) {
        return new Origin("-", sessionId, Long.toString(version), "IN", Connection.addrTypeOf(address), address);
    }

    /** A copy whose session version is one more, as a new offer or answer in the same session needs. */
    public Origin nextVersion() {
        return withSessionVersion(new BigInteger(sessionVersion).add(BigInteger.ONE).toString());
    }

    public Origin withSessionVersion(String version) {
        return new Origin(username, sessionId, version, netType, addrType, address);
    }

    public Origin withAddress(String newAddrType, String newAddress) {
        return new Origin(username, sessionId, sessionVersion, netType, newAddrType, newAddress);
    }

    /** The line value after {@code o=}. */
    public String toLineValue() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }

    private static void digits(String s, String what) {
        Checks.word(s, what);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new IllegalArgumentException(what + " must be decimal digits: '" + Tokens.snippet(s) + "'");
            }
        }
    }
}
