package io.webfon.rtp.ice;

import io.webfon.rtp.ports.PortExhaustedException;
import io.webfon.rtp.ports.PortLease;
import io.webfon.rtp.ports.UdpPortAllocator;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.StackProperties;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.harvest.AbstractUdpListener;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.ice.harvest.StaticMappingCandidateHarvester;
import org.ice4j.ice.harvest.StunMappingCandidateHarvester;
import org.ice4j.stack.StunClientTransaction;
import org.ice4j.util.Buffer;

/**
 * The node's ICE sockets: one UDP port per configured address, taken from the media port range, shared by every
 * PeerConnection (ice4j's single-port harvester, which tells peers apart by their ICE username). Received
 * payload is pushed to each session's callback by one reader thread per socket (ice4j's push API), so the
 * packet path has no thread per peer. Mapping harvesters add the public address
 * ({@code nat_1_1_mapping}) or the one a STUN server reports. A busy reader only receives: each session's
 * packets are then handled on its lane of the {@link PacketLanes} kept here, so the work spreads over the cores
 * (in both modes). With a TURN server, each session also leases a port
 * of the same range for its own TURN client socket ({@link TurnRelay}), and allocates on it on the TURN allocation
 * threads kept here, never on the thread that creates the session. In full-ICE mode one ice4j agent is kept made
 * ahead, on a low-priority thread of its own, so that the offer's path only takes it ({@link #takeAgentParts}).
 *
 * <p>In ICE-lite mode ({@link IceConfig#iceLite()}) the shared sockets are the node's own ({@link LiteIceSocket}):
 * ice4j has no lite agent, and a lite agent needs only the check responder. One scheduler thread then sweeps the
 * sessions for lost consent.
 */
