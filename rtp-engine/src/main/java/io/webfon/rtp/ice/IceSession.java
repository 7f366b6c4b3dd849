package io.webfon.rtp.ice;

import io.webfon.rtp.packet.StunAttributes;
import io.webfon.rtp.packet.StunHeader;
import java.beans.PropertyChangeEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.StunException;
import org.ice4j.StunMessageEvent;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.ice.Agent;
import org.ice4j.ice.AgentConfig;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.CheckList;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.CandidateHarvester;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.ice4j.message.Message;
import org.ice4j.message.Request;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.RequestListener;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferHandler;

/**
 * Full ICE (RFC 8445) for one PeerConnection, with one ice4j agent, stream and component (BUNDLE and rtcp-mux
 * are required). Host candidates come from the node's shared sockets; the peer's checks teach the agent its
 * address, so a browser behind NAT is reached peer-reflexively. Remote candidates with names instead of IP
 * literals (mDNS {@code .local}) are ignored: no name is ever resolved. With a TURN server the session also gets a
 * relayed candidate ({@link TurnRelay}), allocated in the background: the constructor returns with the host (and
 * mapped) candidates, and the relayed one joins the agent's candidates, and the check list if checks already
 * started, when the server grants it; the listener hears of it ({@link IceListener#onLocalCandidate}) to trickle
 * it, then of the end of gathering ({@link IceListener#onGatheringDone}).
 *
 * <p>The session reports a connection at the first authenticated check from the peer that ice4j answered, as the
 * ICE-lite session does, not when ice4j completes: the peer can send on that path once our answer reaches it, and
 * browsers take DTLS on any pair they checked. As the controlled agent, ice4j completes only after its own
 * triggered check on that pair came back, several thread hops and a pacing beat later: 7-14 ms of a call's setup
 * on a busy 2-core machine. Until ice4j has a valid pair, datagrams go back on that first path. Consent until
 * then rests on the peer's own authenticated checks, as for an ICE-lite agent; a peer that stops checking fails
 * ice4j's triggered check, and the session, as before. Checks through the TURN relay still wait for ice4j.
 *
 * <p>Consent freshness (RFC 7675): ice4j sends a consent check on the selected pair every 15 s (randomised) and
 * retransmits it for 15 s, but when that fails it only marks the pair failed. This session turns that into
 * {@link IceListener#onFailed} (see {@code pairChanged}), so the PeerConnection is hung up about 30 s after the peer
 * stopped answering, even if it keeps sending media.
 */
public final class IceSession implements IceTransport {
    private static final Logger LOG = LogManager.getLogger(IceSession.class);

    private final IceHarvesters harvesters;
    private final IceListener listener;
    private final Agent agent;
    private final IceMediaStream stream;
    private final Component component;
    /** Whether {@link IceListener#onConnected} was called (at the first answered check, or at completion). */
    private final AtomicBoolean connectedReported = new AtomicBoolean();
    private final AtomicBoolean failedReported = new AtomicBoolean();
    /** The path of the first answered check (null before one): sends go there until ice4j has a valid pair. */
    private volatile EarlyPath early;
    /** Whether ice4j validated a pair of this session: from then on it can send itself. */
    private volatile boolean ice4jHasPair;
    private final RequestListener answeredChecks = this::checkAnswered;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong foreignDropped = new AtomicLong();
    /** The last address vouched for by the check list other than the selected pair's: a cheap repeat test. */
    private volatile InetSocketAddress lastVouched;
    private final AtomicBoolean consentLost = new AtomicBoolean();
    /** Read per session, so that ice4j's configuration (reloadable) applies to new sessions. */
    private final long consentSilenceNanos = ConsentSilence.NANOS;
    private volatile long lastAnswerNanos = System.nanoTime();
    private final java.beans.PropertyChangeListener stateListener = this::stateChanged;
    private final java.beans.PropertyChangeListener pairListener = this::pairChanged;
    private final TurnRelay relay;
    /** Orders {@link #start()} and a late relayed candidate, so its pairs are formed exactly once. */
    private final Object checksLock = new Object();
    private volatile boolean closed;
    /** Where received datagrams go: handled by the reader, or queued for this session's packet thread. */
    private final PacketLanes.Mailbox mailbox;

