package io.webfon.rtp.ice;

import io.webfon.rtp.packet.Malformed;
import io.webfon.rtp.packet.StunAttributes;
import io.webfon.rtp.packet.StunHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.util.Buffer;

/**
 * One shared UDP socket of the node in ICE-lite mode (RFC 8445 §2.5), with the one thread that reads it. ice4j
 * has no lite mode, so this is the node's own: a lite agent only answers checks, which needs no agent state
 * machine, no check list and no thread per peer.
 *
 * <p>A datagram is demultiplexed by its first byte (RFC 7983). A STUN Binding request is routed by the local
 * ufrag of its USERNAME to the {@link LiteIceSession} that owns it; the session checks MESSAGE-INTEGRITY with its
 * password and FINGERPRINT, and only then is the success response sent, straight from this thread, and the
 * sender's address mapped to that session. Everything else (DTLS, RTP, RTCP) goes to the session its source
 * address is mapped to; a datagram from an address no authenticated check vouched for is dropped and counted, so
 * nobody can feed a call by knowing its ufrag. An address belongs to the session whose check came last from it:
 * after an ICE restart from an unchanged address the new session takes it over at its first check.
 */
final class LiteIceSocket implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LiteIceSocket.class);
    private static final int MAX_DATAGRAM = 1500;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Thread reader;
    private final Map<String, LiteIceSession> byUfrag = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, LiteIceSession> byAddress = new ConcurrentHashMap<>();
    private volatile boolean closed;

    // What this socket refused, by cause (status port and handle_info never show a silent loss).
    final LongAdder unknownSource = new LongAdder();
    final LongAdder unknownUfrag = new LongAdder();
    final LongAdder badIntegrity = new LongAdder();
    final LongAdder malformedStun = new LongAdder();
    final LongAdder otherStun = new LongAdder();

    /**
     * Binds the socket (plainly, without SO_REUSEADDR: a port another process holds fails here) and starts its
     * reader.
     *
     * @param receiveBufferBytes the SO_RCVBUF asked for (the kernel caps it at net.core.rmem_max)
     */
    LiteIceSocket(InetSocketAddress address, int receiveBufferBytes) throws IOException {
        DatagramChannel c = DatagramChannel.open();
        try {
            c.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            c.bind(address);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        this.channel = c;
        this.local = (InetSocketAddress) c.getLocalAddress();
        this.reader = new Thread(this::read, "ice-lite-" + local.getAddress().getHostAddress() + ":" + local.getPort());
        reader.setDaemon(true);
        reader.start();
    }

    InetSocketAddress localAddress() {
        return local;
    }

    /** The session answers checks naming {@code ufrag} from now on. */
    void register(String ufrag, LiteIceSession session) {
        byUfrag.put(ufrag, session);
    }

    /** Forgets the session: its ufrag and every address still mapped to it. */
    void unregister(String ufrag, LiteIceSession session, Collection<InetSocketAddress> addresses) {
        byUfrag.remove(ufrag, session);
        for (InetSocketAddress a : addresses) {
            byAddress.remove(a, session);
        }
    }

    /** An authenticated check came from {@code from}: its datagrams go to {@code session} from now on. */
    void map(InetSocketAddress from, LiteIceSession session) {
        byAddress.put(from, session);
    }

    void unmap(InetSocketAddress from, LiteIceSession session) {
        byAddress.remove(from, session);
    }

    /** Sessions registered on this socket (for the consent sweep). */
    Collection<LiteIceSession> sessions() {
        return byUfrag.values();
    }

    /** Remote addresses currently mapped to a session. */
    int mappedAddresses() {
        return byAddress.size();
    }

    void send(byte[] buf, int off, int len, InetSocketAddress to) throws IOException {
        channel.send(ByteBuffer.wrap(buf, off, len), to);
    }

    private void read() {
        byte[] array = new byte[MAX_DATAGRAM + IceHarvesters.TRAILER_ROOM];
        ByteBuffer bb = ByteBuffer.wrap(array);
        // Lent to the session for each payload datagram; never given to the pool (it is this thread's own).
        Buffer datagram = new Buffer(array, 0, 0);
        while (!closed) {
            SocketAddress from;
            try {
                bb.clear().limit(MAX_DATAGRAM);
                from = channel.receive(bb);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("ICE-lite socket {}: receive failed: {}", local, e.toString());
                }
                continue;
            }
            int len = bb.position();
            try {
                dispatch(array, len, (InetSocketAddress) from, datagram);
            } catch (RuntimeException e) {
                // A session's listener failed: that datagram is lost, the socket and the other calls are not.
                LOG.error("ICE-lite socket {}: a datagram from {} could not be handled", local, from, e);
            }
        }
    }

    private void dispatch(byte[] buf, int len, InetSocketAddress from, Buffer datagram) {
        if (len > 0 && (buf[0] & 0xFF) < 4) {
            stun(buf, len, from);
            return;
        }
        LiteIceSession s = byAddress.get(from);
        if (s == null) {
            unknownSource.increment();
            return;
        }
        datagram.setOffset(0);
        datagram.setLength(len);
        datagram.setRemoteAddress(from);
        s.onPayload(datagram);
    }

    private void stun(byte[] buf, int len, InetSocketAddress from) {
        Malformed problem = StunHeader.validate(buf, 0, len);
        if (problem != null) {
            malformedStun.increment();
            LOG.debug("ICE-lite socket {}: malformed STUN from {}: {}", local, from, problem);
            return;
        }
        if (StunHeader.messageType(buf, 0, len) != StunMessages.BINDING_REQUEST) {
            // Binding indications (keepalives) and stray responses: nothing to answer.
            otherStun.increment();
            return;
        }
        String ufrag = StunAttributes.localUfrag(buf, 0, len);
        LiteIceSession s = ufrag == null ? null : byUfrag.get(ufrag);
        if (s == null) {
            unknownUfrag.increment();
            LOG.debug("ICE-lite socket {}: check from {} for unknown ufrag {}", local, from, ufrag);
            return;
        }
        s.onCheck(this, from, buf, len);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing ICE-lite socket {}: {}", local, e.toString());
        }
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return local.getAddress().getHostAddress() + ":" + local.getPort();
    }
}
