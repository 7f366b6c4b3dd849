package io.webfon.rtp.sdp;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]} (RFC 8285): an RTP header extension and
 * the local id it travels under.
 *
 * @param id 1-255, or 4096-4351 (the range RFC 8285 leaves for offers that let the answerer pick)
 * @param direction the optional direction, or null
 * @param uri the extension's URI, e.g. {@code urn:ietf:params:rtp-hdrext:sdes:mid}
 * @param attributes extension attributes after the URI, or null
 */
public record ExtMap(int id, Direction direction, String uri, String attributes) {
    /** RFC 8843: the mid header extension BUNDLE relies on. */
    public static final String SDES_MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    /** RFC 6464: client-to-mixer audio level. */
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    /** draft-holmer-rmcat-transport-wide-cc-extensions-01, which {@code a=rtcp-fb:* transport-cc} needs. */
    public static final String TRANSPORT_WIDE_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    /** Absolute send time (Chrome's REMB). */
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    public ExtMap {
        if (!validId(id)) {
            throw new IllegalArgumentException("extmap id " + id + " out of range (1-255)");
        }
        Checks.word(uri, "extmap URI");
        Checks.optionalText(attributes, "extmap attributes");
    }

    public static ExtMap of(int id, String uri) {
        return new ExtMap(id, null, uri, null);
    }

    /** Parses {@code 3/recvonly http://...}. */
    public static ExtMap parse(String value) throws SdpParseException {
        String[] first = Tokens.splitFirst(value);
        if (first.length != 2) {
            throw new SdpParseException("expected '<id>[/<direction>] <URI>'");
        }
        String idPart = first[0];
        Direction dir = null;
        int slash = idPart.indexOf('/');
        if (slash >= 0) {
            String d = idPart.substring(slash + 1);
            dir = Direction.fromSdpName(d).orElseThrow(() -> new SdpParseException("unknown direction '"
                    + Tokens.snippet(d) + "'"));
            idPart = idPart.substring(0, slash);
        }
        long id = Tokens.require(idPart, "extension id", 0, 999_999);
        if (!validId((int) id)) {
            throw new SdpParseException("extension id " + id + " out of range (1-255)");
        }
        String[] rest = Tokens.splitFirst(first[1]);
        if (!Tokens.isWord(rest[0])) {
            throw new SdpParseException("invalid URI '" + Tokens.snippet(rest[0]) + "'");
        }
        return new ExtMap((int) id, dir, rest[0], rest.length == 2 ? rest[1] : null);
    }

    public ExtMap withDirection(Direction newDirection) {
        return new ExtMap(id, newDirection, uri, attributes);
    }

    public String toAttributeValue() {
        return id + (direction == null ? "" : "/" + direction.sdpName()) + " " + uri
                + (attributes == null ? "" : " " + attributes);
    }

    public Attribute toAttribute() {
        return Attribute.of("extmap", toAttributeValue());
    }

    private static boolean validId(int id) {
        return (id >= 1 && id <= 255) || (id >= 4096 && id <= 4351);
    }
}
