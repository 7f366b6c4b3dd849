package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One payload type of an m= section with what the section says about it: its {@code a=rtpmap} (or the RFC 3551
 * static mapping when there is none), its {@code a=fmtp} and the {@code a=rtcp-fb} lines that apply to it (its
 * own and {@code *}).
 *
 * @param payloadType 0-127
 * @param encodingName e.g. {@code opus}, {@code PCMA}; null for a dynamic type the section never maps
 * @param clockRate in Hz, 0 when unknown
 * @param channels from the rtpmap, 0 when not given
 * @param fmtp the format parameters, or null
 * @param feedback the RTCP feedback that applies, in order
 */
public record Codec(int payloadType, String encodingName, int clockRate, int channels, Fmtp fmtp,
        List<RtcpFb> feedback) {
    /**
     * Payload types that ride along a real codec rather than carry media of their own: DTMF (RFC 4733), comfort
     * noise (RFC 3389), redundancy (RFC 2198), retransmission (RFC 4588) and FEC (RFC 5109, RFC 8627).
     */
    public static final Set<String> AUXILIARY = Set.of("telephone-event", "cn", "red", "rtx", "ulpfec",
            "flexfec-03", "flexfec");

    public Codec {
        RtpMap.checkPayloadType(payloadType);
        feedback = Checks.list(feedback, "feedback");
    }

    /** The codec for an rtpmap, with the given fmtp and feedback. */
    public static Codec of(RtpMap map, Fmtp fmtp, List<RtcpFb> feedback) {
        return new Codec(map.payloadType(), map.encodingName(), map.clockRate(), map.channels(), fmtp, feedback);
    }

    /** True when the encoding name matches, ignoring case. */
    public boolean is(String name) {
        return encodingName != null && encodingName.equalsIgnoreCase(name);
    }

    /** True for telephone-event, CN, red, rtx and FEC: not a codec a call can use alone. */
    public boolean isAuxiliary() {
        return encodingName != null && AUXILIARY.contains(encodingName.toLowerCase(Locale.ROOT));
    }

    /** The name for messages: the encoding name, or {@code PT <n>} for an unmapped dynamic type. */
    public String displayName() {
        return encodingName != null ? encodingName : "PT " + payloadType;
    }

    /** The fmtp parameters as a map, empty when there is no fmtp. */
    public Map<String, String> parameters() {
        return fmtp == null ? Map.of() : fmtp.parameterMap();
    }

    /** For rtx (RFC 4588): the associated payload type from {@code apt=}. */
    public OptionalInt associatedPayloadType() {
        String apt = parameters().get("apt");
        long v = apt == null ? -1 : Tokens.number(apt, 0, 127);
        return v < 0 ? OptionalInt.empty() : OptionalInt.of((int) v);
    }

    /** The rtpmap for this codec, or null when its name is unknown. */
    public RtpMap toRtpMap() {
        return encodingName == null || clockRate <= 0 ? null
                : new RtpMap(payloadType, encodingName, clockRate, channels);
    }
}
