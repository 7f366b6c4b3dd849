package io.webfon.gateway.media;

import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.rtp.ice.RemoteIceCandidate;
import io.webfon.rtp.sdp.Attribute;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.Codec;
import io.webfon.rtp.sdp.Connection;
import io.webfon.rtp.sdp.Direction;
import io.webfon.rtp.sdp.Fingerprint;
import io.webfon.rtp.sdp.Group;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpParseException;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SdpProblem;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.sdp.Setup;
import io.webfon.rtp.sdp.Ssrc;
import io.webfon.rtp.sdp.SsrcGroup;
import io.webfon.rtp.sdp.TransportAttributes;
import io.webfon.rtp.sdp.WebRtcValidator;
import io.webfon.rtp.webrtc.RemoteTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SDP side of a handle's negotiation, as Janus's {@code sdp.c} does it: read and check the peer's SDP, take
 * its transport (ICE, DTLS) for the PeerConnection and hide it from the plugin, and add the node's transport and
 * sources to the SDP a plugin produces. Pure functions over the SDP model.
 */
final class SdpNegotiator {
    /** The CNAME of every stream the node sends (RFC 7022 allows a per-session random one; ours is fixed). */
    static final String CNAME = "webfon";

    private SdpNegotiator() {
    }

    /** Parses a client's or plugin's SDP, with Janus's error 465 and the parser's precise reason. */
    static SessionDescription parse(String sdp) {
        try {
            return SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            throw new JanusException(JanusError.JSEP_INVALID_SDP, "JSEP error: invalid SDP (" + e.getMessage() + ")");
        }
    }

    /**
     * Refuses a peer SDP this node cannot negotiate (no ICE credentials or fingerprint, no BUNDLE, no codec...).
     * Runs before a PeerConnection exists, so a refusal leaves nothing to release.
     */
    static void validateRemote(SessionDescription d) {
        List<SdpProblem> problems = WebRtcValidator.validate(d);
        if (!problems.isEmpty()) {
            throw new JanusException(JanusError.JSEP_INVALID_SDP, "JSEP error: " + SdpProblem.describe(problems));
        }
        boolean anyActive = d.media().stream().anyMatch(m -> !m.isRejected());
        if (anyActive && d.setupOf(transportSection(d)).filter(s -> s == Setup.HOLDCONN).isPresent()) {
            // DtlsRole has no role for it: refused here, before a PeerConnection is made for the offer.
            throw new JanusException(JanusError.JSEP_INVALID_SDP,
                    "JSEP error: a=setup:holdconn (no DTLS connection) is not supported");
        }
    }

    /** The m-line that carries the bundled transport: the BUNDLE tag, else the first active one. */
    private static MediaDescription transportSection(SessionDescription d) {
        return d.bundleTag().orElseGet(() -> d.media().stream().filter(m -> !m.isRejected()).findFirst()
                .orElseThrow(() -> new JanusException(JanusError.JSEP_INVALID_SDP, "JSEP error: no active m-line")));
    }

    /** The peer's ICE and DTLS parameters for the PeerConnection. */
    static RemoteTransport transport(SessionDescription d, boolean isOffer) {
        MediaDescription m = transportSection(d);
        String ufrag = d.iceUfragOf(m).orElse(null);
        String pwd = d.icePwdOf(m).orElse(null);
        List<Fingerprint> fingerprints = d.fingerprintsOf(m);
        String setup = d.setupOf(m).map(Setup::sdpName).orElse("actpass");
        List<RemoteIceCandidate> candidates = new ArrayList<>();
        for (Candidate c : m.candidates()) {
            candidates.add(toRemote(c));
        }
        return new RemoteTransport(ufrag, pwd, candidates, fingerprints, setup, isOffer);
    }

    /**
     * The peer's candidates in the SDP, as Janus lists them in {@code handle_info} ({@code remote-candidates}):
     * the {@code a=candidate} value, as for a trickled one.
     */
    static List<String> candidateTexts(SessionDescription d) {
        List<String> out = new ArrayList<>();
        for (Candidate c : transportSection(d).candidates()) {
            out.add(c.toAttributeValue());
        }
        return out;
    }

    static RemoteIceCandidate toRemote(Candidate c) {
        return new RemoteIceCandidate(c.foundation(), c.component(), c.transport(), c.priority(), c.address(),
                c.port(), c.type().sdpName(), c.relatedAddress(), c.relatedPort() == null ? 0 : c.relatedPort());
    }

    /** What the plugin sees of the peer's SDP: no ICE, DTLS, candidates or SSRCs (Janus's anonymised SDP). */
    static SessionDescription forPlugin(SessionDescription d) {
        return TransportAttributes.anonymize(d);
    }

    /** The streams of a first SDP: one per active audio or video m-line. */
    static List<MediaStream> streams(SessionDescription d, boolean local) {
        return merge(List.of(), d, local);
    }

    /**
     * The streams after an SDP: existing ones (by m-line index) keep their SSRC and counters and take the new
     * direction, new m-lines get a new stream, rejected ones are dropped. A local SDP (ours, from the plugin)
     * also fixes each stream's codec, payload type and clock rate; a remote one teaches the peer's SSRCs.
     */
    static List<MediaStream> merge(List<MediaStream> existing, SessionDescription d, boolean local) {
        List<MediaStream> out = new ArrayList<>();
        for (int i = 0; i < d.media().size(); i++) {
            MediaDescription m = d.media().get(i);
            if ((!m.isAudio() && !m.isVideo()) || m.isRejected()) {
                continue;
            }
            Direction ours = local ? d.directionOf(m) : d.directionOf(m).reverse();
            MediaStream s = null;
            for (MediaStream e : existing) {
                if (e.mindex == i && e.video == m.isVideo()) {
                    s = e;
                }
            }
            if (s == null) {
                s = new MediaStream(i, m.mid().orElse(Integer.toString(i)), m.isVideo(), ours);
            }
            s.direction = ours;
            if (local) {
                for (Codec c : m.codecs()) {
                    if (!c.isAuxiliary()) {
                        s.payloadType = c.payloadType();
                        s.codec = c.encodingName().toLowerCase(java.util.Locale.ROOT);
                        s.clockRate = c.clockRate();
                        break;
                    }
                }
            } else {
                learnSsrcs(s, m);
            }
            out.add(s);
        }
        return out;
    }

