package io.webfon.gateway.config;

import java.util.List;

/**
 * WebRTC media settings (Janus's {@code media}, {@code nat} and {@code certificates} sections), validated.
 *
 * @param rtpPortMin first port of {@code media.rtp_port_range}
 * @param iceAddresses the resolved IP addresses to offer host candidates on
 * @param stunServer {@code host:port}, or empty
 * @param certPem the DTLS certificate file, or empty to generate one in the state directory
 * @param warmUp whether ICE, DTLS and SRTP are run once in memory after start (media.warm_up)
 */
public record MediaConfig(int rtpPortMin, int rtpPortMax, int dtlsMtu, int dtlsHandshakeTimeoutSeconds,
        int noMediaTimerSeconds, int slowlinkThreshold, int peerTimeoutSeconds, List<String> iceAddresses,
        String publicAddress, boolean keepPrivateHost, String stunServer, boolean consentFreshness, String certPem,
        String certKey, boolean warmUp) {

    public MediaConfig {
        iceAddresses = List.copyOf(iceAddresses);
    }
}
