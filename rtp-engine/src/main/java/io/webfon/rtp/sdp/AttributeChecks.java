package io.webfon.rtp.sdp;

import java.util.Locale;
import java.util.Set;

/**
 * Validates the value of every attribute this package gives a typed accessor, so that a description the parser
 * accepted never fails later in an accessor. Unknown attributes are not checked: they are kept as they are.
 */
final class AttributeChecks {
    /** Property attributes: a value on them is an error. */
    static final Set<String> FLAGS = Set.of("sendrecv", "sendonly", "recvonly", "inactive", "rtcp-mux",
            "rtcp-rsize", "end-of-candidates", "ice-lite", "bundle-only", "extmap-allow-mixed");

    /** RFC 8839 §5.4: ufrag 4-256 and pwd 22-256 ice-chars; the lower bounds are left to {@link WebRtcValidator}. */
    private static final int MAX_ICE_CREDENTIAL = 256;

    private AttributeChecks() {
    }

    /**
     * Throws when a known attribute has a missing, extra or malformed value. Returns what the check read the value
     * as when the attribute has a typed accessor ({@link RtpMap}, {@link Candidate}, ...), else null.
     */
    static Object check(String name, String value) throws SdpParseException {
        String key = name.toLowerCase(Locale.ROOT);
        if (FLAGS.contains(key)) {
            if (value != null) {
                throw new SdpParseException("takes no value");
            }
            return null;
        }
        if (!isKnown(key)) {
            return null;
        }
        if (value == null) {
            throw new SdpParseException("missing value");
        }
        return checkValue(key, value);
    }

    private static boolean isKnown(String key) {
        return switch (key) {
            case "rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group", "msid", "group", "candidate",
                    "fingerprint", "setup", "mid", "ice-ufrag", "ice-pwd", "ice-options", "rtcp", "sctp-port",
                    "max-message-size" -> true;
            default -> false;
        };
    }

    private static Object checkValue(String key, String value) throws SdpParseException {
        return switch (key) {
            case "rtpmap" -> RtpMap.parse(value);
            case "fmtp" -> Fmtp.parse(value);
            case "rtcp-fb" -> RtcpFb.parse(value);
            case "extmap" -> ExtMap.parse(value);
            case "ssrc" -> Ssrc.parse(value);
            case "ssrc-group" -> SsrcGroup.parse(value);
            case "msid" -> Msid.parse(value);
            case "group" -> Group.parse(value);
            case "candidate" -> Candidate.parse(value);
            case "fingerprint" -> Fingerprint.parse(value);
            case "setup" -> Setup.parse(value);
            default -> {
                checkUntyped(key, value);
                yield null;
            }
        };
    }

    /** The known attributes without a typed accessor: checked, nothing kept. */
    private static void checkUntyped(String key, String value) throws SdpParseException {
        switch (key) {
            case "mid" -> mid(value);
            case "ice-ufrag", "ice-pwd" -> iceCredential(value);
            case "ice-options" -> iceOptions(value);
            case "rtcp" -> rtcp(value);
            case "sctp-port" -> Tokens.require(Tokens.trimBlanks(value), "port", 0, 65535);
            case "max-message-size" -> Tokens.require(Tokens.trimBlanks(value), "size", 0,
                    999_999_999_999_999_999L);
            default -> {
                // isKnown() lets no other name through.
            }
        }
    }

    /** RFC 5888 §4: identification-tag = token. */
    private static void mid(String value) throws SdpParseException {
        if (!Tokens.isToken(value)) {
            throw new SdpParseException("invalid identification tag '" + Tokens.snippet(value) + "'");
        }
    }

    private static void iceCredential(String value) throws SdpParseException {
        if (value.length() > MAX_ICE_CREDENTIAL || !IceChars.all(value)) {
            throw new SdpParseException("'" + Tokens.snippet(value) + "' is not 1-256 ice-chars"
                    + " (letters, digits, '+', '/')");
        }
    }

    private static void iceOptions(String value) throws SdpParseException {
        for (String option : Tokens.split(value)) {
            if (!Tokens.isToken(option)) {
                throw new SdpParseException("invalid option '" + Tokens.snippet(option) + "'");
            }
        }
    }

    /** RFC 3605: {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]}. */
    private static void rtcp(String value) throws SdpParseException {
        String[] parts = Tokens.splitFirst(value);
        Tokens.require(parts[0], "port", 0, 65535);
        if (parts.length == 2) {
            LineParsers.connection(parts[1]);
        }
    }
}
