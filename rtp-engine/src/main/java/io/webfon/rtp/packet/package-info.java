/**
 * RTP, RTCP, STUN and DTLS packet views for the media plane: pure functions over {@code (byte[] buf, int off,
 * int len)}, no I/O, no state shared between calls, no allocation on the hot path.
 *
 * <h2>Specifications</h2>
 * <ul>
 *   <li>RFC 7983 (updating RFC 5764 §5.1.2): demultiplexing STUN, ZRTP, DTLS, TURN and RTP/RTCP on one port by
 *       the first byte &mdash; {@link io.webfon.rtp.packet.PacketClassifier}.</li>
 *   <li>RFC 5761 §4: RTP and RTCP on one port (rtcp-mux); packet types 192-223 are RTCP.</li>
 *   <li>RFC 3550 §5.1, §5.3.1: the RTP header and header extension &mdash; {@link io.webfon.rtp.packet.RtpHeader}.</li>
 *   <li>RFC 8285: one-byte and two-byte RTP header extension elements &mdash;
 *       {@link io.webfon.rtp.packet.RtpExtensionCursor}.</li>
 *   <li>RFC 3550 §6: compound RTCP, SR, RR, SDES, BYE, APP &mdash; {@link io.webfon.rtp.packet.RtcpCompound},
 *       {@link io.webfon.rtp.packet.RtcpReports}, {@link io.webfon.rtp.packet.SdesCursor},
 *       {@link io.webfon.rtp.packet.RtcpBye}, {@link io.webfon.rtp.packet.RtcpApp}.</li>
 *   <li>RFC 5506: reduced-size RTCP (a compound need not start with SR or RR).</li>
 *   <li>RFC 4585: RTCP feedback, generic NACK, PLI, SLI &mdash; {@link io.webfon.rtp.packet.RtcpFeedback},
 *       {@link io.webfon.rtp.packet.RtcpNack}.</li>
 *   <li>RFC 5104 §4.3.1: FIR &mdash; {@link io.webfon.rtp.packet.RtcpFir}; §4.2: TMMBR/TMMBN (SSRCs rewritten
 *       only).</li>
 *   <li>draft-alvestrand-rmcat-remb-03: REMB &mdash; {@link io.webfon.rtp.packet.RtcpRemb}.</li>
 *   <li>draft-holmer-rmcat-transport-wide-cc-extensions-01: transport-wide congestion control feedback, fixed
 *       fields only &mdash; {@link io.webfon.rtp.packet.RtcpTwcc}.</li>
 *   <li>RFC 3611: RTCP XR, passed through.</li>
 *   <li>RFC 8489 (and RFC 5389) §5, §14: STUN header and attributes; RFC 8445: ICE attributes; RFC 5769: the test
 *       vectors &mdash; {@link io.webfon.rtp.packet.StunHeader}, {@link io.webfon.rtp.packet.StunAttributes}.</li>
 *   <li>RFC 6347 §4.1: DTLS record layer &mdash; {@link io.webfon.rtp.packet.DtlsRecords}.</li>
 * </ul>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Every method honours {@code off}: packets are read where the socket put them, with headroom in front
 *       (jitsi-videobridge's {@code getCsrcs} once ignored its offset; the tests here run at non-zero offsets).</li>
 *   <li>Hot path: {@code validate(buf, off, len)} returns null or a {@link io.webfon.rtp.packet.Malformed} reason
 *       to drop and count; readers of a validated packet never throw. Readers of unvalidated input throw only
 *       {@link io.webfon.rtp.packet.MalformedPacketException}, never {@code ArrayIndexOutOfBoundsException}; a
 *       fuzz test holds them to it.</li>
 *   <li>Unsigned 32-bit fields (SSRC, timestamps, counters) are {@code long}; 16-bit ones {@code int}.</li>
 *   <li>Cursors ({@link io.webfon.rtp.packet.RtcpCompound}, {@link io.webfon.rtp.packet.RtpExtensionCursor},
 *       {@link io.webfon.rtp.packet.SdesCursor}) are reusable scratch objects owned by one stage; everything
 *       else is static and stateless.</li>
 *   <li>Nothing is stripped: unknown RTP header extensions, RTCP types and feedback messages are kept and relayed
 *       as they came.</li>
 * </ul>
 */
package io.webfon.rtp.packet;
