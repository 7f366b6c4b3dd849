package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The transport side of a description, which the media engine owns and plugins never see: strip it from a remote
 * description before a plugin reads it (Janus's {@code janus_sdp_anonymize}), and add the node's own to a
 * plugin's offer or answer before it leaves (Janus's {@code janus_sdp_merge}).
 */
public final class TransportAttributes {
    /** Where ICE and DTLS attributes go: once at session level, or repeated in every active m= section. */
    public enum Placement { SESSION, MEDIA }

    /**
     * Attributes of the transport (RFC 8839 ICE, RFC 8842 DTLS, RFC 3605 rtcp, RFC 4568 crypto, RFC 4145
     * connection): {@link #strip} removes them at both levels.
     */
    public static final Set<String> TRANSPORT = Set.of("ice-ufrag", "ice-pwd", "ice-options", "ice-lite",
            "ice-pacing", "ice-mismatch", "remote-candidates", "candidate", "end-of-candidates", "fingerprint",
            "setup", "tls-id", "connection", "rtcp", "crypto");

    /** What {@link #anonymize} removes on top of {@link #TRANSPORT}: the sender's SSRCs, which the engine owns. */
    public static final Set<String> SOURCES = Set.of("ssrc", "ssrc-group");

    private static final Set<String> ICE = Set.of("ice-ufrag", "ice-pwd", "ice-options");
    private static final Set<String> DTLS = Set.of("fingerprint", "setup");

    private TransportAttributes() {
    }

    /** The description without {@link #TRANSPORT} attributes, at session and media level. */
    public static SessionDescription strip(SessionDescription d) {
        return without(d, TRANSPORT);
    }

    /**
     * What a plugin sees of a remote description: {@link #strip}, minus the SSRC lines, with addresses replaced by
     * {@code 0.0.0.0} and every active port by 9. Mids, rtcp-mux, BUNDLE, codecs and extensions stay, since the
     * plugin answers from them.
     */
    public static SessionDescription anonymize(SessionDescription d) {
        Set<String> names = new HashSet<>(TRANSPORT);
        names.addAll(SOURCES);
        SessionDescription s = without(d, names);
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : s.media()) {
            MediaDescription x = m.connection() == null ? m : m.withConnection(Connection.UNSPECIFIED_IP4);
            media.add(x.port() == 0 ? x : x.withPort(OfferAnswer.PLACEHOLDER_PORT));
        }
        return s.toBuilder().origin(s.origin().withAddress("IP4", "0.0.0.0"))
                .connection(s.connection() == null ? null : Connection.UNSPECIFIED_IP4).build().withMedia(media);
    }

    /** Sets {@code a=ice-ufrag}, {@code a=ice-pwd} and (when not empty) {@code a=ice-options}, replacing any. */
    public static SessionDescription withIce(SessionDescription d, String ufrag, String pwd, List<String> options,
            Placement placement) {
        List<Attribute> ice = new ArrayList<>();
        ice.add(Attribute.of("ice-ufrag", ufrag));
        ice.add(Attribute.of("ice-pwd", pwd));
        if (!options.isEmpty()) {
            ice.add(Attribute.of("ice-options", String.join(" ", options)));
        }
        return place(d, ICE, ice, placement);
    }

    /** Sets the node's fingerprints and {@code a=setup}, replacing any (RFC 8842). */
    public static SessionDescription withDtls(SessionDescription d, List<Fingerprint> fingerprints, Setup setup,
            Placement placement) {
        List<Attribute> dtls = new ArrayList<>();
        fingerprints.forEach(f -> dtls.add(f.toAttribute()));
        dtls.add(setup.toAttribute());
        return place(d, DTLS, dtls, placement);
    }

    /**
     * Appends candidates to the m= section that carries the transport: the BUNDLE tag, else the first active
     * section; with {@code complete}, ends it with {@code a=end-of-candidates} (RFC 8840). Earlier candidates
     * stay; an earlier end-of-candidates moves to the end.
     */
    public static SessionDescription withCandidates(SessionDescription d, List<Candidate> candidates,
            boolean complete) {
        int index = transportIndex(d);
        if (index < 0) {
            return d;
        }
        MediaDescription m = d.media().get(index);
        boolean end = complete || m.endOfCandidates();
        List<Attribute> attrs = AttributeLists.without(m.attributes(), Set.of("end-of-candidates"));
        candidates.forEach(c -> attrs.add(c.toAttribute()));
        if (end) {
            attrs.add(Attribute.flag("end-of-candidates"));
        }
        return d.withMedia(index, m.withAttributes(attrs));
    }

    /**
     * Sets the address and port peers send to on every active section (the default candidate of JSEP §5.2.1, or the
     * plain RTP address toward a PBX), and the {@code o=} address.
     */
    public static SessionDescription withAddress(SessionDescription d, Connection connection, int port) {
        Objects.requireNonNull(connection, "connection");
        Checks.port(port, "port");
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : d.media()) {
            media.add(m.port() == 0 ? m : m.withPort(port).withConnection(connection));
        }
        return d.withOrigin(d.origin().withAddress(connection.addrType(), connection.address())).withMedia(media);
    }

    /** The index of the section that carries the transport, or -1 when every section is rejected. */
    static int transportIndex(SessionDescription d) {
        Map<String, Integer> activeByMid = new HashMap<>();
        int firstActive = -1;
        for (int i = 0; i < d.media().size(); i++) {
            MediaDescription m = d.media().get(i);
            if (!m.isRejected()) {
                firstActive = firstActive < 0 ? i : firstActive;
                int index = i;
                m.mid().ifPresent(mid -> activeByMid.putIfAbsent(mid, index));
            }
        }
        for (String mid : d.bundleMids()) {
            Integer index = activeByMid.get(mid);
            if (index != null) {
                return index;
            }
        }
        return firstActive;
    }

    private static SessionDescription place(SessionDescription d, Set<String> names, List<Attribute> attrs,
            Placement placement) {
        SessionDescription s = placement == Placement.SESSION
                ? d.withAttributes(AttributeLists.replace(d.attributes(), names, attrs, d.attributes().size()))
                : d.withAttributes(AttributeLists.without(d.attributes(), names));
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : s.media()) {
            boolean here = placement == Placement.MEDIA && !m.isRejected();
            List<Attribute> own = AttributeLists.replace(m.attributes(), names, here ? attrs : List.of(),
                    insertionPoint(m));
            media.add(m.withAttributes(own));
        }
        return s.withMedia(media);
    }

    /** Before {@code a=mid}, where Chrome and Janus put ICE and DTLS attributes, after any already there. */
    private static int insertionPoint(MediaDescription m) {
        int mid = m.indexOf("mid");
        return mid >= 0 ? mid : 0;
    }

    private static SessionDescription without(SessionDescription d, Set<String> names) {
        List<MediaDescription> media = new ArrayList<>();
        d.media().forEach(m -> media.add(m.withAttributes(AttributeLists.without(m.attributes(), names))));
        return d.withAttributes(AttributeLists.without(d.attributes(), names)).withMedia(media);
    }
}