    /** @param controlling whether we are the controlling agent (we made the offer, the peer is full ICE) */
    public IceSession(IceHarvesters harvesters, boolean controlling, IceListener listener) throws IOException {
        this(harvesters, controlling, listener, "ice");
    }

    /**
     * @param controlling whether we are the controlling agent (we made the offer, the peer is full ICE)
     * @param name the PeerConnection's name in log lines
     */
    public IceSession(IceHarvesters harvesters, boolean controlling, IceListener listener, String name)
            throws IOException {
        this.harvesters = harvesters;
        this.listener = listener;
        AgentParts parts = harvesters.takeAgentParts();
        this.agent = parts.agent();
        this.stream = parts.stream();
        this.component = parts.component();
        agent.setControlling(controlling);
        this.mailbox = harvesters.lanes().open(name, this::deliver);
        // On ice4j's reader thread: handled there, or on this session's packet thread when the node is busy.
        component.setBufferCallback(new BufferHandler() {
            @Override
            public void handleBuffer(Buffer b) {
                mailbox.receive(b);
            }
        });
        agent.addStateChangeListener(stateListener);
        stream.addPairChangeListener(pairListener);
        // Registered after createComponent started ice4j's check server on this stack: listeners are called in
        // order on the thread that read the request, so ours runs once the server has sent its answer.
        agent.getStunStack().addRequestListener(answeredChecks);
        harvesters.expectFirstChecks(agent.getLocalUfrag(), this);
        // After the host harvest (ice4j's TURN client needs the component); returns at once, the relay comes later.
        this.relay = harvesters.config().turn() == null ? null
                : TurnRelay.start(harvesters, component, name, new RelayPackets(), new RelayOutcome());
    }

    /**
     * An ice4j agent with its stream and component, host candidates gathered, role not yet set: what a session
     * needs before it can answer. Making one is most of a session's cost on the offer's path (about 0.8 ms of CPU
     * at C1: ice4j's agent sets up its loggers, random credentials and STUN stack), so {@link IceHarvesters} keeps
     * one made ahead.
     */
    record AgentParts(Agent agent, IceMediaStream stream, Component component) {
        void free() {
            agent.free();
        }
    }

    static AgentParts prepare(IceHarvesters harvesters) throws IOException {
        Agent agent = new Agent();
        try {
            // RFC 8445's floor for the check pacing: a triggered check answering the browser's first check waits
            // for the next beat, and ice4j's 20 ms default beat showed in the time to webrtcup.
            agent.setTa(5);
            agent.setUseDynamicPorts(false);
            agent.setTrickling(false);
            agent.setPerformConsentFreshness(harvesters.config().consentFreshness());
            for (SinglePortUdpHarvester h : harvesters.hosts()) {
                agent.addCandidateHarvester(h);
            }
            for (CandidateHarvester h : harvesters.mappings()) {
                agent.addCandidateHarvester(h);
            }
            IceMediaStream stream = agent.createMediaStream("stream");
            Component component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
            return new AgentParts(agent, stream, component);
        } catch (IOException | RuntimeException e) {
            agent.free();
            throw e;
        }
    }

    /** The background allocation's outcome: the relayed candidate joins the checks, and the listener hears. */
    private final class RelayOutcome implements TurnRelay.Outcome {
        @Override
        public void relayed(LocalCandidate candidate) {
            if (closed) {
                return;
            }
            pairLate(candidate);
            listener.onLocalCandidate(agent.getLocalUfrag(), format(candidate));
        }

        @Override
        public void done() {
            if (!closed) {
                listener.onGatheringDone(agent.getLocalUfrag());
            }
        }
    }

