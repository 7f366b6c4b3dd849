package io.webfon.rtp.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SsrcTableTest {
    @Test
    void unsignedSsrcsAreKeptApart() {
        SsrcTable<String> t = new SsrcTable<>();
        assertThat(t.putIfAbsent(0xFFFF_FFFFL, "max")).isNull();
        assertThat(t.putIfAbsent(1L, "one")).isNull();
        assertThat(t.putIfAbsent(1L, "other")).isEqualTo("one");
        assertThat(t.get(0xFFFF_FFFFL)).isEqualTo("max");
        assertThat(t.get(1L)).isEqualTo("one");
        assertThat(t.get(-1L)).isNull();
        assertThat(t.containsKey(2L)).isFalse();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void computeIfAbsentMakesOncePerSsrcAndStopsAtTheLimit() {
        SsrcTable<String> t = new SsrcTable<>();
        AtomicInteger made = new AtomicInteger();
        assertThat(t.computeIfAbsent(7, 2, s -> "ctx" + s + "#" + made.incrementAndGet())).isEqualTo("ctx7#1");
        assertThat(t.computeIfAbsent(7, 2, s -> "again#" + made.incrementAndGet())).isEqualTo("ctx7#1");
        assertThat(t.computeIfAbsent(8, 2, s -> "ctx" + s)).isEqualTo("ctx8");
        assertThat(t.computeIfAbsent(9, 2, s -> "ctx" + s)).isNull(); // full
        assertThat(t.get(9)).isNull();
        assertThat(made.get()).isEqualTo(1);
    }

    @Test
    void removeTakesOnlyTheGivenValueAndKeepsTheOthersInPlace() {
        SsrcTable<String> t = new SsrcTable<>();
        String a = "a";
        String b = "b";
        String c = "c";
        t.putIfAbsent(1, a);
        t.putIfAbsent(2, b);
        t.putIfAbsent(3, c);
        assertThat(t.remove(2, "not b")).isFalse();
        assertThat(t.remove(2, b)).isTrue();
        assertThat(t.get(1)).isSameAs(a);
        assertThat(t.get(2)).isNull();
        assertThat(t.get(3)).isSameAs(c);
        assertThat(t.size()).isEqualTo(2);
        t.clear();
        assertThat(t.size()).isZero();
        assertThat(t.get(1)).isNull();
    }

    @Test
    void readersSeeEveryEntryWhileWritersAdd() throws Exception {
        SsrcTable<Long> t = new SsrcTable<>();
        Thread writer = new Thread(() -> {
            for (long s = 1; s <= 32; s++) {
                t.putIfAbsent(s, s);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            for (long s = 1; s <= 32; s++) {
                Long v = t.get(s);
                assertThat(v == null || v == s).isTrue();
            }
        }
        writer.join();
        for (long s = 1; s <= 32; s++) {
            assertThat(t.get(s)).isEqualTo(s);
        }
    }
}
