package io.webfon.rtp.ice;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ice4j.util.Buffer;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The threads that handle received media when the shared ICE sockets' readers cannot do it all: SRTP, the plugin,
 * the answer's encryption and its send. Each shared socket has one reader thread (ice4j's single-port harvester,
 * or {@link LiteIceSocket} in ICE-lite mode). Handling every call's packets on it made that one thread the node's
 * ceiling (70-90% of a core at 500 echo calls on a 2-core machine): when the collector's concurrent cycle took a
 * core for a few hundred milliseconds, the reader got half of one, fell 200 ms behind, and took seconds to drain
 * the backlog (docs/performance.md).
 *
 * <p>Handing a datagram to another thread is not free either: waking a parked thread costs a system call and, on
 * a virtual machine, an interrupt between cores; handing every datagram over put the node's CPU per stream at 100
 * echo calls level with Janus's. So the reader handles a datagram itself while the packet work is light, and
 * hands it over once it is not: the time spent handling packets (reader and lanes together) is summed over windows
 * of 100 ms, and above {@link #OFFLOAD_ABOVE} of a core the reader only receives and queues; below
 * {@link #INLINE_BELOW} it takes the work back. A busy node wakes the lanes rarely, since each wake-up drains what
 * queued meanwhile.
 *
 * <p>A session gets one lane for its life (round-robin). Its packets wait in its own bounded mailbox, which is
 * handled by one thread at a time (the reader inline, or its lane), always oldest first, so a call's packets are
 * handled in arrival order. A mailbox with packets is queued once on its lane, which handles a batch and turns to
 * the next, so one busy call cannot hold the others back; nothing is allocated per packet. A full mailbox drops
 * the newest datagram and counts it, as a full socket buffer would.
 *
 * <p>Hand-written on JCTools' queues: no executor hands work to a thread chosen per key without a task object per
 * packet, nor runs it inline while the pool is idle.
 */
final class PacketLanes implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(PacketLanes.class);
    /** Datagrams a session may have waiting: half a second of a 1,000 packets/s video call. */
    static final int MAILBOX_CAPACITY = 512;
    /** Packets of one session handled before the lane turns to the next: keeps calls fair under a backlog. */
    private static final int BATCH = 16;
    /**
     * How long an idle lane looks for more work before it parks. Peers send in bursts (a browser's audio and video
     * leave together, a load tool's peers in turn), and each park costs a wake-up later: at 500 echo calls the
     * lanes' park and unpark were an eighth of the node's CPU.
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    /** Share of a core spent handling packets above which the reader hands them to the lanes. */
    static final double OFFLOAD_ABOVE = 0.60;
    /** Share of a core below which the reader handles them itself again (apart, so the mode does not flap). */
    static final double INLINE_BELOW = 0.40;
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int RUNNING = 2;

    /** Handles one received datagram; may use the buffer only during the call (the mailbox frees it). */
    @FunctionalInterface
    interface Handler {
        void handle(Buffer b);
    }

    private final Lane[] lanes;
    private final AtomicInteger nextLane = new AtomicInteger();
    private final long windowNanos;
    private final double offloadAbove;
    private final double inlineBelow;
    /** Time spent handling packets, inline and on the lanes, in the current window. */
    private final LongAdder busyNanos = new LongAdder();
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private volatile boolean offloading;
    private final LongAdder offloads = new LongAdder();
    /** The packet work of the last window that had any, in percent of a core. */
    private volatile int loadPercent;
    private volatile boolean closed;

    /** @param threads how many lanes (threads); at least one */
    PacketLanes(int threads) {
        this(threads, WINDOW_NANOS, OFFLOAD_ABOVE, INLINE_BELOW);
    }

    /** As above, with another load window and thresholds (tests). */
    PacketLanes(int threads, long windowNanos, double offloadAbove, double inlineBelow) {
        if (threads < 1) {
            throw new IllegalArgumentException("packet threads must be at least 1, not " + threads);
        }
        if (!(inlineBelow <= offloadAbove)) {
            throw new IllegalArgumentException("inline threshold " + inlineBelow + " above offload " + offloadAbove);
        }
        this.windowNanos = windowNanos;
        this.offloadAbove = offloadAbove;
        this.inlineBelow = inlineBelow;
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

    /** Whether the reader hands packets to the lanes now (the packet work is above the threshold). */
    boolean offloading() {
        return offloading;
    }

    /** The packet work of the last window that had packets, in percent of a core (wall time spent handling). */
    int loadPercent() {
        return loadPercent;
    }

    /** How many times the reader started handing packets to the lanes, since start. */
    long offloadsStarted() {
        return offloads.sum();
    }

    /** Adds a stretch of packet handling that began at {@code start}, and at a window's end decides the mode. */
    private void account(long start) {
        long now = System.nanoTime();
        busyNanos.add(now - start);
        long began = windowStart.get();
        long elapsed = now - began;
        if (elapsed < windowNanos || !windowStart.compareAndSet(began, now)) {
            return;
        }
        double load = busyNanos.sumThenReset() / (double) elapsed;
        loadPercent = (int) Math.round(load * 100);
        if (!offloading && load > offloadAbove) {
            offloading = true;
            offloads.increment();
            LOG.debug("Packet work at {}% of a core: the ICE readers hand packets to {} packet threads",
                    Math.round(load * 100), lanes.length);
        } else if (offloading && load < inlineBelow) {
            offloading = false;
            LOG.debug("Packet work at {}% of a core: the ICE readers handle packets themselves",
                    Math.round(load * 100));
        }
    }

    /** Stops the lanes; buffers still waiting go back to the pool unhandled. */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
        }
    }

    /**
     * One session's queue of received datagrams. Its state says who may handle them: nobody ({@code IDLE}), its
     * lane, which has it queued ({@code SCHEDULED}), or the thread handling them now ({@code RUNNING}).
     */
    final class Mailbox {
        private final Lane lane;
        private final String name;
        private final Handler handler;
        private final MpscArrayQueue<Buffer> packets = new MpscArrayQueue<>(MAILBOX_CAPACITY);
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private volatile boolean closed;
        /** Whether an overflow was logged: once per session, the count goes on. */
        private final AtomicBoolean overflowLogged = new AtomicBoolean();
        /** Whether a failing handler was logged: once per session, a broken listener must not flood the log. */
        private final AtomicBoolean failureLogged = new AtomicBoolean();

        private Mailbox(Lane lane, String name, Handler handler) {
            this.lane = lane;
            this.name = name;
            this.handler = handler;
        }

        /**
         * A datagram from the socket's reader, in a buffer of {@link ReceiveBufferPool}: handled on the calling
         * thread while the packet work is light and nothing of this session waits or is being handled, else
         * queued for the lane. The mailbox owns the buffer from here: handled or not, it goes back to the pool.
         */
        void receive(Buffer b) {
            if (handleInline(b)) {
                ReceiveBufferPool.give(b);
                return;
            }
            offer(b);
        }

        /**
         * As {@link #receive(Buffer)}, for a buffer the caller keeps (the reader's own): it is used only during the
         * call, and copied into one of {@link ReceiveBufferPool} if it has to wait for the lane.
         */
        void receiveCopy(Buffer borrowed) {
            if (handleInline(borrowed)) {
                return;
            }
            if (closed) {
                return;
            }
            int len = borrowed.getLength();
            Buffer copy = ReceiveBufferPool.take(len + IceHarvesters.TRAILER_ROOM);
            System.arraycopy(borrowed.getBuffer(), borrowed.getOffset(), copy.getBuffer(), 0, len);
            copy.setOffset(0);
            copy.setLength(len);
            copy.setRemoteAddress(borrowed.getRemoteAddress());
            offer(copy);
        }

        /** Handles {@code b} on the calling thread if the work is light and the mailbox is free; whether it did. */
        private boolean handleInline(Buffer b) {
            if (offloading || closed || !packets.isEmpty() || !state.compareAndSet(IDLE, RUNNING)) {
                return false;
            }
            long start = System.nanoTime();
            try {
                handle(b);
            } finally {
                release();
                account(start);
            }
            return true;
        }

        /** Queues a datagram of the pool for the lane (any thread); the mailbox owns it from here. */
        void offer(Buffer b) {
            if (closed || !packets.offer(b)) {
                ReceiveBufferPool.give(b);
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
            scheduleIfIdle();
        }

        /** No more packets are handled; those waiting go back to the pool on the lane's thread. */
        void close() {
            closed = true;
            scheduleIfIdle();
        }

        private void scheduleIfIdle() {
            if (state.get() == IDLE && state.compareAndSet(IDLE, SCHEDULED)) {
                lane.schedule(this);
            }
        }

        /** After handling: lets others in, and queues the mailbox if packets arrived meanwhile. */
        private void release() {
            state.set(IDLE);
            if (!packets.isEmpty() || closed) {
                scheduleIfIdle();
            }
        }

        /** On the lane's thread: handles up to {@link #BATCH} packets, then queues itself again if any are left. */
        private void drain() {
            state.set(RUNNING);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < BATCH; i++) {
                    Buffer b = packets.relaxedPoll();
                    if (b == null) {
                        break;
                    }
                    if (!closed) {
                        handle(b);
                    }
                    ReceiveBufferPool.give(b);
                }
            } finally {
                state.set(IDLE);
                if (!packets.isEmpty()) {
                    scheduleIfIdle();
                }
                account(start);
            }
        }

        private void handle(Buffer b) {
            try {
                handler.handle(b);
            } catch (RuntimeException e) {
                // That datagram is lost; the reader, the lane and the other calls go on.
                if (failureLogged.compareAndSet(false, true)) {
                    LOG.warn("[{}] Handling a packet failed on {} (later failures of this call are not logged)", name,
                            Thread.currentThread().getName(), e);
                }
            }
        }

        /** Drops whatever waits, giving the buffers back (the lane is stopping). */
        private void discard() {
            for (Buffer b = packets.relaxedPoll(); b != null; b = packets.relaxedPoll()) {
                ReceiveBufferPool.give(b);
            }
        }
    }

    /** One thread and the queue of mailboxes that have packets for it. */
    private final class Lane implements Runnable {
        private final Thread thread;
        /** Each mailbox is here at most once, so the queue holds at most one entry per session of this lane. */
        private final MpscUnboundedXaddArrayQueue<Mailbox> ready = new MpscUnboundedXaddArrayQueue<>(256);
        /** Set while the lane sleeps; the first producer to clear it wakes the lane, so one wake-up per sleep. */
        private final AtomicBoolean parked = new AtomicBoolean();
        private final LongAdder overflows = new LongAdder();

        Lane(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void schedule(Mailbox m) {
            ready.offer(m);
            if (parked.get() && parked.compareAndSet(true, false)) {
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
                if (spinForWork()) {
                    continue;
                }
                // Dekker with schedule(): the flag is set before the last look, the producer offers before it reads
                // the flag, so one of the two always sees the other and no mailbox waits for a later packet.
                parked.set(true);
                if (ready.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                parked.set(false);
            }
            for (Mailbox m = ready.relaxedPoll(); m != null; m = ready.relaxedPoll()) {
                m.discard();
            }
        }

        /** Whether work arrived within {@link #SPIN_NANOS}. */
        private boolean spinForWork() {
            long until = System.nanoTime() + SPIN_NANOS;
            do {
                Thread.onSpinWait();
                if (!ready.isEmpty()) {
                    return true;
                }
            } while (System.nanoTime() - until < 0);
            return false;
        }
    }
}
