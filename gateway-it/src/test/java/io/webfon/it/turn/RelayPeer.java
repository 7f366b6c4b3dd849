package io.webfon.it.turn;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.ice.StunMessages;
import io.webfon.rtp.packet.RtpHeader;
import io.webfon.rtp.sdp.Candidate;
import io.webfon.rtp.sdp.CandidateType;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test-side WebRTC peer of the TURN, ICE-restart and consent ITs: the node's own {@link ClientPeer}
 * (controlling ICE agent with one remote candidate, DTLS server, SRTP) on a loopback UDP socket, audio only. It
 * talks to exactly one of the node's candidates, chosen by type or given (the relayed one the node trickles, to
 * prove the path through the TURN server), records where received media came from, can restart ICE (new credentials both ways) and can stop
 * answering the node's connectivity checks while still sending media (consent freshness). A trimmed copy of the
 * media ITs' EchoPeer, kept in this package so the two test suites evolve independently.
 */
final class RelayPeer implements AutoCloseable {
    static final int AUDIO_PT = 111;
    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generate("turn-it-peer", Instant.now());
    private static final AtomicInteger THREADS = new AtomicInteger();

    final long ssrc = 0x3000_0000L + THREADS.incrementAndGet();
    private final DatagramSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "turn-it-peer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ClientPeer peer;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private final LinkedBlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
    private final Set<InetSocketAddress> mediaSources = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress server;
    private volatile boolean ignoreChecks;
    private volatile boolean closed;
    private int seq = 100;

