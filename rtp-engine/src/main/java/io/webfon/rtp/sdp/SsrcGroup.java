package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id> ...} (RFC 5576 §4.2), e.g. {@code a=ssrc-group:FID 3981405195 23591967}
 * pairs a video SSRC with its RTX (RFC 4588) SSRC.
 *
 * @param semantics {@code FID}, {@code SIM}, {@code FEC-FR}, ...
 * @param ssrcs the SSRCs in order, at least one
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {
    public SsrcGroup {
        if (!Tokens.isToken(semantics)) {
            throw new IllegalArgumentException("ssrc-group semantics must be a token");
        }
        ssrcs = Checks.list(ssrcs, "ssrcs");
        if (ssrcs.isEmpty()) {
            throw new IllegalArgumentException("ssrc-group needs at least one ssrc");
        }
        for (long s : ssrcs) {
            if (s < 0 || s > Ssrc.MAX_SSRC) {
                throw new IllegalArgumentException("ssrc " + s + " out of range");
            }
        }
    }

    /** Parses {@code FID 3981405195 23591967}. */
    public static SsrcGroup parse(String value) throws SdpParseException {
        List<String> parts = Tokens.split(value);
        if (parts.size() < 2 || !Tokens.isToken(parts.get(0))) {
            throw new SdpParseException("expected '<semantics> <ssrc> ...'");
        }
        List<Long> ids = new ArrayList<>(parts.size() - 1);
        for (String p : parts.subList(1, parts.size())) {
            ids.add(Tokens.require(p, "ssrc", 0, Ssrc.MAX_SSRC));
        }
        return new SsrcGroup(parts.get(0), ids);
    }

    public String toAttributeValue() {
        StringBuilder sb = new StringBuilder(semantics);
        ssrcs.forEach(s -> sb.append(' ').append(s));
        return sb.toString();
    }

    public Attribute toAttribute() {
        return Attribute.of("ssrc-group", toAttributeValue());
    }
}
