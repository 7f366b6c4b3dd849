package io.webfon.rtp.ice;

import io.webfon.rtp.ports.PortExhaustedException;
import io.webfon.rtp.ports.PortLease;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.ice.harvest.StaticMappingCandidateHarvester;
import org.ice4j.ice.harvest.StunMappingCandidateHarvester;

/**
 * The node's ICE sockets: one UDP port per configured address, taken from the media port range, shared by every
 * PeerConnection (ice4j's single-port harvester, which tells peers apart by their ICE username). Received
 * payload is pushed straight to each session's callback by one reader thread per socket (ice4j's push API), so
 * the packet path has no queue and no thread per peer. Mapping harvesters add the public address
 * ({@code nat_1_1_mapping}) or the one a STUN server reports.
 */
public final class IceHarvesters implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(IceHarvesters.class);
    /** Room left after each received packet so SRTP can grow it in place (GCM tag or HMAC tag). */
    public static final int TRAILER_ROOM = 32;

    static {
        // Must be set before any single-port harvester exists (ice4j doc/push-api.md).
        AbstractUdpListener.USE_PUSH_API = true;
        AbstractUdpListener.BYTES_TO_LEAVE_AT_END_OF_PACKET = TRAILER_ROOM;
    }

    private final IceConfig config;
    private final List<SinglePortUdpHarvester> hosts = new ArrayList<>();
    private final List<CandidateHarvester> mappings = new ArrayList<>();
    private final List<PortLease> leases = new ArrayList<>();

    /** Binds one socket per host address on a port of the allocator's range. */
    public IceHarvesters(IceConfig config, UdpPortAllocator ports) throws IOException, PortExhaustedException {
        this.config = config;
        try {
            for (String address : config.hostAddresses()) {
                hosts.add(bind(address, ports));
            }
            addMappings();
        } catch (IOException | PortExhaustedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private SinglePortUdpHarvester bind(String address, UdpPortAllocator ports)
            throws IOException, PortExhaustedException {
        InetAddress ip = InetAddress.getByName(address);
        IOException last = null;
        for (int attempt = 0; attempt < Math.min(ports.size(), 20); attempt++) {
            PortLease lease = ports.allocate("ICE " + address);
            try {
                requireFree(ip, lease.port());
                SinglePortUdpHarvester h = new SinglePortUdpHarvester(new TransportAddress(ip, lease.port(),
                        Transport.UDP));
                leases.add(lease);
                LOG.info("ICE listening on {}:{} (UDP)", address, lease.port());
                return h;
            } catch (IOException e) {
                ports.quarantine(lease);
                last = e;
                LOG.warn("UDP port {} on {} is taken by another process; trying the next one", lease.port(), address);
            }
        }
        throw new IOException("cannot bind an ICE port on " + address + " in " + ports.name(), last);
    }

    /**
     * Fails when any socket is bound to the port. ice4j binds its pool of sending sockets (one per CPU) with
     * SO_REUSEADDR, so its own bind succeeds even where another node already listens, and on Linux the socket
     * bound last then gets every packet: the other node's media would be silently taken. A plain bind fails there.
     */
    private static void requireFree(InetAddress ip, int port) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(ip, port))) {
            LOG.trace("UDP port {} on {} is free", probe.getLocalPort(), ip.getHostAddress());
        }
    }

    private void addMappings() throws IOException {
        if (!config.publicAddress().isEmpty() && !hosts.isEmpty()) {
            TransportAddress face = hosts.get(0).getLocalAddress();
            TransportAddress mask = new TransportAddress(InetAddress.getByName(config.publicAddress()),
                    face.getPort(), Transport.UDP);
            mappings.add(new StaticMappingCandidateHarvester(mask, face, "nat_1_1_mapping", false));
        }
        if (!config.stunServer().isEmpty() && !hosts.isEmpty()) {
            String[] hp = config.stunServer().split(":");
            TransportAddress stun = new TransportAddress(hp[0], hp.length > 1 ? Integer.parseInt(hp[1]) : 3478,
                    Transport.UDP);
            StunMappingCandidateHarvester h = new StunMappingCandidateHarvester(hosts.get(0).getLocalAddress(), stun);
            h.discover();
            if (h.getMask() != null) {
                LOG.info("STUN server {} reports our public address {}", config.stunServer(), h.getMask());
                mappings.add(h);
            } else {
                LOG.warn("STUN server {} did not answer; no server-reflexive candidates", config.stunServer());
            }
        }
    }

    List<SinglePortUdpHarvester> hosts() {
        return hosts;
    }

    List<CandidateHarvester> mappings() {
        return mappings;
    }

    IceConfig config() {
        return config;
    }

    /** The bound host sockets, for logs and the status port. */
    public List<String> endpoints() {
        List<String> out = new ArrayList<>();
        for (SinglePortUdpHarvester h : hosts) {
            out.add(h.getLocalAddress().getHostAddress() + ":" + h.getLocalAddress().getPort());
        }
        return out;
    }

    @Override
    public void close() {
        for (SinglePortUdpHarvester h : hosts) {
            h.close();
        }
        hosts.clear();
        leases.forEach(PortLease::close);
        leases.clear();
    }
}
