package io.webfon.it.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay in front of coturn that can hold back coturn's Allocate success answers until the test releases
 * them: a TURN server that answers slowly, without timing anything. Each client address (the node's TURN client
 * sockets) gets its own upstream socket, so coturn still sees one 5-tuple per allocation; everything else (the
 * 401 challenge, Refresh, CreatePermission, ChannelBind, data) passes at once both ways.
 */
final class TurnProxy implements AutoCloseable {
    /** STUN message type of an Allocate success response (RFC 8656). */
    private static final int ALLOCATE_SUCCESS = 0x0103;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DatagramSocket front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    private final InetSocketAddress server;
    private final Map<InetSocketAddress, DatagramSocket> upstreams = new ConcurrentHashMap<>();
    private final List<DatagramPacket> held = new ArrayList<>();
    private boolean holding;
    private volatile boolean closed;

    TurnProxy(int serverPort) throws IOException {
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        start(this::fromClients);
    }

    /** The port the node is to use as its TURN server's. */
    int port() {
        return front.getLocalPort();
    }

    /** From now on coturn's Allocate success answers wait for {@link #release()}. */
    synchronized void hold() {
        holding = true;
    }

    /** Sends the held answers and lets the next ones through at once; returns how many were held. */
    int release() throws IOException {
        List<DatagramPacket> answers;
        synchronized (this) {
            holding = false;
            answers = List.copyOf(held);
            held.clear();
        }
        for (DatagramPacket p : answers) {
            front.send(p);
        }
        return answers.size();
    }

    /** How many Allocate success answers wait now. */
    synchronized int heldCount() {
        return held.size();
    }

    private void fromClients() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf, 0, buf.length);
                front.receive(p);
                InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
                DatagramSocket up = upstreams.computeIfAbsent(client, this::openUpstream);
                up.send(new DatagramPacket(buf, 0, p.getLength(), server));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private DatagramSocket openUpstream(InetSocketAddress client) {
        try {
            DatagramSocket up = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            start(() -> fromServer(up, client));
            return up;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void fromServer(DatagramSocket up, InetSocketAddress client) {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setData(buf, 0, buf.length);
                up.receive(p);
                DatagramPacket out = new DatagramPacket(Arrays.copyOf(buf, p.getLength()), p.getLength(), client);
                int type = p.getLength() >= 2 ? ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF) : -1;
                synchronized (this) {
                    if (holding && type == ALLOCATE_SUCCESS) {
                        held.add(out);
                        continue;
                    }
                }
                front.send(out);
            } catch (IOException e) {
                if (closed || up.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "turn-it-proxy-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        front.close();
        upstreams.values().forEach(DatagramSocket::close);
    }
}
