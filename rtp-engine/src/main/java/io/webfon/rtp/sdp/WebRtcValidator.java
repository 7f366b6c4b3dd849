package io.webfon.rtp.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that a remote offer or answer can set up a WebRTC transport with this node, before the media engine
 * touches it. It returns every problem found (empty when the description is usable), each with a reason the peer
 * can read; a parse error is {@link SdpParser}'s business, not this class's.
 *
 * <p>This node, like Janus 1.x, requires max-bundle (RFC 8843: one BUNDLE group over every active section, each
 * with a mid) and rtcp-mux (RFC 5761), DTLS-SRTP (RFC 5763/8842: a fingerprint with a supported hash) and ICE
 * credentials (RFC 8839). Transport attributes are looked up where RFC 8843 allows them: the section, the
 * BUNDLE tag, the session; bundled sections share one transport, so it is checked once. Linear in the description:
 * the BUNDLE group and the mids are indexed once.
 */
public final class WebRtcValidator {
    /**
     * What is supported.
     *
     * @param codecs encoding names accepted in audio/video sections, compared ignoring case
     * @param hashes fingerprint hash functions accepted, compared ignoring case
     * @param requireBundle refuse descriptions without max-bundle
     * @param requireRtcpMux refuse RTP sections without rtcp-mux
     */
    public record Options(Set<String> codecs, Set<String> hashes, boolean requireBundle, boolean requireRtcpMux) {
        /** The codecs Janus and the browsers share, with their auxiliary payload types. */
        public static final Set<String> DEFAULT_CODECS = Set.of("opus", "PCMU", "PCMA", "G722", "telephone-event",
                "CN", "VP8", "VP9", "H264", "AV1", "red", "rtx", "ulpfec");
        public static final Options DEFAULT = new Options(DEFAULT_CODECS, Set.copyOf(Fingerprint.SUPPORTED_HASHES),
                true, true);

        public Options {
            codecs = MediaDescription.lower(codecs);
            hashes = MediaDescription.lower(hashes);
        }

        public Options withCodecs(Set<String> value) {
            return new Options(value, hashes, requireBundle, requireRtcpMux);
        }
    }

    private static final int MIN_UFRAG = 4;
    private static final int MIN_PWD = 22;

    private final SessionDescription d;
    private final Options options;
    private final List<SdpProblem> problems = new ArrayList<>();
    private final Set<String> bundled;
    private final Map<String, MediaDescription> byMid = new HashMap<>();
    private final MediaDescription tag;

    private WebRtcValidator(SessionDescription d, Options options) {
        this.d = d;
        this.options = options;
        List<String> mids = d.bundleMids();
        this.bundled = new HashSet<>(mids);
        d.media().forEach(m -> m.mid().ifPresent(mid -> byMid.putIfAbsent(mid, m)));
        this.tag = mids.isEmpty() ? null : byMid.get(mids.get(0));
    }

    public static List<SdpProblem> validate(SessionDescription d) {
        return validate(d, Options.DEFAULT);
    }

    public static List<SdpProblem> validate(SessionDescription d, Options options) {
        return new WebRtcValidator(d, options).run();
    }

    private List<SdpProblem> run() {
        boolean anyActive = false;
        boolean transportChecked = false;
        for (int i = 0; i < d.media().size(); i++) {
            MediaDescription m = d.media().get(i);
            if (m.isRejected()) {
                continue;
            }
            anyActive = true;
            boolean inBundle = m.mid().filter(bundled::contains).isPresent();
            if (options.requireBundle()) {
                bundle(m, i, inBundle);
            }
            if (!inBundle || !transportChecked) {
                transport(m, i, inBundle ? tag : null);
                transportChecked |= inBundle;
            }
            media(m);
        }
        if (!anyActive) {
            return List.of(new SdpProblem(SdpProblem.Code.NO_MEDIA, "no media: every m= section is rejected"));
        }
        if (options.requireBundle()) {
            groupProblems();
        }
        return problems;
    }

    private void groupProblems() {
        Optional<Group> group = d.bundleGroup();
        if (group.isEmpty()) {
            problems.add(0, new SdpProblem(SdpProblem.Code.NO_BUNDLE,
                    "no a=group:BUNDLE (this node requires max-bundle, RFC 8843)"));
            return;
        }
        int at = 0;
        for (String mid : group.get().mids()) {
            if (!byMid.containsKey(mid)) {
                problems.add(at++, new SdpProblem(SdpProblem.Code.BAD_MID, "a=group:BUNDLE names mid '" + mid
                        + "' that no m= section has"));
            }
        }
    }