    /** Teaches the streams the SSRCs a remote SDP announces. */
    static void learn(List<MediaStream> streams, SessionDescription d) {
        for (MediaStream s : streams) {
            if (s.mindex < d.media().size()) {
                learnSsrcs(s, d.media().get(s.mindex));
            }
        }
    }

    /** Payload type to stream, from the remote SDP's formats on each stream's m-line. */
    static Map<Integer, MediaStream> payloadTypes(SessionDescription d, List<MediaStream> streams) {
        Map<Integer, MediaStream> out = new HashMap<>();
        for (MediaStream s : streams) {
            if (s.mindex < d.media().size()) {
                for (int pt : d.media().get(s.mindex).payloadTypes()) {
                    out.putIfAbsent(pt, s);
                }
            }
        }
        return out;
    }

    /** The mid of the m-line that carries the bundled transport. */
    static String bundleMid(SessionDescription d) {
        return transportSection(d).mid().orElse(null);
    }

    /** Records the SSRCs a peer announced for a stream; the first of an FID group is the main one. */
    static void learnSsrcs(MediaStream s, MediaDescription m) {
        for (SsrcGroup g : m.ssrcGroups()) {
            if ("FID".equalsIgnoreCase(g.semantics()) && !g.ssrcs().isEmpty() && s.mainRemoteSsrc == 0) {
                s.mainRemoteSsrc = g.ssrcs().get(0);
            }
        }
        for (Ssrc ssrc : m.ssrcs()) {
            s.remoteSsrcs.add(ssrc.id());
            if (s.mainRemoteSsrc == 0) {
                s.mainRemoteSsrc = ssrc.id();
            }
        }
    }

    /** Our transport, as the SDP we send must carry it. */
    /** @param iceLite whether we are an ICE-lite agent: a session-level {@code a=ice-lite} (RFC 8839 §5.3) */
    record LocalTransport(String ufrag, String pwd, List<String> candidates, List<Fingerprint> fingerprints,
            Setup setup, boolean iceLite) {
    }

    /**
     * Completes a plugin's SDP for the peer: BUNDLE of the active m-lines, rtcp-mux, our ICE credentials and
     * fingerprint on every active m-line, our candidates (all of them: gathering is immediate) followed by
     * end-of-candidates, the connection address and port of the first candidate, and our SSRC, CNAME and msid on
     * every m-line we send on.
     */
    static SessionDescription forPeer(SessionDescription plugin, LocalTransport local, List<MediaStream> streams) {
        SessionDescription d = withBundle(plugin).withoutAttributes(java.util.Set.of("ice-lite"));
        if (local.iceLite()) {
            d = d.plusAttribute(Attribute.flag("ice-lite"));
        }
        d = TransportAttributes.withIce(d, local.ufrag(), local.pwd(), List.of("trickle"),
                TransportAttributes.Placement.MEDIA);
        d = TransportAttributes.withDtls(d, local.fingerprints(), local.setup(), TransportAttributes.Placement.MEDIA);
        List<Candidate> candidates = new ArrayList<>();
        for (String c : local.candidates()) {
            try {
                candidates.add(Candidate.parse(c));
            } catch (SdpParseException e) {
                throw new IllegalStateException("our own candidate does not parse: " + c, e);
            }
        }
        d = TransportAttributes.withCandidates(d, candidates, true);
        if (!candidates.isEmpty()) {
            d = TransportAttributes.withAddress(d, Connection.of(candidates.get(0).address()),
                    candidates.get(0).port());
        }
        return withSources(d, streams);
    }

    private static SessionDescription withBundle(SessionDescription d) {
        List<String> mids = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : d.media()) {
            MediaDescription x = m;
            if (!m.isRejected()) {
                m.mid().ifPresent(mids::add);
                if (!m.rtcpMux()) {
                    x = x.plusAttribute(Attribute.flag("rtcp-mux"));
                }
            }
            media.add(x);
        }
        SessionDescription out = d.withoutAttributes(java.util.Set.of("group")).withMedia(media);
        return mids.isEmpty() ? out : out.plusAttribute(new Group("BUNDLE", mids).toAttribute());
    }

    private static SessionDescription withSources(SessionDescription d, List<MediaStream> streams) {
        SessionDescription out = d;
        for (MediaStream s : streams) {
            if (s.mindex >= out.media().size()) {
                continue;
            }
            MediaDescription m = out.media().get(s.mindex);
            Direction dir = out.directionOf(m);
            if (m.isRejected() || !dir.sends()) {
                continue;
            }
            String track = CNAME + "-" + s.kind() + "-" + s.mid;
            m = m.withoutAttributes(java.util.Set.of("ssrc", "ssrc-group", "msid"))
                    .plusAttribute(Attribute.of("msid", CNAME + " " + track))
                    .plusAttribute(new Ssrc(s.localSsrc, "cname", CNAME).toAttribute())
                    .plusAttribute(new Ssrc(s.localSsrc, "msid", CNAME + " " + track).toAttribute());
            out = out.withMedia(s.mindex, m);
        }
        return out;
    }
}
