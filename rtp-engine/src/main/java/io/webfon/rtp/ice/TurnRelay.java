package io.webfon.rtp.ice;

import io.webfon.rtp.ports.PortExhaustedException;
import io.webfon.rtp.ports.PortLease;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.BaseStunMessageEvent;
import org.ice4j.StunException;
import org.ice4j.StunResponseEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.ice.Candidate;
import org.ice4j.ice.Component;
import org.ice4j.ice.HostCandidate;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RelayedCandidate;
import org.ice4j.ice.ServerReflexiveCandidate;
import org.ice4j.ice.harvest.TurnCandidateHarvest;
import org.ice4j.ice.harvest.TurnCandidateHarvester;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.message.Response;
import org.ice4j.security.LongTermCredential;
import org.ice4j.socket.IceSocketWrapper;
import org.ice4j.socket.IceUdpSocketWrapper;
import org.ice4j.socket.MultiplexingDatagramSocket;
import org.ice4j.stack.StunStack;
import org.ice4j.stack.TransactionID;

/**
 * One ICE session's relayed candidate (RFC 8656, UDP, long-term credentials), allocated through ice4j's TURN
 * client. The node's host candidates share one socket per address, which a TURN allocation cannot use (the
 * allocation is bound to its client's 5-tuple and the shared socket only knows peers that sent it a check), so
 * each session gets its own TURN client socket, on a port leased from the media range: running out of ports is
 * the allocator's clear error, and the port is given back on {@link #close()}. That socket is an ice4j host
 * candidate that is never announced and never paired ({@link ClientCandidate}), so connectivity checks only go
 * through the relay and the shared host sockets.
 *
 * <p>The allocation runs in the background ({@link IceHarvesters#turnAllocations()}), never on the thread that
 * creates the session: the SDP goes out with the other candidates, and the relayed one follows as a trickle
 * ({@link Outcome}). It is bounded: after {@link TurnServer#allocateTimeout()} without a relayed address the
 * session goes on with its other candidates, and the WARN line says why (never with the password).
 * {@link #close()} at any point, even mid-allocation, gives the port back, deletes an allocation the server may
 * have granted (a Refresh with lifetime 0) and reports nothing afterwards. Payload received through the relay is
 * read by one thread per relay and handed to the session's listener, like the shared sockets' payload.
 */
