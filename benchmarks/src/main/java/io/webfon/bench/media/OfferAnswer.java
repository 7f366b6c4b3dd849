package io.webfon.bench.media;

import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.Fingerprint;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpParseException;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.sdp.Setup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peer's SDP: an audio-only opus offer as a browser makes it (BUNDLE, rtcp-mux, one host candidate, no
 * trickle), and what the tool needs of the server's answer: ICE credentials, fingerprints, {@code a=setup} and
 * the first UDP IPv4 host candidate, parsed with rtp-engine's SDP parser.
 */
final class OfferAnswer {
    private static final String CRLF = "\r\n";

    /** What the answer tells the peer. */
    record Answer(InetSocketAddress candidate, String ufrag, String pwd, List<Fingerprint> fingerprints,
            String setup) {
    }

    private OfferAnswer() {
    }

    /** The offer; {@code setup} is {@code actpass} (a browser's: the server picks) or {@code active}. */
    static String offer(Flow f, InetSocketAddress local, String setup) {
        String ip = local.getAddress().getHostAddress();
        long session = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        return "v=0" + CRLF
                + "o=- " + session + " 2 IN IP4 127.0.0.1" + CRLF
                + "s=-" + CRLF
                + "t=0 0" + CRLF
                + "a=group:BUNDLE 0" + CRLF
                + "a=msid-semantic: WMS bench" + CRLF
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111" + CRLF
                + "c=IN IP4 0.0.0.0" + CRLF
                + "a=rtcp:9 IN IP4 0.0.0.0" + CRLF
                + "a=candidate:1 1 udp 2130706431 " + ip + " " + local.getPort() + " typ host generation 0" + CRLF
                + "a=end-of-candidates" + CRLF
                + "a=ice-ufrag:" + f.peer.localUfrag() + CRLF
                + "a=ice-pwd:" + f.peer.localPassword() + CRLF
                + "a=fingerprint:" + f.peer.fingerprint().toAttributeValue() + CRLF
                + "a=setup:" + setup + CRLF
                + "a=mid:0" + CRLF
                + "a=sendrecv" + CRLF
                + "a=msid:bench audio" + f.index + CRLF
                + "a=rtcp-mux" + CRLF
                + "a=rtpmap:111 opus/48000/2" + CRLF
                + "a=fmtp:111 minptime=10;useinbandfec=1" + CRLF
                + "a=ssrc:" + f.ssrc + " cname:bench" + f.index + CRLF;
    }

    static Answer parse(String sdp) {
        SessionDescription d;
        try {
            d = SdpParser.parse(sdp);
        } catch (SdpParseException e) {
            throw new IllegalStateException("unparsable answer: " + e.getMessage());
        }
        MediaDescription m = d.bundleTag().orElseGet(() -> d.media().get(0));
        InetSocketAddress candidate = null;
        for (Candidate c : m.candidates()) {
            if (c.isUdp() && c.component() == 1 && c.address().indexOf(':') < 0) {
                candidate = new InetSocketAddress(c.address(), c.port());
                break;
            }
        }
        if (candidate == null) {
            throw new IllegalStateException("no UDP IPv4 candidate in the answer");
        }
        return new Answer(candidate, d.iceUfragOf(m).orElseThrow(() -> new IllegalStateException("no ice-ufrag")),
                d.icePwdOf(m).orElseThrow(() -> new IllegalStateException("no ice-pwd")), d.fingerprintsOf(m),
                d.setupOf(m).map(Setup::sdpName).orElse("active"));
    }
}
