package io.webfon.rtp.sdp;

/**
 * {@code a=rtcp-fb:<payload type or *> <type> [<subtype and parameters>]} (RFC 4585 §4.2), e.g.
 * {@code a=rtcp-fb:96 nack pli} or {@code a=rtcp-fb:* ccm fir}.
 *
 * @param format a payload type or {@code *} for all
 * @param type the feedback type: {@code ack}, {@code nack}, {@code trr-int}, {@code ccm}, {@code goog-remb},
 *     {@code transport-cc}, ...
 * @param subtype the rest of the line ({@code pli}, {@code fir}, {@code tmmbr smaxpr=120}), or null
 */
public record RtcpFb(String format, String type, String subtype) {
    public static final String WILDCARD = "*";

    public RtcpFb {
        Checks.word(format, "rtcp-fb format");
        Checks.word(type, "rtcp-fb type");
        Checks.optionalText(subtype, "rtcp-fb subtype");
    }

    public static RtcpFb of(int payloadType, String type, String subtype) {
        return new RtcpFb(Integer.toString(payloadType), type, subtype);
    }

    /** Parses {@code 96 nack pli}; the format must be a payload type 0-127 or {@code *}. */
    public static RtcpFb parse(String value) throws SdpParseException {
        String[] first = Tokens.splitFirst(value);
        if (first.length != 2) {
            throw new SdpParseException("expected '<payload type> <type> [<subtype>]'");
        }
        if (!WILDCARD.equals(first[0])) {
            Tokens.require(first[0], "payload type", 0, 127);
        }
        String[] rest = Tokens.splitFirst(first[1]);
        if (!Tokens.isWord(rest[0])) {
            throw new SdpParseException("invalid feedback type '" + Tokens.snippet(rest[0]) + "'");
        }
        return new RtcpFb(first[0], rest[0], rest.length == 2 ? rest[1] : null);
    }

    /** True when this line applies to the payload type (its own number or {@code *}). */
    public boolean appliesTo(int payloadType) {
        return WILDCARD.equals(format) || Tokens.number(format, 0, 127) == payloadType;
    }

    /** The same feedback for another payload type, as an answer needs when it renumbers nothing but copies. */
    public RtcpFb forPayloadType(int payloadType) {
        return new RtcpFb(Integer.toString(payloadType), type, subtype);
    }

    public String toAttributeValue() {
        return format + " " + type + (subtype == null ? "" : " " + subtype);
    }

    public Attribute toAttribute() {
        return Attribute.of("rtcp-fb", toAttributeValue());
    }
}
