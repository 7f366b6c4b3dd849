package io.webfon.rtp.dtls;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * Bouncy Castle's I/O seam ({@link DatagramTransport}) over a queue: the network side offers DTLS records with
 * {@link #offer}, Bouncy Castle's handshake takes them with {@code receive}; sends go to an {@link Outbound}.
 * The queue is bounded: a flood of records is dropped, never buffered without limit.
 *
 * <p>Bouncy Castle sends each handshake message as a record of its own. Records are packed into one datagram, up
 * to the MTU, until the flight is complete, which Bouncy Castle shows by waiting for the peer's answer
 * ({@code receive}); whoever ends a flight without waiting (the handshake's last one, an alert) calls
 * {@link #flush}. A client flight of five datagrams became one (as OpenSSL sends it): on a busy machine each
 * datagram woke the browser's network thread, which could take the CPU from the handshake between two of them
 * (gaps of 5-15 ms were captured between a Certificate and a ClientKeyExchange).
 */
final class QueueDatagramTransport implements DatagramTransport {
    private static final int QUEUE_LIMIT = 64;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_LIMIT);
    private final Outbound outbound;
    private final int mtu;
    /** Records of the flight being sent, not yet handed to {@link #outbound}. */
    private final byte[] pending;
    private int pendingLength;
    private volatile boolean closed;

    QueueDatagramTransport(Outbound outbound, int mtu) {
        this.outbound = outbound;
        this.mtu = mtu;
        this.pending = new byte[mtu];
    }

    /** A record from the network; false when dropped (queue full or transport closed). */
    boolean offer(byte[] buf, int off, int len) {
        if (closed) {
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        return inbound.offer(copy);
    }

    boolean hasPending() {
        return !inbound.isEmpty();
    }

    @Override
    public int getReceiveLimit() {
        return mtu;
    }

    @Override
    public int getSendLimit() {
        // Room for the UDP/IP headers under the path MTU is the caller's; DTLS fragments to this size.
        return mtu;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        flush();
        byte[] record;
        try {
            record = inbound.poll(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (record == null) {
            return -1;
        }
        if (record == CLOSED) {
            throw new IOException("DTLS transport closed");
        }
        int n = Math.min(len, record.length);
        System.arraycopy(record, 0, buf, off, n);
        return n;
    }

    @Override
    public synchronized void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        if (pendingLength + len > pending.length) {
            flush();
        }
        if (len > pending.length) {
            outbound.send(buf, off, len);
            return;
        }
        System.arraycopy(buf, off, pending, pendingLength, len);
        pendingLength += len;
    }

    /** Sends the records written since the last datagram, as one datagram; nothing if there are none. */
    synchronized void flush() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        int n = pendingLength;
        pendingLength = 0;
        outbound.send(pending, 0, n);
    }

    @Override
    public void close() {
        closed = true;
        inbound.clear();
        inbound.offer(CLOSED);
    }
}
