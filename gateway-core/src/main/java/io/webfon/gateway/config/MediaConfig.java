package io.webfon.gateway.config;

import java.util.List;

/**
 * WebRTC media settings (Janus's {@code media}, {@code nat} and {@code certificates} sections), validated.
 *
 * @param rtpPortMin first port of {@code media.rtp_port_range}
 * @param iceAddresses the resolved IP addresses to offer host candidates on
 * @param stunServer {@code host:port}, or empty
 * @param turnServer {@code nat.turn_server}: host or IP of the TURN server, or empty for none
 * @param turnPassword {@code nat.turn_pwd}: a secret, left out of {@link #toString()}
 * @param certPem the DTLS certificate file, or empty to generate one in the state directory
 * @param warmUp whether ICE, DTLS and SRTP are run once in memory after start (media.warm_up)
 * @param iceLite {@code nat.ice_lite}: the node is an ICE-lite agent (host candidates only, answers checks)
 * @param packetThreads {@code media.packet_threads}: threads handling received media when the readers are busy
 *     (0: one per core)
 */
public record MediaConfig(int rtpPortMin, int rtpPortMax, int dtlsMtu, int dtlsHandshakeTimeoutSeconds,
        int noMediaTimerSeconds, int slowlinkThreshold, int peerTimeoutSeconds, List<String> iceAddresses,
        String publicAddress, boolean keepPrivateHost, String stunServer, boolean consentFreshness, String certPem,
        String certKey, boolean warmUp, String turnServer, int turnPort, String turnUser, String turnPassword,
        boolean iceLite, int packetThreads) {

    public MediaConfig {
        iceAddresses = List.copyOf(iceAddresses);
        turnServer = turnServer == null ? "" : turnServer;
        turnUser = turnUser == null ? "" : turnUser;
        turnPassword = turnPassword == null ? "" : turnPassword;
    }

    /** {@code host:port} of the TURN server, or empty. */
    public String turnEndpoint() {
        return turnServer.isEmpty() ? "" : turnServer + ":" + turnPort;
    }

    /** Every setting but the TURN password. */
    @Override
    public String toString() {
        return "MediaConfig[rtpPorts=" + rtpPortMin + "-" + rtpPortMax + ", dtlsMtu=" + dtlsMtu
                + ", dtlsHandshakeTimeoutSeconds=" + dtlsHandshakeTimeoutSeconds + ", noMediaTimerSeconds="
                + noMediaTimerSeconds + ", slowlinkThreshold=" + slowlinkThreshold + ", peerTimeoutSeconds="
                + peerTimeoutSeconds + ", iceAddresses=" + iceAddresses + ", publicAddress=" + publicAddress
                + ", keepPrivateHost=" + keepPrivateHost + ", stunServer=" + stunServer + ", consentFreshness="
                + consentFreshness + ", certPem=" + certPem + ", certKey=" + certKey + ", warmUp=" + warmUp
                + ", turnServer=" + turnEndpoint() + ", turnUser=" + turnUser + ", turnPassword="
                + (turnPassword.isEmpty() ? "" : "(secret)") + ", iceLite=" + iceLite + ", packetThreads="
                + packetThreads + "]";
    }
}
