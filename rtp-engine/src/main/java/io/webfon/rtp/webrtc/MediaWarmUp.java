package io.webfon.rtp.webrtc;

import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.DtlsEndpoint;
import io.webfon.rtp.dtls.DtlsListener;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.ice.StunMessages;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs the media stack once, in memory, right after start, so the first browser does not pay for it: the first
 * ice4j agent of a JVM costs about a second (configuration, class loading), and the first DTLS handshakes and SRTP
 * contexts run Bouncy Castle and jitsi-srtp in the interpreter. A daemon thread does complete DTLS-SRTP
 * handshakes between two endpoints wired back to back (no socket), protects and unprotects packets with the keys
 * the first ones export, and runs the caller's {@code extraRound} (the signalling path) after each handshake.
 * A handshake pair cost about 8 ms of CPU after 8 of them and 3 ms after 150 (JIT compilation of Bouncy Castle's
 * elliptic curve code), and a browser waits for one side of it, so up to {@link #HANDSHAKES} are done, within
 * {@link #BUDGET_NANOS}: about a second of one core, at the lowest thread priority. Failures only cost the
 * warm-up: they are logged and forgotten.
 */
final class MediaWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(MediaWarmUp.class);
    private static final int HANDSHAKES = 150;
    private static final int HANDSHAKES_WITH_PACKETS = 8;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final int PACKETS = 2_000;
    /** Rounds of the caller's signalling path per handshake: it costs a fraction of a handshake once compiled. */
    private static final int SIGNALLING_ROUNDS = 5;

    private final DtlsCertificate nodeCertificate;
    private final BooleanSupplier engineClosed;
    private final Runnable extraRound;

    private MediaWarmUp(DtlsCertificate nodeCertificate, BooleanSupplier engineClosed, Runnable extraRound) {
        this.nodeCertificate = nodeCertificate;
        this.engineClosed = engineClosed;
        this.extraRound = extraRound;
    }

    /**
     * Starts the warm-up on a daemon thread of its own; {@code extraRound} runs once per handshake. It stops,
     * without a line, at the first round after {@code engineClosed} says the engine was closed.
     *
     * @return the thread, for the engine to wait for its current round when it closes
     */
    static Thread startInBackground(DtlsCertificate nodeCertificate, BooleanSupplier engineClosed,
            Runnable extraRound) {
        Thread t = new Thread(new MediaWarmUp(nodeCertificate, engineClosed, extraRound), "media-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "media-warmup-dtls");
            t.setDaemon(true);
            return t;
        });
        try {
            DtlsCertificate peer = DtlsCertificate.generate("warm-up", Instant.now());
            int done = 0;
            while (done < HANDSHAKES && System.nanoTime() - start < BUDGET_NANOS) {
                if (engineClosed.getAsBoolean()) {
                    return;
                }
                handshakeAndProtect(peer, executor, done < HANDSHAKES_WITH_PACKETS ? PACKETS : 0);
                for (int i = 0; i < 20; i++) {
                    StunMessages.warmUpRound(); // the ICE-lite responder's path (checks come 20 or so per call)
                }
                for (int i = 0; i < SIGNALLING_ROUNDS; i++) {
                    extraRound.run();
                }
                done++;
            }
            LOG.info("WebRTC media stack warmed up in {} ms ({} DTLS handshakes)",
                    (System.nanoTime() - start) / 1_000_000, done);
        } catch (Exception e) {
            if (engineClosed.getAsBoolean()) {
                return;
            }
            LOG.warn("WebRTC media warm-up failed (the first calls will only be slower): {}", e.toString());
        } finally {
            executor.shutdownNow();
        }
    }

    private void handshakeAndProtect(DtlsCertificate peer, ExecutorService executor, int packets) throws Exception {
        Keys client = new Keys();
        Keys server = new Keys();
        DtlsEndpoint[] ends = new DtlsEndpoint[2];
        ends[0] = new DtlsEndpoint(nodeCertificate, DtlsRole.CLIENT, List.of(peer.fingerprint()),
                (b, o, l) -> ends[1].receive(b, o, l), executor, client, 1200, Duration.ofSeconds(10));
        ends[1] = new DtlsEndpoint(peer, DtlsRole.SERVER, List.of(nodeCertificate.fingerprint()),
                (b, o, l) -> ends[0].receive(b, o, l), executor, server, 1200, Duration.ofSeconds(10));
        try {
            ends[1].start();
            ends[0].start();
            SrtpKeyMaterial c = client.keys.get(10, TimeUnit.SECONDS);
            SrtpKeyMaterial s = server.keys.get(10, TimeUnit.SECONDS);
            try (SrtpSession sender = new SrtpSession(c); SrtpSession receiver = new SrtpSession(s)) {
                byte[] buf = new byte[12 + 160 + PacketBuffer.SRTP_TRAILER_ROOM];
                for (int seq = 0; seq < packets; seq++) {
                    buf[0] = (byte) 0x80;
                    buf[1] = 111;
                    buf[2] = (byte) (seq >> 8);
                    buf[3] = (byte) seq;
                    buf[11] = 1;
                    PacketBuffer p = new PacketBuffer(buf, 0, 172);
                    sender.protectRtp(p);
                    receiver.unprotectRtp(p);
                }
            }
        } finally {
            ends[0].close();
            ends[1].close();
        }
    }

    private static final class Keys implements DtlsListener {
        final CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();

        @Override
        public void onConnected(SrtpKeyMaterial k) {
            keys.complete(k);
        }

        @Override
        public void onFailed(String reason) {
            keys.completeExceptionally(new IllegalStateException(reason));
        }

        @Override
        public void onClosed(String reason) {
            // Closing the warm-up endpoints is expected.
        }
    }
}