    /**
     * Pairs a candidate that joined the component after the checks started with every remote candidate, as ice4j
     * does for remote candidates trickled late ({@code Component.updateRemoteCandidates}), so the agent checks
     * through the relay too (which also opens the TURN permissions the peer's checks need). Before the start
     * there is nothing to do: the check list is formed from the component's candidates then.
     */
    private void pairLate(LocalCandidate local) {
        synchronized (checksLock) {
            IceProcessingState state = agent.getState();
            if (!started.get() || state.isOver()) {
                return;
            }
            CheckList checkList = stream.getCheckList();
            int added = 0;
            synchronized (checkList) {
                for (RemoteCandidate remote : component.getRemoteCandidates()) {
                    if (local.canReach(remote) && remote.getTransportAddress().getPort() != 0
                            && checkList.findPairMatching(local, remote) == null) {
                        checkList.add(new CandidatePair(local, remote));
                        added++;
                    }
                }
            }
            LOG.debug("{} pairs for the late candidate {}", added, local.toShortString());
        }
    }

    /** Payload received through the TURN relay, on its reader thread. */
    private final class RelayPackets implements IceListener {
        @Override
        public void onConnected(String selectedPair) {
        }

        @Override
        public void onFailed(String reason) {
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
            if (!closed) {
                listener.onPacket(buf, off, len, spare);
            }
        }
    }

    /** Passes on a datagram from a vouched-for address (reader or packet thread); the mailbox frees the buffer. */
    private void deliver(Buffer b) {
        if (!closed && fromSelectedPeer(b.getRemoteAddress())) {
            byte[] data = b.getBuffer();
            listener.onPacket(data, b.getOffset(), b.getLength(), data.length - b.getOffset() - b.getLength());
        }
    }

    /**
     * Once a pair is selected, media is taken only from addresses ICE has vouched for: the selected pair's remote
     * address, or the remote address of any pair on the check list. ice4j maps a new address to this agent as
     * soon as a STUN request names our ufrag, before it checks MESSAGE-INTEGRITY, so without this a stranger who
     * learnt the ufrag could feed datagrams into the call; check-list pairs come only from the signalled
     * candidates and from checks that passed integrity. The whole list and not only the selected pair, because
     * the browser (controlling) may keep sending on a pair of its own choice after ice4j has selected another.
     * Before selection nothing but DTLS's own handshake can use a datagram, and that authenticates itself.
     */
    private boolean fromSelectedPeer(SocketAddress from) {
        if (!(from instanceof InetSocketAddress source)) {
            return true;
        }
        CandidatePair pair = component.getSelectedPair();
        EarlyPath first = early;
        if (pair == null && first == null) {
            return true;
        }
        if (pair != null && sameAddress(pair.getRemoteCandidate().getTransportAddress(), source)
                || first != null && sameAddress(first.remote(), source)) {
            return true;
        }
        if (source.equals(lastVouched)) {
            return true;
        }
        List<CandidatePair> checkList = stream.getCheckList();
        synchronized (checkList) { // a Vector: its iterator is only safe under its own lock
            for (CandidatePair p : checkList) {
                if (sameAddress(p.getRemoteCandidate().getTransportAddress(), source)) {
                    lastVouched = source;
                    return true;
                }
            }
        }
        foreignDropped.incrementAndGet();
        return false;
    }

    private static boolean sameAddress(TransportAddress a, InetSocketAddress b) {
        return a.getPort() == b.getPort() && a.getAddress().equals(b.getAddress());
    }

    /** Datagrams dropped because they came from an address that no candidate pair of this session vouches for. */
    @Override
    public long foreignDropped() {
        return foreignDropped.get();
    }

    /** Where the first answered check came from, and the local address it reached. */
    private record EarlyPath(TransportAddress local, TransportAddress remote) {
        @Override
        public String toString() {
            // As ice4j's CandidatePair.toShortString (TransportAddress says "/udp" itself), the peer's type unknown.
            return local + "/host -> " + remote + " (first check)";
        }
    }

