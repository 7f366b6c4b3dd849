package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Locale;

/** Parsers for the structured non-attribute lines: {@code o=}, {@code c=}, {@code b=}, {@code t=}, {@code m=}. */
final class LineParsers {
    /** uint64 has 20 decimal digits; Janus reads sess-id and sess-version as uint64. */
    private static final int MAX_SESSION_DIGITS = 20;

    private LineParsers() {
    }

    /** {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 8866 §5.2). */
    static Origin origin(String value) throws SdpParseException {
        List<String> t = Tokens.split(value);
        if (t.size() != 6) {
            throw new SdpParseException("expected 6 fields (username sess-id sess-version nettype addrtype"
                    + " address), got " + t.size());
        }
        words(t);
        sessionNumber(t.get(1), "sess-id");
        sessionNumber(t.get(2), "sess-version");
        netAndAddrType(t.get(3), t.get(4));
        return new Origin(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5));
    }

    /** {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7). */
    static Connection connection(String value) throws SdpParseException {
        List<String> t = Tokens.split(value);
        if (t.size() != 3) {
            throw new SdpParseException("expected 3 fields (nettype addrtype address), got " + t.size());
        }
        words(t);
        netAndAddrType(t.get(0), t.get(1));
        return new Connection(t.get(0), t.get(1), t.get(2));
    }

    /** {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8). */
    static Bandwidth bandwidth(String value) throws SdpParseException {
        int colon = value.indexOf(':');
        if (colon <= 0 || !Tokens.isToken(value.substring(0, colon))) {
            throw new SdpParseException("expected '<bwtype>:<bandwidth>'");
        }
        long v = Tokens.require(value.substring(colon + 1), "bandwidth", 0, 999_999_999_999_999_999L);
        return new Bandwidth(value.substring(0, colon), v);
    }

    /** {@code t=<start-time> <stop-time>} (RFC 8866 §5.9). */
    static Timing timing(String value) throws SdpParseException {
        List<String> t = Tokens.split(value);
        if (t.size() != 2) {
            throw new SdpParseException("expected '<start-time> <stop-time>'");
        }
        long start = Tokens.require(t.get(0), "start time", 0, 999_999_999_999_999_999L);
        long stop = Tokens.require(t.get(1), "stop time", 0, 999_999_999_999_999_999L);
        return new Timing(start, stop, List.of());
    }

    /**
     * {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14). For RTP profiles each
     * format must be a payload type 0-127 (RFC 3551 §3).
     */
    static MediaDescription.Builder media(String value) throws SdpParseException {
        List<String> t = Tokens.split(value);
        if (t.size() < 3) {
            throw new SdpParseException("expected '<media> <port> <proto> <fmt> ...'");
        }
        if (t.size() == 3) {
            throw new SdpParseException("no payload types/formats");
        }
        words(t);
        if (!Tokens.isToken(t.get(0))) {
            throw new SdpParseException("invalid media type '" + Tokens.snippet(t.get(0)) + "'");
        }
        String portPart = t.get(1);
        int slash = portPart.indexOf('/');
        int port = (int) Tokens.require(slash < 0 ? portPart : portPart.substring(0, slash), "port", 0, 65535);
        int count = slash < 0 ? 0 : (int) Tokens.require(portPart.substring(slash + 1), "port count", 1, 65535);
        MediaDescription.Builder b = MediaDescription.builder(t.get(0), port, t.get(2)).portCount(count);
        List<String> formats = t.subList(3, t.size());
        if (t.get(2).toUpperCase(Locale.ROOT).contains("RTP/")) {
            boolean[] seen = new boolean[128];
            for (String f : formats) {
                int pt = (int) Tokens.require(f, "payload type", 0, 127);
                if (seen[pt]) {
                    // Harmless in itself, but it lets a 64 KiB m= line multiply every per-codec lookup.
                    throw new SdpParseException("payload type " + pt + " listed twice");
                }
                seen[pt] = true;
            }
        }
        return b.formats(formats);
    }

    private static void words(List<String> tokens) throws SdpParseException {
        for (String s : tokens) {
            if (!Tokens.isWord(s)) {
                throw new SdpParseException("invalid field '" + Tokens.snippet(s) + "'");
            }
        }
    }

    private static void sessionNumber(String s, String what) throws SdpParseException {
        boolean digits = !s.isEmpty() && s.length() <= MAX_SESSION_DIGITS;
        for (int i = 0; digits && i < s.length(); i++) {
            digits = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (!digits) {
            throw new SdpParseException(what + " '" + Tokens.snippet(s) + "' is not a number of at most 20 digits");
        }
    }

    /** Janus accepts {@code IN IP4} and {@code IN IP6} only, and so does this node. */
    private static void netAndAddrType(String netType, String addrType) throws SdpParseException {
        if (!"IN".equalsIgnoreCase(netType)) {
            throw new SdpParseException("unsupported network type '" + Tokens.snippet(netType) + "' (expected IN)");
        }
        if (!"IP4".equalsIgnoreCase(addrType) && !"IP6".equalsIgnoreCase(addrType)) {
            throw new SdpParseException("unsupported address type '" + Tokens.snippet(addrType)
                    + "' (expected IP4 or IP6)");
        }
    }
}
