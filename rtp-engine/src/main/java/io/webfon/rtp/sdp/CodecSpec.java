package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * A codec this node offers: payload type, rtpmap, fmtp and RTCP feedback, for {@link OfferAnswer#offer}.
 *
 * @param payloadType 0-127
 * @param name the encoding name
 * @param clockRate in Hz
 * @param channels the rtpmap channel count, 0 to leave it out
 * @param fmtp the format parameters, or null
 * @param feedback {@code a=rtcp-fb} values after the payload type, e.g. {@code nack}, {@code nack pli}
 */
public record CodecSpec(int payloadType, String name, int clockRate, int channels, String fmtp,
        List<String> feedback) {
    /** RFC 7587: opus is always advertised as 48000/2. */
    public static final CodecSpec OPUS = new CodecSpec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
            List.of());
    public static final CodecSpec PCMU = new CodecSpec(0, "PCMU", 8000, 0, null, List.of());
    public static final CodecSpec PCMA = new CodecSpec(8, "PCMA", 8000, 0, null, List.of());
    /** RFC 3551 §4.5.2: G.722's RTP clock is 8000 although it samples at 16 kHz. */
    public static final CodecSpec G722 = new CodecSpec(9, "G722", 8000, 0, null, List.of());
    /** RFC 4733 DTMF events 0-16, as Asterisk offers them. */
    public static final CodecSpec TELEPHONE_EVENT = new CodecSpec(101, "telephone-event", 8000, 0, "0-16",
            List.of());
    public static final CodecSpec VP8 = video(96, "VP8");
    public static final CodecSpec VP9 = video(98, "VP9");

    public CodecSpec {
        RtpMap.checkPayloadType(payloadType);
        feedback = Checks.list(feedback, "feedback");
    }

    /** A video codec with the feedback Janus answers with: {@code ccm fir}, {@code nack}, {@code nack pli}. */
    public static CodecSpec video(int payloadType, String name) {
        return new CodecSpec(payloadType, name, 90000, 0, null, List.of("ccm fir", "nack", "nack pli"));
    }

    public CodecSpec withPayloadType(int pt) {
        return new CodecSpec(pt, name, clockRate, channels, fmtp, feedback);
    }

    public CodecSpec withFmtp(String value) {
        return new CodecSpec(payloadType, name, clockRate, channels, value, feedback);
    }

    /** {@code a=rtpmap}, {@code a=rtcp-fb}... then {@code a=fmtp}, in Chrome's order. */
    List<Attribute> toAttributes() {
        List<Attribute> out = new ArrayList<>();
        out.add(new RtpMap(payloadType, name, clockRate, channels).toAttribute());
        for (String fb : feedback) {
            String[] parts = Tokens.splitFirst(fb);
            out.add(RtcpFb.of(payloadType, parts[0], parts.length == 2 ? parts[1] : null).toAttribute());
        }
        if (fmtp != null) {
            out.add(Fmtp.of(payloadType, fmtp).toAttribute());
        }
        return out;
    }
}