final class TurnRelay implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(TurnRelay.class);
    private static final AtomicInteger READERS = new AtomicInteger();
    private static final int MAX_DATAGRAM = 1500;
    private static final String NO_ANSWER = "no answer";
    private static final String MISMATCH = "error 437";
    private static final String CLOSED = "the session closed";

    /** What the background allocation reports to its session, on the allocation thread, never after close. */
    interface Outcome {
        /** The relayed candidate is among the component's local candidates now. */
        void relayed(LocalCandidate candidate);

        /** The allocation is over, with or without a relayed candidate (after {@link #relayed} if there is one). */
        void done();
    }

    private final IceHarvesters harvesters;
    private final Component component;
    private final String name;
    private final IceListener packets;
    private final Outcome outcome;
    /** Hands the current attempt's resources over between the allocation thread and {@link #close()}. */
    private final Object lock = new Object();
    private volatile boolean closed;
    /** The attempt whose port, sockets and allocation are held now (guarded by {@link #lock}). */
    private Attempt current;
    private volatile Attempt allocated;
    private volatile boolean gathering = true;
    private volatile Thread reader;

    private TurnRelay(IceHarvesters harvesters, Component component, String name, IceListener packets,
            Outcome outcome) {
        this.harvesters = harvesters;
        this.component = component;
        this.name = name;
        this.packets = packets;
        this.outcome = outcome;
    }

    /**
     * Starts allocating a relayed candidate for {@code component} on the TURN allocation threads and returns at
     * once. The outcome comes later: {@link Outcome#relayed} then {@link Outcome#done}, or only
     * {@link Outcome#done} after a WARN line naming the reason (no port, server down or slow, refused credentials).
     * While the server is known to be silent nothing is tried and nothing is reported: {@link #isGathering()} is
     * false from the start.
     */
    static TurnRelay start(IceHarvesters harvesters, Component component, String name, IceListener packets,
            Outcome outcome) {
        TurnRelay relay = new TurnRelay(harvesters, component, name, packets, outcome);
        if (harvesters.turnSilent()) {
            LOG.debug("[{}] No TURN allocation: {} did not answer a moment ago", name, harvesters.config().turn());
            relay.gathering = false;
            return relay;
        }
        try {
            harvesters.turnAllocations().execute(relay::allocate);
        } catch (RejectedExecutionException e) {
            LOG.debug("[{}] No TURN allocation: the node is stopping", name);
            relay.gathering = false;
        }
        return relay;
    }

    /** Whether the allocation is still under way (a relayed candidate may still come). */
    boolean isGathering() {
        return gathering;
    }

    /** The allocation thread's work: up to two attempts, then the outcome. */
    private void allocate() {
        String failure;
        try {
            failure = allocateRelay();
        } catch (PortExhaustedException e) {
            failure = e.getMessage();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
        if (closed) {
            gathering = false;
            return;
        }
        if (failure != null) {
            LOG.warn("[{}] TURN allocation on {} failed: {}; going on without a relayed candidate", name,
                    harvesters.config().turn(), failure);
        }
        gathering = false;
        outcome.done();
    }

    /** Returns null when a relay was allocated and reported (or the session closed), else why not. */
    private String allocateRelay() throws IOException, PortExhaustedException {
        TurnServer server = harvesters.config().turn();
        TransportAddress serverAddress = new TransportAddress(harvesters.turnServerAddress(), server.port(),
                Transport.UDP);
        String failure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            Attempt a = bind();
            if (a == null) {
                return null;
            }
            failure = a.harvest(server, serverAddress);
            synchronized (lock) {
                if (closed) {
                    a.release(); // close() took it already; releasing twice is a no-op
                    return null;
                }
                if (failure == null) {
                    allocated = a;
                    startReader(a.relayed);
                } else {
                    current = null;
                }
            }
            if (failure == null) {
                LOG.debug("[{}] TURN relay {} allocated on {}", name, relayedAddress(), server);
                outcome.relayed(a.relayed);
                return null;
            }
            a.release();
            // RFC 8656 §7.2: 437 means the server still holds an allocation for this client port (one deleted a
            // moment ago, by another node on the same range); a new port is a new 5-tuple.
            if (!failure.startsWith(MISMATCH)) {
                break;
            }
            LOG.debug("[{}] TURN allocation mismatch on a reused port; trying another port", name);
        }
        if (failure.startsWith(NO_ANSWER)) {
            harvesters.turnDidNotAnswer();
            failure += "; no relayed candidates for the next " + IceHarvesters.TURN_SILENCE.toSeconds() + " s";
        }
        return failure;
    }

    /**
     * Leases a port and binds the session's TURN client socket on the first ICE address; null when the session
     * closed. Under the lock, so {@link #close()} either comes first or finds the attempt to release.
     */
    private Attempt bind() throws IOException, PortExhaustedException {
        InetAddress ip = harvesters.turnClientAddress();
        IOException last = null;
        synchronized (lock) {
            for (int attempt = 0; attempt < 5; attempt++) {
                if (closed) {
                    return null;
                }
                PortLease lease = harvesters.leaseTurnPort("TURN client of " + name);
                MultiplexingDatagramSocket socket;
                try {
                    socket = new MultiplexingDatagramSocket(lease.port(), ip);
                } catch (SocketException e) {
                    harvesters.quarantine(lease);
                    last = e;
                    LOG.warn("UDP port {} on {} is taken by another process; trying the next one", lease.port(),
                            ip.getHostAddress());
                    continue;
                }
                ClientCandidate client = new ClientCandidate(new IceUdpSocketWrapper(socket), component);
                component.addLocalCandidate(client);
                StunStack stunStack = component.getParentStream().getParentAgent().getStunStack();
                stunStack.addSocket(client.getStunSocket(null));
                current = new Attempt(lease, client, stunStack);
                return current;
            }
        }
        throw new IOException("cannot bind a TURN client port on " + ip.getHostAddress(), last);
    }

    /** One thread hands the payload (DTLS, RTP, RTCP) received through the relay to the session. */
    private void startReader(RelayedCandidate relayed) {
        DatagramSocket socket = relayed.getCandidateIceSocketWrapper().getUDPSocket();
        Thread t = new Thread(() -> read(socket), "ice-turn-relay-" + READERS.incrementAndGet());
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void read(DatagramSocket socket) {
        byte[] buf = new byte[MAX_DATAGRAM + IceHarvesters.TRAILER_ROOM];
        DatagramPacket p = new DatagramPacket(buf, MAX_DATAGRAM);
        while (!closed) {
            try {
                p.setData(buf, 0, MAX_DATAGRAM);
                socket.receive(p);
                if (!closed) {
                    packets.onPacket(buf, 0, p.getLength(), buf.length - p.getLength());
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("[{}] TURN relay stopped receiving: {}", name, e.toString());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("[{}] Packet from the TURN relay failed", name, e);
            }
        }
    }

    /** Whether a local candidate is a TURN client socket: not to be announced. */
    static boolean isClientSocket(LocalCandidate c) {
        return c instanceof ClientCandidate;
    }

    /** The relayed address, {@code ip:port}, or null while there is none. */
    String relayedAddress() {
        Attempt a = allocated;
        if (a == null) {
            return null;
        }
        TransportAddress address = a.relayed.getTransportAddress();
        return address.getHostAddress() + ":" + address.getPort();
    }

    /**
     * Stops the allocation wherever it is, deletes the allocation (a Refresh with lifetime 0, sent while the
     * agent's STUN stack still runs), closes the client socket and gives its port back; nothing is reported
     * afterwards. Call before freeing the agent.
     */
    @Override
    public void close() {
        Attempt a;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            a = current;
            current = null;
        }
        if (a != null) {
            a.release();
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }

    /** One client port and its allocation: what a failed attempt or {@link #close()} gives back. */
    private final class Attempt {
        private final PortLease lease;
        private final ClientCandidate client;
        private final StunStack stunStack;
        private volatile RelayHarvest harvest;
        private volatile RelayedCandidate relayed;
        private volatile boolean released;

        Attempt(PortLease lease, ClientCandidate client, StunStack stunStack) {
            this.lease = lease;
            this.client = client;
            this.stunStack = stunStack;
        }

        /** Runs ice4j's TURN harvest for our client candidate, bounded; returns null on success, else why not. */
        String harvest(TurnServer server, TransportAddress serverAddress) {
            LongTermCredential credential = server.hasCredentials()
                    ? new LongTermCredential(server.user(), server.password()) : null;
            RelayHarvester harvester = new RelayHarvester(serverAddress, credential, this);
            long timeoutMillis = server.allocateTimeout().toMillis();
            ScheduledFuture<?> timer = harvesters.turnTimer().schedule(() -> {
                RelayHarvest h = harvest;
                if (h != null) {
                    h.abort(NO_ANSWER + " within " + timeoutMillis + " ms");
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                if (!released) {
                    harvester.harvest(component);
                }
            } finally {
                timer.cancel(false);
            }
            RelayHarvest h = harvest;
            if (released) {
                return CLOSED;
            }
            if (h == null) {
                return "the allocation could not be sent";
            }
            synchronized (h) {
                RelayedCandidate c = h.relayed;
                if (c != null && component.getLocalCandidates().contains(c)) {
                    relayed = c;
                    return null;
                }
                return h.failure != null ? h.failure : "no relayed address in the answer";
            }
        }

        /** Gives everything back, once: the allocation (granted or maybe granted), the sockets, the port. */
        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            RelayHarvest h = harvest;
            RelayedCandidate r = h == null ? null : h.cancel();
            if (r != null) {
                // The STUN stack stops reading the relayed socket first (else it logs the closed socket as a
                // death); then closing it sends the Refresh(0) and stops ice4j's refresh and channel threads.
                stunStack.removeSocket(r.getTransportAddress());
                r.getCandidateIceSocketWrapper().close();
            }
            if (h != null) {
                h.close();
            }
            IceSocketWrapper socket = client.getCandidateIceSocketWrapper();
            stunStack.removeSocket(client.getTransportAddress());
            socket.close();
            lease.close();
        }
    }

    /** The TURN client socket as ice4j sees it: a host candidate that reaches nobody, so it is never paired. */
    private static final class ClientCandidate extends HostCandidate {
        ClientCandidate(IceSocketWrapper socket, Component component) {
            super(socket, component);
        }

        @Override
        public boolean canReach(Candidate<?> dst) {
            return false;
        }
    }

    /** ice4j's TURN harvester limited to one attempt's client candidate (not the shared sockets' candidates). */
    private static final class RelayHarvester extends TurnCandidateHarvester {
        private final Attempt attempt;

        RelayHarvester(TransportAddress server, LongTermCredential credential, Attempt attempt) {
            super(server, credential);
            this.attempt = attempt;
        }

        @Override
        protected HostCandidate getHostCandidate(HostCandidate hostCand) {
            return hostCand == attempt.client && !attempt.released ? hostCand : null;
        }

        @Override
        protected TurnCandidateHarvest createHarvest(HostCandidate hostCandidate) {
            RelayHarvest h = new RelayHarvest(this, hostCandidate);
            attempt.harvest = h;
            return h;
        }
    }

    /**
     * One allocation: ice4j's, with five changes. No server-reflexive candidate (its base would be the client
     * socket, which must stay unpaired); no fallback Binding request after a failed Allocate; the reason of a
     * failure is kept for the log; {@link #abort} ends a harvest that waits too long; {@link #cancel} ends it for
     * a closing session and deletes what the server may have granted meanwhile. The response handlers, the abort
     * and the cancel take this object's lock, so a late answer cannot add a relay after the session gave up.
     */
    private static final class RelayHarvest extends TurnCandidateHarvest {
        private volatile boolean started;
        private boolean aborted;
        private boolean completed;
        private String failure;
        private RelayedCandidate relayed;

        RelayHarvest(TurnCandidateHarvester harvester, HostCandidate hostCandidate) {
            super(harvester, hostCandidate);
        }

        @Override
        protected Request createRequestToStartResolvingCandidate() {
            if (started) {
                return null;
            }
            started = true;
            return super.createRequestToStartResolvingCandidate();
        }

        @Override
        protected ServerReflexiveCandidate createServerReflexiveCandidate(TransportAddress address) {
            return null;
        }

        @Override
        protected synchronized RelayedCandidate createRelayedCandidate(TransportAddress transportAddress,
                TransportAddress mappedAddress) {
            if (aborted) {
                return null;
            }
            relayed = super.createRelayedCandidate(transportAddress, mappedAddress);
            return relayed;
        }

        @Override
        protected synchronized boolean processErrorOrFailure(Response response, Request request,
                TransactionID transactionID) {
            if (request != null && request.getMessageType() == Message.ALLOCATE_REQUEST && failure == null) {
                failure = describe(response);
            }
            return super.processErrorOrFailure(response, request, transactionID);
        }

        private static String describe(Response response) {
            if (response == null) {
                return NO_ANSWER + " from the server";
            }
            if (response.getAttribute(Attribute.ERROR_CODE) instanceof ErrorCodeAttribute e) {
                String hint = e.getErrorCode() == 401 ? " (check nat.turn_user and nat.turn_pwd)" : "";
                String reason = e.getReasonPhrase() == null ? "" : " " + e.getReasonPhrase().trim();
                return "error " + (int) e.getErrorCode() + reason + hint;
            }
            return "error response without a code";
        }

        @Override
        public synchronized void processResponse(StunResponseEvent event) {
            if (!aborted) {
                super.processResponse(event);
            }
        }

        @Override
        protected synchronized void processFailure(BaseStunMessageEvent event) {
            if (!aborted) {
                super.processFailure(event);
            }
        }

        @Override
        protected synchronized boolean completedResolvingCandidate(Request request, Response response) {
            boolean done = super.completedResolvingCandidate(request, response);
            completed |= done;
            return done;
        }

        /** Gives up waiting: the harvest completes now, without a relayed candidate. */
        synchronized void abort(String reason) {
            if (relayed != null || aborted) {
                return;
            }
            aborted = true;
            started = true;
            failure = reason;
            completedResolvingCandidate(null, null);
        }

        /**
         * Ends the harvest for a closing session. Returns the relayed candidate when the allocation succeeded
         * (closing its socket deletes the allocation). Otherwise aborts, and if an Allocate is still waiting for
         * its answer, sends a Refresh with lifetime 0 on the same 5-tuple (with the realm and nonce of the
         * server's challenge), so an allocation granted in the meantime is deleted at once instead of living out
         * its lifetime on the server; its answer is ignored.
         */
        synchronized RelayedCandidate cancel() {
            if (relayed != null) {
                return relayed;
            }
            if (started && !aborted && !completed) {
                // Before the abort: completing the harvest forgets the credentials the Refresh needs.
                try {
                    sendRequest(MessageFactory.createRefreshRequest(0), false, null);
                } catch (StunException | RuntimeException e) {
                    LOG.debug("Deleting a pending TURN allocation: {}", e.toString());
                }
            }
            abort(CLOSED);
            return null;
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a TURN harvest: {}", e.toString());
            }
        }
    }
}
