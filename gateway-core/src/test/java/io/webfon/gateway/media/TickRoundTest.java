package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickRoundTest {
    @Test
    void everyMemberIsTickedOncePerRoundAndNoSlotTakesMoreThanItsShare() {
        TickRound<Integer> round = new TickRound<>(50);
        for (int i = 0; i < 500; i++) {
            round.add(i);
        }
        Map<Integer, Integer> ticks = new HashMap<>();
        int largestSlot = 0;
        for (int s = 0; s < 50; s++) {
            List<Integer> slot = new ArrayList<>();
            round.tickSlot(s, slot::add);
            largestSlot = Math.max(largestSlot, slot.size());
            slot.forEach(m -> ticks.merge(m, 1, Integer::sum));
        }
        assertThat(ticks).hasSize(500);
        assertThat(ticks.values()).containsOnly(1);
        assertThat(largestSlot).isEqualTo(10); // a tick of all 500 at once is what this replaced
    }

    @Test
    void aMemberAddedTwiceKeepsItsSlotAndARemovedOneIsNoLongerTicked() {
        TickRound<String> round = new TickRound<>(3);
        round.add("a"); // slot 0
        round.add("b"); // slot 1
        round.add("a");
        round.add("c"); // slot 2: "a" did not take a second one
        List<String> seen = new ArrayList<>();
        round.tickSlot(0, seen::add);
        round.tickSlot(1, seen::add);
        round.remove("c");
        round.tickSlot(2, seen::add);
        round.tickSlot(0, seen::add);
        assertThat(seen).containsExactly("a", "b", "a");
        assertThat(round.size()).isEqualTo(2);
        assertThat(round.members()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aRoundHasAtLeastOneSlot() {
        assertThatThrownBy(() -> new TickRound<>(0)).isInstanceOf(IllegalArgumentException.class);
        TickRound<String> one = new TickRound<>(1);
        one.add("x");
        List<String> seen = new ArrayList<>();
        one.tickSlot(0, seen::add);
        one.tickSlot(0, seen::add);
        assertThat(seen).containsExactly("x", "x");
        assertThat(one.distanceToMember(0)).isZero();
    }

    @Test
    void theDistanceToTheNearestOccupiedSlotWrapsAroundTheRound() {
        TickRound<String> round = new TickRound<>(10);
        assertThat(round.distanceToMember(3)).isEqualTo(-1); // empty: nothing to wake up for
        round.add("a"); // slot 0
        round.add("b"); // slot 1
        round.add("c"); // slot 2
        round.remove("b");
        assertThat(round.distanceToMember(0)).isZero();
        assertThat(round.distanceToMember(1)).isEqualTo(1); // slot 2
        assertThat(round.distanceToMember(3)).isEqualTo(7); // slot 0 of the next round
        round.remove("a");
        round.remove("c");
        assertThat(round.distanceToMember(0)).isEqualTo(-1);
    }
}