    /**
     * A STUN request that passed ice4j's MESSAGE-INTEGRITY check, after ice4j's check server answered it. The
     * first Binding request for our ufrag from the peer's ufrag, on a host candidate, once checks started and
     * without a role conflict left, makes this session connected on that path (see the class comment).
     * Requests through the TURN relay wait for ice4j: its relayed path is not one we can send on here.
     */
    private void checkAnswered(StunMessageEvent evt) {
        if (closed || connectedReported.get() || !started.get() || agent.getState().isOver()
                || !(evt.getMessage() instanceof Request request)
                || request.getMessageType() != Message.BINDING_REQUEST
                || !fromOurPeer(request) || roleConflict(request)) {
            return;
        }
        TransportAddress local = evt.getLocalAddress();
        TransportAddress remote = evt.getRemoteAddress();
        LocalCandidate candidate = agent.findLocalCandidate(local);
        if (candidate == null || candidate.getType() != CandidateType.HOST_CANDIDATE
                || TurnRelay.isClientSocket(candidate)) {
            return;
        }
        EarlyPath path = new EarlyPath(local, remote);
        early = path;
        if (connectedReported.compareAndSet(false, true)) {
            lastAnswerNanos = System.nanoTime();
            LOG.debug("First check answered on {}", path);
            listener.onConnected(path.toString());
        }
    }

    /** Sends a STUN response back to where a check came from. */
    @FunctionalInterface
    interface ResponseSender {
        void send(byte[] response) throws IOException;
    }

    /**
     * The peer's first check from a new address, on the shared socket's reader thread, before ice4j sees it:
     * answered and made this session's path at once, when it is a check ice4j would answer with a success. ice4j
     * hands such a check to a thread it starts for that address and then to its message pool before answering:
     * 2.3 ms median in captures of browser calls, on cores the browser is busy on, against Janus's 0.1-0.2 ms, and
     * the browser's DTLS handshake waits for that answer and our ClientHello. ice4j still gets the check: it learns
     * the pair and answers too, and the peer drops that second answer to a transaction it has finished.
     *
     * <p>Only in the controlled role, with the peer's credentials known and checks started, and only a Binding
     * request with our ufrag and the peer's, PRIORITY, ICE-CONTROLLING (no role conflict), FINGERPRINT and a
     * MESSAGE-INTEGRITY made with our password: anything else is left to ice4j, which answers or refuses it as before.
     *
     * @param local the shared socket's address, our host candidate
     * @return whether the check was answered here
     */
    boolean answerFirstCheck(byte[] buf, int off, int len, TransportAddress local, InetSocketAddress remote,
            ResponseSender responder) throws IOException {
        if (!waitingForFirstCheck() || !StunMessages.isBindingRequest(buf, off, len)
                || !controllingPeersCheck(buf, off, len) || !StunAttributes.checkFingerprint(buf, off, len)
                || !StunMessages.integrityMatches(buf, off, len, localPasswordBytes())) {
            return false;
        }
        byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
        StunHeader.transactionId(buf, off, len, id, 0);
        responder.send(StunMessages.bindingSuccess(id, remote, agent.getLocalPassword()));
        EarlyPath path = new EarlyPath(local, new TransportAddress(remote, Transport.UDP));
        early = path;
        if (connectedReported.compareAndSet(false, true)) {
            lastAnswerNanos = System.nanoTime();
            LOG.debug("First check answered on {} (on the socket's reader)", path);
            listener.onConnected(path.toString());
        }
        return true;
    }

    /** Controlled, the peer's credentials known, checks started, not connected yet. */
    private boolean waitingForFirstCheck() {
        return !closed && !connectedReported.get() && started.get() && !agent.isControlling()
                && !agent.getState().isOver() && stream.getRemoteUfrag() != null;
    }

    /**
     * Read from the bytes, as the ICE-lite responder does (ice4j decodes the whole message): USERNAME
     * {@code ourUfrag:peerUfrag}, PRIORITY, ICE-CONTROLLING and no ICE-CONTROLLED (no role conflict).
     */
    private boolean controllingPeersCheck(byte[] buf, int off, int len) {
        String username = StunAttributes.username(buf, off, len);
        return username != null && username.equals(agent.getLocalUfrag() + ":" + stream.getRemoteUfrag())
                && StunHeader.findAttribute(buf, off, len, StunAttributes.PRIORITY) >= 0
                && StunHeader.findAttribute(buf, off, len, StunAttributes.ICE_CONTROLLING) >= 0
                && StunHeader.findAttribute(buf, off, len, StunAttributes.ICE_CONTROLLED) < 0;
    }

