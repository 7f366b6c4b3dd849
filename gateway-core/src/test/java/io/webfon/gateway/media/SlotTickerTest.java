package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real scheduler, 1 ms slots: what is checked is which wake-ups happen, never how long they take. */
class SlotTickerTest {
    private static final long SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicInteger> ticks = new ConcurrentHashMap<>();
    private final TickRound<String> round = new TickRound<>(10);
    private final SlotTicker<String> ticker = new SlotTicker<>(round, scheduler, SLOT_NANOS,
            m -> ticks.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet());

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private int ticksOf(String member) {
        AtomicInteger n = ticks.get(member);
        return n == null ? 0 : n.get();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(giveUp);
            Thread.sleep(1);
        }
    }

    @Test
    void anEmptyRoundNeverWakesTheScheduler() throws Exception {
        Thread.sleep(50); // 50 slots, five rounds
        assertThat(ticker.wakeUps()).isZero();
    }

    @Test
    void everyWakeUpTicksAMemberAndEveryMemberIsTickedRoundAfterRound() throws Exception {
        ticker.add("a"); // slot 0
        ticker.add("b"); // slot 1
        await(() -> ticksOf("a") >= 5 && ticksOf("b") >= 5);
        ticker.remove("a");
        ticker.remove("b");
        await(() -> !ticker.hasPendingTick()); // nothing runs any more: the counters hold still
        long wakeUps = ticker.wakeUps();
        // Eight of the round's ten slots are empty: a fixed-rate timer would have woken five times as often.
        // A tick already scheduled when its member left may still run once and find nobody.
        assertThat(wakeUps).isBetween((long) ticksOf("a") + ticksOf("b"), (long) ticksOf("a") + ticksOf("b") + 1);
    }

    @Test
    void theLastMemberLeavingStopsTheWakeUpsAndANewOneStartsThemAgain() throws Exception {
        ticker.add("a");
        await(() -> ticksOf("a") >= 3);
        ticker.remove("a");
        await(() -> !ticker.hasPendingTick()); // at most the tick already scheduled ran, finding nobody
        long settled = ticker.wakeUps();
        Thread.sleep(30); // three rounds
        assertThat(ticker.wakeUps()).isEqualTo(settled);
        assertThat(ticker.hasPendingTick()).isFalse();

        ticker.add("b");
        await(() -> ticksOf("b") >= 3);
        assertThat(ticksOf("a")).isLessThanOrEqualTo((int) settled);
    }

    @Test
    void aMemberJoiningBeforeThePendingTickIsTickedInItsOwnSlot() throws Exception {
        for (int i = 0; i < 9; i++) {
            round.add("filler-" + i); // slots 0-8 dealt, without the ticker: nothing scheduled
            round.remove("filler-" + i);
        }
        ticker.add("late"); // slot 9
        ticker.add("early"); // slot 0
        await(() -> ticksOf("late") >= 3 && ticksOf("early") >= 3);
    }

    @Test
    void aTickThatThrowsDoesNotStopTheOthers() throws Exception {
        SlotTicker<String> throwing = new SlotTicker<>(round, scheduler, SLOT_NANOS, m -> {
            ticks.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
            if (m.equals("bad")) {
                throw new IllegalStateException("a broken member");
            }
        });
        throwing.add("bad"); // slot 0
        throwing.add("good"); // slot 1
        await(() -> ticksOf("bad") >= 3 && ticksOf("good") >= 3);
    }

    @Test
    void aSlotLastsSomeTime() {
        assertThatThrownBy(() -> new SlotTicker<>(round, scheduler, 0, m -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
