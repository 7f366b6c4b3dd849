package io.webfon.rtp.sdp;

/**
 * {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} (RFC 5576 §4.1), e.g. {@code a=ssrc:3981405195 cname:RcuS967C}.
 *
 * @param id the SSRC, 0 to 2^32-1
 * @param attribute the source attribute name ({@code cname}, {@code msid}, ...)
 * @param value its value (may contain spaces, as {@code msid} does), or null
 */
public record Ssrc(long id, String attribute, String value) {
    static final long MAX_SSRC = 0xFFFF_FFFFL;

    public Ssrc {
        if (id < 0 || id > MAX_SSRC) {
            throw new IllegalArgumentException("ssrc " + id + " out of range");
        }
        if (!Tokens.isToken(attribute)) {
            throw new IllegalArgumentException("ssrc attribute must be a token");
        }
        Checks.optionalText(value, "ssrc value");
    }

    /** Parses {@code 3981405195 msid:stream track}. */
    public static Ssrc parse(String value) throws SdpParseException {
        String[] first = Tokens.splitFirst(value);
        if (first.length != 2) {
            throw new SdpParseException("expected '<ssrc> <attribute>[:<value>]'");
        }
        long id = Tokens.require(first[0], "ssrc", 0, MAX_SSRC);
        String attr = first[1];
        int colon = attr.indexOf(':');
        String name = colon < 0 ? attr : attr.substring(0, colon);
        if (!Tokens.isToken(name)) {
            throw new SdpParseException("invalid source attribute name '" + Tokens.snippet(name) + "'");
        }
        if (colon < 0) {
            return new Ssrc(id, name, null);
        }
        String v = attr.substring(colon + 1);
        if (Tokens.trimBlanks(v).isEmpty()) {
            throw new SdpParseException("empty value for source attribute " + name);
        }
        return new Ssrc(id, name, v);
    }

    public String toAttributeValue() {
        return id + " " + attribute + (value == null ? "" : ":" + value);
    }

    public Attribute toAttribute() {
        return Attribute.of("ssrc", toAttributeValue());
    }
}
