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
            round.advance(slot::add);
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
        round.advance(seen::add);
        round.advance(seen::add);
        round.remove("c");
        round.advance(seen::add);
        round.advance(seen::add); // the round starts over at slot 0
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
        one.advance(seen::add);
        one.advance(seen::add);
        assertThat(seen).containsExactly("x", "x");
    }
}