    private void bundle(MediaDescription m, int index, boolean inBundle) {
        if (bundled.isEmpty()) {
            return;
        }
        if (m.mid().isEmpty()) {
            problems.add(new SdpProblem(SdpProblem.Code.BAD_MID, "no a=mid in " + name(m, index)));
        } else if (!inBundle) {
            problems.add(new SdpProblem(SdpProblem.Code.NO_BUNDLE, name(m, index) + " is not in the BUNDLE group"));
        }
    }

    private void transport(MediaDescription m, int index, MediaDescription bundleTag) {
        Optional<String> ufrag = d.iceUfragOf(m, bundleTag);
        Optional<String> pwd = d.icePwdOf(m, bundleTag);
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            problems.add(new SdpProblem(SdpProblem.Code.NO_ICE_CREDENTIALS, "no ICE credentials for "
                    + name(m, index) + " (a=ice-ufrag and a=ice-pwd at neither session nor media level)"));
        } else if (ufrag.get().length() < MIN_UFRAG || pwd.get().length() < MIN_PWD) {
            problems.add(new SdpProblem(SdpProblem.Code.BAD_ICE_CREDENTIALS, "ICE credentials for "
                    + name(m, index) + " too short (ufrag needs 4 characters, pwd 22, RFC 8839 §5.4)"));
        }
        List<Fingerprint> fingerprints = d.fingerprintsOf(m, bundleTag);
        if (fingerprints.isEmpty()) {
            problems.add(new SdpProblem(SdpProblem.Code.NO_FINGERPRINT, "no DTLS fingerprint for "
                    + name(m, index)));
        } else if (fingerprints.stream().noneMatch(f -> options.hashes().contains(lower(f.hashFunction())))) {
            Set<String> offered = new LinkedHashSet<>();
            fingerprints.forEach(f -> offered.add(f.hashFunction()));
            problems.add(new SdpProblem(SdpProblem.Code.UNSUPPORTED_FINGERPRINT_HASH, "unsupported fingerprint hash "
                    + String.join(", ", offered) + " for " + name(m, index) + " (supported: "
                    + String.join(", ", Fingerprint.SUPPORTED_HASHES.stream().filter(options.hashes()::contains)
                            .toList()) + ")"));
        }
    }

    private void media(MediaDescription m) {
        String proto = m.proto().toUpperCase(Locale.ROOT);
        if (m.isRtp()) {
            if (!proto.contains("SAVP") || !proto.contains("TLS")) {
                problems.add(new SdpProblem(SdpProblem.Code.UNSUPPORTED_PROTO, "m=" + m.type() + " uses "
                        + m.proto() + ", not UDP/TLS/RTP/SAVPF (DTLS-SRTP)"));
            }
            if (options.requireRtcpMux() && !m.rtcpMux()) {
                problems.add(new SdpProblem(SdpProblem.Code.NO_RTCP_MUX, "no a=rtcp-mux in m=" + m.type()
                        + " (this node requires rtcp-mux, RFC 5761)"));
            }
        } else if (m.isApplication() && !proto.contains("SCTP")) {
            problems.add(new SdpProblem(SdpProblem.Code.UNSUPPORTED_PROTO, "m=" + m.type() + " uses " + m.proto()
                    + ", not UDP/DTLS/SCTP"));
        }
        if (m.isAudio() || m.isVideo()) {
            codecs(m);
        }
    }

    private void codecs(MediaDescription m) {
        if (!anyUsableCodec(m)) {
            List<Codec> codecs = m.codecs();
            Set<String> offered = new LinkedHashSet<>();
            codecs.forEach(c -> offered.add(c.displayName()));
            problems.add(new SdpProblem(SdpProblem.Code.NO_SUPPORTED_CODEC, "no supported codec in m=" + m.type()
                    + " (offered: " + String.join(", ", offered) + ")"));
        }
    }

    /**
     * Whether a payload type of the m= line maps to a codec the node supports. A codec is usable by its name alone,
     * so this reads only the rtpmap lines ({@link MediaDescription#mappings()}): {@code codecs()} also parses every
     * fmtp and rtcp-fb line (dozens in a browser's video section), which only the refusal's message needs.
     */
    private boolean anyUsableCodec(MediaDescription m) {
        for (RtpMap map : m.mappings().values()) {
            if (map != null && usable(map.encodingName())) {
                return true;
            }
        }
        return false;
    }

    private boolean usable(String encodingName) {
        String name = lower(encodingName);
        return !Codec.AUXILIARY.contains(name) && options.codecs().contains(name);
    }

    private static String name(MediaDescription m, int index) {
        return "m=" + m.type() + m.mid().map(mid -> " (mid " + mid + ")").orElse(" #" + index);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
