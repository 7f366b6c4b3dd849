package io.webfon.rtp.webrtc;

import io.webfon.rtp.sdp.Fingerprint;
import io.webfon.rtp.ice.RemoteIceCandidate;
import java.util.List;

/**
 * What a PeerConnection needs from the peer's SDP: ICE credentials and candidates, DTLS fingerprints and
 * {@code a=setup}, and whether that SDP was an offer (then we answer and choose the DTLS role).
 */
public record RemoteTransport(String iceUfrag, String icePassword, List<RemoteIceCandidate> candidates,
        List<Fingerprint> fingerprints, String setup, boolean isOffer) {

    public RemoteTransport {
        candidates = List.copyOf(candidates);
        fingerprints = List.copyOf(fingerprints);
    }
}
