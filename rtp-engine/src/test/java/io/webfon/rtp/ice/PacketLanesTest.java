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
            ReceiveBufferPool.give(b);
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
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            firstTaken.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.incrementAndGet();
        });
        box.offer(packet(0));
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        // The lane is busy with the first packet: the mailbox fills up, and one more does not fit.
        for (int i = 1; i <= PacketLanes.MAILBOX_CAPACITY + 1; i++) {
            box.offer(packet(i));
        }
        assertThat(lanes.overflows()).isEqualTo(1);
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handled.get() < PacketLanes.MAILBOX_CAPACITY + 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(handled.get()).isEqualTo(PacketLanes.MAILBOX_CAPACITY + 1);
    }

    @Test
    void aClosedMailboxHandsNothingMoreToItsSession() throws Exception {
        lanes = new PacketLanes(1);
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        PacketLanes.Mailbox box = lanes.open("test", b -> {
            handled.incrementAndGet();
            firstTaken.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        box.offer(packet(0));
        assertThat(firstTaken.await(10, TimeUnit.SECONDS)).isTrue();
        box.offer(packet(1)); // waiting when the session closes
        box.close();
        box.offer(packet(2)); // after the close
        release.countDown();
        // Another session on the same lane is handled after the closed one's leftovers: they were dropped.
        CountDownLatch other = new CountDownLatch(1);
        lanes.open("test", b -> other.countDown()).offer(packet(3));
        assertThat(other.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(handled.get()).isEqualTo(1);
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

    private static Set<Thread> laneThreads() {
        Set<Thread> lanes = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("media-packets-") && t.isAlive()).forEach(lanes::add);
        return lanes;
    }
}
