package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Offer/answer (RFC 3264, JSEP RFC 8829 §5.3) as Janus plugins use it: answer a remote offer one m= section at a
 * time ({@code janus_sdp_generate_answer} and {@code janus_sdp_generate_answer_mline}), or build an offer for a
 * call this node starts ({@code janus_sdp_generate_offer}).
 *
 * <p>Transport attributes (ICE credentials, fingerprint, setup, candidates) are not written here: the media engine
 * adds them with {@link TransportAttributes}. Ports are the placeholder 9 and addresses {@code 0.0.0.0} (JSEP
 * §5.2.1) until then; rejected sections get port 0 and keep their {@code a=mid} (RFC 8843).
 */
public final class OfferAnswer {
    /** The placeholder port of JSEP §5.2.1, replaced by the media engine. */
    public static final int PLACEHOLDER_PORT = 9;
    /** The format of an RFC 8841 data channel m= line. */
    public static final String DATA_CHANNEL_FORMAT = "webrtc-datachannel";
    /** The SCTP port Janus answers data channels with. */
    public static final int SCTP_PORT = 5000;

    private OfferAnswer() {
    }

    /** An answer to {@code offer}: every offered section answered in order, plus the BUNDLE group of accepted mids. */
    public static SessionDescription answer(SessionDescription offer, AnswerOptions options) {
        List<MediaDescription> answers = new ArrayList<>(offer.media().size());
        boolean dataAccepted = false;
        for (MediaDescription m : offer.media()) {
            MediaDescription a = switch (m.kind()) {
                case AUDIO -> answerMedia(offer, m, options.audio());
                case VIDEO -> answerMedia(offer, m, options.video());
                case APPLICATION -> options.dataChannels() && !dataAccepted ? answerDataChannel(m) : reject(m);
                default -> reject(m);
            };
            dataAccepted |= a.isApplication() && a.port() != 0;
            answers.add(a);
        }
        SessionDescription.Builder b = SessionDescription.builder(origin(offer, options))
                .sessionName(options.sessionName()).media(answers);
        offer.bundleGroup().ifPresent(g -> b.attribute(Group.bundle(acceptedMids(g, answers)).toAttribute()));
        return b.build();
    }

    /**
     * The answer to one offered audio or video section: the chosen codec (and telephone-event/rtx when asked) with
     * its rtpmap, rtcp-fb and fmtp, the accepted header extensions with their offered ids, the mirrored direction,
     * {@code a=mid}, {@code a=rtcp-mux} and {@code a=rtcp-rsize} when offered. Rejected (port 0) when the section was
     * rejected in the offer, the media type is refused, or no codec matches.
     */
    public static MediaDescription answerMedia(SessionDescription offer, MediaDescription offered,
            MediaAnswerOptions options) {
        if (offered.isRejected() || !options.accept() || !offered.isRtp()) {
            return reject(offered);
        }
        List<Codec> chosen = CodecChooser.choose(offered, options);
        if (chosen.isEmpty()) {
            return reject(offered);
        }
        List<Attribute> attrs = new ArrayList<>();
        offered.mid().ifPresent(mid -> attrs.add(Attribute.of("mid", mid)));
        Set<String> accepted = new HashSet<>();
        for (ExtMap e : offered.extMaps()) {
            if (options.extensions().contains(e.uri()) && accepted.add(e.uri())) {
                attrs.add(e.withDirection(e.direction() == null ? null : e.direction().reverse()).toAttribute());
            }
        }
        attrs.add(Direction.answerTo(offer.directionOf(offered), options.direction()).toAttribute());
        if (offered.rtcpMux()) {
            attrs.add(Attribute.flag("rtcp-mux"));
        }
        if (offered.rtcpRsize()) {
            attrs.add(Attribute.flag("rtcp-rsize"));
        }
        List<String> formats = new ArrayList<>();
        boolean twcc = accepted.contains(ExtMap.TRANSPORT_WIDE_CC);
        for (Codec c : chosen) {
            formats.add(Integer.toString(c.payloadType()));
            attrs.addAll(codecAttributes(c, c == chosen.get(0) ? options.fmtp() : null, options, twcc));
        }
        return MediaDescription.builder(offered.type(), PLACEHOLDER_PORT, offered.proto()).formats(formats)
                .connection(Connection.UNSPECIFIED_IP4).attributes(attrs).build();
    }