    private byte[] localPasswordBytes() {
        return agent.getLocalPassword().getBytes(StandardCharsets.UTF_8);
    }

    /** USERNAME is {@code ourUfrag:peerUfrag} (RFC 8445 §7.2.2); ice4j checked only our half. */
    private boolean fromOurPeer(Request request) {
        if (!(request.getAttribute(Attribute.USERNAME) instanceof UsernameAttribute u)) {
            return false;
        }
        String username = new String(u.getUsername(), StandardCharsets.UTF_8);
        int colon = username.indexOf(':');
        String peer = stream.getRemoteUfrag();
        return colon > 0 && username.substring(0, colon).equals(agent.getLocalUfrag())
                && (peer == null || username.substring(colon + 1).equals(peer));
    }

    /** Both sides still claim the same role: ice4j answered with 487, or will switch roles on a later check. */
    private boolean roleConflict(Request request) {
        return agent.isControlling() ? request.containsAttribute(Attribute.ICE_CONTROLLING)
                : request.containsAttribute(Attribute.ICE_CONTROLLED);
    }

    private void stateChanged(PropertyChangeEvent e) {
        if (!Agent.PROPERTY_ICE_PROCESSING_STATE.equals(e.getPropertyName()) || closed) {
            return;
        }
        IceProcessingState state = (IceProcessingState) e.getNewValue();
        if (state == IceProcessingState.COMPLETED && connectedReported.compareAndSet(false, true)) {
            lastAnswerNanos = System.nanoTime();
            CandidatePair pair = component.getSelectedPair();
            listener.onConnected(pair == null ? "?" : pair.toShortString());
        } else if (state == IceProcessingState.FAILED && failedReported.compareAndSet(false, true)) {
            listener.onFailed("ICE failed: no candidate pair succeeded");
        }
    }

    /**
     * Consent freshness on the selected pair's 5-tuple, from ice4j's pair state events: each success (a consent
     * check answered) is a fresh consent; a failure after ICE completed is a lost consent only if nothing on that
     * 5-tuple succeeded for longer than a whole consent check lasts plus half an interval. The second condition
     * filters ice4j's spurious timeouts: a STUN transaction answered before its retransmission timer is armed (a
     * peer on the same host or LAN answers that fast) still reports a timeout when its retransmissions run out,
     * although the answer was processed; the answer then shows here as a success just after the request.
     */
    private void pairChanged(PropertyChangeEvent e) {
        if (IceMediaStream.PROPERTY_PAIR_VALIDATED.equals(e.getPropertyName())) {
            ice4jHasPair = true;
            return;
        }
        if (closed || !IceMediaStream.PROPERTY_PAIR_STATE_CHANGED.equals(e.getPropertyName())) {
            return;
        }
        CandidatePair selected = component.getSelectedPair();
        CandidatePair pair = (CandidatePair) e.getSource();
        if (selected == null || !sameTuple(pair, selected)) {
            return;
        }
        long now = System.nanoTime();
        if (e.getNewValue() == CandidatePairState.SUCCEEDED) {
            lastAnswerNanos = now;
            return;
        }
        long silent = now - lastAnswerNanos;
        if (e.getNewValue() != CandidatePairState.FAILED || !harvesters.config().consentFreshness()
                || !agent.getState().isEstablished()) {
            return;
        }
        if (silent < consentSilenceNanos) {
            LOG.debug("Ignoring a check timeout on {}: the peer answered {} ms ago", pair.toShortString(),
                    silent / 1_000_000);
            return;
        }
        if (consentLost.compareAndSet(false, true)) {
            listener.onFailed(String.format(Locale.ROOT, "ICE consent lost: no answer to consent checks for %.1f s"
                    + " on %s (RFC 7675)", silent / 1e9, selected.toShortString()));
        }
    }

