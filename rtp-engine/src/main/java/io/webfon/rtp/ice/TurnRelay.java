package io.webfon.rtp.ice;

import io.webfon.rtp.ports.PortExhaustedException;
import io.webfon.rtp.ports.PortLease;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.BaseStunMessageEvent;
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
 * <p>The allocation is bounded: after {@link TurnServer#allocateTimeout()} without a relayed address the session
 * goes on with its other candidates, and the WARN line says why (never with the password). Payload received
 * through the relay is read by one thread per relay and handed to the session's listener, like the shared
 * sockets' payload.
 */
final class TurnRelay implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(TurnRelay.class);
    private static final AtomicInteger READERS = new AtomicInteger();
    private static final int MAX_DATAGRAM = 1500;
    private static final String NO_ANSWER = "no answer";
    private static final String MISMATCH = "error 437";

    private final String name;
    private final PortLease lease;
    private final ClientCandidate client;
    private final StunStack stunStack;
    private volatile RelayHarvest harvest;
    private volatile RelayedCandidate relayed;
    private volatile Thread reader;
    private volatile boolean closed;

    private TurnRelay(String name, PortLease lease, ClientCandidate client, StunStack stunStack) {
        this.name = name;
        this.lease = lease;
        this.client = client;
        this.stunStack = stunStack;
    }

    /**
     * Allocates a relayed candidate for {@code component} and adds it to the component's local candidates; returns
     * null, after a WARN line naming the reason, when no relay could be had (no port, server down or slow, refused
     * credentials). Blocks at most about the server's allocate timeout.
     */
    static TurnRelay allocate(IceHarvesters harvesters, Component component, String name, IceListener listener) {
        TurnServer server = harvesters.config().turn();
        if (harvesters.turnSilent()) {
            LOG.debug("[{}] No TURN allocation: {} did not answer a moment ago", name, server);
            return null;
        }
        String failure;
        try {
            TransportAddress serverAddress = new TransportAddress(harvesters.turnServerAddress(), server.port(),
                    Transport.UDP);
            for (int attempt = 1; ; attempt++) {
                TurnRelay relay = bind(harvesters, component, name);
                failure = relay.harvest(harvesters, component, server, serverAddress);
                if (failure == null) {
                    relay.startReader(listener);
                    LOG.debug("[{}] TURN relay {} allocated on {}", name, relay.relayedAddress(), server);
                    return relay;
                }
                relay.close();
                // RFC 8656 §7.2: 437 means the server still holds an allocation for this client port (one deleted
                // a moment ago, by another node on the same range); a new port is a new 5-tuple.
                if (!failure.startsWith(MISMATCH) || attempt == 2) {
                    break;
                }
                LOG.debug("[{}] TURN allocation mismatch on a reused port; trying another port", name);
            }
            if (failure.startsWith(NO_ANSWER)) {
                harvesters.turnDidNotAnswer();
                failure += "; no relayed candidates for the next " + IceHarvesters.TURN_SILENCE.toSeconds() + " s";
            }
        } catch (PortExhaustedException e) {
            failure = e.getMessage();
        } catch (IOException e) {
            failure = e.toString();
        }
        LOG.warn("[{}] TURN allocation on {} failed: {}; going on without a relayed candidate", name, server,
                failure);
        return null;
    }

    /** Leases a port and binds the session's TURN client socket on the first ICE address. */
    private static TurnRelay bind(IceHarvesters harvesters, Component component, String name)
            throws IOException, PortExhaustedException {
        InetAddress ip = harvesters.turnClientAddress();
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
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
            return new TurnRelay(name, lease, client, stunStack);
        }
        throw new IOException("cannot bind a TURN client port on " + ip.getHostAddress(), last);
    }

    /** Runs ice4j's TURN harvest for our client candidate, bounded; returns null on success, else why not. */
    private String harvest(IceHarvesters harvesters, Component component, TurnServer server,
            TransportAddress serverAddress) {
        LongTermCredential credential = server.hasCredentials()
                ? new LongTermCredential(server.user(), server.password()) : null;
        RelayHarvester harvester = new RelayHarvester(serverAddress, credential, client);
        long timeoutMillis = server.allocateTimeout().toMillis();
        ScheduledFuture<?> timer = harvesters.turnTimer().schedule(() -> {
            RelayHarvest h = harvester.harvest;
            if (h != null) {
                h.abort(NO_ANSWER + " within " + timeoutMillis + " ms");
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            harvester.harvest(component);
        } finally {
            timer.cancel(false);
        }
        RelayHarvest h = harvester.harvest;
        if (h == null) {
            return "the allocation could not be sent";
        }
        harvest = h;
        synchronized (h) {
            RelayedCandidate c = h.relayed;
            if (c != null && component.getLocalCandidates().contains(c)) {
                relayed = c;
                return null;
            }
            return h.failure != null ? h.failure : "no relayed address in the answer";
        }
    }

    /** One thread hands the payload (DTLS, RTP, RTCP) received through the relay to the session. */
    private void startReader(IceListener listener) {
        DatagramSocket socket = relayed.getCandidateIceSocketWrapper().getUDPSocket();
        Thread t = new Thread(() -> read(socket, listener), "ice-turn-relay-" + READERS.incrementAndGet());
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    private void read(DatagramSocket socket, IceListener listener) {
        byte[] buf = new byte[MAX_DATAGRAM + IceHarvesters.TRAILER_ROOM];
        DatagramPacket p = new DatagramPacket(buf, MAX_DATAGRAM);
        while (!closed) {
            try {
                p.setData(buf, 0, MAX_DATAGRAM);
                socket.receive(p);
                if (!closed) {
                    listener.onPacket(buf, 0, p.getLength(), buf.length - p.getLength());
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

    /** The relayed address, {@code ip:port}. */
    String relayedAddress() {
        TransportAddress a = relayed.getTransportAddress();
        return a.getHostAddress() + ":" + a.getPort();
    }

    /**
     * Deletes the allocation (a Refresh with lifetime 0, sent while the agent's STUN stack still runs), closes the
     * client socket and gives its port back. Call before freeing the agent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RelayedCandidate r = relayed;
        if (r != null) {
            // The STUN stack stops reading the relayed socket first (else it logs the closed socket as a death);
            // then closing it sends the Refresh(0) and stops ice4j's refresh and channel threads.
            stunStack.removeSocket(r.getTransportAddress());
            r.getCandidateIceSocketWrapper().close();
        }
        RelayHarvest h = harvest;
        if (h != null) {
            h.close();
        }
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
        IceSocketWrapper socket = client.getCandidateIceSocketWrapper();
        stunStack.removeSocket(client.getTransportAddress());
        socket.close();
        lease.close();
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

    /** ice4j's TURN harvester limited to our client candidate (not the shared sockets' candidates). */
    private static final class RelayHarvester extends TurnCandidateHarvester {
        private final ClientCandidate client;
        private volatile RelayHarvest harvest;

        RelayHarvester(TransportAddress server, LongTermCredential credential, ClientCandidate client) {
            super(server, credential);
            this.client = client;
        }

        @Override
        protected HostCandidate getHostCandidate(HostCandidate hostCand) {
            return hostCand == client ? hostCand : null;
        }

        @Override
        protected TurnCandidateHarvest createHarvest(HostCandidate hostCandidate) {
            RelayHarvest h = new RelayHarvest(this, hostCandidate);
            harvest = h;
            return h;
        }
    }

    /**
     * One allocation: ice4j's, with four changes. No server-reflexive candidate (its base would be the client
     * socket, which must stay unpaired); no fallback Binding request after a failed Allocate; the reason of a
     * failure is kept for the log; and {@link #abort} ends a harvest that waits too long. The response handlers
     * and the abort take this object's lock, so a late answer cannot add a relay after the session gave up.
     */
    private static final class RelayHarvest extends TurnCandidateHarvest {
        private volatile boolean started;
        private boolean aborted;
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
