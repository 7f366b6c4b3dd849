package io.webfon.rtp.sdp;

import java.util.Locale;

/** The ICE candidate types of RFC 8445 as {@code a=candidate} names them ({@code typ host}, ...). */
public enum CandidateType {
    HOST, SRFLX, PRFLX, RELAY;

    public String sdpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a type name, ignoring case; unknown types are an error (STYLE §15), not a default. */
    public static CandidateType parse(String s) throws SdpParseException {
        for (CandidateType t : values()) {
            if (t.sdpName().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new SdpParseException("unknown candidate type '" + Tokens.snippet(s)
                + "' (expected host, srflx, prflx or relay)");
    }
}