    /**
     * Accepts a data channel section (RFC 8841): its mid and {@code a=sctp-port:5000}. The pre-RFC form
     * ({@code DTLS/SCTP 5000} with {@code a=sctpmap}) is rejected: every browser this node serves offers the RFC one.
     */
    public static MediaDescription answerDataChannel(MediaDescription offered) {
        if (offered.isRejected() || !offered.isDataChannel() || !offered.formats().contains(DATA_CHANNEL_FORMAT)) {
            return reject(offered);
        }
        MediaDescription.Builder b = MediaDescription.builder(offered.type(), PLACEHOLDER_PORT, offered.proto())
                .formats(offered.formats()).connection(Connection.UNSPECIFIED_IP4);
        offered.mid().ifPresent(mid -> b.attribute("mid", mid));
        return b.attribute("sctp-port", Integer.toString(SCTP_PORT)).build();
    }

    /**
     * Rejects a section: port 0, its mid kept (RFC 8843), {@code a=inactive} for RTP. RTP sections answer
     * with format 0, as Janus does; others keep their formats.
     */
    public static MediaDescription reject(MediaDescription offered) {
        MediaDescription.Builder b = MediaDescription.builder(offered.type(), 0, offered.proto())
                .connection(Connection.UNSPECIFIED_IP4);
        if (offered.isRtp()) {
            b.format("0");
        } else {
            b.formats(offered.formats());
        }
        offered.mid().ifPresent(mid -> b.attribute("mid", mid));
        if (offered.isRtp()) {
            b.attribute(Direction.INACTIVE.toAttribute());
        }
        return b.build();
    }

    /** An offer from scratch: one section per {@link MediaOffer}, BUNDLE'd when asked. */
    public static SessionDescription offer(OfferOptions options) {
        SessionDescription.Builder b = SessionDescription.builder(options.origin())
                .sessionName(options.sessionName());
        List<String> mids = new ArrayList<>();
        for (MediaOffer m : options.media()) {
            b.media(offerMedia(m));
            if (m.mid() != null) {
                mids.add(m.mid());
            }
        }
        if (options.bundle() && !mids.isEmpty()) {
            b.attribute(Group.bundle(mids).toAttribute());
        }
        return b.build();
    }

    private static MediaDescription offerMedia(MediaOffer m) {
        MediaDescription.Builder b = MediaDescription.builder(m.type(), PLACEHOLDER_PORT, m.proto())
                .connection(Connection.UNSPECIFIED_IP4);
        if (m.mid() != null) {
            b.attribute("mid", m.mid());
        }
        m.extensions().forEach(e -> b.attribute(e.toAttribute()));
        b.attribute(m.direction().toAttribute());
        if (m.rtcpMux()) {
            b.flag("rtcp-mux");
        }
        if (m.rtcpRsize()) {
            b.flag("rtcp-rsize");
        }
        Set<Integer> pts = new HashSet<>();
        for (CodecSpec c : m.codecs()) {
            if (!pts.add(c.payloadType())) {
                throw new IllegalArgumentException("payload type " + c.payloadType() + " offered twice");
            }
            b.format(Integer.toString(c.payloadType())).attributes(c.toAttributes());
        }
        return b.attributes(m.extraAttributes()).build();
    }

    private static List<Attribute> codecAttributes(Codec c, String fmtpOverride, MediaAnswerOptions options,
            boolean twcc) {
        List<Attribute> out = new ArrayList<>();
        RtpMap map = c.toRtpMap();
        if (map != null) {
            out.add(map.toAttribute());
        }
        Set<RtcpFb> feedback = new LinkedHashSet<>();
        for (RtcpFb fb : c.feedback()) {
            String type = fb.type().toLowerCase(Locale.ROOT);
            boolean wanted = options.feedbackTypes() == null || options.feedbackTypes().contains(type);
            if (wanted && (twcc || !type.equals("transport-cc"))) {
                feedback.add(fb.forPayloadType(c.payloadType()));
            }
        }
        feedback.forEach(fb -> out.add(fb.toAttribute()));
        if (fmtpOverride != null) {
            out.add(Fmtp.of(c.payloadType(), fmtpOverride).toAttribute());
        } else if (c.fmtp() != null) {
            out.add(Fmtp.of(c.payloadType(), c.fmtp().parameters()).toAttribute());
        }
        return out;
    }

    private static List<String> acceptedMids(Group offered, List<MediaDescription> answers) {
        Set<String> accepted = new HashSet<>();
        answers.stream().filter(a -> a.port() != 0).forEach(a -> a.mid().ifPresent(accepted::add));
        return offered.mids().stream().filter(accepted::contains).toList();
    }

    private static Origin origin(SessionDescription offer, AnswerOptions options) {
        if (options.origin() != null) {
            return options.origin();
        }
        Origin o = offer.origin();
        return new Origin("-", o.sessionId(), o.sessionVersion(), "IN", "IP4", "0.0.0.0");
    }
}
