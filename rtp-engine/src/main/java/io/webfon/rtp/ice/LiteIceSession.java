package io.webfon.rtp.ice;

import io.webfon.rtp.packet.StunAttributes;
import io.webfon.rtp.packet.StunHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.util.Buffer;

/**
 * ICE-lite (RFC 8445 §2.5) for one PeerConnection: host candidates only (the node's shared sockets, or the
 * {@code nat_1_1_mapping} address standing for the first one), always the controlled agent, no checks of our
 * own. The browser, a full agent, checks and nominates; this session answers each check whose
 * MESSAGE-INTEGRITY our password signs. The first pair checked is selected at once and the PeerConnection told
 * it is connected; the pair a check with USE-CANDIDATE came over then takes over (see {@code checked}). Checks
 * are answered on the socket's reader thread the moment they arrive: no agent thread, no per-peer socket to set
 * up first.
 *
 * <p>Consent freshness (RFC 7675) seen from the lite side: a full agent keeps checking the selected pair (every 5 s
 * or so in browsers); when no authenticated check has come over it for the consent timeout, the listener hears
 * {@link IceListener#onFailed} and the PeerConnection is hung up, as a full agent whose own consent checks went
 * unanswered would be.
 */
public final class LiteIceSession implements IceTransport {
    private static final Logger LOG = LogManager.getLogger(LiteIceSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    /** Addresses one session keeps mapped: a browser's candidates over IPv4, relays and retries fit easily. */
    static final int MAX_ADDRESSES = 16;

    /** The pair media goes over: the socket the nominating check came in on and the address it came from. */
    private record Path(LiteIceSocket socket, InetSocketAddress remote) {
        @Override
        public String toString() {
            return socket + " <-> " + remote.getAddress().getHostAddress() + ":" + remote.getPort();
        }
    }

    private final IceHarvesters harvesters;
    private final IceListener listener;
    private final String name;
    private final String ufrag = random(8);
    private final String password = random(24);
    private final byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    private final List<String> candidates;
    /** Authenticated remote addresses, oldest first, with the socket each came in on. Guarded by this. */
    private final Map<InetSocketAddress, LiteIceSocket> valid = new LinkedHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile String remoteUfrag;
    private volatile Path selected;
    /** Whether the peer nominated a pair yet (guarded by this). */
    private boolean nominated;
    private volatile long lastSelectedCheckNanos;
    private volatile boolean closed;
    /** Where payload goes: handled by the reader, or queued for this session's packet thread ({@link PacketLanes}). */
    private final PacketLanes.Mailbox mailbox;

    LiteIceSession(IceHarvesters harvesters, IceListener listener, String name) {
        this.harvesters = harvesters;
        this.listener = listener;
        this.name = name;
        this.candidates = candidates(harvesters);
        this.mailbox = harvesters.lanes().open(name, this::deliver);
        for (LiteIceSocket s : harvesters.liteSockets()) {
            s.register(ufrag, this);
        }
    }

    /**
     * One host candidate per shared socket (RFC 8445 §5.1.2.1: type preference 126, local preference falling
     * with the order of the addresses). With {@code nat_1_1_mapping} the public address stands for the first
     * socket as a host candidate (a lite agent has no server-reflexive ones), and the private ones are announced
     * only with {@code keep_private_host}.
     */
    private static List<String> candidates(IceHarvesters harvesters) {
        List<String> out = new ArrayList<>();
        IceConfig config = harvesters.config();
        List<LiteIceSocket> sockets = harvesters.liteSockets();
        int foundation = 1;
        int localPreference = 65535;
        if (!config.publicAddress().isEmpty() && !sockets.isEmpty()) {
            out.add(candidate(foundation++, localPreference--, config.publicAddress(),
                    sockets.get(0).localAddress().getPort()));
        }
        if (config.publicAddress().isEmpty() || config.keepPrivateHost()) {
            for (LiteIceSocket s : sockets) {
                out.add(candidate(foundation++, localPreference--, s.localAddress().getAddress().getHostAddress(),
                        s.localAddress().getPort()));
            }
        }
        return List.copyOf(out);
    }

    private static String candidate(int foundation, int localPreference, String address, int port) {
        long priority = (126L << 24) + ((long) localPreference << 8) + 255;
        return foundation + " 1 udp " + priority + " " + address + " " + port + " typ host generation 0";
    }

    private static String random(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(c);
    }

    // ---- The socket's reader thread ----

    /** A Binding request naming our ufrag: answered if our password signs it, ignored (and counted) if not. */
    void onCheck(LiteIceSocket socket, InetSocketAddress from, byte[] buf, int len) {
        if (closed) {
            return;
        }
        // RFC 8445 §7.2.2: checks carry FINGERPRINT, and MESSAGE-INTEGRITY keyed with our password.
        if (!StunAttributes.checkFingerprint(buf, 0, len)
                || !StunMessages.integrityMatches(buf, 0, len, passwordBytes)) {
            socket.badIntegrity.increment();
            LOG.debug("[{}] ICE-lite: check from {} fails MESSAGE-INTEGRITY or FINGERPRINT; ignored", name, from);
            return;
        }
        String expectedRemote = remoteUfrag;
        if (expectedRemote != null && !senderUfragIs(buf, len, expectedRemote)) {
            socket.badIntegrity.increment();
            LOG.debug("[{}] ICE-lite: check from {} names another peer ufrag; ignored", name, from);
            return;
        }
        byte[] id = new byte[StunHeader.TRANSACTION_ID_LENGTH];
        StunHeader.transactionId(buf, 0, len, id, 0);
        byte[] response = StunMessages.bindingSuccess(id, from, password);
        try {
            socket.send(response, 0, response.length, from);
        } catch (IOException e) {
            LOG.debug("[{}] ICE-lite: answering {}: {}", name, from, e.toString());
        }
        boolean nominated = StunHeader.findAttribute(buf, 0, len, StunAttributes.USE_CANDIDATE) >= 0;
        checked(socket, from, nominated);
    }

    private static boolean senderUfragIs(byte[] buf, int len, String expected) {
        String username = StunAttributes.username(buf, 0, len);
        int colon = username == null ? -1 : username.indexOf(':');
        return colon >= 0 && username.substring(colon + 1).equals(expected);
    }

    /**
     * An authenticated check came over {@code socket} from {@code from}: that pair is valid. The first valid pair
     * is selected at once, before the peer nominates it: browsers facing a lite agent nominate in a second check
     * some 50 ms after the first (regular nomination), and they take DTLS and media on any pair they checked, so
     * waiting would only delay the call. A nomination then moves the selection to the nominated pair, and the
     * selection stays with nominated pairs from then on (a renominating browser moves it again).
     */
    private void checked(LiteIceSocket socket, InetSocketAddress from, boolean nomination) {
        Path now;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (valid.remove(from) == null && valid.size() >= MAX_ADDRESSES) {
                forgetOldest();
            }
            valid.put(from, socket);
            socket.map(from, this);
            now = select(socket, from, nomination);
            if (now != null && now.remote().equals(from) && now.socket() == socket) {
                lastSelectedCheckNanos = System.nanoTime();
            }
        }
        if (now != null && reported.compareAndSet(false, true)) {
            listener.onConnected(now.toString());
        }
    }

