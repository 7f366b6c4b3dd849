package io.webfon.it.media;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.packet.RtcpCompound;
import io.webfon.rtp.packet.RtcpFeedback;
import io.webfon.rtp.packet.RtcpFeedbackWriter;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.MediaDescription;
import io.webfon.rtp.sdp.SdpParseException;
import io.webfon.rtp.sdp.SdpParser;
import io.webfon.rtp.sdp.SessionDescription;
import io.webfon.rtp.sdp.Setup;
import io.webfon.rtp.srtp.PacketBuffer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The non-browser WebRTC peer of the media ITs: the node's own {@link ClientPeer} (controlling ICE agent, DTLS
 * server, SRTP) on a loopback UDP socket, with a reader thread and a tick thread. It writes the offer a browser
 * would (audio opus/48000/2 PT 111, video VP8/90000 PT 96, BUNDLE, rtcp-mux, one host candidate), applies the
 * node's answer, sends SRTP audio and video and collects what comes back, decrypted. Its threads are named
 * {@code media-it-peer-*}, so that node thread counts can leave them out.
 */
final class EchoPeer implements AutoCloseable {
    static final int AUDIO_PT = 111;
    static final int VIDEO_PT = 96;
    static final String THREAD_PREFIX = "media-it-peer-";
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("media-it-peer", Instant.now());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final AtomicLong SSRCS = new AtomicLong(0x1000_0000L);

    final long audioSsrc = SSRCS.incrementAndGet();
    final long videoSsrc = SSRCS.incrementAndGet() | 0x2000_0000L;
    private final DatagramSocket socket;
    /** The reader, the tick, and the DTLS handshake (Bouncy Castle's blocks a thread). */
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, THREAD_PREFIX + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ClientPeer peer;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final LinkedBlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final Set<Integer> rtpSequenceNumbers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean corruptNextMedia = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile InetSocketAddress server;
    private volatile SessionDescription answer;
    private volatile boolean closed;

    EchoPeer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer = new ClientPeer(CERTIFICATE, threads, this::send, new Listener());
        threads.execute(this::read);
        threads.scheduleWithFixedDelay(this::tick, 0, 10, TimeUnit.MILLISECONDS);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The offer a browser would send for audio and video, with this peer's ICE credentials and fingerprint. */
    String offer() {
        return Offers.audioVideo(peer.localUfrag(), peer.localPassword(), peer.fingerprint().toAttributeValue(),
                port(), audioSsrc, videoSsrc);
    }

    /**
     * Applies the node's answer: its first candidate is the address to talk to; ICE credentials, fingerprint and
     * {@code a=setup} come from the BUNDLE tag m-line (the first).
     */
    void answer(String sdp) throws SdpParseException {
        SessionDescription d = SdpParser.parse(sdp);
        MediaDescription tag = d.bundleTag().orElse(d.media().get(0));
        Candidate c = tag.candidates().get(0);
        server = new InetSocketAddress(c.address(), c.port());
        answer = d;
        peer.start(d.iceUfragOf(tag).orElseThrow(), d.icePwdOf(tag).orElseThrow(), d.fingerprintsOf(tag),
                d.setupOf(tag).map(Setup::sdpName).orElse("active"));
    }

    /** The node's ICE ufrag, from its answer. */
    String nodeUfrag() {
        return answer.iceUfragOf(answer.bundleTag().orElse(answer.media().get(0))).orElseThrow();
    }

    InetSocketAddress server() {
        return server;
    }

    /** The SSRC the node announced in its answer for the audio or video m-line. */
    long nodeSsrc(boolean video) {
        for (MediaDescription m : answer.media()) {
            if (m.isVideo() == video && !m.ssrcs().isEmpty()) {
                return m.ssrcs().get(0).id();
            }
        }
        throw new AssertionError("no a=ssrc for " + (video ? "video" : "audio") + " in the answer");
    }

    void awaitConnected(Duration wait) throws Exception {
        CompletableFuture.anyOf(connected, failed).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (failed.isDone()) {
            throw new AssertionError("the peer failed: " + failed.getNow(null));
        }
    }

    /** The reason the peer's DTLS ended (close_notify, alert), when it did. */
    CompletableFuture<String> failed() {
        return failed;
    }

    /** A plain RTP packet of this peer's audio or video source with the given payload. */
    byte[] rtpPacket(boolean video, int seq, long timestamp, byte[] payload) {
        byte[] b = new byte[RtpHeader.FIXED_HEADER_LENGTH + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) (video ? VIDEO_PT : AUDIO_PT);
        RtpHeader.setSequenceNumber(b, 0, b.length, seq & 0xFFFF);
        RtpHeader.setTimestamp(b, 0, b.length, timestamp & 0xFFFFFFFFL);
        RtpHeader.setSsrc(b, 0, b.length, video ? videoSsrc : audioSsrc);
        System.arraycopy(payload, 0, b, RtpHeader.FIXED_HEADER_LENGTH, payload.length);
        return b;
    }

