package io.webfon.bench.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaReportTest {
    @Test
    void aWindowIsMarkedStarvedWhenTheToolsOwnEchoSlowsDown() {
        assertThat(MediaReport.starvedMark(80)).isEmpty(); // the usual 0.08 ms median
        assertThat(MediaReport.starvedMark(999)).isEmpty();
        assertThat(MediaReport.starvedMark(1_000)).isEqualTo(" (machine starved)");
        assertThat(MediaReport.starvedMark(1_890)).isEqualTo(" (machine starved)");
    }
}
