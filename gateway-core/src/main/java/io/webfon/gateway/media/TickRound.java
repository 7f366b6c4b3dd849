package io.webfon.gateway.media;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Members ticked once per round, each in one of the round's slots, dealt round-robin as members join: with the
 * round's slots spread over a second, each member still gets one tick a second, and no tick takes more than its
 * share of the members.
 *
 * <p>Why: a once-a-second tick of every handle sent all the RTCP reports of 500 calls in one burst (500 SRTCP
 * protects and sends on the ticker thread, 500 reports for the peers to read), and the media path's packets
 * queued behind it: the media benchmark saw slow echoes in the same 100 ms of every second. Janus runs a timer per
 * handle, started with the handle, so its reports spread the same way.
 *
 * <p>Members may be added and removed from any thread. {@link SlotTicker} runs the slots.
 */
final class TickRound<T> {
    private final int slots;
    private final ConcurrentHashMap<T, Integer> members = new ConcurrentHashMap<>();
    private final AtomicInteger dealt = new AtomicInteger();

    TickRound(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a round needs at least one slot: " + slots);
        }
        this.slots = slots;
    }

    /** Adds a member to the next slot in turn; a member already there keeps its slot. */
    void add(T member) {
        members.computeIfAbsent(member, m -> Math.floorMod(dealt.getAndIncrement(), slots));
    }

    void remove(T member) {
        members.remove(member);
    }

    int size() {
        return members.size();
    }

    /** Every member, as a live view (for status and shutdown, not for ticking). */
    Set<T> members() {
        return members.keySet();
    }

    void clear() {
        members.clear();
    }

    /**
     * How many slots on from {@code fromSlot} the nearest slot holding a member is (0 if that slot holds one), or -1
     * when the round is empty.
     */
    int distanceToMember(int fromSlot) {
        int nearest = -1;
        for (int slot : members.values()) {
            int d = Math.floorMod(slot - fromSlot, slots);
            if (nearest < 0 || d < nearest) {
                nearest = d;
                if (d == 0) {
                    break;
                }
            }
        }
        return nearest;
    }

    int slots() {
        return slots;
    }

    /** Ticks the members of {@code slot}. */
    void tickSlot(int slot, Consumer<? super T> tick) {
        members.forEach((member, memberSlot) -> {
            if (memberSlot == slot) {
                tick.accept(member);
            }
        });
    }
}
