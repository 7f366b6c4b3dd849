package io.webfon.bench.media;

import io.webfon.bench.signalling.Latencies;
import io.webfon.rtp.srtp.PacketBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One client I/O thread: a selector over the channels of the flows it owns, the 20 ms send schedule of each of
 * them (a priority queue by due time, phases spread evenly over the period so the load is smooth), ICE check
 * retransmissions for flows still connecting, and the window counters: packets sent and echoes received whose
 * send time falls in the measured window, and every round-trip time. A few of these serve hundreds of flows;
 * everything a flow does after setup happens on its loop's thread, so nothing on the packet path is locked.
 */
final class IoLoop implements AutoCloseable {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int READS_PER_WAKEUP = 32;
    /** Every loop's send phases are taken from this one origin, so flows of different loops interleave. */
    private static final long EPOCH = System.nanoTime();

    /** The window counters, handed over to the main thread. */
    record Counters(long sent, long received, long foreign, long rtcp, long sendDrops, long readErrors,
            long lateSends, Latencies rtt, long controlSent, long controlReceived, Latencies controlRtt,
            long duplicates, EchoSlices slices) {
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final byte[] in = new byte[2048];
    private final ByteBuffer inBuffer = ByteBuffer.wrap(in);
    private final byte[] out = new byte[EchoPacket.LENGTH + PacketBuffer.SRTP_TRAILER_ROOM];
    private final ByteBuffer outBuffer = ByteBuffer.wrap(out);
    private final PacketBuffer packet = new PacketBuffer(out, 0, 0);
    private final PriorityQueue<Flow> due = new PriorityQueue<>(Comparator.comparingLong(f -> f.nextSendNanos));
    private final List<Flow> connecting = new ArrayList<>();
    private final List<Flow> flows = new ArrayList<>();
    private final LongAdder sendDrops = new LongAdder();
    private final LongAdder peersLost = new LongAdder();
    private volatile boolean running = true;
    private volatile int spread = 1;
    private long lastTick;
    private long receivedAt;
    private int lastWrite;
    private long windowStart = Long.MAX_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    private long sent;
    private long received;
    private long foreign;
    private long rtcp;
    private long readErrors;
    private long lateSends;
    private long duplicates;
    private Latencies rtt = new Latencies();
    private long controlSent;
    private long controlReceived;
    private Latencies controlRtt = new Latencies();
    private EchoSlices slices = new EchoSlices(0, EchoSlices.SLICE_NANOS);

    IoLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** How many flows share the period (all loops together): their send phases are 20 ms / n apart. */
    void spread(int flowsInRun) {
        spread = Math.max(1, flowsInRun);
    }

    // ---- Called from other threads: each becomes a task on the loop ----

    void register(Flow f) {
        submit(() -> {
            try {
                f.key = f.channel.register(selector, SelectionKey.OP_READ, f);
            } catch (IOException e) {
                f.onFailed("cannot register the channel: " + e);
                return;
            }
            flows.add(f);
            if (f.isPlain()) {
                schedule(f);
            } else {
                connecting.add(f);
            }
        });
    }

    void startSending(Flow f) {
        submit(() -> schedule(f));
    }

    void lost(Flow f) {
        peersLost.increment();
        submit(() -> f.sending = false);
    }

    long peersLost() {
        return peersLost.sum();
    }

    /**
     * Counts from now on the packets sent in [start, end) (nanoTime) and their echoes; the counters restart. If the
     * loop takes this up after {@code start}, its window starts then: packets sent before the counters restarted
     * must not have their echoes counted.
     */
    CompletableFuture<Void> window(long start, long end) {
        return call(() -> {
            windowStart = Math.max(start, System.nanoTime());
            windowEnd = end;
            sent = 0;
            received = 0;
            foreign = 0;
            rtcp = 0;
            readErrors = 0;
            lateSends = 0;
            duplicates = 0;
            sendDrops.reset();
            rtt = new Latencies();
            controlSent = 0;
            controlReceived = 0;
            controlRtt = new Latencies();
            // From the requested start, not this loop's: every loop's slices must line up to be merged.
            slices = new EchoSlices(start, end);
            return null;
        });
    }

    CompletableFuture<Counters> counters() {
        return call(() -> new Counters(sent, received, foreign, rtcp, sendDrops.sum(), readErrors, lateSends, rtt,
                controlSent, controlReceived, controlRtt, duplicates, slices));
    }

    /** Stops sending, closes every flow (DTLS close_notify to the server) and forgets them. */
    CompletableFuture<Void> closeFlows() {
        return call(() -> {
            for (Flow f : flows) {
                f.sending = false;
                f.close();
            }
            flows.clear();
            connecting.clear();
            due.clear();
            selector.selectNow(); // flushes the cancelled keys
            return null;
        });
    }

    private <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    // ---- The loop ----

    private void run() {
        try {
            while (running) {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                long now = System.nanoTime();
                if (!connecting.isEmpty() && now - lastTick >= TICK_NANOS) {
                    tick(now);
                }
                sendDue(now);
                long wait = nextWakeup(now) - now;
                int ready = wait <= 0 ? selector.selectNow()
                        : selector.select(Math.max(1, (wait + 999_999) / 1_000_000));
                if (ready > 0) {
                    readReady();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long nextWakeup(long now) {
        long next = due.isEmpty() ? now + IDLE_NANOS : due.peek().nextSendNanos;
        return connecting.isEmpty() ? next : Math.min(next, lastTick + TICK_NANOS);
    }

    /** ICE checks of the connecting flows (ClientPeer repeats them every 50 ms until one succeeds). */
    private void tick(long now) {
        lastTick = now;
        Iterator<Flow> it = connecting.iterator();
        while (it.hasNext()) {
            Flow f = it.next();
            if (f.closing || f.up.isDone()) {
                it.remove();
                continue;
            }
            try {
                f.peer.tick(now);
            } catch (IOException e) {
                readErrors++;
            }
        }
    }

    private void schedule(Flow f) {
        if (f.closing || f.sending) {
            return;
        }
        long now = System.nanoTime();
        long phase = PERIOD_NANOS * (f.index % spread) / spread;
        long sinceEpoch = now - EPOCH - phase;
        f.nextSendNanos = EPOCH + phase + (Math.floorDiv(sinceEpoch, PERIOD_NANOS) + 1) * PERIOD_NANOS;
        f.sending = true;
        due.add(f);
    }

    private void sendDue(long now) {
        Flow f;
        while ((f = due.peek()) != null && f.nextSendNanos <= now) {
            due.poll();
            if (!f.sending || f.closing) {
                continue;
            }
            sendOne(f);
            if (!f.isPlain()) {
                consent(f, now);
            }
            f.nextSendNanos += PERIOD_NANOS;
            if (f.nextSendNanos < now - 5 * PERIOD_NANOS) {
                // The loop fell more than 100 ms behind: skip ahead rather than burst.
                lateSends++;
                f.nextSendNanos = now + PERIOD_NANOS;
            }
            due.add(f);
        }
    }

    /**
     * Consent checks (RFC 7675) go out on the flow's own send turn, each peer on its own 4-6 s timer as a browser
     * is: the checks of many peers spread over time. A shared 1 s tick for all flows sent a fifth of all peers'
     * checks in one burst each second, a load no set of real browsers makes, and it showed as slow echoes in the
     * first 100 ms of every whole second of the window, for any target.
     */
    private void consent(Flow f, long now) {
        try {
            f.peer.tick(now);
        } catch (IOException e) {
            readErrors++;
        }
    }

    private void sendOne(Flow f) {
        long t = System.nanoTime();
        EchoPacket.write(out, f.seq, f.rtpTimestamp, f.ssrc, t, f.counter++);
        f.seq = (f.seq + 1) & 0xFFFF;
        f.rtpTimestamp = (f.rtpTimestamp + EchoPacket.TICKS_PER_PACKET) & 0xFFFF_FFFFL;
        lastWrite = -1;
        try {
            if (f.isPlain()) {
                write(f, out, 0, EchoPacket.LENGTH);
            } else if (!f.peer.sendRtp(packet.set(out, 0, EchoPacket.LENGTH))) {
                return;
            }
        } catch (IOException e) {
            readErrors++;
            return;
        }
        if (lastWrite > 0 && t >= windowStart && t < windowEnd) {
            if (f.isPlain()) {
                controlSent++;
            } else {
                sent++;
            }
        }
    }

    /** Writes one datagram on a flow's channel: from this loop (RTP, STUN) or a DTLS handshake thread. */
    void write(Flow f, byte[] b, int off, int len) throws IOException {
        int n;
        if (Thread.currentThread() == thread && b == out) {
            outBuffer.limit(off + len).position(off);
            n = f.channel.write(outBuffer);
        } else {
            n = f.channel.write(ByteBuffer.wrap(b, off, len));
        }
        if (n == 0) {
            sendDrops.increment();
        }
        if (Thread.currentThread() == thread) {
            lastWrite = n;
        }
    }

    private void readReady() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey k = keys.next();
            keys.remove();
            if (k.isValid()) {
                read((Flow) k.attachment());
            }
        }
    }

    private void read(Flow f) {
        for (int i = 0; i < READS_PER_WAKEUP; i++) {
            inBuffer.clear();
            int n;
            try {
                n = f.channel.read(inBuffer);
                if (n <= 0) {
                    return;
                }
                receivedAt = System.nanoTime();
                if (f.isPlain()) {
                    controlEcho(n);
                } else {
                    f.peer.receive(in, 0, n, f.server);
                    if (f.iceNanos == 0 && f.peer.isIceConnected()) {
                        f.iceNanos = receivedAt;
                    }
                }
            } catch (IOException e) {
                // ICMP port unreachable from a server that closed the peer's port, or a closed channel.
                readErrors++;
                return;
            }
        }
    }

    /** A decrypted packet from the server: an echo of ours, timed (duplicates apart), or something else. */
    void echo(Flow f, byte[] buf, int off, int len) {
        long t = EchoPacket.sendNanos(buf, off, len);
        if (t == Long.MIN_VALUE) {
            foreign++;
        } else if (f.duplicate(EchoPacket.counter(buf, off, len))) {
            duplicates++;
        } else if (t >= windowStart && t < windowEnd) {
            received++;
            rtt.record(receivedAt - t);
            slices.echo(t, receivedAt - t);
        }
    }

    /** An echo from the tool's own UDP reflector (a control flow). */
    private void controlEcho(int len) {
        long t = EchoPacket.sendNanos(in, 0, len);
        if (t != Long.MIN_VALUE && t >= windowStart && t < windowEnd) {
            controlReceived++;
            controlRtt.record(receivedAt - t);
            slices.controlEcho(t, receivedAt - t);
        }
    }

    void rtcp() {
        rtcp++;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (IOException e) {
            // Closing at exit: nothing to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
