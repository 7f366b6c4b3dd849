package io.webfon.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCollectorsTest {
    @Test
    void eachCollectorIsNamedFromTheBeansTheJvmReports() {
        assertThat(JvmCollectors.name(List.of("Copy", "MarkSweepCompact"))).isEqualTo("serial");
        assertThat(JvmCollectors.name(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("parallel");
        assertThat(JvmCollectors.name(List.of("G1 Young Generation", "G1 Old Generation"))).isEqualTo("g1");
        assertThat(JvmCollectors.name(List.of("Shenandoah Pauses", "Shenandoah Cycles"))).isEqualTo("shenandoah");
        assertThat(JvmCollectors.name(List.of("ZGC Cycles", "ZGC Pauses"))).isEqualTo("z");
        assertThat(JvmCollectors.name(List.of("Epsilon"))).isEqualTo("other");
    }

    @Test
    void concurrentCyclesAreNotCountedAsPauses() {
        assertThat(JvmCollectors.countsPauses("Shenandoah Pauses")).isTrue();
        assertThat(JvmCollectors.countsPauses("Copy")).isTrue();
        assertThat(JvmCollectors.countsPauses("Shenandoah Cycles")).isFalse();
        assertThat(JvmCollectors.countsPauses("ZGC Cycles")).isFalse();
        assertThat(JvmCollectors.countsPauses("G1 Concurrent GC")).isFalse();
    }

    @Test
    void theStatusLineNamesThisJvmsCollectorAndItsPauses() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        System.gc(); // at least one collection to count, whatever the collector
        StatusReport r = new StatusReport(java.time.ZoneOffset.UTC);
        r.line("jvm");
        JvmCollectors.describe(beans, r);
        String text = r.text();
        assertThat(text).startsWith("gateway jvm gc=").contains(" gc_pauses=").contains(" gc_pause_ms=");
        assertThat(text).doesNotContain("gc=other");
    }
}