public final class IceHarvesters implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(IceHarvesters.class);
    /** Room left after each received packet so SRTP can grow it in place (GCM tag or HMAC tag). */
    public static final int TRAILER_ROOM = 32;

    static {
        // Must be set before any single-port harvester exists (ice4j doc/push-api.md).
        AbstractUdpListener.USE_PUSH_API = true;
        AbstractUdpListener.BYTES_TO_LEAVE_AT_END_OF_PACKET = TRAILER_ROOM;
        ReceiveBufferPool.install();
    }

    private final IceConfig config;
    private final List<SinglePortUdpHarvester> hosts = new ArrayList<>();
    private final List<LiteIceSocket> liteSockets = new ArrayList<>();
    /** Sweeps ICE-lite sessions for lost consent; only in ICE-lite mode. */
    private final ScheduledExecutorService liteConsent;
    private final long liteConsentTimeoutNanos;
    private final List<CandidateHarvester> mappings = new ArrayList<>();
    private final List<PortLease> leases = new ArrayList<>();
    private final UdpPortAllocator ports;
    /** Ends TURN allocations that take too long; only with a TURN server. */
    private final ScheduledExecutorService turnTimer;
    /** Runs TURN allocations, each blocking its thread up to the allocate timeout; only with a TURN server. */
    private final ExecutorService turnAllocations;
    /** An ice4j agent made ahead for the next full-ICE session (see {@link IceSession.AgentParts}); null in lite. */
    private final AtomicReference<IceSession.AgentParts> spareAgent = new AtomicReference<>();
    /** Makes {@link #spareAgent} again after each session took it, off the offer's path; null in ICE-lite mode. */
    private final ExecutorService spareAgentMaker;
    /** Where sessions handle their received media when the readers are busy. */
    private final PacketLanes lanes;
    /** Full-ICE sessions by their local ufrag, for the first check from each address ({@link FirstCheckHarvester}). */
    private final Map<String, IceSession> firstChecks = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Until when ({@link System#nanoTime()}) sessions skip a TURN server that did not answer. */
    private volatile long turnSilentUntil;
    private volatile boolean turnSilent;

    /**
     * How long sessions skip a TURN server that let an allocation time out. The answer no longer waits for the
     * allocation, but a server that is down would otherwise hold an allocation thread for the whole timeout, and
     * log a WARN line, for every new call.
     */
    static final java.time.Duration TURN_SILENCE = java.time.Duration.ofSeconds(30);
    /**
     * TURN allocations under way at once; more wait their turn. A healthy server answers in a few round trips, a
     * slow one holds a thread at most the allocate timeout, and a silent one is skipped ({@link #TURN_SILENCE}).
     */
    static final int TURN_ALLOCATION_THREADS = 16;

    /**
     * Receive buffer asked for the shared ICE sockets. Every call's packets queue on one socket, so the 208 KiB
     * Linux default overflowed in bursts at 250 calls on a busy 2-core machine (kernel drops, docs/performance.md);
     * the kernel caps the request at net.core.rmem_max (the deployment kit raises it to this value).
     */
    static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final String RECEIVE_BUFFER_KEY = "ice4j.harvest.udp.receive-buffer-size";

    /**
     * How long an ICE-lite session's selected pair may go without a check from the peer: RFC 7675's 30 s, which
     * covers five or six of a browser's consent checks.
     */
    static final java.time.Duration LITE_CONSENT_TIMEOUT = java.time.Duration.ofSeconds(30);

    /** Binds one socket per host address on a port of the allocator's range. */
    public IceHarvesters(IceConfig config, UdpPortAllocator ports) throws IOException, PortExhaustedException {
        this(config, ports, LITE_CONSENT_TIMEOUT);
    }

    /** As above, with another ICE-lite consent timeout (tests). */
    IceHarvesters(IceConfig config, UdpPortAllocator ports, java.time.Duration liteConsentTimeout)
            throws IOException, PortExhaustedException {
        // ice4j reads its configuration once, from system properties among others: this must precede its first use.
        if (System.getProperty(RECEIVE_BUFFER_KEY) == null) {
            System.setProperty(RECEIVE_BUFFER_KEY, Integer.toString(RECEIVE_BUFFER_BYTES));
        }
        // Before the first agent: one thread for every agent's periodic work (see AgentTaskThread).
        AgentTaskThread.install();
        this.config = config;
        this.ports = ports;
        this.turnTimer = config.turn() == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ice-turn-timer");
            t.setDaemon(true);
            return t;
        });
        this.turnAllocations = config.turn() == null ? null : allocationThreads();
        this.liteConsentTimeoutNanos = liteConsentTimeout.toNanos();
        this.spareAgentMaker = config.iceLite() ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ice-spare-agent");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        this.lanes = new PacketLanes(config.packetThreadsOrDefault());
        this.liteConsent = !config.iceLite() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ice-lite-consent");
            t.setDaemon(true);
            return t;
        });
        try {
            for (String address : config.hostAddresses()) {
                if (config.iceLite()) {
                    liteSockets.add(bindLite(address, ports));
                } else {
                    hosts.add(bind(address, ports));
                }
            }
            if (config.iceLite()) {
                long period = Math.max(100, Math.min(1_000, liteConsentTimeout.toMillis() / 4));
                liteConsent.scheduleWithFixedDelay(this::sweepLiteConsent, period, period, TimeUnit.MILLISECONDS);
            } else {
                addMappings();
            }
            if (config.turn() != null) {
                prepareTurn(config.turn());
            }
            makeSpareAgent();
        } catch (IOException | PortExhaustedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * ice4j's STUN/TURN harvester sets the JVM-wide STUN retransmission properties to 3 retransmissions of at most
     * 400 ms when nobody has set them, which would also shorten every later connectivity check of every agent. We
     * pin them to ice4j's own transaction defaults first, so TURN changes nothing for the other checks; the
     * allocation itself is bounded by {@link TurnServer#allocateTimeout()} instead.
     */
    private void prepareTurn(TurnServer turn) {
        if (System.getProperty(StackProperties.MAX_CTRAN_RETRANS_TIMER) == null) {
            System.setProperty(StackProperties.MAX_CTRAN_RETRANS_TIMER,
                    Integer.toString(StunClientTransaction.DEFAULT_MAX_WAIT_INTERVAL));
        }
        if (System.getProperty(StackProperties.MAX_CTRAN_RETRANSMISSIONS) == null) {
            System.setProperty(StackProperties.MAX_CTRAN_RETRANSMISSIONS,
                    Integer.toString(StunClientTransaction.DEFAULT_MAX_RETRANSMISSIONS));
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a TURN server needs an ICE address to send from");
        }
        try {
            LOG.info("TURN server {} ({}): a relayed candidate per PeerConnection, from {}", turn,
                    turnServerAddress().getHostAddress(), turnClientAddress().getHostAddress());
        } catch (UnknownHostException e) {
            LOG.warn("TURN server {}: the name does not resolve now ({}); each PeerConnection tries again", turn,
                    e.getMessage());
        }
    }

    /** The TURN server's address now (a name is resolved through the JVM's cache), IPv4 preferred. */
    InetAddress turnServerAddress() throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(config.turn().host());
        for (InetAddress a : all) {
            if (a instanceof java.net.Inet4Address) {
                return a;
            }
        }
        return all[0];
    }

    /** The address TURN client sockets are bound to: the first ICE address. */
    InetAddress turnClientAddress() {
        return hosts.get(0).getLocalAddress().getAddress();
    }

    /** Whether the TURN server let an allocation time out less than {@link #TURN_SILENCE} ago. */
    boolean turnSilent() {
        return turnSilent && System.nanoTime() - turnSilentUntil < 0;
    }

    void turnDidNotAnswer() {
        turnSilentUntil = System.nanoTime() + TURN_SILENCE.toNanos();
        turnSilent = true;
    }

    /** A port of the media range for one session's TURN client socket. */
    PortLease leaseTurnPort(String purpose) throws PortExhaustedException {
        return ports.allocate(purpose);
    }

    /** Gives back a leased port that another process holds (it is not handed out again). */
    void quarantine(PortLease lease) {
        ports.quarantine(lease);
    }

    ScheduledExecutorService turnTimer() {
        return turnTimer;
    }

    /** Where sessions allocate their relayed candidates: daemon threads, none kept while idle. */
    ExecutorService turnAllocations() {
        return turnAllocations;
    }

    private static ExecutorService allocationThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(TURN_ALLOCATION_THREADS, TURN_ALLOCATION_THREADS, 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ice-turn-allocate-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A new ICE session for one PeerConnection: ICE-lite, always controlled, in lite mode; else full ICE through
     * ice4j, controlling when we made the offer.
     */
    public IceTransport newSession(boolean controlling, IceListener listener, String name) throws IOException {
        return config.iceLite() ? new LiteIceSession(this, listener, name)
                : new IceSession(this, controlling, listener, name);
    }

    /** The packet threads the sessions hand their datagrams to when the readers are busy. */
    PacketLanes lanes() {
        return lanes;
    }

    /** How many threads handle received media when the shared sockets' readers are busy. */
    public int packetThreads() {
        return lanes.threads();
    }

    /** The packet work of the last 100 ms that had packets, in percent of a core. */
    public int packetLoadPercent() {
        return lanes.loadPercent();
    }

    /** Whether the readers hand packets to the packet threads now (the work is too much for them). */
    public boolean packetOffloading() {
        return lanes.offloading();
    }

    /** How many times the readers started to hand packets to the packet threads, since start. */
    public long packetOffloads() {
        return lanes.offloadsStarted();
    }

    /** Datagrams dropped since start because a session's packet thread was that far behind. */
    public long packetOverflows() {
        return lanes.overflows();
    }

    /** The agent made ahead if there is one (and another is made for next time), else a new one. */
    IceSession.AgentParts takeAgentParts() throws IOException {
        IceSession.AgentParts parts = spareAgent.getAndSet(null);
        makeSpareAgent();
        return parts != null ? parts : IceSession.prepare(this);
    }

    private void makeSpareAgent() {
        if (spareAgentMaker == null || closed) {
            return;
        }
        try {
            spareAgentMaker.execute(this::fillSpareAgent);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void fillSpareAgent() {
        if (closed || spareAgent.get() != null) {
            return;
        }
        try {
            IceSession.AgentParts parts = IceSession.prepare(this);
            if (!spareAgent.compareAndSet(null, parts)) {
                parts.free();
            }
            if (closed) {
                freeSpareAgent();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("No ICE agent made ahead ({}); the next session makes its own", e.toString());
        }
    }

    /** The agent made ahead now, or null (tests). */
    IceSession.AgentParts spareAgentForTests() {
        return spareAgent.get();
    }

    private void freeSpareAgent() {
        IceSession.AgentParts parts = spareAgent.getAndSet(null);
        if (parts != null) {
            parts.free();
        }
    }

    /** Whether sessions are ICE-lite ({@link IceConfig#iceLite()}). */
    public boolean isLite() {
        return config.iceLite();
    }

    List<LiteIceSocket> liteSockets() {
        return liteSockets;
    }

    private void sweepLiteConsent() {
        long now = System.nanoTime();
        for (LiteIceSocket s : liteSockets) {
            for (LiteIceSession session : s.sessions()) {
                try {
                    session.checkConsent(now, liteConsentTimeoutNanos);
                } catch (RuntimeException e) {
                    LOG.error("ICE-lite consent check failed", e);
                }
            }
        }
    }

    /**
     * What the ICE-lite sockets refused, by cause, summed over the sockets: {@code unknown-source} (not from an
     * address a check authenticated), {@code unknown-ufrag}, {@code bad-integrity}, {@code malformed-stun},
     * {@code other-stun} (indications, stray responses). Empty in full ICE mode.
     */
    public java.util.Map<String, Long> liteDrops() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (!config.iceLite()) {
            return out;
        }
        long source = 0;
        long ufrag = 0;
        long integrity = 0;
        long malformed = 0;
        long other = 0;
        for (LiteIceSocket s : liteSockets) {
            source += s.unknownSource.sum();
            ufrag += s.unknownUfrag.sum();
            integrity += s.badIntegrity.sum();
            malformed += s.malformedStun.sum();
            other += s.otherStun.sum();
        }
        out.put("unknown-source", source);
        out.put("unknown-ufrag", ufrag);
        out.put("bad-integrity", integrity);
        out.put("malformed-stun", malformed);
        out.put("other-stun", other);
        return out;
    }

    private LiteIceSocket bindLite(String address, UdpPortAllocator ports) throws IOException, PortExhaustedException {
        InetAddress ip = InetAddress.getByName(address);
        IOException last = null;
        int buffer = Integer.getInteger(RECEIVE_BUFFER_KEY, RECEIVE_BUFFER_BYTES);
        for (int attempt = 0; attempt < Math.min(ports.size(), 20); attempt++) {
            PortLease lease = ports.allocate("ICE " + address);
            try {
                LiteIceSocket s = new LiteIceSocket(new InetSocketAddress(ip, lease.port()), buffer);
                leases.add(lease);
                LOG.info("ICE-lite listening on {}:{} (UDP)", address, lease.port());
                return s;
            } catch (IOException e) {
                ports.quarantine(lease);
                last = e;
                LOG.warn("UDP port {} on {} is taken by another process; trying the next one", lease.port(), address);
            }
        }
        throw new IOException("cannot bind an ICE port on " + address + " in " + ports.name(), last);
    }

    private SinglePortUdpHarvester bind(String address, UdpPortAllocator ports)
            throws IOException, PortExhaustedException {
        InetAddress ip = InetAddress.getByName(address);
        IOException last = null;
        for (int attempt = 0; attempt < Math.min(ports.size(), 20); attempt++) {
            PortLease lease = ports.allocate("ICE " + address);
            try {
                requireFree(ip, lease.port());
                SinglePortUdpHarvester h = new FirstCheckHarvester(new TransportAddress(ip, lease.port(),
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

    /** A full-ICE session, by its local ufrag, is offered the first check from each new address while it lives. */
    void expectFirstChecks(String localUfrag, IceSession session) {
        firstChecks.put(localUfrag, session);
    }

    void forgetFirstChecks(String localUfrag, IceSession session) {
        firstChecks.remove(localUfrag, session);
    }

    /**
     * ice4j's shared-socket harvester, with each new remote address's first check offered to its session on the
     * reader thread ({@link IceSession#answerFirstCheck}) once ice4j has set up that address's socket, so the
     * response can go out on it. Nothing may escape into the reader: it serves every call on the port.
     */
    private final class FirstCheckHarvester extends SinglePortUdpHarvester {
        FirstCheckHarvester(TransportAddress address) throws IOException {
            super(address);
        }

        @Override
        protected MySocket maybeAcceptNewSession(Buffer buf, InetSocketAddress remote, String ufrag) {
            MySocket socket = super.maybeAcceptNewSession(buf, remote, ufrag);
            IceSession session = socket == null ? null : firstChecks.get(ufrag);
            if (session != null) {
                try {
                    session.answerFirstCheck(buf.getBuffer(), buf.getOffset(), buf.getLength(), localAddress, remote,
                            response -> socket.send(new DatagramPacket(response, response.length)));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("First check from {} left to ice4j: {}", remote, e.toString());
                }
            }
            return socket;
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

    /** The bound host sockets' local addresses (full ICE and ICE-lite alike), for the node's own loopback calls. */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (SinglePortUdpHarvester h : hosts) {
            out.add(h.getLocalAddress());
        }
        for (LiteIceSocket s : liteSockets) {
            out.add(s.localAddress());
        }
        return out;
    }

    /** Whether each session also allocates a relayed candidate on the configured TURN server. */
    public boolean relays() {
        return config.turn() != null;
    }

    /** The bound host sockets, for logs and the status port. */
    public List<String> endpoints() {
        List<String> out = new ArrayList<>();
        for (SinglePortUdpHarvester h : hosts) {
            out.add(h.getLocalAddress().getHostAddress() + ":" + h.getLocalAddress().getPort());
        }
        for (LiteIceSocket s : liteSockets) {
            out.add(s.toString());
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        if (spareAgentMaker != null) {
            spareAgentMaker.shutdownNow();
        }
        freeSpareAgent();
        for (SinglePortUdpHarvester h : hosts) {
            h.close();
        }
        hosts.clear();
        if (liteConsent != null) {
            liteConsent.shutdownNow();
        }
        for (LiteIceSocket s : liteSockets) {
            s.close();
        }
        liteSockets.clear();
        // After the readers stopped, so no datagram is queued on a stopped lane.
        lanes.close();
        leases.forEach(PortLease::close);
        leases.clear();
        if (turnAllocations != null) {
            turnAllocations.shutdownNow(); // drops waiting allocations; a running one ends by its timer or session
        }
        if (turnTimer != null) {
            turnTimer.shutdown(); // pending timeouts still fire, so no allocation thread waits for ever
        }
    }
}
