package io.webfon.it.media;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * SDP offers as a browser writes them (Chrome's layout, trimmed to what the node reads), and the edits that turn
 * a good offer into a bad one for the bad-input tests. Lines end with CRLF, as RFC 8866 requires.
 */
final class Offers {
    private Offers() {
    }

    /**
     * Audio (opus/48000/2, PT 111) and video (VP8/90000, PT 96 with nack, nack pli, ccm fir and goog-remb),
     * bundled, rtcp-mux, sendrecv, one host candidate on 127.0.0.1 and an SSRC per m-line.
     */
    static String audioVideo(String ufrag, String pwd, String fingerprint, int port, long audioSsrc,
            long videoSsrc) {
        String transport = lines(
                "c=IN IP4 127.0.0.1",
                "a=candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host generation 0",
                "a=ice-ufrag:" + ufrag,
                "a=ice-pwd:" + pwd,
                "a=ice-options:trickle",
                "a=fingerprint:" + fingerprint,
                "a=setup:actpass");
        return lines(
                "v=0",
                "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0 1",
                "a=msid-semantic: WMS media-it")
                + "m=audio " + port + " UDP/TLS/RTP/SAVPF 111\r\n" + transport + lines(
                "a=mid:0",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:" + audioSsrc + " cname:media-it")
                + "m=video " + port + " UDP/TLS/RTP/SAVPF 96\r\n" + transport + lines(
                "a=mid:1",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:96 VP8/90000",
                "a=rtcp-fb:96 goog-remb",
                "a=rtcp-fb:96 ccm fir",
                "a=rtcp-fb:96 nack",
                "a=rtcp-fb:96 nack pli",
                "a=ssrc:" + videoSsrc + " cname:media-it");
    }

    private static String lines(String... lines) {
        return Arrays.stream(lines).map(l -> l + "\r\n").collect(Collectors.joining());
    }

    /** The SDP without every line starting with one of the prefixes. */
    static String without(String sdp, String... prefixes) {
        return Arrays.stream(sdp.split("\r\n"))
                .filter(l -> Arrays.stream(prefixes).noneMatch(l::startsWith))
                .map(l -> l + "\r\n").collect(Collectors.joining());
    }

    /** The SDP with every occurrence of {@code from} replaced. */
    static String replace(String sdp, String from, String to) {
        if (!sdp.contains(from)) {
            throw new IllegalArgumentException("'" + from + "' is not in the offer");
        }
        return sdp.replace(from, to);
    }
}
