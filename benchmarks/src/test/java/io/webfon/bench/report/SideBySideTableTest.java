package io.webfon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.bench.report.SideBySideTable.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTableTest {
    private static final List<Row> ROWS = List.of(
            new Row("N=100", "loss %", "0.000", "0.010", "< 0.1", "PASS"),
            new Row("N=100", "CPU ms per stream-second", "0.84", "2.48", "<= janus", "PASS (34%)"),
            new Row("N=500", "threads", "a value far too long for its column", "515", "", ""),
            new Row("N=500", "added p99 ms | max", "1.55", "21.9", "< 5", "FAIL"),
            new Row("N=500", "janus up", "-", "no", "", "n/a"));

    @Test
    void verdictLineCountsPassesFailuresAndMissingFigures() {
        assertThat(SideBySideTable.verdictLine(ROWS)).isEqualTo("targets: 2 PASS, 1 FAIL, 1 n/a\n");
        assertThat(SideBySideTable.verdictLine(ROWS.subList(0, 1))).isEqualTo("targets: 1 PASS, 0 FAIL\n");
    }

    @Test
    void textAlignsColumnsSeparatesGroupsAndPutsWideRowsOnLinesOfTheirOwn() {
        String text = SideBySideTable.text("header\n", ROWS, new int[] {6, 10, 6, 6, 6, 6});
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("header");
        assertThat(lines.get(2)).startsWith("        metric").contains("ours", "janus", "target", "result");
        assertThat(lines.get(3)).startsWith("N=100   loss %").contains(" 0.000   0.010  < 0.1");
        assertThat(lines.get(5)).isEmpty(); // a new group
        assertThat(lines.get(6)).isEqualTo("N=500   threads");
        assertThat(lines.get(7)).isEqualTo("          ours: a value far too long for its column");
        assertThat(lines.get(8)).isEqualTo("          janus: 515");
        assertThat(text).endsWith("\ntargets: 2 PASS, 1 FAIL, 1 n/a\n");
    }

    @Test
    void markdownEscapesPipesInCells() {
        String md = SideBySideTable.markdown("Media benchmark", "header\n", ROWS);
        assertThat(md).startsWith("# Media benchmark\n\n```\nheader\n```\n\n| | metric |");
        assertThat(md).contains("| N=500 | added p99 ms \\| max | 1.55 | 21.9 | < 5 | FAIL |");
    }
}
