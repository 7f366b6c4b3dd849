package io.webfon.rtp.webrtc;

import io.webfon.rtp.client.ClientPeer;
import io.webfon.rtp.client.UdpClientPeer;
import io.webfon.rtp.dtls.DtlsCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link UdpClientPeer} on loopback with a thread of its own ticking it: the non-browser peer of the
 * rtp-engine tests. The server address is learnt from the answer's candidate.
 */
final class LoopbackPeer implements AutoCloseable {
    final ClientPeer peer;
    private final UdpClientPeer client;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile boolean closed;

    LoopbackPeer(ClientPeer.Listener listener) throws IOException {
        client = new UdpClientPeer(InetAddress.getLoopbackAddress(), DtlsCertificate.generate("test-peer",
                Instant.now()), threads, listener, "loopback-peer");
        peer = client.peer();
        threads.execute(this::tick);
    }

    int port() {
        return client.localAddress().getPort();
    }

    void server(InetSocketAddress address) {
        client.server(address);
    }

    private void tick() {
        while (!closed) {
            try {
                client.tick();
                Thread.sleep(10);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
        threads.shutdownNow();
    }
}
