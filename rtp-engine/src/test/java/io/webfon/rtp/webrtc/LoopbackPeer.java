package io.webfon.rtp.webrtc;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link ClientPeer} on a real loopback UDP socket with its own reader thread: the non-browser peer of the
 * rtp-engine tests. The server address is learnt from the answer's candidate.
 */
final class LoopbackPeer implements AutoCloseable {
    final DatagramSocket socket;
    final ClientPeer peer;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile InetSocketAddress server;
    private volatile boolean closed;

    LoopbackPeer(ClientPeer.Listener listener) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        peer = new ClientPeer(DtlsCertificate.generate("test-peer", Instant.now()), threads,
                (b, o, l) -> socket.send(new DatagramPacket(b, o, l, server)), listener);
        threads.execute(this::read);
        threads.execute(this::tick);
    }

    int port() {
        return socket.getLocalPort();
    }

    void server(InetSocketAddress address) {
        this.server = address;
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf, 0, buf.length - 64);
                socket.receive(p);
                peer.receive(buf, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } catch (IOException e) {
                return;
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
            } catch (IOException | InterruptedException e) {
                return;
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
}
