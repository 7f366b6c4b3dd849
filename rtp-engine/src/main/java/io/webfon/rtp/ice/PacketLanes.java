package io.webfon.rtp.ice;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.util.Buffer;
import org.ice4j.util.BufferPool;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The threads that handle the received media of full-ICE sessions: SRTP, the plugin, the answer's encryption and
 * its send. ice4j's single-port harvester has one reader thread per socket, and handling every call's packets on
 * it made that one thread the node's ceiling (about 70% of a core at 500 echo calls on a 2-core machine): when
 * the collector's concurrent cycle or another process took a core for a few hundred milliseconds, the reader got
 * half of one, fell behind, and at 70-90% busy took seconds to drain what had queued (docs/performance.md). The
 * reader now only receives and hands each datagram to its session's lane; the lanes spread the work over the
 * cores, and each is light enough that the scheduler's fair share keeps it running while a collector thread is
 * the one that waits.
 *
 * <p>A session gets one lane for its life (round-robin), so its packets are handled in arrival order by one
 * thread. Its packets wait in its own bounded mailbox; a mailbox with packets is queued once on its lane, which
 * drains it a batch at a time, so one busy call cannot hold the others back and nothing is allocated per packet.
 * A mailbox that is full drops the newest datagram and counts it, as a full socket buffer would.
 *
 * <p>Hand-written on JCTools' queues: no executor hands work to a thread chosen per key without a task object per
 * packet.
 */
final class PacketLanes implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(PacketLanes.class);
    /** Datagrams a session may have waiting: half a second of a 1,000 packets/s video call. */
    static final int MAILBOX_CAPACITY = 512;
    /** Packets of one session handled before the lane turns to the next: keeps calls fair under a backlog. */
    private static final int BATCH = 16;

    /** Handles one received datagram on the session's lane; owns the buffer only during the call. */
    @FunctionalInterface
    interface Handler {
        void handle(Buffer b);
    }

    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    private volatile boolean closed;

    /** @param threads how many lanes (threads); at least one */
    PacketLanes(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("packet threads must be at least 1, not " + threads);
        }
        lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane("media-packets-" + (i + 1));
        }
        for (Lane lane : lanes) {
            lane.thread.start();
        }
    }

    /** The default number of lanes: one per core the JVM may use. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    int threads() {
        return lanes.length;
    }

    /**
     * A mailbox for one session, on the next lane in turn.
     *
     * @param name the session's name in log lines (the handle id)
     */
    Mailbox open(String name, Handler handler) {
        Lane lane = lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)];
        return new Mailbox(lane, name, handler);
    }

    /** Datagrams dropped because their session's mailbox was full, since start. */
    long overflows() {
        long sum = 0;
        for (Lane lane : lanes) {
            sum += lane.overflows.sum();
        }
        return sum;
    }

    /** Stops the lanes; buffers still waiting go back to the pool unhandled. */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
        }
    }

    /** One session's queue of received datagrams, drained by its lane's thread. */
    static final class Mailbox {
        private final Lane lane;
        private final String name;
        private final Handler handler;
        private final MpscArrayQueue<Buffer> packets = new MpscArrayQueue<>(MAILBOX_CAPACITY);
        /** Whether this mailbox is on its lane's queue (at most once at a time). */
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean closed;
        /** Whether an overflow was logged: once per session, the count goes on. */
        private final AtomicBoolean overflowLogged = new AtomicBoolean();

        private Mailbox(Lane lane, String name, Handler handler) {
            this.lane = lane;
            this.name = name;
            this.handler = handler;
        }

        /**
         * Queues a datagram for the handler (any thread). The mailbox owns the buffer from here: handled or not,
         * it goes back to the pool.
         */
        void offer(Buffer b) {
            if (closed || !packets.offer(b)) {
                BufferPool.returnBuffer.invoke(b);
                if (!closed) {
                    lane.overflows.increment();
                    if (overflowLogged.compareAndSet(false, true)) {
                        LOG.warn("[{}] Packets arrive faster than {} handles them: dropping the newest (further "
                                + "drops of this call are only counted, as packet_overflows)", name,
                                lane.thread.getName());
                    }
                }
                return;
            }
            if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
                lane.schedule(this);
            }
        }

        /** No more packets are handled; those waiting go back to the pool on the lane's thread. */
        void close() {
            closed = true;
            if (scheduled.compareAndSet(false, true)) {
                lane.schedule(this);
            }
        }

        /** On the lane's thread: handles up to {@link #BATCH} packets, then queues itself again if any are left. */
        private void drain() {
            scheduled.set(false);
            for (int i = 0; i < BATCH; i++) {
                Buffer b = packets.relaxedPoll();
                if (b == null) {
                    return;
                }
                if (closed) {
                    BufferPool.returnBuffer.invoke(b);
                } else {
                    handle(b);
                }
            }
            if (!packets.isEmpty() && scheduled.compareAndSet(false, true)) {
                lane.schedule(this);
            }
        }

        private void handle(Buffer b) {
            try {
                handler.handle(b);
            } catch (RuntimeException e) {
                // The handler owns the buffer and gives it back itself; one failing session must not stop the lane.
                LOG.warn("[{}] Handling a packet failed on {}", name, lane.thread.getName(), e);
            }
        }

        /** Drops whatever waits, giving the buffers back (the lane is stopping). */
        private void discard() {
            for (Buffer b = packets.relaxedPoll(); b != null; b = packets.relaxedPoll()) {
                BufferPool.returnBuffer.invoke(b);
            }
        }
    }

    /** One thread and the queue of mailboxes that have packets for it. */
    private final class Lane implements Runnable {
        private final Thread thread;
        /** Each mailbox is here at most once, so the queue holds at most one entry per session of this lane. */
        private final MpscUnboundedXaddArrayQueue<Mailbox> ready = new MpscUnboundedXaddArrayQueue<>(256);
        private volatile boolean parked;
        private final LongAdder overflows = new LongAdder();

        Lane(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void schedule(Mailbox m) {
            ready.offer(m);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Mailbox m = ready.relaxedPoll();
                if (m != null) {
                    m.drain();
                    continue;
                }
                // Dekker with schedule(): the flag is set before the last look, the producer offers before it reads
                // the flag, so one of the two always sees the other and no mailbox waits for a later packet.
                parked = true;
                if (ready.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                parked = false;
            }
            for (Mailbox m = ready.relaxedPoll(); m != null; m = ready.relaxedPoll()) {
                m.discard();
            }
        }
    }
}
