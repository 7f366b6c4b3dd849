package io.webfon.bench.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The tool's own trivial UDP echo, for the loopback baseline: one thread, one blocking socket, every datagram
 * sent straight back to where it came from. The round trip the flows measure through it is what the client
 * machinery, the kernel and a thread wake-up cost on this machine at the same packet rate, without any server
 * work: what a WebRTC server adds is its round trip minus this one.
 */
final class Reflector implements AutoCloseable {
    private final DatagramChannel channel;
    private final Thread thread;
    private volatile boolean running = true;

    Reflector(InetAddress bind) throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        channel.bind(new InetSocketAddress(bind, 0));
        thread = new Thread(this::run, "udp-reflector");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        while (running) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                buf.flip();
                channel.send(buf, from);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        channel.close();
    }
}
