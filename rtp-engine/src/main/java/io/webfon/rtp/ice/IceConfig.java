package io.webfon.rtp.ice;

import java.time.Duration;
import java.util.List;

/**
 * ICE settings of the node (Janus's {@code nat} section).
 *
 * @param hostAddresses the local addresses to offer host candidates on (IP literals; loopback allowed, so tests
 *     on 127.0.0.1 need no network namespace)
 * @param publicAddress {@code nat_1_1_mapping}: a public address announced for the first host address, or empty
 * @param keepPrivateHost with a public address, whether the private host candidates are announced too
 * @param stunServer {@code host:port} of a STUN server to learn a server-reflexive address from, or empty
 * @param consentFreshness whether consent is checked (RFC 7675)
 * @param noMediaTimeout seconds without any packet from the peer after which the PeerConnection is declared lost
 * @param turn the TURN server each PeerConnection allocates a relayed candidate on, or null for none
 * @param iceLite {@code ice_lite}: the node is an ICE-lite agent (RFC 8445 §2.5, {@link LiteIceSession}) with host
 *     candidates only, which excludes a STUN or TURN server
 * @param packetThreads the threads that handle received media when the readers are busy ({@link PacketLanes}); 0
 *     for one per core
 */
public record IceConfig(List<String> hostAddresses, String publicAddress, boolean keepPrivateHost, String stunServer,
        boolean consentFreshness, Duration noMediaTimeout, TurnServer turn, boolean iceLite, int packetThreads) {

    public IceConfig {
        hostAddresses = List.copyOf(hostAddresses);
        publicAddress = publicAddress == null ? "" : publicAddress;
        stunServer = stunServer == null ? "" : stunServer;
        if (iceLite && (turn != null || !stunServer.isEmpty())) {
            throw new IllegalArgumentException("ICE-lite has host candidates only: no STUN or TURN server");
        }
        if (packetThreads < 0) {
            throw new IllegalArgumentException("packet threads must be 0 (one per core) or more, not " + packetThreads);
        }
    }

    /** With one packet thread per core. */
    public IceConfig(List<String> hostAddresses, String publicAddress, boolean keepPrivateHost, String stunServer,
            boolean consentFreshness, Duration noMediaTimeout, TurnServer turn, boolean iceLite) {
        this(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness, noMediaTimeout, turn,
                iceLite, 0);
    }

    /** Full ICE. */
    public IceConfig(List<String> hostAddresses, String publicAddress, boolean keepPrivateHost, String stunServer,
            boolean consentFreshness, Duration noMediaTimeout, TurnServer turn) {
        this(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness, noMediaTimeout, turn,
                false);
    }

    /** Without a TURN server. */
    public IceConfig(List<String> hostAddresses, String publicAddress, boolean keepPrivateHost, String stunServer,
            boolean consentFreshness, Duration noMediaTimeout) {
        this(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness, noMediaTimeout, null);
    }

    public static IceConfig loopback() {
        return new IceConfig(List.of("127.0.0.1"), "", false, "", true, Duration.ofSeconds(30));
    }

    /** This configuration with relayed candidates from {@code server} (null: none). */
    public IceConfig withTurn(TurnServer server) {
        return new IceConfig(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness,
                noMediaTimeout, server, iceLite, packetThreads);
    }

    /** This configuration as an ICE-lite agent (true) or a full one. */
    public IceConfig withIceLite(boolean lite) {
        return new IceConfig(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness,
                noMediaTimeout, turn, lite, packetThreads);
    }

    /** This configuration with {@code threads} packet threads (0: one per core). */
    public IceConfig withPacketThreads(int threads) {
        return new IceConfig(hostAddresses, publicAddress, keepPrivateHost, stunServer, consentFreshness,
                noMediaTimeout, turn, iceLite, threads);
    }

    /** The packet threads to start: the configured number, or one per core. */
    int packetThreadsOrDefault() {
        return packetThreads == 0 ? PacketLanes.defaultThreads() : packetThreads;
    }
}
