package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One m= section this node offers, for {@link OfferAnswer#offer}.
 *
 * @param type {@code audio} or {@code video}
 * @param mid the {@code a=mid}, or null (plain SIP offers have none)
 * @param proto {@code UDP/TLS/RTP/SAVPF} toward browsers, {@code RTP/AVP} toward a PBX
 * @param codecs the codecs in order of preference
 * @param direction the offered direction
 * @param extensions the header extensions offered
 * @param rtcpMux offer {@code a=rtcp-mux} (RFC 5761); WebRTC requires it
 * @param rtcpRsize offer {@code a=rtcp-rsize} (RFC 5506)
 * @param extraAttributes attributes appended as they are ({@code a=ptime:20}, ...)
 */
public record MediaOffer(String type, String mid, String proto, List<CodecSpec> codecs, Direction direction,
        List<ExtMap> extensions, boolean rtcpMux, boolean rtcpRsize, List<Attribute> extraAttributes) {
    public static final String WEBRTC_PROTO = "UDP/TLS/RTP/SAVPF";
    public static final String PLAIN_RTP_PROTO = "RTP/AVP";

    public MediaOffer {
        Checks.word(type, "type");
        if (mid != null) {
            Checks.word(mid, "mid");
        }
        Checks.word(proto, "proto");
        codecs = Checks.list(codecs, "codecs");
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("an offered m= section needs at least one codec");
        }
        Objects.requireNonNull(direction, "direction");
        extensions = Checks.list(extensions, "extensions");
        extraAttributes = Checks.list(extraAttributes, "extraAttributes");
    }

    /** A WebRTC audio section: {@code UDP/TLS/RTP/SAVPF}, rtcp-mux, the mid extension. */
    public static MediaOffer webrtcAudio(String mid, List<CodecSpec> codecs) {
        return new MediaOffer("audio", mid, WEBRTC_PROTO, codecs, Direction.SENDRECV,
                List.of(ExtMap.of(1, ExtMap.AUDIO_LEVEL), ExtMap.of(4, ExtMap.SDES_MID)), true, true, List.of());
    }

    /** A WebRTC video section: {@code UDP/TLS/RTP/SAVPF}, rtcp-mux, rtcp-rsize, the mid extension. */
    public static MediaOffer webrtcVideo(String mid, List<CodecSpec> codecs) {
        return new MediaOffer("video", mid, WEBRTC_PROTO, codecs, Direction.SENDRECV,
                List.of(ExtMap.of(4, ExtMap.SDES_MID)), true, true, List.of());
    }

    /** A plain SIP audio section toward a PBX: {@code RTP/AVP}, no mid, no extensions, {@code a=ptime:20}. */
    public static MediaOffer plainAudio(List<CodecSpec> codecs) {
        return new MediaOffer("audio", null, PLAIN_RTP_PROTO, codecs, Direction.SENDRECV, List.of(), false, false,
                List.of(Attribute.of("ptime", "20")));
    }

    public MediaOffer withDirection(Direction value) {
        return new MediaOffer(type, mid, proto, codecs, value, extensions, rtcpMux, rtcpRsize, extraAttributes);
    }
}