    RelayPeer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer = new ClientPeer(CERTIFICATE, threads, this::send, new Listener());
        threads.execute(this::read);
        threads.execute(this::tick);
    }

    /** An audio offer as a browser writes it (opus, BUNDLE, rtcp-mux), with one host candidate on 127.0.0.1. */
    String offer() {
        int port = socket.getLocalPort();
        return String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "a=msid-semantic: WMS turn-it", "m=audio " + port + " UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 127.0.0.1", "a=candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host generation 0",
                "a=ice-ufrag:" + peer.localUfrag(), "a=ice-pwd:" + peer.localPassword(), "a=ice-options:trickle",
                "a=fingerprint:" + peer.fingerprint().toAttributeValue(), "a=setup:actpass", "a=mid:0",
                "a=sendrecv", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=ssrc:" + ssrc + " cname:turn-it") + "\r\n";
    }

    /** The node's candidates of the answer's BUNDLE tag. */
    static List<Candidate> candidates(String sdp) throws SdpParseException {
        SessionDescription d = SdpParser.parse(sdp);
        return tag(d).candidates();
    }

    private static MediaDescription tag(SessionDescription d) {
        return d.bundleTag().orElse(d.media().get(0));
    }

    /** Applies the node's answer and talks to its first candidate of type {@code use} only. */
    void answer(String sdp, CandidateType use) throws SdpParseException {
        answer(sdp, target(tag(SdpParser.parse(sdp)), use));
    }

    /** Applies the node's answer and talks to {@code candidate} only (one the node trickled after it). */
    void answer(String sdp, InetSocketAddress candidate) throws SdpParseException {
        SessionDescription d = SdpParser.parse(sdp);
        MediaDescription tag = tag(d);
        server = candidate;
        peer.start(d.iceUfragOf(tag).orElseThrow(), d.icePwdOf(tag).orElseThrow(), d.fingerprintsOf(tag),
                d.setupOf(tag).map(Setup::sdpName).orElse("active"));
    }

    private static InetSocketAddress target(MediaDescription tag, CandidateType use) {
        Candidate c = tag.candidates().stream().filter(x -> x.type() == use).findFirst()
                .orElseThrow(() -> new AssertionError("no " + use + " candidate in " + tag.candidates()));
        return new InetSocketAddress(c.address(), c.port());
    }

    /** ICE restart, our half: new credentials, and the new offer carrying them. */
    String restartOffer() {
        peer.newLocalCredentials();
        return offer();
    }

    /** ICE restart, the node's half: its new credentials (and candidate of type {@code use}) from its answer. */
    void restartAnswer(String sdp, CandidateType use) throws SdpParseException {
        restartAnswer(sdp, target(tag(SdpParser.parse(sdp)), use));
    }

    /** ICE restart, the node's half, talking to {@code candidate} only (one the node trickled after its answer). */
    void restartAnswer(String sdp, InetSocketAddress candidate) throws SdpParseException {
        SessionDescription d = SdpParser.parse(sdp);
        MediaDescription tag = tag(d);
        server = candidate;
        mediaSources.clear();
        peer.restartIce(d.iceUfragOf(tag).orElseThrow(), d.icePwdOf(tag).orElseThrow());
    }

    InetSocketAddress server() {
        return server;
    }

    /** From now on the node's connectivity checks (consent checks included) get no answer; media goes on. */
    void ignoreChecks() {
        ignoreChecks = true;
    }

    void awaitConnected(Duration wait) throws Exception {
        CompletableFuture.anyOf(connected, failed).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (failed.isDone()) {
            throw new AssertionError("the peer failed: " + failed.getNow(null));
        }
    }

    boolean isIceConnected() {
        return peer.isIceConnected();
    }

    /** Sends one audio packet with the next sequence number; returns it (plain). */
    byte[] sendAudio() throws IOException {
        byte[] payload = ("audio " + seq + " from the TURN IT").getBytes();
        byte[] b = new byte[RtpHeader.FIXED_HEADER_LENGTH + payload.length];
        b[0] = (byte) 0x80;
        b[1] = (byte) AUDIO_PT;
        RtpHeader.setSequenceNumber(b, 0, b.length, seq++ & 0xFFFF);
        RtpHeader.setTimestamp(b, 0, b.length, 960L * seq);
        RtpHeader.setSsrc(b, 0, b.length, ssrc);
        System.arraycopy(payload, 0, b, RtpHeader.FIXED_HEADER_LENGTH, payload.length);
        byte[] copy = Arrays.copyOf(b, b.length + PacketBuffer.SRTP_TRAILER_ROOM);
        peer.sendRtp(new PacketBuffer(copy, 0, b.length));
        return b;
    }

    /**
     * Sends audio until a packet comes back with the same sequence number and payload (a few tries: the first
     * packets may meet a node still finishing DTLS, or an ICE restart still checking); true if one did.
     */
    boolean echoes(int tries, Duration waitEach) throws Exception {
        for (int i = 0; i < tries; i++) {
            byte[] sent = sendAudio();
            int s = RtpHeader.sequenceNumber(sent, 0, sent.length);
            long deadline = System.nanoTime() + waitEach.toNanos();
            for (long left = waitEach.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                byte[] p = rtp.poll(left, TimeUnit.NANOSECONDS);
                if (p != null && RtpHeader.sequenceNumber(p, 0, p.length) == s && Arrays.equals(
                        Arrays.copyOfRange(p, RtpHeader.headerLength(p, 0, p.length), p.length),
                        Arrays.copyOfRange(sent, RtpHeader.FIXED_HEADER_LENGTH, sent.length))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the media received so far (since the last ICE restart) came from. */
    Set<InetSocketAddress> mediaSources() {
        return Set.copyOf(mediaSources);
    }

    private void send(byte[] b, int off, int len) throws IOException {
        InetSocketAddress to = server;
        if (to != null && !socket.isClosed()) {
            socket.send(new DatagramPacket(b, off, len, to));
        }
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf, 0, buf.length);
                socket.receive(p);
                if (ignoreChecks && StunMessages.isBindingRequest(buf, 0, p.getLength())) {
                    continue;
                }
                int first = buf[0] & 0xFF;
                if (first >= 128 && first < 192) {
                    mediaSources.add((InetSocketAddress) p.getSocketAddress());
                }
                peer.receive(buf, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void tick() {
        while (!closed) {
            try {
                if (server != null) {
                    peer.tick(System.nanoTime());
                }
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
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
            rtp.add(Arrays.copyOfRange(buf, off, off + len));
        }

        @Override
        public void onRtcp(byte[] buf, int off, int len) {
        }

        @Override
        public void onFailed(String reason) {
            failed.complete(reason);
        }
    }
}
