package io.webfon.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' report table, ours against Janus, one metric per row with its target and verdict: as aligned
 * text for the console (cells too wide for a column put their row on lines of its own) and as Markdown.
 */
public final class SideBySideTable {
    public static final String OURS = "ours";
    public static final String JANUS = "janus";
    /** Cells longer than this make a row "wide": printed on lines of its own in the console table. */
    private static final int WIDE = 24;
    private static final String[] HEAD = {"", "metric", OURS, JANUS, "target", "result"};

    /** One line of the table; {@code verdict} is PASS, FAIL, n/a or empty when the metric has no target. */
    public record Row(String group, String metric, String ours, String janus, String target, String verdict) {
        String[] cells() {
            return new String[] {group, metric, ours, janus, target, verdict};
        }

        boolean wide() {
            return ours.length() > WIDE || janus.length() > WIDE;
        }
    }

    private SideBySideTable() {
    }

    /** {@code targets: 3 PASS, 1 FAIL[, 2 n/a]}: verdicts that are PASS or start with "PASS " count as passes. */
    public static String verdictLine(List<Row> rows) {
        long pass = rows.stream().filter(r -> "PASS".equals(r.verdict()) || r.verdict().startsWith("PASS ")).count();
        long fail = rows.stream().filter(r -> r.verdict().startsWith("FAIL")).count();
        long na = rows.stream().filter(r -> "n/a".equals(r.verdict())).count();
        return "targets: " + pass + " PASS, " + fail + " FAIL" + (na > 0 ? ", " + na + " n/a" : "") + "\n";
    }

    /**
     * The header, then the rows aligned in columns at least {@code minWidths} wide (a blank line between groups),
     * then the verdict line.
     */
    public static String text(String header, List<Row> rows, int[] minWidths) {
        int[] w = minWidths.clone();
        for (Row r : rows) {
            if (!r.wide()) {
                String[] cells = r.cells();
                for (int i = 0; i < w.length; i++) {
                    w[i] = Math.max(w[i], cells[i].length());
                }
            }
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        appendAligned(sb, HEAD, w);
        String group = null;
        for (Row r : rows) {
            if (group != null && !group.equals(r.group())) {
                sb.append('\n');
            }
            group = r.group();
            if (r.wide()) {
                sb.append(String.format(Locale.ROOT, "%-" + w[0] + "s  %s%n%" + (w[0] + 4) + "s%s: %s%n%"
                        + (w[0] + 4) + "s%s: %s%n", r.group(), r.metric(), "", OURS, r.ours(), "", JANUS, r.janus()));
            } else {
                appendAligned(sb, r.cells(), w);
            }
        }
        return sb.append('\n').append(verdictLine(rows)).toString();
    }

    private static void appendAligned(StringBuilder sb, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            String fmt = i >= 2 && i <= 3 ? "%" + w[i] + "s  " : "%-" + w[i] + "s  ";
            sb.append(String.format(Locale.ROOT, fmt, cells[i]));
        }
        sb.setLength(sb.length() - 2);
        sb.append('\n');
    }

    /** The same table in Markdown under {@code # title}, the header kept as a preformatted block. */
    public static String markdown(String title, String header, List<Row> rows) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n```\n").append(header)
                .append("```\n\n| | metric | ours | janus | target | result |\n|---|---|---:|---:|---|---|\n");
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : r.cells()) {
                cells.add(c.replace("|", "\\|"));
            }
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return sb.append('\n').append(verdictLine(rows)).toString();
    }
}
