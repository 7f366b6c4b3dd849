package io.webfon.gateway.media;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a {@link TickRound}'s slots on a scheduler, waking only for the slots that hold a member: slot {@code k} of
 * round {@code n} is due at {@code origin + (n * slots + k) * slotNanos}, as with a fixed-rate timer, but a slot
 * with nobody in it costs no wake-up, and an empty round none at all.
 *
 * <p>Why: the fixed-rate ticker woke 50 times a second whether the node had 500 calls or none. With one call, 49 of
 * those 50 wake-ups found nothing to do, and each could take a core from the call's other work (a browser on the
 * same machine, in the benchmarks); idle, they were a fifth of the node's wake-ups. With every slot occupied it
 * wakes as often as before.
 *
 * <p>A tick that runs late is followed by the slots it made late, at once, as a fixed-rate timer would catch up;
 * after a stall of more than a round, the round starts again from the present instead of ticking every slot it
 * missed. Members may be added and removed from any thread.
 */
final class SlotTicker<T> {
    private final TickRound<T> round;
    private final ScheduledExecutorService scheduler;
    private final long slotNanos;
    private final Consumer<? super T> tick;
    private final long origin = System.nanoTime();
    private final AtomicLong wakeUps = new AtomicLong();
    private final Object lock = new Object();
    /** The one tick waiting to run, and the slot index it runs; guarded by {@link #lock}. */
    private ScheduledFuture<?> pending;
    private long pendingIndex;

    SlotTicker(TickRound<T> round, ScheduledExecutorService scheduler, long slotNanos, Consumer<? super T> tick) {
        if (slotNanos <= 0) {
            throw new IllegalArgumentException("a slot must last some time: " + slotNanos + " ns");
        }
        this.round = round;
        this.scheduler = scheduler;
        this.slotNanos = slotNanos;
        this.tick = tick;
    }

    /** Adds a member (see {@link TickRound#add}) and makes sure its slot is coming. */
    void add(T member) {
        round.add(member);
        synchronized (lock) {
            scheduleFrom(indexAfter(System.nanoTime()));
        }
    }

    /** Removes a member; a tick already scheduled for its slot finds nobody and moves on. */
    void remove(T member) {
        round.remove(member);
    }

    /** How many times a tick has run: a slot with members in it each time. */
    long wakeUps() {
        return wakeUps.get();
    }

    /** Whether a tick is scheduled; false once the round is empty and the last scheduled tick has run. */
    boolean hasPendingTick() {
        synchronized (lock) {
            return pending != null;
        }
    }

    private long indexAfter(long now) {
        return Math.floorDiv(now - origin, slotNanos) + 1;
    }

    /** Schedules the first slot with a member at or after {@code index}, unless an earlier one is pending. */
    private void scheduleFrom(long index) {
        int slots = round.slots();
        int distance = round.distanceToMember((int) Math.floorMod(index, (long) slots));
        if (distance < 0) {
            return;
        }
        long target = index + distance;
        if (pending != null) {
            if (pendingIndex <= target) {
                return;
            }
            pending.cancel(false);
        }
        long delay = origin + target * slotNanos - System.nanoTime();
        try {
            pendingIndex = target;
            pending = scheduler.schedule(() -> run(target), Math.max(0, delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending = null; // the scheduler is shut down: the engine is closing
        }
    }

    private void run(long index) {
        synchronized (lock) {
            if (pending != null && pendingIndex == index) {
                pending = null;
            }
        }
        wakeUps.incrementAndGet();
        try {
            round.tickSlot((int) Math.floorMod(index, (long) round.slots()), tick);
        } finally {
            // Whatever a member's tick threw, the other members' ticks go on.
            synchronized (lock) {
                long now = indexAfter(System.nanoTime());
                // Late by less than a round: the next slots come at once, as a fixed-rate timer catches up.
                scheduleFrom(now - (index + 1) < round.slots() ? index + 1 : now);
            }
        }
    }
}
