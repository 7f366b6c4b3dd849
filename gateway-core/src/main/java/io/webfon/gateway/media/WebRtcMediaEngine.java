package io.webfon.gateway.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.gateway.config.MediaConfig;
import io.webfon.gateway.status.StatusReport;
import io.webfon.janus.core.MediaEngine;
import io.webfon.janus.core.MediaEvents;
import io.webfon.janus.plugin.MediaPacket;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.session.Handle;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.ice.IceConfig;
import io.webfon.rtp.ice.IceHarvesters;
import io.webfon.rtp.ice.RemoteIceCandidate;
import io.webfon.rtp.ice.TurnServer;
import io.webfon.rtp.ports.PortExhaustedException;
import io.webfon.rtp.ports.UdpPortAllocator;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpWriter;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.sdp.Setup;
import io.webfon.rtp.webrtc.PeerConnection;
import io.webfon.rtp.webrtc.RemoteTransport;
import io.webfon.rtp.webrtc.WebRtcEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The node's WebRTC media engine, the Java counterpart of Janus's {@code ice.c}/{@code sdp.c} glue: one
 * {@link PeerConnection} per negotiating handle, created from the client's offer (we answer, ICE controlled) or
 * from the plugin's offer (we offer, ICE controlling). SDP is checked and anonymised for the plugin, and the
 * plugin's SDP is completed with our ICE, DTLS and sources for the client, as Janus does; with a TURN server the
 * relayed candidate, allocated in the background, follows that SDP as a trickle event. A one-second ticker
 * sends RTCP reports, raises {@code media}/{@code slowlink} events and hangs up peers that never connect or
 * fall silent. Negotiation, trickle and hangup of a handle run under the handle's monitor; the packet paths take
 * no lock.
 */