    private static boolean sameTuple(CandidatePair a, CandidatePair b) {
        return sendingAddress(a).equals(sendingAddress(b))
                && a.getRemoteCandidate().getTransportAddress().equals(b.getRemoteCandidate().getTransportAddress());
    }

    /** The local address checks of a pair are sent from: its local candidate's base. */
    private static TransportAddress sendingAddress(CandidatePair pair) {
        LocalCandidate local = pair.getLocalCandidate();
        LocalCandidate base = local.getBase();
        return (base != null ? base : local).getTransportAddress();
    }

    /** How long a consent check lasts with its retransmissions, plus half the interval between checks. */
    /**
     * ice4j's consent settings, read once: ice4j itself reads its configuration at its first agent, and reading it
     * for every session (a Typesafe Config lookup per setting) was 7% of making one.
     */
    private static final class ConsentSilence {
        static final long NANOS = readConsentSilence();
    }

    private static long readConsentSilence() {
        AgentConfig c = AgentConfig.config;
        long wait = c.getConsentFreshnessOriginalWaitInterval().toMillis();
        long max = c.getConsentFreshnessMaxWaitInterval().toMillis();
        long span = 0;
        for (int i = 0; i <= c.getMaxConsentFreshnessRetransmissions(); i++) {
            span += wait;
            wait = Math.min(max, 2 * wait);
        }
        return TimeUnit.MILLISECONDS.toNanos(span + c.getConsentFreshnessInterval().toMillis() / 2);
    }

    /** The relayed candidate's address ({@code ip:port}), or null without one. */
    @Override
    public String relayedAddress() {
        return relay == null ? null : relay.relayedAddress();
    }

    @Override
    public String localUfrag() {
        return agent.getLocalUfrag();
    }

    @Override
    public String localPassword() {
        return agent.getLocalPassword();
    }

    /** Our candidates as {@code a=candidate} values (without the {@code candidate:} prefix). */
    @Override
    public List<String> localCandidates() {
        List<String> out = new ArrayList<>();
        boolean mapped = !harvesters.config().publicAddress().isEmpty();
        for (LocalCandidate c : component.getLocalCandidates()) {
            if (TurnRelay.isClientSocket(c)) {
                continue;
            }
            if (mapped && !harvesters.config().keepPrivateHost() && c.getType() == CandidateType.HOST_CANDIDATE) {
                continue;
            }
            out.add(format(c));
        }
        return out;
    }

    static String format(LocalCandidate c) {
        TransportAddress a = c.getTransportAddress();
        StringBuilder sb = new StringBuilder()
                .append(c.getFoundation()).append(' ').append(c.getParentComponent().getComponentID()).append(' ')
                .append(a.getTransport().toString().toLowerCase(Locale.ROOT)).append(' ').append(c.getPriority())
                .append(' ').append(a.getHostAddress()).append(' ').append(a.getPort())
                .append(" typ ").append(c.getType());
        // RFC 8839 §5.1: a relayed candidate's raddr/rport is the mapped address the TURN server saw.
        TransportAddress related = c.getType() == CandidateType.RELAYED_CANDIDATE && c.getMappedAddress() != null
                ? c.getMappedAddress() : c.getRelatedAddress();
        if (related != null && c.getType() != CandidateType.HOST_CANDIDATE) {
            sb.append(" raddr ").append(related.getHostAddress()).append(" rport ").append(related.getPort());
        }
        return sb.append(" generation 0").toString();
    }

    /** The peer's ICE credentials. */
    @Override
    public void setRemoteCredentials(String ufrag, String password) {
        stream.setRemoteUfrag(ufrag);
        stream.setRemotePassword(password);
    }

