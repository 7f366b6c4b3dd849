package io.webfon.rtp.webrtc;

import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.DtlsEndpoint;
import io.webfon.rtp.dtls.DtlsListener;
import io.webfon.rtp.dtls.DtlsRole;
import io.webfon.rtp.dtls.SrtpKeyMaterial;
import io.webfon.rtp.dtls.SrtpProfile;
import io.webfon.rtp.ice.StunMessages;
import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
 * {@link #BUDGET_NANOS}: a few seconds of one core, at the lowest thread priority. 300, not 150: with the JIT at C1
 * the code a handshake runs once is compiled at its 256th run (the interpreter reports a method every 128 calls and
 * it is compiled past 200). Then come the caller's
 * {@code calls}: whole calls through the node's own ICE socket ({@link LoopbackCalls}), for the path a browser's
 * datagrams take, which nothing in memory reaches. Failures only cost the warm-up: they are logged and forgotten.
 */
final class MediaWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(MediaWarmUp.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int HANDSHAKES = 300;
    private static final int HANDSHAKES_WITH_PACKETS = 8;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(6);
    private static final int PACKETS = 2_000;
    /** Rounds of the caller's signalling path per handshake: it costs a fraction of a handshake once compiled. */
    private static final int SIGNALLING_ROUNDS = 5;

    /** The second stage: whole calls through the node's ICE socket; returns how many completed. */
    @FunctionalInterface
    interface Calls {
        int run(DtlsCertificate peerCertificate, Executor peerDtls);
    }

    private final DtlsCertificate nodeCertificate;
    private final BooleanSupplier engineClosed;
    private final Runnable extraRound;
    private final Calls calls;

    private MediaWarmUp(DtlsCertificate nodeCertificate, BooleanSupplier engineClosed, Runnable extraRound,
            Calls calls) {
        this.nodeCertificate = nodeCertificate;
        this.engineClosed = engineClosed;
        this.extraRound = extraRound;
        this.calls = calls;
    }

    /**
     * Starts the warm-up on a daemon thread of its own; {@code extraRound} runs once per handshake, {@code calls}
     * once after the handshakes. It stops, without a line, at the first round after {@code engineClosed} says the
     * engine was closed.
     *
     * @return the thread, for the engine to wait for its current round when it closes
     */
    static Thread startInBackground(DtlsCertificate nodeCertificate, BooleanSupplier engineClosed,
            Runnable extraRound, Calls calls) {
        Thread t = new Thread(new MediaWarmUp(nodeCertificate, engineClosed, extraRound, calls), "media-warmup");
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
            int called = engineClosed.getAsBoolean() ? 0 : calls.run(peer, executor);
            if (engineClosed.getAsBoolean()) {
                return;
            }
            LOG.info("WebRTC media stack warmed up in {} ms ({} DTLS handshakes, {} loopback calls)",
                    (System.nanoTime() - start) / 1_000_000, done, called);
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
            protectAndUnprotect(c, s, packets);
            if (packets > 0) {
                // Two endpoints of ours agree on AES-GCM, our first choice; Chromium's DTLS server picks
                // AES-CM with HMAC-SHA1, whose first contexts loaded and linked during the first browser's handshake.
                byte[] material = new byte[SrtpProfile.AES128_CM_HMAC_SHA1_80.keyingMaterialLength()];
                RANDOM.nextBytes(material);
                protectAndUnprotect(SrtpKeyMaterial.split(SrtpProfile.AES128_CM_HMAC_SHA1_80, material,
                        DtlsRole.CLIENT), SrtpKeyMaterial.split(SrtpProfile.AES128_CM_HMAC_SHA1_80, material,
                        DtlsRole.SERVER), packets);
            }
        } finally {
            ends[0].close();
            ends[1].close();
        }
    }

    /** RTP packets, and an RTCP packet every 10th, protected by one side's keys and unprotected by the other's. */
    private static void protectAndUnprotect(SrtpKeyMaterial client, SrtpKeyMaterial server, int packets) {
        try (SrtpSession sender = new SrtpSession(client); SrtpSession receiver = new SrtpSession(server)) {
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
                if (seq % 10 == 0) {
                    // A receiver report without blocks: V=2, PT=201, length 1 word after the header, the SSRC.
                    byte[] rtcp = new byte[8 + PacketBuffer.SRTP_TRAILER_ROOM];
                    rtcp[0] = (byte) 0x80;
                    rtcp[1] = (byte) 201;
                    rtcp[3] = 1;
                    rtcp[7] = 1;
                    PacketBuffer r = new PacketBuffer(rtcp, 0, 8);
                    sender.protectRtcp(r);
                    receiver.unprotectRtcp(r);
                }
            }
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