public final class WebRtcMediaEngine implements MediaEngine, AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(WebRtcMediaEngine.class);
    private static final String PROFILE = "UDP/TLS/RTP/SAVPF";
    private static final int REMOTE_CANDIDATES_SHOWN = 32;

    private final WebRtcEngine engine;
    private final MediaConfig config;
    private final MediaTimers timers;
    private final UdpPortAllocator ports;
    /** Ticks a second, each handle in one of them: its timers are checked and its RTCP reports sent once a second. */
    static final int TICK_SLOTS = 50;
    private final TickRound<HandleMedia> live = new TickRound<>(TICK_SLOTS);
    private final ScheduledExecutorService ticker;
    /** Wakes the ticker thread only for slots that hold a handle: none at all on an idle node. */
    private final SlotTicker<HandleMedia> ticks;
    private volatile MediaEvents events;

    private WebRtcMediaEngine(WebRtcEngine engine, MediaConfig config, UdpPortAllocator ports) {
        this.engine = engine;
        this.config = config;
        this.ports = ports;
        this.timers = new MediaTimers(config.noMediaTimerSeconds(), config.peerTimeoutSeconds(),
                config.slowlinkThreshold());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-ticker");
            t.setDaemon(true);
            return t;
        });
        this.ticks = new SlotTicker<>(live, ticker, TimeUnit.SECONDS.toNanos(1) / TICK_SLOTS, this::tick);
    }

    /**
     * Binds the ICE sockets and loads (or generates, in {@code stateDir}) the DTLS certificate.
     *
     * @throws IOException when a socket cannot be bound or the certificate cannot be read or written
     * @throws PortExhaustedException when the port range has no free port
     */
    public static WebRtcMediaEngine start(MediaConfig config, Path stateDir) throws IOException,
            PortExhaustedException {
        UdpPortAllocator ports = new UdpPortAllocator("media.rtp_port_range", config.rtpPortMin(),
                config.rtpPortMax());
        DtlsCertificate certificate = config.certPem().isEmpty()
                ? DtlsCertificate.loadOrGenerate(stateDir, "webfon-gateway", Instant.now())
                : DtlsCertificate.load(Path.of(config.certPem()), Path.of(config.certKey()));
        IceConfig ice = new IceConfig(config.iceAddresses(), config.publicAddress(), config.keepPrivateHost(),
                config.stunServer(), config.consentFreshness(), Duration.ofSeconds(config.peerTimeoutSeconds()),
                config.turnServer().isEmpty() ? null : new TurnServer(config.turnServer(), config.turnPort(),
                        config.turnUser(), config.turnPassword()), config.iceLite())
                .withPacketThreads(config.packetThreads());
        IceHarvesters harvesters = new IceHarvesters(ice, ports);
        int dtlsThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        WebRtcEngine engine = new WebRtcEngine(harvesters, certificate, dtlsThreads,
                Duration.ofSeconds(config.dtlsHandshakeTimeoutSeconds()), config.dtlsMtu());
        if (config.warmUp()) {
            engine.warmUpInBackground(new SignallingWarmUp(certificate.fingerprint()));
        }
        LOG.info("WebRTC media: ICE on {}, DTLS certificate {} (valid until {})",
                String.join(", ", harvesters.endpoints()), certificate.fingerprint().toAttributeValue(),
                certificate.notAfter());
        return new WebRtcMediaEngine(engine, config, ports);
    }

    /**
     * Waits at most {@code timeout} for the media warm-up (media.warm_up) to end.
     *
     * @return true when none runs any more
     */
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return engine.awaitWarmUp(timeout);
    }

    /** The ICE sockets, {@code address:port}. */
    public List<String> endpoints() {
        return engine.harvesters().endpoints();
    }

    /** Handles holding media state (a PeerConnection or an SDP being negotiated). */
    public int mediaHandles() {
        return live.size();
    }

    /** Ports of media.rtp_port_range currently leased. */
    public int portsInUse() {
        return ports.inUse();
    }

    /** PeerConnections not yet closed. */
    public int peerConnections() {
        return engine.liveCount();
    }

    @Override
    public void bind(MediaEvents mediaEvents) {
        this.events = mediaEvents;
    }

    // ---- Negotiation ----

    @Override
    public ObjectNode remoteJsep(Handle handle, String type, String sdp, ObjectNode jsep) {
        SessionDescription d = SdpNegotiator.parse(sdp);
        SdpNegotiator.validateRemote(d);
        boolean offer = "offer".equals(type);
        boolean update;
        synchronized (handle) {
            HandleMedia m = handle.mediaState();
            if (offer) {
                update = m != null && m.hasPeerConnection();
                if (update) {
                    renegotiate(m, d);
                } else {
                    m = answerer(handle, m, d);
                }
            } else {
                if (m == null || !m.hasPeerConnection() || !m.weOffered || m.gotAnswer) {
                    throw new JanusException(JanusError.UNEXPECTED_ANSWER, "Unexpected ANSWER (did we offer?)");
                }
                update = m.gotOffer && m.remoteSdp != null;
                applyAnswer(m, d);
            }
            m.remoteSdp = sdp;
        }
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("sdp", SdpWriter.write(SdpNegotiator.forPlugin(d)));
        if (update) {
            out.put("update", true);
        }
        return out;
    }

    /** A first offer from the client: a new PeerConnection, we answer (ICE controlled). */
    private HandleMedia answerer(Handle handle, HandleMedia existing, SessionDescription d) {
        HandleMedia m = existing != null ? existing : new HandleMedia(handle, events);
        PeerConnection pc = create(handle, m, false);
        try {
            m.gotOffer = true;
            m.gotAnswer = false;
            m.weOffered = false;
            List<MediaStream> streams = SdpNegotiator.streams(d, false);
            m.streams(streams, SdpNegotiator.payloadTypes(d, streams));
            // The browser checks once it has our answer: ICE starts when the answer is out (localJsepSent).
            applyRemoteTransport(m, pc, d, true, false);
        } catch (RuntimeException e) {
            // Nothing may keep a PeerConnection (its ICE agent, TURN port) that no handle will ever hang up.
            pc.close("Error processing the offer: " + e.getMessage());
            m.pc = null;
            throw e;
        }
        handle.rearmHangup();
        handle.mediaState(m);
        ticks.add(m);
        return m;
    }

    private PeerConnection create(Handle handle, HandleMedia m, boolean controlling) {
        try {
            PeerConnection pc = engine.create("handle " + handle.handleId(), controlling, m);
            m.pc = pc;
            return pc;
        } catch (IOException | RuntimeException e) {
            LOG.error("[{}] Cannot set up ICE: {}", handle.handleId(), e.toString());
            throw new JanusException(JanusError.UNKNOWN, "Error setting ICE locally");
        }
    }

    private void applyRemoteTransport(HandleMedia m, PeerConnection pc, SessionDescription d, boolean isOffer) {
        applyRemoteTransport(m, pc, d, isOffer, true);
    }

    private void applyRemoteTransport(HandleMedia m, PeerConnection pc, SessionDescription d, boolean isOffer,
            boolean startIce) {
        RemoteTransport remote = SdpNegotiator.transport(d, isOffer);
        m.bundleMid = SdpNegotiator.bundleMid(d);
        m.remoteIceUfrag = remote.iceUfrag();
        if (!remote.fingerprints().isEmpty()) {
            m.remoteFingerprint = remote.fingerprints().get(0).value();
            m.remoteFingerprintHash = remote.fingerprints().get(0).hashFunction();
        }
        pc.setRemote(remote, startIce);
        // As Janus shows them, and bounded as trickled ones are (this once added each record's toString(): another
        // format, and 20 ms of the first offer after a start linking the records' generated toString).
        for (String c : SdpNegotiator.candidateTexts(d)) {
            if (m.remoteCandidates.size() < REMOTE_CANDIDATES_SHOWN) {
                m.remoteCandidates.add(c);
            }
        }
        if (!m.pendingCandidates.isEmpty()) {
            pc.addRemoteCandidates(List.copyOf(m.pendingCandidates));
            m.pendingCandidates.clear();
        }
        if (m.completedBeforeSdp) {
            m.allTrickles = true;
        }
    }

    /** The client's answer to our offer. */
    private void applyAnswer(HandleMedia m, SessionDescription d) {
        PeerConnection pc = m.pc;
        m.gotAnswer = true;
        SdpNegotiator.learn(m.streams, d);
        m.streams(m.streams, SdpNegotiator.payloadTypes(d, m.streams));
        if (m.remoteIceUfrag == null) {
            applyRemoteTransport(m, pc, d, false);
        } else {
            restartIfNeeded(m, d);
        }
    }

    /** A new offer on a live PeerConnection: direction changes, new m-lines, an ICE restart. */
    private void renegotiate(HandleMedia m, SessionDescription d) {
        m.gotOffer = true;
        m.gotAnswer = false;
        m.weOffered = false;
        List<MediaStream> streams = SdpNegotiator.merge(m.streams, d, false);
        m.streams(streams, SdpNegotiator.payloadTypes(d, streams));
        restartIfNeeded(m, d);
    }

    private void restartIfNeeded(HandleMedia m, SessionDescription d) {
        RemoteTransport remote = SdpNegotiator.transport(d, true);
        if (remote.iceUfrag() == null || remote.iceUfrag().equals(m.remoteIceUfrag)) {
            return;
        }
        try {
            m.pc.restartIce(remote.iceUfrag(), remote.icePassword(), remote.candidates());
            m.remoteIceUfrag = remote.iceUfrag();
        } catch (IOException e) {
            throw new JanusException(JanusError.UNKNOWN, "Error restarting ICE");
        }
    }

    @Override
    public ObjectNode localJsep(Handle handle, String type, String sdp, boolean restart) {
        SessionDescription d = SdpNegotiator.parse(sdp);
        boolean offer = "offer".equals(type);
        String text;
        synchronized (handle) {
            HandleMedia m = handle.mediaState();
            Setup setup;
            if (offer) {
                if (m == null || !m.hasPeerConnection()) {
                    m = m != null ? m : new HandleMedia(handle, events);
                    create(handle, m, true);
                    m.streams(SdpNegotiator.streams(d, true), Map.of());
                    handle.rearmHangup();
                    handle.mediaState(m);
                    ticks.add(m);
                } else {
                    m.streams(SdpNegotiator.merge(m.streams, d, true), m.byPayloadType);
                }
                m.weOffered = true;
                m.gotAnswer = false;
                DtlsRole role = m.pc.dtlsRole();
                setup = role == null ? Setup.ACTPASS : role == DtlsRole.CLIENT ? Setup.ACTIVE : Setup.PASSIVE;
            } else {
                if (m == null || !m.hasPeerConnection() || !m.gotOffer || m.weOffered) {
                    throw new JanusException(JanusError.UNEXPECTED_ANSWER,
                            "Unexpected ANSWER (no OFFER from the peer to answer)");
                }
                m.streams(SdpNegotiator.merge(m.streams, d, true), m.byPayloadType);
                m.gotAnswer = true;
                setup = m.pc.dtlsRole() == DtlsRole.CLIENT ? Setup.ACTIVE : Setup.PASSIVE;
            }
            PeerConnection pc = m.pc;
            // Whether candidates may still come is read first: once it is false, the list below is complete.
            boolean gathering = pc.isGathering();
            List<String> candidates = pc.localCandidates();
            SdpNegotiator.LocalTransport local = new SdpNegotiator.LocalTransport(pc.localIceUfrag(),
                    pc.localIcePassword(), candidates, List.of(engine.certificate().fingerprint()), setup,
                    engine.harvesters().isLite());
            SessionDescription ours = SdpNegotiator.forPeer(d, local, m.streams);
            if (gathering) {
                ours = withoutEndOfCandidates(ours); // the relayed candidate follows as a trickle
            }
            text = SdpWriter.write(ours);
            m.localSdp = text;
            m.described(SdpNegotiator.bundleMid(ours), local.ufrag(), candidates, gathering);
        }
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("sdp", text);
        return out;
    }

    @Override
    public void localJsepSent(Handle handle) {
        // Under the handle's lock, as trickles are applied: none can fall between the candidates ICE starts with.
        synchronized (handle) {
            HandleMedia m = handle.mediaState();
            if (m != null && m.pc != null) {
                m.pc.startIce(); // a no-op unless the client's offer left ICE to start now
            }
        }
    }

    /** Our SDP without {@code a=end-of-candidates} (RFC 8840), while a TURN allocation may still add one. */
    private static SessionDescription withoutEndOfCandidates(SessionDescription d) {
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : d.media()) {
            media.add(m.withoutAttributes(Set.of("end-of-candidates")));
        }
        return d.withMedia(media);
    }

    // ---- Trickle and hangup ----

    @Override
    public void trickle(Handle handle, JsonNode candidates) {
        synchronized (handle) {
            HandleMedia m = handle.mediaState();
            if (m == null) {
                m = new HandleMedia(handle, events);
                handle.mediaState(m);
            }
            if (candidates.isArray()) {
                for (JsonNode c : candidates) {
                    try {
                        apply(m, Trickle.parse(c, m.bundleMid));
                    } catch (JanusException e) {
                        // As Janus: a bad entry of a candidates array is skipped, the request still succeeds.
                        LOG.warn("[{}] Skipping a trickled candidate: {}", handle.handleId(), e.reason());
                    }
                }
            } else {
                apply(m, Trickle.parse(candidates, m.bundleMid));
            }
        }
    }

    private void apply(HandleMedia m, Trickle t) {
        if (t.completed()) {
            if (m.remoteIceUfrag != null) {
                m.allTrickles = true;
            } else {
                m.completedBeforeSdp = true;
            }
            return;
        }
        if (t.problem() != null) {
            LOG.warn("[{}] Ignoring an unusable trickled candidate: {}", m.handle.handleId(), t.problem());
            return;
        }
        if (t.candidate() == null) {
            return;
        }
        RemoteIceCandidate c = SdpNegotiator.toRemote(t.candidate());
        if (m.remoteCandidates.size() < REMOTE_CANDIDATES_SHOWN) {
            m.remoteCandidates.add(t.candidate().toAttributeValue());
        }
        if (m.hasPeerConnection() && m.remoteIceUfrag != null) {
            m.pc.addRemoteCandidates(List.of(c));
        } else if (!m.queueCandidate(c)) {
            LOG.warn("[{}] Too many candidates trickled before the SDP; dropping {}", m.handle.handleId(),
                    t.candidate().address());
        }
    }

    @Override
    public boolean hangup(Handle handle, String reason) {
        HandleMedia m;
        synchronized (handle) {
            m = handle.mediaState();
            if (m == null) {
                return false;
            }
            handle.mediaState(null);
        }
        ticks.remove(m);
        boolean had = m.pc != null;
        m.close(reason);
        return had;
    }

    // ---- Packets from plugins ----

    @Override
    public void relayRtp(Handle handle, MediaPacket packet) {
        HandleMedia m = handle.mediaState();
        if (m != null) {
            m.relayRtp(packet);
        }
    }

    @Override
    public void relayRtcp(Handle handle, MediaPacket packet) {
        HandleMedia m = handle.mediaState();
        if (m != null) {
            m.relayRtcp(packet);
        }
    }

    @Override
    public void sendPli(Handle handle) {
        HandleMedia m = handle.mediaState();
        if (m != null) {
            m.sendPli();
        }
    }

    @Override
    public void sendRemb(Handle handle, long bitsPerSecond) {
        HandleMedia m = handle.mediaState();
        if (m != null) {
            m.sendRemb(bitsPerSecond);
        }
    }

    // ---- Admin API ----

    @Override
    public void describe(Handle handle, ObjectNode info) {
        HandleMedia m = handle.mediaState();
        if (m != null) {
            HandleMediaInfo.describe(m, engine.certificate().fingerprint().value(), PROFILE, config.iceLite(), info);
        }
    }

    @Override
    public void describeServer(ObjectNode info) {
        info.put("data_channels", false);
        if (!config.iceAddresses().isEmpty()) {
            info.put("local-ip", config.iceAddresses().get(0));
        }
        if (!config.publicAddress().isEmpty()) {
            info.put("public-ip", config.publicAddress());
        }
        info.put("ipv6", false);
        info.put("ice-lite", config.iceLite());
        info.put("ice-tcp", false);
        info.put("full-trickle", false);
        info.put("mdns-enabled", false);
        info.put("dtls-mtu", config.dtlsMtu());
        if (!config.stunServer().isEmpty()) {
            info.put("stun-server", config.stunServer());
        }
        if (!config.turnServer().isEmpty()) {
            // As Janus's info: host:port only, never the credentials.
            info.put("turn-server", config.turnEndpoint());
        }
        // Janus's static loops each run a share of the handles; ours are the packet threads.
        info.put("static-event-loops", engine.harvesters().packetThreads());
    }

    // ---- Ticker and shutdown ----

    private void tick(HandleMedia m) {
        try {
            m.tick(System.nanoTime(), System.currentTimeMillis(), timers);
        } catch (RuntimeException e) {
            LOG.error("[{}] Media tick failed", m.handle.handleId(), e);
        }
    }

    /** The status port's {@code media} line: live PeerConnections, ICE sockets, port range use. */
    public void status(StatusReport r) {
        r.line("media").put("peerconnections", engine.liveCount()).put("handles", live.size())
                .put("ice", String.join(",", endpoints())).put("ports_in_use", ports.inUse())
                .put("ports", ports.size());
        if (config.iceLite()) {
            r.put("ice_mode", "lite");
            engine.harvesters().liteDrops().forEach((cause, n) -> r.put("lite_drop_" + cause.replace('-', '_'), n));
        } else {
            r.put("ice_mode", "full");
        }
        r.put("packet_threads", engine.harvesters().packetThreads())
                .put("packet_overflows", engine.harvesters().packetOverflows())
                .put("packet_load", engine.harvesters().packetLoadPercent())
                .put("packet_offloading", engine.harvesters().packetOffloading() ? "yes" : "no")
                .put("packet_offloads", engine.harvesters().packetOffloads());
    }

    @Override
    public void shutdown() {
        close();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (HandleMedia m : live.members()) {
            m.close("Shutdown");
        }
        live.clear();
        engine.close();
    }
}
