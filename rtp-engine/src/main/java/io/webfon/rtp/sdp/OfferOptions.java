package io.webfon.rtp.sdp;

import java.util.List;
import java.util.Objects;

/**
 * An offer this node makes (a call it starts), for {@link OfferAnswer#offer}.
 *
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} line
 * @param bundle group every section with a mid in {@code a=group:BUNDLE} (RFC 8843), as WebRTC needs
 * @param media the sections in order
 */
public record OfferOptions(Origin origin, String sessionName, boolean bundle, List<MediaOffer> media) {
    public OfferOptions {
        Objects.requireNonNull(origin, "origin");
        Checks.text(sessionName, "sessionName");
        media = Checks.list(media, "media");
    }

    /** A WebRTC offer: BUNDLE over the given sections. */
    public static OfferOptions webrtc(Origin origin, List<MediaOffer> media) {
        return new OfferOptions(origin, "-", true, media);
    }

    /** A plain SIP offer toward a PBX: no BUNDLE. */
    public static OfferOptions plain(Origin origin, List<MediaOffer> media) {
        return new OfferOptions(origin, "-", false, media);
    }
}
