package io.webfon.rtp.sdp;

import java.util.Locale;

/**
 * The {@code a=setup} values of RFC 4145 §4, as DTLS-SRTP uses them (RFC 5763, RFC 8842): the offerer says
 * {@code actpass}; the answerer picks {@code active} (it starts the DTLS handshake) or {@code passive}.
 */
public enum Setup {
    ACTPASS, ACTIVE, PASSIVE, HOLDCONN;

    public String sdpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Attribute toAttribute() {
        return Attribute.of("setup", sdpName());
    }

    /** Parses a value, ignoring case; unknown values are an error, never a default. */
    public static Setup parse(String value) throws SdpParseException {
        String v = Tokens.trimBlanks(value);
        for (Setup s : values()) {
            if (s.sdpName().equalsIgnoreCase(v)) {
                return s;
            }
        }
        throw new SdpParseException("unknown value '" + Tokens.snippet(v)
                + "' (expected actpass, active, passive or holdconn)");
    }

    /** The role an answerer takes when offered this value and it prefers to be {@code active} (RFC 8842). */
    public Setup answer() {
        return switch (this) {
            case ACTIVE -> PASSIVE;
            case PASSIVE -> ACTIVE;
            case HOLDCONN -> HOLDCONN;
            case ACTPASS -> ACTIVE;
        };
    }
}
