package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.ice4j.util.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacketLanesTest {
    private PacketLanes lanes;

    @BeforeEach
    void installPool() {
        ReceiveBufferPool.install();
    }

    @AfterEach
    void stop() {
        if (lanes != null) {
            lanes.close();
        }
    }

    /** A packet whose first byte is {@code n}, as ice4j's reader hands it over. */
    private static Buffer packet(int n) {
        Buffer b = ReceiveBufferPool.take(172);
        b.getBuffer()[0] = (byte) n;
        b.setOffset(0);
        b.setLength(172);
        return b;
    }

    @Test
    void aSessionsPacketsAreHandledInArrivalOrderOnOneThread() throws Exception {
        lanes = new PacketLanes(2);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(200);
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            seen.add(b.getBuffer()[0] & 0xff);
            threads.add(Thread.currentThread().getName());
            all.countDown();
        });
        for (int i = 0; i < 200; i++) {
            box.offer(packet(i));
        }
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(threads).hasSize(1);
        assertThat(threads.iterator().next()).startsWith("media-packets-");
    }

    @Test
    void whileTheWorkIsLightTheReaderHandlesPacketsItself() {
        lanes = new PacketLanes(2);
        List<String> threads = new CopyOnWriteArrayList<>();
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            threads.add(Thread.currentThread().getName());
        });
        for (int i = 0; i < 10; i++) {
            box.receive(packet(i));
        }
        assertThat(threads).hasSize(10).containsOnly(Thread.currentThread().getName());
        assertThat(lanes.offloading()).isFalse();
    }

    @Test
    void heavyWorkMovesToTheLanesInOrderAndComesBackWhenItEases() throws Exception {
        // Windows of 20 ms; each packet of the heavy phase takes 2 ms of handling, a whole core.
        lanes = new PacketLanes(1, TimeUnit.MILLISECONDS.toNanos(20), 0.30, 0.15);
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger spinMicros = new AtomicInteger(2_000);
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            spin(spinMicros.get());
            order.add(b.getBuffer()[0] & 0xff);
            threads.add(Thread.currentThread().getName());
        });
        String reader = Thread.currentThread().getName();
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lanes.offloading() && System.nanoTime() < deadline) {
            box.receive(packet(sent++ % 256));
        }
        assertThat(lanes.offloading()).isTrue();
        assertThat(lanes.offloadsStarted()).isEqualTo(1);
        int heavy = sent;
        for (int i = 0; i < 20; i++) {
            box.receive(packet(sent++ % 256));
        }
        int queued = sent;
        waitFor(() -> order.size() >= queued);
        assertThat(threads.subList(0, heavy)).containsOnly(reader);
        assertThat(threads.subList(heavy, sent)).allMatch(t -> t.startsWith("media-packets-"));
        for (int i = 0; i < sent; i++) {
            assertThat(order.get(i)).as("packet %d", i).isEqualTo(i % 256);
        }

        // Light again: a packet now and then, handled quickly; within a few windows the reader takes them back.
        spinMicros.set(0);
        while (lanes.offloading() && System.nanoTime() < deadline) {
            box.receive(packet(sent++ % 256));
            Thread.sleep(5);
        }
        assertThat(lanes.offloading()).isFalse();
        int light = sent;
        waitFor(() -> order.size() >= light); // the last of them may still be on the lane
        int before = threads.size();
        box.receive(packet(sent % 256));
        assertThat(threads).hasSize(before + 1);
        assertThat(threads.get(before)).isEqualTo(reader);
    }

    @Test
    void everyBufferGoesBackToThePoolOnceHandledOrDropped() throws Exception {
        while (ReceiveBufferPool.available() > 0) {
            ReceiveBufferPool.take(100);
        }
        List<Buffer> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            Buffer b = new Buffer(new byte[ReceiveBufferPool.BUFFER_SIZE], 0, 172); // as ice4j gets them
            b.getBuffer()[0] = (byte) i;
            fresh.add(b);
        }
        lanes = new PacketLanes(1);
        CountDownLatch handled = new CountDownLatch(20);
        PacketLanes.Mailbox box = lanes.open("test", b -> handled.countDown());
        for (int i = 0; i < 10; i++) {
            box.receive(fresh.get(2 * i)); // inline
            box.offer(fresh.get(2 * i + 1)); // on the lane
        }
        assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        box.close();
        box.offer(fresh.get(20)); // after the close: not handled, freed at once
        waitFor(() -> ReceiveBufferPool.available() >= 21);
        assertThat(ReceiveBufferPool.available()).isEqualTo(21);
    }

    @Test
    void aBorrowedBufferIsUsedInPlaceOrCopiedButNeverFreed() throws Exception {
        lanes = new PacketLanes(1, TimeUnit.MILLISECONDS.toNanos(20), 0.30, 0.15);
        byte[] readersOwn = new byte[ReceiveBufferPool.BUFFER_SIZE];
        Buffer borrowed = new Buffer(readersOwn, 0, 0);
        List<byte[]> arrays = new CopyOnWriteArrayList<>();
        List<Integer> firstBytes = new CopyOnWriteArrayList<>();
        AtomicInteger spinMicros = new AtomicInteger(2_000);
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            spin(spinMicros.get());
            arrays.add(b.getBuffer());
            firstBytes.add(b.getBuffer()[b.getOffset()] & 0xff);
        });
        int sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!lanes.offloading() && System.nanoTime() < deadline) {
            readersOwn[0] = (byte) sent++;
            borrowed.setOffset(0);
            borrowed.setLength(172);
            box.receiveCopy(borrowed);
        }
        assertThat(lanes.offloading()).isTrue();
        assertThat(arrays).allMatch(a -> a == readersOwn); // handled in place while the reader did the work
        int inPlace = sent;
        for (int i = 0; i < 5; i++) {
            readersOwn[0] = (byte) sent++; // overwritten by the next datagram at once: the lane must have a copy
            borrowed.setOffset(0);
            borrowed.setLength(172);
            box.receiveCopy(borrowed);
        }
        int copied = sent;
        waitFor(() -> firstBytes.size() >= copied);
        assertThat(arrays.subList(inPlace, sent)).noneMatch(a -> a == readersOwn);
        for (int i = 0; i < sent; i++) {
            assertThat(firstBytes.get(i)).isEqualTo(i & 0xff);
        }
        assertThat(borrowed.getOffset()).isZero(); // never marked free by the pool
    }

    @Test
    void sessionsAreDealtToTheLanesInTurn() throws Exception {
        lanes = new PacketLanes(2);
        List<String> threadOf = new CopyOnWriteArrayList<>(new String[4]);
        CountDownLatch handled = new CountDownLatch(4);
        for (int s = 0; s < 4; s++) {
            int session = s;
            PacketLanes.Mailbox box = lanes.open("test", b -> {
                threadOf.set(session, Thread.currentThread().getName());
                handled.countDown();
            });
            box.offer(packet(s));
        }
        assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threadOf.get(0)).isEqualTo(threadOf.get(2)).isNotEqualTo(threadOf.get(1));
        assertThat(threadOf.get(1)).isEqualTo(threadOf.get(3));
    }

    @Test
    void aFullMailboxDropsTheNewestAndCountsIt() throws Exception {
        lanes = new PacketLanes(1);
        Stall stall = new Stall();
        PacketLanes.Mailbox box = lanes.open("test", stall::handle);
        box.offer(packet(0));
        assertThat(stall.firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        // The lane is busy with the first packet: the mailbox fills up, and one more does not fit.
        for (int i = 1; i <= PacketLanes.MAILBOX_CAPACITY + 1; i++) {
            box.offer(packet(i));
        }
        assertThat(lanes.overflows()).isEqualTo(1);
        stall.release.countDown();
        waitFor(() -> stall.handled.get() >= PacketLanes.MAILBOX_CAPACITY + 1);
        assertThat(stall.handled.get()).isEqualTo(PacketLanes.MAILBOX_CAPACITY + 1);
    }

    @Test
    void aClosedMailboxHandsNothingMoreToItsSession() throws Exception {
        lanes = new PacketLanes(1);
        Stall stall = new Stall();
        PacketLanes.Mailbox box = lanes.open("test", stall::handle);
        box.offer(packet(0));
        assertThat(stall.firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        box.offer(packet(1)); // waiting when the session closes
        box.close();
        box.offer(packet(2)); // after the close
        stall.release.countDown();
        // Another session on the same lane is handled after the closed one's leftovers: they were dropped.
        CountDownLatch other = new CountDownLatch(1);
        lanes.open("test", b -> other.countDown()).offer(packet(3));
        assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stall.handled.get()).isEqualTo(1);
        assertThat(lanes.overflows()).isZero();
    }

    @Test
    void aThrowingHandlerDoesNotStopItsLane() throws Exception {
        lanes = new PacketLanes(1);
        CountDownLatch second = new CountDownLatch(1);
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            if (b.getBuffer()[0] == 0) {
                throw new IllegalStateException("broken listener");
            }
            second.countDown();
        });
        box.offer(packet(0));
        box.offer(packet(1));
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingStopsTheThreads() throws Exception {
        Set<Thread> before = laneThreads();
        lanes = new PacketLanes(2);
        Set<Thread> ours = laneThreads();
        ours.removeAll(before);
        assertThat(ours).hasSize(2);
        lanes.close();
        for (Thread t : ours) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        lanes = null;
    }

    @Test
    void atLeastOneThreadIsNeeded() {
        assertThatThrownBy(() -> new PacketLanes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    /** Keeps the calling thread busy for {@code micros}, as heavy packet handling would. */
    private static void spin(int micros) {
        long until = System.nanoTime() + micros * 1_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Waits up to 10 s for {@code condition}; the assertions after it say what was expected. */
    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** A handler that holds its lane on the first packet until released, and counts what it handled. */
    private static final class Stall {
        final CountDownLatch firstTaken = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger handled = new AtomicInteger();

        void handle(Buffer b) {
            handled.incrementAndGet();
            firstTaken.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Set<Thread> laneThreads() {
        Set<Thread> lanes = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("media-packets-") && t.isAlive()).forEach(lanes::add);
        return lanes;
    }
}
