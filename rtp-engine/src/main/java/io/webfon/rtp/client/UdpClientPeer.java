package io.webfon.rtp.client;

import io.webfon.rtp.dtls.DtlsCertificate;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * A {@link ClientPeer} on a UDP socket of its own, with one daemon thread reading it: the simplest driver of the
 * client stack, for a peer on the same host as the server (the node's warm-up calls, the rtp-engine tests). The
 * caller says where the server is ({@link #server}) and calls {@link #tick} every few milliseconds while it
 * connects. Closing it closes the socket, which ends the reader.
 */
public final class UdpClientPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final ClientPeer peer;
    private volatile InetSocketAddress server;
    private volatile boolean closed;

    /**
     * @param bind the local address to send from (an address of the server's host, so that the datagrams stay
     *     on it)
     * @param threadName the reader thread's name
     */
    public UdpClientPeer(InetAddress bind, DtlsCertificate certificate, Executor dtlsPool,
            ClientPeer.Listener listener, String threadName) throws IOException {
        this.socket = new DatagramSocket(0, bind);
        this.peer = new ClientPeer(certificate, dtlsPool, this::send, listener);
        Thread reader = new Thread(this::read, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    public ClientPeer peer() {
        return peer;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The server's candidate: where checks, DTLS and media go. */
    public void server(InetSocketAddress address) {
        this.server = address;
    }

    /** Drives the client's checks (see {@link ClientPeer#tick}); does nothing before {@link #server}. */
    public void tick() throws IOException {
        if (server != null && !closed) {
            peer.tick(System.nanoTime());
        }
    }

    private void send(byte[] buf, int off, int len) throws IOException {
        InetSocketAddress to = server;
        if (to != null && !closed) {
            socket.send(new DatagramPacket(buf, off, len, to));
        }
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                // Room after the datagram for SRTP's tag when the packet is sent back from this buffer.
                p.setData(buf, 0, buf.length - 64);
                socket.receive(p);
                peer.receive(buf, 0, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } catch (IOException e) {
                return; // the socket was closed
            } catch (RuntimeException e) {
                // A datagram the client stack could not take is one lost datagram, not the end of the reader.
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        peer.close();
        socket.close();
    }
}
