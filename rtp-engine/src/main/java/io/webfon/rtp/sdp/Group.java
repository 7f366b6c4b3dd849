package io.webfon.rtp.sdp;

import java.util.List;

/**
 * {@code a=group:<semantics> <mid> ...} (RFC 5888 §5). {@code BUNDLE} (RFC 8843) is the one this node acts on: all
 * m= sections whose mids it lists share one transport, the first being the BUNDLE tag.
 *
 * @param semantics {@code BUNDLE}, {@code LS}, ...
 * @param mids the identification tags in order; may be empty
 */
public record Group(String semantics, List<String> mids) {
    public static final String BUNDLE = "BUNDLE";

    public Group {
        if (!Tokens.isToken(semantics)) {
            throw new IllegalArgumentException("group semantics must be a token");
        }
        mids = Checks.list(mids, "mids");
        mids.forEach(m -> Checks.word(m, "mid"));
    }

    /** {@code a=group:BUNDLE} over the given mids. */
    public static Group bundle(List<String> mids) {
        return new Group(BUNDLE, mids);
    }

    /** Parses {@code BUNDLE 0 1}. */
    public static Group parse(String value) throws SdpParseException {
        List<String> parts = Tokens.split(value);
        if (parts.isEmpty() || !Tokens.isToken(parts.get(0))) {
            throw new SdpParseException("expected '<semantics> <mid> ...'");
        }
        for (String p : parts) {
            if (!Tokens.isWord(p)) {
                throw new SdpParseException("invalid identification tag '" + Tokens.snippet(p) + "'");
            }
        }
        return new Group(parts.get(0), parts.subList(1, parts.size()));
    }

    public boolean isBundle() {
        return BUNDLE.equalsIgnoreCase(semantics);
    }

    public String toAttributeValue() {
        StringBuilder sb = new StringBuilder(semantics);
        mids.forEach(m -> sb.append(' ').append(m));
        return sb.toString();
    }

    public Attribute toAttribute() {
        return Attribute.of("group", toAttributeValue());
    }
}