    /** Adds the peer's candidates (from its SDP or a trickle); candidates we cannot use are skipped. */
    @Override
    public int addRemoteCandidates(List<RemoteIceCandidate> candidates) {
        int added = 0;
        for (RemoteIceCandidate c : candidates) {
            RemoteCandidate rc = toIce4j(c);
            if (rc == null) {
                continue;
            }
            if (started.get()) {
                component.addUpdateRemoteCandidates(rc);
            } else {
                component.addRemoteCandidate(rc);
            }
            added++;
        }
        if (added > 0 && started.get()) {
            component.updateRemoteCandidates();
        }
        return added;
    }

    private RemoteCandidate toIce4j(RemoteIceCandidate c) {
        if (c.component() != 1 || !"udp".equalsIgnoreCase(c.transport()) || !isIpLiteral(c.address())) {
            LOG.debug("Ignoring remote candidate {} {}:{} (component {}, not a UDP IP literal)", c.transport(),
                    c.address(), c.port(), c.component());
            return null;
        }
        CandidateType type = CandidateType.parse(c.type());
        if (type == null) {
            return null;
        }
        return new RemoteCandidate(new TransportAddress(c.address(), c.port(), Transport.UDP), component, type,
                c.foundation(), c.priority(), null);
    }

    static boolean isIpLiteral(String address) {
        return IpLiterals.isLiteral(address);
    }

    /** Starts connectivity checks (once the peer's credentials are known). */
    @Override
    public void start() {
        synchronized (checksLock) {
            if (started.compareAndSet(false, true)) {
                agent.startConnectivityEstablishment();
            }
        }
    }

    /** Whether candidates of ours may still come (a TURN allocation under way); false without a TURN server. */
    @Override
    public boolean isGathering() {
        return relay != null && relay.isGathering();
    }

    /** Whether this session gathers some candidates after it is created (with a TURN server): they are trickled. */
    @Override
    public boolean gathersLate() {
        return relay != null;
    }

    @Override
    public boolean isStarted() {
        return started.get();
    }

    /** Sends a datagram on the selected (or last used) pair, or on the first answered check's path before one. */
    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("ICE session closed");
        }
        EarlyPath first = early;
        if (first != null && !ice4jHasPair) {
            sendEarly(first, buf, off, len);
            return;
        }
        component.send(buf, off, len);
    }

    /**
     * Through ice4j's socket for that 5-tuple, the one its answer went out on: ice4j's own send path needs a
     * valid pair. A copy, but only for the handful of datagrams (a DTLS flight or two) sent before ice4j has one.
     */
    private void sendEarly(EarlyPath path, byte[] buf, int off, int len) throws IOException {
        byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
        try {
            agent.getStunStack().sendUdpMessage(RawMessage.build(copy, len, path.remote(), path.local()),
                    path.remote(), path.local());
        } catch (StunException e) {
            throw new IOException("Sending on " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** ice4j's selected pair once it has one; before that, the first answered check's path (or null). */
    @Override
    public String currentPair() {
        CandidatePair pair = component.getSelectedPair();
        if (pair != null) {
            return pair.toShortString();
        }
        EarlyPath first = early;
        return first == null ? null : first.toString();
    }

    /**
     * Closes the session; ice4j's agent is freed on its task thread a moment later (see {@link AgentTaskThread#free}),
     * so a hangup on the API's event loop does not wait for that thread, which may be busy with hundreds of agents'
     * beats (in the browser series of docs/performance.md a hangup took 1.9 ms median on the event loop with the
     * wait, 1.1 ms without).
     */
    @Override
    public void close() {
        close(false);
    }

    /** Closes the session and returns once its agent is freed: its sockets on the shared port are then gone. */
    @Override
    public void closeAndRelease() {
        close(true);
    }

    private void close(boolean waitForAgent) {
        if (closed) {
            return;
        }
        closed = true;
        agent.removeStateChangeListener(stateListener);
        stream.removePairStateChangeListener(pairListener);
        agent.getStunStack().removeRequestListener(answeredChecks);
        harvesters.forgetFirstChecks(agent.getLocalUfrag(), this);
        if (relay != null) {
            relay.close();
        }
        AgentTaskThread.free(agent, waitForAgent); // where its pacer beats: see there why
        mailbox.close();
    }
}
