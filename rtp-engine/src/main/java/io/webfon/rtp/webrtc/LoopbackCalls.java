package io.webfon.rtp.webrtc;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.client.UdpClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.ice.RemoteIceCandidate;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.srtp.PacketBuffer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Whole calls from the node to itself, through its real ICE socket: a PeerConnection made as for a browser's offer
 * (controlled ICE agent, DTLS client) against the node's client stack ({@link UdpClientPeer}) on a UDP socket of
 * the same host address. Each call runs ICE (the peer's checks answered by ice4j's STUN stack, ice4j's triggered
 * check answered by the peer), the DTLS handshake, SRTP both ways with an echo, and the close.
 *
 * <p>What for: the in-memory warm-up ({@link MediaWarmUp}) compiles DTLS and SRTP, but the path a browser's
 * datagrams take through the node (ice4j's socket reader, its STUN stack and check lists, the packet lanes, the
 * PeerConnection's demultiplexing) only ran for real calls, interpreted for the first tens of them. A fresh node's
 * first browser call waited 50-60 ms for its first check answer; later ones 2-3 ms, slowly falling.
 *
 * <p>The calls are quiet: no session, no Janus event, their PeerConnection lines at DEBUG. Nothing leaves the host.
 * With a TURN server configured none are made: each would allocate a relay on it.
 */
final class LoopbackCalls {
    private static final Logger LOG = LogManager.getLogger(LoopbackCalls.class);
    /** Each way, per call: enough for the packet path's per-packet methods to be compiled within a few calls. */
    static final int PACKETS = 50;
    private static final long CALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private LoopbackCalls() {
    }

    /**
     * Makes up to {@code calls} calls, one after the other, until the budget is spent or {@code stop} says so.
     * A call that fails (no answer within 2 s: a host firewall, say) ends the series: the next would fail the same.
     *
     * @return how many calls completed (connected both ways and echoed every packet)
     */
    static int run(WebRtcEngine engine, DtlsCertificate peerCertificate, Executor peerDtls, int calls,
            long budgetNanos, BooleanSupplier stop) {
        InetSocketAddress node = nodeAddress(engine);
        if (node == null || engine.harvesters().relays()) {
            return 0;
        }
        long start = System.nanoTime();
        int done = 0;
        while (done < calls && System.nanoTime() - start < budgetNanos && !stop.getAsBoolean()) {
            // Every other call signals no candidate: its checks teach the node a peer-reflexive one, as a browser's
            // first checks do when they arrive before its trickled candidates.
            String failure = call(engine, node, peerCertificate, peerDtls, done % 2 == 1, stop);
            if (failure != null) {
                if (!stop.getAsBoolean()) {
                    // Once, and not a warning: the node serves anyway, its first calls only slower.
                    LOG.info("Warm-up call to {} failed after {} calls: {}", node, done, failure);
                }
                break;
            }
            done++;
        }
        return done;
    }

    /** The node's first IPv4 ICE socket (else its first), where a local peer can reach it. */
    static InetSocketAddress nodeAddress(WebRtcEngine engine) {
        List<InetSocketAddress> bound = engine.harvesters().boundAddresses();
        for (InetSocketAddress a : bound) {
            if (a.getAddress() instanceof Inet4Address && !a.getAddress().isAnyLocalAddress()) {
                return a;
            }
        }
        for (InetSocketAddress a : bound) {
            if (!a.getAddress().isAnyLocalAddress()) {
                return a;
            }
        }
        return null;
    }

    /** One call; null when it completed, else why not. */
    static String call(WebRtcEngine engine, InetSocketAddress node, DtlsCertificate peerCertificate,
            Executor peerDtls, boolean peerReflexive, BooleanSupplier stop) {
        Ends ends = new Ends();
        try (UdpClientPeer client = new UdpClientPeer(node.getAddress(), peerCertificate, peerDtls, ends,
                "media-warmup-peer")) {
            PeerConnection pc = engine.createQuiet("media-warmup", false, ends.echo);
            ends.pc = pc;
            try {
                return exchange(engine, node, client, pc, ends, peerReflexive, stop);
            } finally {
                pc.close("warm-up"); // before the peer's socket closes, so its close_notify has somewhere to go
            }
        } catch (IOException | RuntimeException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String exchange(WebRtcEngine engine, InetSocketAddress node, UdpClientPeer client,
            PeerConnection pc, Ends ends, boolean peerReflexive, BooleanSupplier stop)
            throws IOException, InterruptedException {
        ClientPeer peer = client.peer();
        InetSocketAddress local = client.localAddress();
        client.server(node);
        List<RemoteIceCandidate> candidates = peerReflexive ? List.of()
                : List.of(new RemoteIceCandidate("1", 1, "udp", 2130706431L, local.getAddress().getHostAddress(),
                        local.getPort(), "host", null, 0));
        pc.setRemote(new RemoteTransport(peer.localUfrag(), peer.localPassword(), candidates,
                List.of(peer.fingerprint()), "actpass", true));
        peer.start(pc.localIceUfrag(), pc.localIcePassword(), List.of(engine.certificate().fingerprint()),
                "active");
        long deadline = System.nanoTime() + CALL_TIMEOUT_NANOS;
        while (ends.connected.getCount() > 0) {
            if (System.nanoTime() - deadline > 0 || ends.failure != null || stop.getAsBoolean()) {
                return ends.failure != null ? ends.failure
                        : stop.getAsBoolean() ? "stopped" : "not connected within 2 s";
            }
            client.tick();
            ends.connected.await(TICK_NANOS, TimeUnit.NANOSECONDS);
        }
        for (int seq = 1; seq <= PACKETS; seq++) {
            byte[] buf = new byte[12 + 160 + PacketBuffer.SRTP_TRAILER_ROOM];
            buf[0] = (byte) 0x80;
            buf[1] = 111;
            RtpHeader.setSequenceNumber(buf, 0, 172, seq);
            RtpHeader.setSsrc(buf, 0, 172, 0x5741_524dL);
            peer.sendRtp(new PacketBuffer(buf, 0, 172));
            if (seq % 10 == 0) {
                LockSupport.parkNanos(TICK_NANOS / 2); // a little spacing, as media has, so no queue overflows
            }
        }
        long left = deadline - System.nanoTime();
        if (!ends.echoed.await(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
            return (PACKETS - ends.echoed.getCount()) + " of " + PACKETS + " packets echoed";
        }
        return null;
    }

    /** Both ends' events: the node's side echoes what it receives, the peer's side counts what comes back. */
    private static final class Ends implements ClientPeer.Listener {
        final CountDownLatch connected = new CountDownLatch(2);
        final CountDownLatch echoed = new CountDownLatch(PACKETS);
        volatile PeerConnection pc;
        volatile String failure;

        final PeerConnectionListener echo = new PeerConnectionListener() {
            @Override
            public void onConnected() {
                connected.countDown();
            }

            @Override
            public void onRtp(byte[] buf, int off, int len, int spare) {
                PeerConnection p = pc;
                if (p != null) {
                    byte[] copy = new byte[len + PacketBuffer.SRTP_TRAILER_ROOM];
                    System.arraycopy(buf, off, copy, 0, len);
                    p.sendRtp(new PacketBuffer(copy, 0, len));
                }
            }

            @Override
            public void onRtcp(byte[] buf, int off, int len, int spare) {
            }

            @Override
            public void onClosed(String reason) {
            }
        };

        @Override
        public void onConnected() {
            connected.countDown();
        }

        @Override
        public void onRtp(byte[] buf, int off, int len) {
            echoed.countDown();
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len) {
        }

        @Override
        public void onFailed(String reason) {
            failure = reason;
        }
    }
}
