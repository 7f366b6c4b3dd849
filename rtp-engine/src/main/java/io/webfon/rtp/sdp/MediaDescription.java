package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One media section (RFC 8866 §5.14): the {@code m=} line and the {@code i=}, {@code c=}, {@code b=}, {@code k=}
 * and {@code a=} lines under it. The attribute list, in order, is the truth; the typed accessors below read it, so
 * attributes this node does not know survive a round trip unchanged.
 *
 * @param type the media type as written: {@code audio}, {@code video}, {@code application}, ...
 * @param port the port; 0 rejects or disables the section (RFC 3264 §6, RFC 8843 for bundle-only)
 * @param portCount the {@code /<number of ports>} of the m= line, or 0 when it has none
 * @param proto the transport protocol: {@code UDP/TLS/RTP/SAVPF}, {@code RTP/AVP}, {@code UDP/DTLS/SCTP}, ...
 * @param formats the formats in order: payload types for RTP, {@code webrtc-datachannel} for data channels
 * @param information the {@code i=} line, or null
 * @param connection the {@code c=} line, or null (the session's applies)
 * @param bandwidths the {@code b=} lines in order
 * @param encryptionKey the obsolete {@code k=} line, or null (kept, never acted on)
 * @param attributes the {@code a=} lines in order
 */
public record MediaDescription(String type, int port, int portCount, String proto, List<String> formats,
        String information, Connection connection, List<Bandwidth> bandwidths, String encryptionKey,
        List<Attribute> attributes) {

    public MediaDescription {
        Checks.word(type, "media type");
        Checks.port(port, "port");
        if (portCount < 0 || portCount > 65535) {
            throw new IllegalArgumentException("port count " + portCount + " out of range");
        }
        Checks.word(proto, "proto");
        formats = Checks.list(formats, "formats");
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an m= line needs at least one format");
        }
        formats.forEach(f -> Checks.word(f, "format"));
        Checks.optionalText(information, "i= line");
        bandwidths = Checks.list(bandwidths, "bandwidths");
        Checks.optionalText(encryptionKey, "k= line");
        attributes = Checks.list(attributes, "attributes");
    }

    /** A builder for an m= section with the given type, port and protocol. */
    public static Builder builder(String type, int port, String proto) {
        return new Builder(type, port, proto);
    }

    public Builder toBuilder() {
        Builder b = new Builder(type, port, proto);
        b.portCount = portCount;
        b.formats.addAll(formats);
        b.information = information;
        b.connection = connection;
        b.bandwidths.addAll(bandwidths);
        b.encryptionKey = encryptionKey;
        b.attributes.addAll(attributes);
        return b;
    }

    // ---- media type

    public MediaKind kind() {
        return MediaKind.of(type);
    }

    public boolean isAudio() {
        return kind() == MediaKind.AUDIO;
    }

    public boolean isVideo() {
        return kind() == MediaKind.VIDEO;
    }

    public boolean isApplication() {
        return kind() == MediaKind.APPLICATION;
    }

    /** True for an RTP profile ({@code RTP/AVP}, {@code UDP/TLS/RTP/SAVPF}, ...): formats are payload types. */
    public boolean isRtp() {
        return proto.toUpperCase(Locale.ROOT).contains("RTP/");
    }

    /** True for a WebRTC data channel section ({@code UDP/DTLS/SCTP webrtc-datachannel}, RFC 8841). */
    public boolean isDataChannel() {
        return isApplication() && proto.toUpperCase(Locale.ROOT).contains("SCTP");
    }

    /** Port 0 without {@code a=bundle-only}: the section is rejected or disabled. */
    public boolean isRejected() {
        return port == 0 && !isBundleOnly();
    }

    /** {@code a=bundle-only} (RFC 8843): port 0 here only means "use the BUNDLE transport". */
    public boolean isBundleOnly() {
        return hasAttribute("bundle-only");
    }

    // ---- raw attributes

    /** Every attribute with this name, ignoring case, in order. */
    public List<Attribute> attributes(String name) {
        return AttributeLists.named(attributes, name);
    }

    /** The value of the first attribute with this name that has one. */
    public Optional<String> attributeValue(String name) {
        return AttributeLists.value(attributes, name);
    }

    public boolean hasAttribute(String name) {
        return AttributeLists.has(attributes, name);
    }

    // ---- typed accessors

    /** {@code a=mid} (RFC 5888, RFC 8843). */
    public Optional<String> mid() {
        return attributeValue("mid");
    }

    /** This section's own direction attribute; see {@link SessionDescription#directionOf} for the effective one. */
    public Optional<Direction> direction() {
        return AttributeLists.direction(attributes);
    }

    /** {@code a=rtcp-mux} (RFC 5761). */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** {@code a=rtcp-rsize} (RFC 5506). */
    public boolean rtcpRsize() {
        return hasAttribute("rtcp-rsize");
    }

    public Optional<String> iceUfrag() {
        return attributeValue("ice-ufrag");
    }

    public Optional<String> icePwd() {
        return attributeValue("ice-pwd");
    }

    /** The {@code a=ice-options} tokens ({@code trickle}, {@code ice2}, ...). */
    public List<String> iceOptions() {
        List<String> out = new ArrayList<>();
        attributes("ice-options").forEach(a -> out.addAll(Tokens.split(a.value() == null ? "" : a.value())));
        return out;
    }

    public List<Fingerprint> fingerprints() {
        return AttributeLists.typed(attributes, "fingerprint", Fingerprint.class, Fingerprint::parse);
    }

    public Optional<Setup> setup() {
        return AttributeLists.firstTyped(attributes, "setup", Setup.class, Setup::parse);
    }

    public List<RtpMap> rtpMaps() {
        return AttributeLists.typed(attributes, "rtpmap", RtpMap.class, RtpMap::parse);
    }

    /** The rtpmap of a payload type, falling back to the RFC 3551 static table. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        for (RtpMap m : rtpMaps()) {
            if (m.payloadType() == payloadType) {
                return Optional.of(m);
            }
        }
        return StaticPayloadTypes.get(payloadType);
    }

    public List<Fmtp> fmtps() {
        return AttributeLists.typed(attributes, "fmtp", Fmtp.class, Fmtp::parse);
    }

    public Optional<Fmtp> fmtp(int payloadType) {
        return fmtps().stream().filter(f -> f.payloadType() == payloadType).findFirst();
    }

    public List<RtcpFb> rtcpFeedback() {
        return AttributeLists.typed(attributes, "rtcp-fb", RtcpFb.class, RtcpFb::parse);
    }

    public List<ExtMap> extMaps() {
        return AttributeLists.typed(attributes, "extmap", ExtMap.class, ExtMap::parse);
    }

    public List<Ssrc> ssrcs() {
        return AttributeLists.typed(attributes, "ssrc", Ssrc.class, Ssrc::parse);
    }

    public List<SsrcGroup> ssrcGroups() {
        return AttributeLists.typed(attributes, "ssrc-group", SsrcGroup.class, SsrcGroup::parse);
    }

    public List<Msid> msids() {
        return AttributeLists.typed(attributes, "msid", Msid.class, Msid::parse);
    }

    public List<Candidate> candidates() {
        return AttributeLists.typed(attributes, "candidate", Candidate.class, Candidate::parse);
    }

    /** {@code a=end-of-candidates} (RFC 8840). */
    public boolean endOfCandidates() {
        return hasAttribute("end-of-candidates");
    }

    /** {@code a=sctp-port} (RFC 8841 §5). */
    public OptionalInt sctpPort() {
        long v = attributeValue("sctp-port").map(s -> Tokens.number(Tokens.trimBlanks(s), 0, 65535)).orElse(-1L);
        return v < 0 ? OptionalInt.empty() : OptionalInt.of((int) v);
    }

    /** {@code a=max-message-size} (RFC 8841 §6). */
    public OptionalLong maxMessageSize() {
        long v = attributeValue("max-message-size").map(s -> Tokens.number(Tokens.trimBlanks(s), 0,
                Long.MAX_VALUE)).orElse(-1L);
        return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The distinct numeric formats of the m= line, in order (non-numeric formats are skipped). */
    public List<Integer> payloadTypes() {
        Set<Integer> out = new LinkedHashSet<>();
        for (String f : formats) {
            long pt = Tokens.number(f, 0, 127);
            if (pt >= 0) {
                out.add((int) pt);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The codecs in m= order, each with its rtpmap (or static mapping), fmtp and the rtcp-fb lines that apply to it
     * ({@code *} included), in attribute order. One pass over the attributes, payload types indexed by number (at
     * most 128): a browser's video section has some 20 payload types and 80 fmtp and rtcp-fb lines, and the answer,
     * the checks and the negotiation each ask for its codecs.
     */
    public List<Codec> codecs() {
        List<Integer> pts = payloadTypes();
        RtpMap[] maps = new RtpMap[128];
        Fmtp[] fmtps = new Fmtp[128];
        List<List<RtcpFb>> feedback = new ArrayList<>(Collections.nCopies(128, null));
        pts.forEach(pt -> feedback.set(pt, new ArrayList<>()));
        for (Attribute a : attributes) {
            if (a.value() == null) {
                continue;
            }
            if (a.is("rtpmap")) {
                RtpMap m = AttributeLists.read(a, RtpMap.class, RtpMap::parse);
                maps[m.payloadType()] = maps[m.payloadType()] == null ? m : maps[m.payloadType()];
            } else if (a.is("fmtp")) {
                Fmtp f = AttributeLists.read(a, Fmtp.class, Fmtp::parse);
                if (f.payloadType() >= 0 && fmtps[f.payloadType()] == null) {
                    fmtps[f.payloadType()] = f;
                }
            } else if (a.is("rtcp-fb")) {
                addFeedback(AttributeLists.read(a, RtcpFb.class, RtcpFb::parse), pts, feedback);
            }
        }
        List<Codec> out = new ArrayList<>(pts.size());
        for (int pt : pts) {
            RtpMap map = maps[pt] != null ? maps[pt] : StaticPayloadTypes.get(pt).orElse(null);
            out.add(map == null ? new Codec(pt, null, 0, 0, fmtps[pt], feedback.get(pt))
                    : Codec.of(map, fmtps[pt], feedback.get(pt)));
        }
        return out;
    }

    /** An rtcp-fb line to its payload type's list, or to every listed payload type's for {@code *}. */
    private static void addFeedback(RtcpFb fb, List<Integer> pts, List<List<RtcpFb>> byPayloadType) {
        if (RtcpFb.WILDCARD.equals(fb.format())) {
            pts.forEach(pt -> byPayloadType.get(pt).add(fb));
            return;
        }
        int pt = (int) Tokens.number(fb.format(), 0, 127);
        if (pt >= 0 && byPayloadType.get(pt) != null) {
            byPayloadType.get(pt).add(fb);
        }
    }

    /**
     * Each payload type of the m= line, in order, with its rtpmap (the first when the section maps it twice), else
     * RFC 3551's static mapping, else null: what {@link #codecs()} builds on, without its fmtp and rtcp-fb lines.
     */
    Map<Integer, RtpMap> mappings() {
        RtpMap[] maps = new RtpMap[128];
        for (Attribute a : attributes) {
            if (a.value() != null && a.is("rtpmap")) {
                RtpMap m = AttributeLists.read(a, RtpMap.class, RtpMap::parse);
                if (maps[m.payloadType()] == null) {
                    maps[m.payloadType()] = m;
                }
            }
        }
        Map<Integer, RtpMap> out = new LinkedHashMap<>();
        for (int pt : payloadTypes()) {
            out.put(pt, maps[pt] != null ? maps[pt] : StaticPayloadTypes.get(pt).orElse(null));
        }
        return out;
    }

    /** The codec for a payload type, if the m= line lists it. */
    public Optional<Codec> codec(int payloadType) {
        return codecs().stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    // ---- copies

    public MediaDescription withPort(int newPort) {
        return new MediaDescription(type, newPort, portCount, proto, formats, information, connection, bandwidths,
                encryptionKey, attributes);
    }

    public MediaDescription withProto(String newProto) {
        return new MediaDescription(type, port, portCount, newProto, formats, information, connection, bandwidths,
                encryptionKey, attributes);
    }

    public MediaDescription withFormats(List<String> newFormats) {
        return new MediaDescription(type, port, portCount, proto, newFormats, information, connection, bandwidths,
                encryptionKey, attributes);
    }

    public MediaDescription withConnection(Connection newConnection) {
        return new MediaDescription(type, port, portCount, proto, formats, information, newConnection, bandwidths,
                encryptionKey, attributes);
    }

    public MediaDescription withBandwidths(List<Bandwidth> newBandwidths) {
        return new MediaDescription(type, port, portCount, proto, formats, information, connection, newBandwidths,
                encryptionKey, attributes);
    }

    public MediaDescription withAttributes(List<Attribute> newAttributes) {
        return new MediaDescription(type, port, portCount, proto, formats, information, connection, bandwidths,
                encryptionKey, newAttributes);
    }

    /** A copy with {@code attribute} appended. */
    public MediaDescription plusAttribute(Attribute attribute) {
        return withAttributes(AttributeLists.plus(attributes, attribute));
    }

    /** A copy without the attributes of these names (ignoring case). */
    public MediaDescription withoutAttributes(Set<String> names) {
        return withAttributes(AttributeLists.without(attributes, lower(names)));
    }

    /**
     * A copy whose direction attribute is {@code newDirection} (null removes it), in place of the old one or, when
     * there was none, right after {@code a=mid} (where Chrome writes it).
     */
    public MediaDescription withDirection(Direction newDirection) {
        int afterMid = indexOf("mid") + 1;
        return withAttributes(AttributeLists.withDirection(attributes, newDirection, afterMid > 0 ? afterMid
                : attributes.size()));
    }

    /** The index of the first attribute with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).is(name)) {
                return i;
            }
        }
        return -1;
    }

    static Set<String> lower(Set<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }

    /** Builds a {@link MediaDescription}; the lists start empty and {@link #build()} checks the result. */
    public static final class Builder {
        private final String type;
        private int port;
        private final String proto;
        private int portCount;
        private final List<String> formats = new ArrayList<>();
        private String information;
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private String encryptionKey;
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder(String type, int port, String proto) {
            this.type = type;
            this.port = port;
            this.proto = proto;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder portCount(int value) {
            this.portCount = value;
            return this;
        }

        public Builder format(String value) {
            formats.add(value);
            return this;
        }

        public Builder formats(List<String> values) {
            formats.addAll(values);
            return this;
        }

        public Builder information(String value) {
            this.information = value;
            return this;
        }

        public Builder connection(Connection value) {
            this.connection = value;
            return this;
        }

        public Builder bandwidth(Bandwidth value) {
            bandwidths.add(value);
            return this;
        }

        public Builder encryptionKey(String value) {
            this.encryptionKey = value;
            return this;
        }

        public Builder attribute(Attribute value) {
            attributes.add(value);
            return this;
        }

        public Builder attribute(String name, String value) {
            return attribute(Attribute.of(name, value));
        }

        public Builder flag(String name) {
            return attribute(Attribute.flag(name));
        }

        public Builder attributes(List<Attribute> values) {
            attributes.addAll(values);
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(type, port, portCount, proto, formats, information, connection,
                    bandwidths, encryptionKey, attributes);
        }
    }
}
