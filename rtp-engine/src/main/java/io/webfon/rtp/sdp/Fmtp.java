package io.webfon.rtp.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15). The parameters are kept as text; most
 * codecs use {@code key=value;key=value} (opus, H.264, VP9, rtx's {@code apt=96}) and {@link #parameters()} reads
 * that form, but some do not ({@code telephone-event}'s {@code 0-16}, red's {@code 111/111}).
 *
 * @param format the format it applies to, a payload type for RTP
 * @param parameters the parameter text, non-empty
 */
public record Fmtp(String format, String parameters) {
    public Fmtp {
        Checks.word(format, "fmtp format");
        Checks.text(parameters, "fmtp parameters");
        if (Tokens.trimBlanks(parameters).isEmpty()) {
            throw new IllegalArgumentException("fmtp parameters must not be empty");
        }
    }

    public static Fmtp of(int payloadType, String parameters) {
        return new Fmtp(Integer.toString(payloadType), parameters);
    }

    /** Parses {@code 111 minptime=10;useinbandfec=1}. */
    public static Fmtp parse(String value) throws SdpParseException {
        String[] parts = Tokens.splitFirst(value);
        if (parts.length != 2) {
            throw new SdpParseException("expected '<format> <parameters>'");
        }
        if (!Tokens.isWord(parts[0])) {
            throw new SdpParseException("invalid format '" + Tokens.snippet(parts[0]) + "'");
        }
        return new Fmtp(parts[0], parts[1]);
    }

    /** The format as a payload type, or -1 when it is not a number 0-127. */
    public int payloadType() {
        return (int) Tokens.number(format, 0, 127);
    }

    /**
     * The {@code key=value} pairs, separated by {@code ;}, in order; keys keep their case, blanks around them are
     * dropped, and a part without {@code =} maps to the empty string. A repeated key keeps its first value.
     */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : parameters.split(";", -1)) {
            String p = Tokens.trimBlanks(part);
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : Tokens.trimBlanks(p.substring(0, eq));
            String val = eq < 0 ? "" : Tokens.trimBlanks(p.substring(eq + 1));
            map.putIfAbsent(key, val);
        }
        return Collections.unmodifiableMap(map);
    }

    public String toAttributeValue() {
        return format + " " + parameters;
    }

    public Attribute toAttribute() {
        return Attribute.of("fmtp", toAttributeValue());
    }
}
