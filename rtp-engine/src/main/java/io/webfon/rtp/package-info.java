/**
 * The media plane of the node. Sub-packages: {@code sdp} (SDP model, parser, writer, offer/answer), {@code packet}
 * (RTP, RTCP and STUN packet views and RFC 7983 demultiplexing; pure, no I/O), {@code ports} (the UDP port
 * allocator), {@code dtls}, {@code srtp}, {@code ice} (ice4j), {@code webrtc} (a PeerConnection joining them).
 * Knows nothing of Janus or SIP.
 */
package io.webfon.rtp;
