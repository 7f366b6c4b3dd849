package io.webfon.rtp.ice;

/**
 * A peer's ICE candidate as signalled (SDP {@code a=candidate} or a trickle), independent of ice4j.
 *
 * @param type {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param relatedAddress {@code raddr}, or null
 */
public record RemoteIceCandidate(String foundation, int component, String transport, long priority, String address,
        int port, String type, String relatedAddress, int relatedPort) {
}
