package io.webfon.bench.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void mergesRecordersAndTakesNearestRankPercentiles() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 1; i <= 10_000; i++) {
            (i % 2 == 0 ? a : b).record(i);
        }
        long[] sorted = Latencies.merge(List.of(a, b));

        assertThat(sorted).hasSize(10_000);
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(5_000);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(9_900);
        assertThat(Latencies.percentile(sorted, 99.9)).isEqualTo(9_990);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(10_000);
        assertThat(Latencies.percentile(new long[0], 99)).isZero();
    }
}
