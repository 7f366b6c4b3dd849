package io.webfon.rtp.ice;

import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;

/**
 * Keeps the buffers ice4j's push API receives datagrams into. ice4j takes one from {@link BufferPool#getBuffer} per
 * datagram and, by default, allocates it: at 500 echo calls that was 25,000 arrays a second and a quarter of the
 * packet path's garbage, whose young collections paused the reader thread for 7-10 ms every two seconds. Buffers
 * come back through {@link BufferPool#returnBuffer}: from {@link IceSession} once its listener has handled the
 * packet (the listener owns the array only during the call), and from ice4j once it copied a STUN message out. A
 * buffer ice4j drops without returning (a full STUN queue, a closed socket) is just garbage.
 *
 * <p>Hand-written: ice4j leaves the pool to the application, and a bounded stack under one uncontended lock is all
 * this needs (the reader thread takes and returns nearly every buffer; STUN buffers come back on ice4j's threads).
 */
final class ReceiveBufferPool {
    /** ice4j's push API receives into 1,500 bytes, and asks for {@link IceHarvesters#TRAILER_ROOM} more. */
    static final int BUFFER_SIZE = 1500 + IceHarvesters.TRAILER_ROOM;
    /** More than the datagrams in flight at once: those waiting in the sessions' mailboxes ({@link PacketLanes}) after
     * a short stall, one per reader thread, and STUN messages queued for ice4j. */
    static final int CAPACITY = 4096;

    /** The offset of a buffer in the pool; ice4j sets a real one on every receive. */
    private static final int FREE_MARK = -1;

    private static final Buffer[] FREE = new Buffer[CAPACITY];
    private static int count;

    private ReceiveBufferPool() {
    }

    /** Makes ice4j take its receive buffers from this pool. */
    static void install() {
        BufferPool.getBuffer = ReceiveBufferPool::take;
        BufferPool.returnBuffer = b -> {
            give(b);
            return kotlin.Unit.INSTANCE;
        };
    }

    /** A buffer of at least {@code size} bytes; ice4j sets offset, length and addresses itself. */
    static Buffer take(int size) {
        if (size <= BUFFER_SIZE) {
            synchronized (FREE) {
                if (count > 0) {
                    Buffer b = FREE[--count];
                    FREE[count] = null;
                    b.setOffset(0);
                    return b;
                }
            }
            return new Buffer(new byte[BUFFER_SIZE], 0, size);
        }
        return new Buffer(new byte[size], 0, size);
    }

    /**
     * Takes a buffer back for reuse; odd sizes and buffers beyond {@link #CAPACITY} are left to the collector. A
     * buffer given back twice is kept once: ice4j returns a buffer itself when the callback that had it threw, and
     * two receives into one array would mix two packets.
     */
    static void give(Buffer b) {
        if (b.getBuffer().length != BUFFER_SIZE) {
            return;
        }
        synchronized (FREE) {
            if (b.getOffset() == FREE_MARK) {
                return;
            }
            b.setOffset(FREE_MARK);
            // Addresses and time are set again on the next receive; dropping them now keeps nothing alive here.
            b.setRemoteAddress(null);
            b.setLocalAddress(null);
            b.setReceivedTime(null);
            if (count < CAPACITY) {
                FREE[count++] = b;
            }
        }
    }

    /** Buffers kept now (for tests). */
    static int available() {
        synchronized (FREE) {
            return count;
        }
    }
}
