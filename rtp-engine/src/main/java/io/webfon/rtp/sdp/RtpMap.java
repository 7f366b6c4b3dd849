package io.webfon.rtp.sdp;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6). For
 * audio the encoding parameter is the channel count.
 *
 * @param payloadType 0-127
 * @param encodingName e.g. {@code opus}, {@code PCMA}, {@code VP8}; case as written
 * @param clockRate in Hz, positive
 * @param channels the encoding parameter, or 0 when the line has none (one channel for audio)
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    public RtpMap {
        checkPayloadType(payloadType);
        if (!Tokens.isToken(encodingName)) {
            throw new IllegalArgumentException("encoding name must be a token: '" + Tokens.snippet(encodingName)
                    + "'");
        }
        if (clockRate <= 0 || channels < 0) {
            throw new IllegalArgumentException("clock rate must be positive and channels not negative");
        }
    }

    /** Parses {@code 111 opus/48000/2}. */
    public static RtpMap parse(String value) throws SdpParseException {
        String[] parts = Tokens.splitFirst(value);
        if (parts.length != 2) {
            throw new SdpParseException("expected '<payload type> <encoding name>/<clock rate>'");
        }
        int pt = (int) Tokens.require(parts[0], "payload type", 0, 127);
        String[] enc = parts[1].split("/", -1);
        if (enc.length < 2 || enc.length > 3 || !Tokens.isToken(enc[0])) {
            throw new SdpParseException("invalid encoding '" + Tokens.snippet(parts[1])
                    + "' (expected <name>/<clock rate>[/<channels>])");
        }
        int clock = (int) Tokens.require(enc[1], "clock rate", 1, Integer.MAX_VALUE);
        int channels = enc.length == 3 ? (int) Tokens.require(enc[2], "channel count", 1, 255) : 0;
        return new RtpMap(pt, enc[0], clock, channels);
    }

    /** The channel count, 1 when the line gives none. */
    public int effectiveChannels() {
        return channels == 0 ? 1 : channels;
    }

    /** True when the encoding name matches, ignoring case. */
    public boolean is(String name) {
        return encodingName.equalsIgnoreCase(name);
    }

    public String toAttributeValue() {
        return payloadType + " " + encodingName + "/" + clockRate + (channels == 0 ? "" : "/" + channels);
    }

    public Attribute toAttribute() {
        return Attribute.of("rtpmap", toAttributeValue());
    }

    static void checkPayloadType(int pt) {
        if (pt < 0 || pt > 127) {
            throw new IllegalArgumentException("payload type " + pt + " out of range (0-127)");
        }
    }
}
