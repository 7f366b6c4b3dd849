package io.webfon.gateway.media;

/**
 * The media timers of {@code media.*}, in the units the ticker compares.
 *
 * @param noMediaSeconds seconds without RTP on a stream before the client hears it stopped
 * @param peerTimeoutSeconds seconds a PeerConnection may take to connect, or stay silent, before it is hung up
 * @param slowlinkThreshold lost packets per second that raise a slowlink event (0: never)
 */
record MediaTimers(int noMediaSeconds, int peerTimeoutSeconds, int slowlinkThreshold) {

    long noMediaNanos() {
        return noMediaSeconds * 1_000_000_000L;
    }

    long peerTimeoutNanos() {
        return peerTimeoutSeconds * 1_000_000_000L;
    }
}