    /** The selected pair after a valid check (under this session's lock). */
    private Path select(LiteIceSocket socket, InetSocketAddress from, boolean nomination) {
        Path current = selected;
        boolean samePath = current != null && current.remote().equals(from) && current.socket() == socket;
        if (current == null || nomination && !samePath) {
            selected = new Path(socket, from);
            if (current != null && nominated) {
                LOG.info("[{}] ICE-lite: the peer nominated {} (was {})", name, selected, current);
            }
        }
        nominated |= nomination;
        return selected;
    }

    /** Drops the oldest address that is not the selected pair's (a peer cycling through addresses). */
    private void forgetOldest() {
        Path s = selected;
        for (Map.Entry<InetSocketAddress, LiteIceSocket> e : valid.entrySet()) {
            if (s == null || !e.getKey().equals(s.remote())) {
                e.getValue().unmap(e.getKey(), this);
                valid.remove(e.getKey());
                return;
            }
        }
    }

    /** A datagram from an address one of our checks authenticated, in the reader's buffer (copied if it waits). */
    void onPayload(Buffer datagram) {
        mailbox.receiveCopy(datagram);
    }

    /** On the reader or this session's packet thread. */
    private void deliver(Buffer b) {
        if (!closed) {
            byte[] data = b.getBuffer();
            listener.onPacket(data, b.getOffset(), b.getLength(), data.length - b.getOffset() - b.getLength());
        }
    }