    /** Encrypts and sends a copy of a plain RTP packet; false if SRTP is not up or refused it. */
    boolean sendRtp(byte[] plain) throws IOException {
        byte[] b = Arrays.copyOf(plain, plain.length + PacketBuffer.SRTP_TRAILER_ROOM);
        return peer.sendRtp(new PacketBuffer(b, 0, plain.length));
    }

    /** Encrypts and sends a copy of a plain RTCP compound packet. */
    boolean sendRtcp(byte[] plain) throws IOException {
        byte[] b = Arrays.copyOf(plain, plain.length + PacketBuffer.SRTP_TRAILER_ROOM);
        return peer.sendRtcp(new PacketBuffer(b, 0, plain.length));
    }

    /** A PLI about the video the node sends us (its announced video SSRC). */
    boolean sendPli() throws IOException {
        return sendRtcp(RtcpFeedbackWriter.pli(videoSsrc, nodeSsrc(true)));
    }

    /** Sends bytes as they are, unencrypted, from this peer's socket to the node's candidate. */
    void sendRaw(byte[] b) throws IOException {
        send(b, 0, b.length);
    }

    /**
     * Encrypts and sends a copy of a plain RTP packet with its SRTP authentication tag broken (its last byte
     * flipped on the way out), as an attacker or a broken sender would.
     */
    boolean sendRtpWithBadTag(byte[] plain) throws IOException {
        corruptNextMedia.set(true);
        try {
            return sendRtp(plain);
        } finally {
            corruptNextMedia.set(false);
        }
    }

    private void send(byte[] b, int off, int len) throws IOException {
        int first = len > 0 ? b[off] & 0xFF : 0;
        if (first >= 128 && first < 192 && corruptNextMedia.getAndSet(false)) {
            b[off + len - 1] ^= 0x5A;
        }
        InetSocketAddress to = server;
        if (to != null && !socket.isClosed()) {
            socket.send(new DatagramPacket(b, off, len, to));
            sent.incrementAndGet();
        }
    }

    /** The first received (decrypted) RTP packet matching, discarding the others, or null after {@code wait}. */
    byte[] awaitRtp(Predicate<byte[]> match, Duration wait) throws InterruptedException {
        return await(rtp, match, wait);
    }

    /** The first received (decrypted) RTCP compound packet matching, discarding the others, or null. */
    byte[] awaitRtcp(Predicate<byte[]> match, Duration wait) throws InterruptedException {
        return await(rtcp, match, wait);
    }

    /** Whether an RTP packet with this sequence number was ever received (and decrypted). */
    boolean receivedRtp(int sequenceNumber) {
        return rtpSequenceNumbers.contains(sequenceNumber);
    }

    private static byte[] await(LinkedBlockingQueue<byte[]> queue, Predicate<byte[]> match, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            byte[] p = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (p == null) {
                return null;
            }
            if (match.test(p)) {
                return p;
            }
        }
    }

    /** Whether an RTCP compound holds a PLI (RFC 4585 §6.3.1) about {@code mediaSsrc}. */
    static boolean hasPli(byte[] compound, long mediaSsrc) {
        RtcpCompound c = new RtcpCompound().reset(compound, 0, compound.length);
        while (c.next()) {
            if (RtcpFeedback.isPli(compound, c.offset(), c.length())
                    && RtcpFeedback.mediaSsrc(compound, c.offset(), c.length()) == mediaSsrc) {
                return true;
            }
        }
        return false;
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf, 0, buf.length);
                socket.receive(p);
                received.incrementAndGet();
                peer.receive(buf, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Repeats the ICE check until one succeeds (ClientPeer paces itself; this only gives it the chance). */
    private void tick() {
        try {
            if (server != null && !closed) {
                peer.tick(System.nanoTime());
            }
        } catch (IOException e) {
            // A check lost to a closed socket: the peer is going away.
        }
    }

    /** Ends DTLS with a close_notify (and drops the SRTP contexts); the socket stays open. */
    void closeDtls() {
        peer.close();
    }

    /** Disappears without a word: the socket is closed, nothing is sent any more, nothing answered. */
    void vanish() {
        closed = true;
        socket.close();
    }

    @Override
    public String toString() {
        return "127.0.0.1:" + socket.getLocalPort() + " -> " + server + " (ICE " + peer.isIceConnected() + ", SRTP "
                + peer.isConnected() + ", datagrams sent " + sent + ", received " + received + ", RTP received "
                + rtpSequenceNumbers.size() + ", RTCP received " + rtcpReceived + ")";
    }

    @Override
    public void close() {
        closed = true;
        peer.close();
        socket.close();
        threads.shutdownNow();
    }

    private final class Listener implements ClientPeer.Listener {
        @Override
        public void onConnected() {
            connected.complete(null);
        }

        @Override
        public void onRtp(byte[] buf, int off, int len) {
            rtpSequenceNumbers.add(RtpHeader.sequenceNumber(buf, off, len));
            rtp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len) {
            rtcpReceived.incrementAndGet();
            rtcp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onFailed(String reason) {
            failed.complete(reason);
        }
    }
}
