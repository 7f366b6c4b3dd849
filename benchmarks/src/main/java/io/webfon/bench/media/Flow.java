package io.webfon.bench.media;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import io.webfon.rtp.dtls.Outbound;
import io.webfon.rtp.sdp.Fingerprint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One synthetic peer's media: a non-blocking UDP channel of its own (connected to the server's candidate once the
 * answer names it) and, for a WebRTC flow, a {@link ClientPeer} doing ICE, DTLS and SRTP over it. A plain flow
 * (the loopback baseline) sends the same packets unencrypted to the tool's own UDP echo. Owned by one
 * {@link IoLoop}: its sends, receives and counters run on that loop's thread; only the DTLS handshake (on the
 * DTLS pool) sends from elsewhere, through the channel, which is safe for concurrent writers.
 */
final class Flow implements ClientPeer.Listener, Outbound {
    private static final int SOCKET_BUFFER = 256 * 1024;

    final int index;
    final IoLoop loop;
    final DatagramChannel channel;
    final ClientPeer peer;
    final long ssrc = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
    final CompletableFuture<Void> up = new CompletableFuture<>();
    volatile InetSocketAddress server;
    volatile long startNanos;
    volatile long iceNanos;
    volatile long upNanos;
    volatile boolean closing;
    /** Why the peer failed or ended before the tool closed it; null while it is fine. */
    volatile String failure;
    SelectionKey key;
    int seq = ThreadLocalRandom.current().nextInt(1 << 15);
    long rtpTimestamp = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
    int counter;
    /** Duplicate detection of echoes: the highest counter echoed and a bitmap of the 64 below it. */
    int highestEcho = -1;
    long echoedBelow;
    long nextSendNanos;
    boolean sending;

    private Flow(int index, IoLoop loop, InetAddress bind, DtlsCertificate certificate, Executor dtlsPool)
            throws IOException {
        this.index = index;
        this.loop = loop;
        this.channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.bind(new InetSocketAddress(bind, 0));
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.peer = certificate == null ? null : new ClientPeer(certificate, dtlsPool, this, this);
    }

    /** A WebRTC peer: ICE, DTLS and SRTP through rtp-engine's client stack. */
    static Flow webrtc(int index, IoLoop loop, InetAddress bind, DtlsCertificate certificate, Executor dtlsPool)
            throws IOException {
        return new Flow(index, loop, bind, certificate, dtlsPool);
    }

    /** A flow of unencrypted packets to a plain UDP echo (the baseline), live as soon as it is registered. */
    static Flow plain(int index, IoLoop loop, InetAddress bind, InetSocketAddress echo) throws IOException {
        Flow f = new Flow(index, loop, bind, null, null);
        f.server = echo;
        f.channel.connect(echo);
        return f;
    }

    boolean isPlain() {
        return peer == null;
    }

    /** The local candidate the offer announces. */
    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /** Applies the server's answer: connects the channel to its candidate and starts ICE (and DTLS). */
    void start(InetSocketAddress candidate, String ufrag, String pwd, List<Fingerprint> fingerprints, String setup)
            throws IOException {
        server = candidate;
        channel.connect(candidate);
        peer.start(ufrag, pwd, fingerprints, setup);
        loop.register(this);
    }

    // ---- Outbound: everything the ClientPeer sends ----

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        loop.write(this, buf, off, len);
    }

    // ---- ClientPeer.Listener ----

    @Override
    public void onConnected() {
        upNanos = System.nanoTime();
        up.complete(null);
        loop.startSending(this);
    }

    @Override
    public void onRtp(byte[] buf, int off, int len) {
        loop.echo(this, buf, off, len);
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len) {
        loop.rtcp();
    }

    @Override
    public void onFailed(String reason) {
        if (closing) {
            return;
        }
        if (failure == null) {
            failure = reason;
        }
        if (!up.isDone()) {
            up.completeExceptionally(new IllegalStateException(reason));
        } else {
            loop.lost(this);
        }
    }

    /** Whether the echo of packet {@code c} was seen before (only the last 64 packets are remembered). */
    boolean duplicate(int c) {
        if (c > highestEcho) {
            int shift = c - highestEcho;
            echoedBelow = shift >= 64 ? 0 : (echoedBelow << shift) | (highestEcho >= 0 ? 1L << (shift - 1) : 0);
            highestEcho = c;
            return false;
        }
        int back = highestEcho - c;
        if (back == 0) {
            return true;
        }
        if (back > 64) {
            return false;
        }
        long bit = 1L << (back - 1);
        boolean seen = (echoedBelow & bit) != 0;
        echoedBelow |= bit;
        return seen;
    }

    /** Closes the channel and the peer (a DTLS close_notify if it was up); later failures are not reported. */
    void close() {
        closing = true;
        if (peer != null) {
            peer.close();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Best effort: the run's figures are taken.
        }
    }
}