    /** The consent sweep: fails the session when the selected pair has had no check for {@code timeoutNanos}. */
    void checkConsent(long nowNanos, long timeoutNanos) {
        Path s = selected;
        if (closed || s == null || !harvesters.config().consentFreshness()) {
            return;
        }
        long silent = nowNanos - lastSelectedCheckNanos;
        if (silent > timeoutNanos && !closed) {
            closed = true; // report once; close() still releases
            listener.onFailed(String.format(Locale.ROOT, "ICE consent lost: no check from the peer for %.1f s on %s"
                    + " (RFC 7675, ICE-lite)", silent / 1e9, s));
        }
    }

    // ---- IceTransport ----

    @Override
    public String localUfrag() {
        return ufrag;
    }

    @Override
    public String localPassword() {
        return password;
    }

    @Override
    public List<String> localCandidates() {
        return candidates;
    }

    @Override
    public boolean isGathering() {
        return false;
    }

    @Override
    public boolean gathersLate() {
        return false;
    }

    /** The peer's ufrag is checked in the USERNAME of its checks from now on; a lite agent needs no password. */
    @Override
    public void setRemoteCredentials(String ufrag, String password) {
        this.remoteUfrag = ufrag;
    }

    /**
     * A lite agent sends no checks, so the peer's candidates are not used: its checks show its addresses. Those
     * a full agent could use are counted, so trickle answers the same as in full ICE mode.
     */
    @Override
    public int addRemoteCandidates(List<RemoteIceCandidate> remote) {
        int usable = 0;
        for (RemoteIceCandidate c : remote) {
            if (c.component() == 1 && "udp".equalsIgnoreCase(c.transport()) && IpLiterals.isLiteral(c.address())) {
                usable++;
            }
        }
        return usable;
    }

    @Override
    public void start() {
        started.set(true);
    }

    @Override
    public boolean isStarted() {
        return started.get();
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        Path p = selected;
        if (p == null) {
            p = lastValid();
            if (p == null) {
                throw new IOException("ICE-lite: no check from the peer yet");
            }
        }
        if (closed) {
            throw new IOException("ICE session closed");
        }
        p.socket().send(buf, off, len, p.remote());
    }

    /** Before a nomination, the address of the newest authenticated check (a DTLS server answering early). */
    private synchronized Path lastValid() {
        Path last = null;
        for (Map.Entry<InetSocketAddress, LiteIceSocket> e : valid.entrySet()) {
            last = new Path(e.getValue(), e.getKey());
        }
        return last;
    }

    /** Always 0: datagrams from addresses no check vouched for are dropped by the socket, before any session. */
    @Override
    public long foreignDropped() {
        return 0;
    }

    @Override
    public String relayedAddress() {
        return null;
    }

    /** The selected pair, or null before the first valid check. */
    @Override
    public String currentPair() {
        Path p = selected;
        return p == null ? null : p.toString();
    }

    @Override
    public void close() {
        List<InetSocketAddress> addresses;
        synchronized (this) {
            closed = true;
            addresses = new ArrayList<>(valid.keySet());
            valid.clear();
        }
        for (LiteIceSocket s : harvesters.liteSockets()) {
            s.unregister(ufrag, this, addresses);
        }
        mailbox.close();
    }
}
