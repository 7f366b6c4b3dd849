package io.webfon.rtp.webrtc;

import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.ice.IceHarvesters;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The node's WebRTC media plane: the shared ICE sockets, the DTLS identity, and a small pool for Bouncy Castle's
 * blocking DTLS handshakes. Creates one {@link PeerConnection} per handle that negotiates media.
 */
public final class WebRtcEngine implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(WebRtcEngine.class);
    /** A loopback call's round trip may take up to 2 s when it fails; the engine waits that long for it on close. */
    private static final long WARM_UP_STOP_MILLIS = 2500;
    /**
     * The warm-up's calls to the node itself (see {@link LoopbackCalls}): past 256, where the C1 JIT compiles what a
     * call runs once; about 4 s of one core, at most {@link #LOOPBACK_BUDGET_NANOS}.
     */
    static final int LOOPBACK_CALLS = 300;
    private static final long LOOPBACK_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final IceHarvesters harvesters;
    private final DtlsCertificate certificate;
    private final ExecutorService dtlsPool;
    private final Duration dtlsTimeout;
    private final int dtlsMtu;
    private final AtomicInteger live = new AtomicInteger();
    /** Set by close(): a warm-up still running stops at its next round. */
    private volatile boolean closed;
    private volatile Thread warmUp;

    /**
     * @param dtlsThreads handshakes running at once; each costs about 1 ms of CPU, so a few threads serve
     *     hundreds of handshakes a second (more threads only help while peers are slow to answer)
     */
    public WebRtcEngine(IceHarvesters harvesters, DtlsCertificate certificate, int dtlsThreads, Duration dtlsTimeout,
            int dtlsMtu) {
        this.harvesters = harvesters;
        this.certificate = certificate;
        this.dtlsTimeout = dtlsTimeout;
        this.dtlsMtu = dtlsMtu;
        AtomicInteger n = new AtomicInteger();
        this.dtlsPool = new ThreadPoolExecutor(dtlsThreads, dtlsThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dtls-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) dtlsPool).allowCoreThreadTimeOut(true);
    }

    /**
     * Runs DTLS and SRTP in memory on a background thread, then a few dozen calls from the node to itself through
     * its ICE socket ({@link LoopbackCalls}), so the first peers do not pay for class loading and interpreted code.
     * The JVM's first ice4j agent (about a second) is the one the harvesters make ahead at start in full-ICE mode;
     * ICE-lite makes none.
     */
    public void warmUpInBackground() {
        warmUpInBackground(() -> { });
    }

    /** The same, running {@code extraRound} (e.g. the signalling path) once after each DTLS handshake. */
    public void warmUpInBackground(Runnable extraRound) {
        AtomicBoolean first = new AtomicBoolean(true);
        warmUp = MediaWarmUp.startInBackground(certificate, () -> closed, () -> {
            if (first.getAndSet(false)) {
                onePeerConnection();
            }
            extraRound.run();
        }, (peerCertificate, peerDtls) -> LoopbackCalls.run(this, peerCertificate, peerDtls, LOOPBACK_CALLS,
                LOOPBACK_BUDGET_NANOS, () -> closed));
    }

    /**
     * Waits at most {@code timeout} for the start-up warm-up to end.
     *
     * @return true when no warm-up runs any more (done, stopped, or never started)
     */
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        Thread running = warmUp;
        if (running == null) {
            return true;
        }
        running.join(Math.max(1, timeout.toMillis()));
        return !running.isAlive();
    }

    /**
     * Creates a PeerConnection (no packet is sent: it never hears from a peer), gives it a remote description and
     * closes it: the first one of a JVM loads some 30 ms of classes, which the first browser would wait for.
     */
    private void onePeerConnection() {
        try {
            PeerConnection pc = createQuiet("media-warmup", false, new PeerConnectionListener() {
                @Override
                public void onConnected() {
                }

                @Override
                public void onRtp(byte[] buf, int off, int len, int spare) {
                }

                @Override
                public void onRtcp(byte[] buf, int off, int len, int spare) {
                }

                @Override
                public void onClosed(String reason) {
                }
            });
            pc.setRemote(new RemoteTransport("warmUpPeer", "warmUpPeerPasswordOf24ch", List.of(),
                    List.of(certificate.fingerprint()), "actpass", true));
            pc.close("warm-up");
        } catch (IOException | RuntimeException e) {
            LOG.debug("Warm-up PeerConnection: {}", e.toString());
        }
    }

    /**
     * A new PeerConnection with its ICE agent and local candidates ready.
     *
     * @param iceControlling whether we are the controlling ICE agent (we send the offer)
     */
    public PeerConnection create(String name, boolean iceControlling, PeerConnectionListener listener)
            throws IOException {
        return counted(new PeerConnection(this, name, iceControlling, listener, false));
    }

    /** A PeerConnection of the node's own warm-up: as {@link #create}, its lines at DEBUG. */
    PeerConnection createQuiet(String name, boolean iceControlling, PeerConnectionListener listener)
            throws IOException {
        return counted(new PeerConnection(this, name, iceControlling, listener, true));
    }

    private PeerConnection counted(PeerConnection pc) {
        live.incrementAndGet();
        return pc;
    }

    void closed() {
        live.decrementAndGet();
    }

    /** PeerConnections not yet closed. */
    public int liveCount() {
        return live.get();
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    public IceHarvesters harvesters() {
        return harvesters;
    }

    ExecutorService dtlsPool() {
        return dtlsPool;
    }

    Duration dtlsTimeout() {
        return dtlsTimeout;
    }

    int dtlsMtu() {
        return dtlsMtu;
    }

    @Override
    public void close() {
        closed = true;
        Thread running = warmUp;
        if (running != null && running != Thread.currentThread()) {
            // Its round in progress (a handshake, a few ms; the first also opens a PeerConnection) must not meet
            // closed harvesters: ice4j would warn about them into the log.
            try {
                running.join(WARM_UP_STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dtlsPool.shutdownNow();
        harvesters.close();
    }
}
