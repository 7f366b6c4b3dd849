/**
 * SDP for the node: an immutable model, a parser, a writer, offer/answer helpers and a WebRTC validator. Pure: no
 * I/O, no threads, no shared state (an ArchUnit rule keeps {@code java.net}, NIO channels, Netty, ice4j and Vert.x
 * out).
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link io.webfon.rtp.sdp.SessionDescription} and {@link io.webfon.rtp.sdp.MediaDescription}: records whose
 *       ordered {@link io.webfon.rtp.sdp.Attribute} lists are the truth, with typed accessors on top
 *       ({@code mid()}, {@code codecs()}, {@code candidates()}, {@code fingerprintsOf(m)}, ...), so unknown
 *       attributes survive a round trip unchanged.</li>
 *   <li>{@link io.webfon.rtp.sdp.SdpParser} and {@link io.webfon.rtp.sdp.SdpWriter}:
 *       {@code parse(write(d)).equals(d)} for whatever the parser accepts, and {@code write(parse(s)).equals(s)}
 *       for canonical text (CRLF, canonical line order), such as browsers produce. Errors are the checked
 *       {@link io.webfon.rtp.sdp.SdpParseException}, with the line and the reason. The very string the writer
 *       returned is not read again by {@code SdpParser.parse} on the same thread: the description it was written
 *       from comes back (a per-thread memo of the last four, so an offer crossing the core, the plugin and the core
 *       again is parsed once).</li>
 *   <li>{@link io.webfon.rtp.sdp.OfferAnswer}: answers as Janus's {@code janus_sdp_generate_answer_mline} does, and
 *       offers for calls the node starts; {@link io.webfon.rtp.sdp.TransportAttributes} strips and adds what the
 *       media engine owns (ICE, DTLS, candidates); {@link io.webfon.rtp.sdp.WebRtcValidator} says why a remote
 *       description cannot be used.</li>
 * </ul>
 *
 * <h2>Specifications</h2>
 * <ul>
 *   <li>RFC 8866 (SDP, which obsoletes RFC 4566): line grammar and order (§5, §9), attributes (§6).</li>
 *   <li>RFC 3264: the offer/answer model (direction mirroring §6.1, rejecting with port 0 §6).</li>
 *   <li>RFC 8829 (JSEP): what browsers offer and answer (§5.2, §5.3), placeholder port 9 and {@code 0.0.0.0}.</li>
 *   <li>RFC 8843 (BUNDLE): {@code a=group:BUNDLE}, the BUNDLE tag, transport attributes only in the tagged
 *       section, the mid header extension.</li>
 *   <li>RFC 8839 (ICE SDP): {@code a=candidate}, {@code a=ice-ufrag}/{@code ice-pwd}/{@code ice-options},
 *       ice-char; RFC 8840 (trickle ICE): {@code a=end-of-candidates}; RFC 6544: {@code tcptype}.</li>
 *   <li>RFC 8122 ({@code a=fingerprint}), RFC 4145 and RFC 8842 ({@code a=setup}), RFC 5761 ({@code a=rtcp-mux}),
 *       RFC 5506 ({@code a=rtcp-rsize}), RFC 3605 ({@code a=rtcp}), RFC 4585 ({@code a=rtcp-fb}), RFC 8285
 *       ({@code a=extmap}), RFC 5576 ({@code a=ssrc}, {@code a=ssrc-group}), RFC 8830 ({@code a=msid}), RFC 5888
 *       ({@code a=group}, {@code a=mid}), RFC 8841 (data channels), RFC 3551 (static payload types).</li>
 * </ul>
 *
 * <h2>Behaviour borrowed from Janus</h2>
 * Janus's {@code sdp-utils.c} and {@code sdp.c} were read for behaviour, not copied: its parse error texts for the
 * main cases ({@code Invalid SDP (doesn't start with v=)}, {@code Missing mandatory lines (o=, s= or m=)}), its
 * answer rules (codec fallback order, direction mirroring, rejected sections with format 0), what
 * {@code janus_sdp_anonymize} hides from plugins, and the max-bundle/rtcp-mux requirement of Janus 1.x.
 */
package io.webfon.rtp.sdp;
