package io.webfon.rtp.sdp;

import java.util.List;

/**
 * {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2): the MediaStream (and, by convention, the track) an m=
 * section carries. A stream id of {@code -} means no stream.
 *
 * @param streamId the stream id
 * @param trackId the application data (the track id), or null
 */
public record Msid(String streamId, String trackId) {
    public Msid {
        Checks.word(streamId, "msid stream id");
        if (trackId != null) {
            Checks.word(trackId, "msid track id");
        }
    }

    /** Parses {@code stream track}. */
    public static Msid parse(String value) throws SdpParseException {
        List<String> parts = Tokens.split(value);
        if (parts.isEmpty() || parts.size() > 2) {
            throw new SdpParseException("expected '<stream id> [<track id>]'");
        }
        for (String p : parts) {
            if (!Tokens.isWord(p)) {
                throw new SdpParseException("invalid id '" + Tokens.snippet(p) + "'");
            }
        }
        return new Msid(parts.get(0), parts.size() == 2 ? parts.get(1) : null);
    }

    public String toAttributeValue() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }

    public Attribute toAttribute() {
        return Attribute.of("msid", toAttributeValue());
    }
}
