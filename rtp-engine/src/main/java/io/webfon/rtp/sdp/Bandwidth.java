package io.webfon.rtp.sdp;

/**
 * A {@code b=} line (RFC 8866 §5.8): {@code b=<bwtype>:<bandwidth>}, for example {@code b=AS:2000} (kbit/s) or
 * {@code b=TIAS:2000000} (bit/s, RFC 3890). Unknown types are kept.
 *
 * @param type the bandwidth type, a token
 * @param value the bandwidth, non-negative
 */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        if (!Tokens.isToken(type)) {
            throw new IllegalArgumentException("b= type must be a token: '" + Tokens.snippet(type) + "'");
        }
        if (value < 0) {
            throw new IllegalArgumentException("b= value must not be negative: " + value);
        }
    }

    /** The line value after {@code b=}. */
    public String toLineValue() {
        return type + ":" + value;
    }
}
