package io.webfon.bench.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EchoSlicesTest {
    private static final long MS = 1_000_000L;
    private static final long START = 1_000_000 * MS; // any nanoTime origin

    @Test
    void echoesFallIntoTheSliceOfTheirSendTimeAndOutsideTheWindowAreIgnored() {
        EchoSlices s = new EchoSlices(START, START + 1_000 * MS); // 10 slices
        s.echo(START, 1 * MS);
        s.echo(START + 99 * MS, 6 * MS); // slow, slice 0
        s.echo(START + 100 * MS, 40 * MS); // slow, slice 1
        s.echo(START + 999 * MS, 5 * MS); // exactly the limit is not slow, slice 9
        s.echo(START - 1, 90 * MS); // before the window
        s.echo(START + 1_000 * MS, 90 * MS); // after it
        s.controlEcho(START + 150 * MS, 2 * MS);

        List<EchoSlices.Slice> list = s.list(1_700_000_000_000L);
        assertThat(list).hasSize(10);
        assertThat(list.get(0)).isEqualTo(new EchoSlices.Slice(0.0, 1_700_000_000_000L, 2, 1, 6.0, 0.0));
        assertThat(list.get(1)).isEqualTo(new EchoSlices.Slice(0.1, 1_700_000_000_100L, 1, 1, 40.0, 2.0));
        assertThat(list.get(9).echoes()).isEqualTo(1);
        assertThat(list.get(9).slow()).isZero();
        assertThat(list.stream().mapToLong(EchoSlices.Slice::echoes).sum()).isEqualTo(4);
    }

    @Test
    void loopsMergeBySummingCountsAndKeepingMaxima() {
        EchoSlices a = new EchoSlices(START, START + 200 * MS);
        EchoSlices b = new EchoSlices(START, START + 200 * MS);
        a.echo(START + 10 * MS, 7 * MS);
        b.echo(START + 20 * MS, 30 * MS);
        b.echo(START + 150 * MS, 1 * MS);
        List<EchoSlices.Slice> m = EchoSlices.merge(List.of(a, b)).list(0);
        assertThat(m.get(0).echoes()).isEqualTo(2);
        assertThat(m.get(0).slow()).isEqualTo(2);
        assertThat(m.get(0).maxMs()).isEqualTo(30.0);
        assertThat(m.get(1).slow()).isZero();
        assertThatThrownBy(() -> EchoSlices.merge(List.of(a, new EchoSlices(START + 1, START + 200 * MS))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDescriptionCountsSlowSlicesAndNamesTheWorstThree() {
        EchoSlices s = new EchoSlices(START, START + 2_000 * MS);
        s.echo(START + 50 * MS, 6 * MS);
        s.echo(START + 1_230 * MS, 41 * MS);
        s.echo(START + 1_240 * MS, 20 * MS);
        s.echo(START + 400 * MS, 9 * MS);
        s.echo(START + 1_900 * MS, 5_100_000L);
        s.echo(START + 700 * MS, 1 * MS);
        assertThat(EchoSlices.describe(s.list(0)))
                .isEqualTo("4 of 20; worst +1.2 s 41.0 ms (2 slow), +0.4 s 9.0 ms (1 slow), +0.0 s 6.0 ms (1 slow)");
        assertThat(EchoSlices.describe(new EchoSlices(START, START + 300 * MS).list(0))).isEqualTo("0 of 3");
        assertThat(EchoSlices.csv(s.list(5_000)).lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("0.0,5000,1,1,6.00,0.00");
    }
}
