package io.webfon.bench.signalling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.bench.cli.Args;
import io.webfon.bench.report.SideBySideTable;
import io.webfon.bench.report.SideBySideTable.Row;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Turns a run folder (the JSON files of {@code load}, {@code memory} and {@code snapshot} plus the script's
 * {@code run.properties}) into one side-by-side table, ours against Janus, with the targets marked
 * PASS or FAIL. Prints it, and writes it as Markdown and JSON.
 */
public final class SignallingReport {
    static final String OURS = SideBySideTable.OURS;
    static final String JANUS = SideBySideTable.JANUS;
    private static final double MIB = 1024.0;
    /** Issue targets: idle RSS below this, extra heap for 10k sessions at most this (MiB). */
    static final double IDLE_RSS_LIMIT_MIB = 150;
    static final double EXTRA_HEAP_LIMIT_MIB = 50;
    static final double CPU_RATIO_LIMIT = 0.5;

    private final Path dir;
    private final Properties run = new Properties();
    private final List<Row> rows = new ArrayList<>();

    SignallingReport(Path dir) throws IOException {
        this.dir = dir;
        Path props = dir.resolve("run.properties");
        if (Files.exists(props)) {
            run.load(new StringReader(Files.readString(props)));
        }
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args, 0, Set.of("dir", "out-dir"), Set.of());
        SignallingReport report = new SignallingReport(Path.of(a.require("dir")));
        report.build();
        String text = report.text();
        System.out.print(text);
        String outDir = a.get("out-dir", null);
        if (outDir != null) {
            Path out = Path.of(outDir);
            Files.createDirectories(out);
            String stamp = report.run.getProperty("stamp", "run");
            for (String name : new String[] {"signalling-" + stamp, "signalling-latest"}) {
                Files.writeString(out.resolve(name + ".md"), report.markdown());
                SignallingLoad.JSON.writeValue(out.resolve(name + ".json").toFile(), report.json());
            }
            System.out.println("Written to " + out.resolve("signalling-" + stamp + ".md") + " and .json");
        }
    }

    boolean janusRan() {
        return "ok".equals(run.getProperty("janus_status", "ok"));
    }

    /** Builds every row from the files present. */
    void build() throws IOException {
        String janusStatus = janusRan() ? "janus " + run.getProperty("janus_version", "") : "janus "
                + run.getProperty("janus_status", "not installed");
        rows.add(new Row("", "server", "Webfon " + run.getProperty("ours_version", ""), janusStatus.trim(), "", ""));
        for (String c : run.getProperty("concurrency", "1,8,32").split("[ ,]+")) {
            LoadResult ours = read("load-" + OURS + "-c" + c + ".json", LoadResult.class);
            LoadResult janus = read("load-" + JANUS + "-c" + c + ".json", LoadResult.class);
            loadRows("c=" + c, ours, janus);
        }
        memoryRows(read("memory-" + OURS + ".json", MemoryResult.class),
                read("memory-" + JANUS + ".json", MemoryResult.class),
                read("footprint-" + OURS + "-start.json", Footprint.class),
                read("footprint-" + JANUS + "-start.json", Footprint.class));
    }

    private <T> T read(String name, Class<T> type) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? SignallingLoad.JSON.readValue(file.toFile(), type) : null;
    }

    private void loadRows(String g, LoadResult o, LoadResult j) {
        rows.add(new Row(g, "cycles/s", fmt(o, r -> r.cyclesPerSecond(), 0), fmt(j, r -> r.cyclesPerSecond(), 0),
                "", ""));
        rows.add(new Row(g, "p50 ms", fmt(o, r -> r.p50Micros() / 1e3, 2), fmt(j, r -> r.p50Micros() / 1e3, 2),
                "", ""));
        rows.add(new Row(g, "p99 ms", fmt(o, r -> r.p99Micros() / 1e3, 2), fmt(j, r -> r.p99Micros() / 1e3, 2),
                "<= janus", atMost(o == null ? null : o.p99Micros() / 1e3, j == null ? null : j.p99Micros() / 1e3,
                        1.0)));
        rows.add(new Row(g, "p99.9 ms", fmt(o, r -> r.p999Micros() / 1e3, 2), fmt(j, r -> r.p999Micros() / 1e3, 2),
                "", ""));
        rows.add(new Row(g, "node CPU ms/1000 cycles", fmt(o, LoadResult::nodeCpuMsPer1000, 0),
                fmt(j, LoadResult::nodeCpuMsPer1000, 0), "<= 50% of janus",
                atMost(o == null ? null : o.nodeCpuMsPer1000(), j == null ? null : j.nodeCpuMsPer1000(),
                        CPU_RATIO_LIMIT) + ratio(o, j)));
        rows.add(new Row(g, "node CPU % of a core", fmt(o, LoadResult::nodeCpuPercent, 0),
                fmt(j, LoadResult::nodeCpuPercent, 0), "", ""));
        rows.add(new Row(g, "node CPU by thread ms/1000", o == null ? "-" : ThreadCpu.describe(o.nodeThreadCpu()),
                j == null ? "-" : ThreadCpu.describe(j.nodeThreadCpu()), "", ""));
        rows.add(new Row(g, "client CPU ms/1000 cycles", fmt(o, LoadResult::clientCpuMsPer1000, 0),
                fmt(j, LoadResult::clientCpuMsPer1000, 0), "", ""));
        rows.add(new Row(g, "machine busy % (all cores)", fmt(o, LoadResult::machineBusyPercent, 0),
                fmt(j, LoadResult::machineBusyPercent, 0), "", ""));
        rows.add(new Row(g, "other processes CPU % of a core", fmt(o, LoadResult::otherCpuPercent, 0),
                fmt(j, LoadResult::otherCpuPercent, 0), "", ""));
        rows.add(new Row(g, "msgs received/cycle", fmt(o, LoadResult::messagesPerCycle, 1),
                fmt(j, LoadResult::messagesPerCycle, 1), "", ""));
        rows.add(new Row(g, "errors", fmt(o, r -> r.errors(), 0), fmt(j, r -> r.errors(), 0), "0",
                zeroErrors(o, j)));
        rows.add(new Row(g, "load avg before", o == null ? "-" : o.loadAverageBefore(),
                j == null ? "-" : j.loadAverageBefore(), "", ""));
    }

    private void memoryRows(MemoryResult o, MemoryResult j, Footprint os, Footprint js) {
        String g = "memory";
        rows.add(new Row(g, "RSS just started MiB", fmt(os, f -> f.rssKib() / MIB, 1), fmt(js, f -> f.rssKib() / MIB,
                1), "", ""));
        Double oursIdle = o == null ? null : o.rssIdleKib() / MIB;
        rows.add(new Row(g, "RSS idle after warm-up MiB", fmt(o, m -> m.rssIdleKib() / MIB, 1),
                fmt(j, m -> m.rssIdleKib() / MIB, 1), "< 150 MiB",
                oursIdle == null ? "n/a" : verdict(oursIdle < IDLE_RSS_LIMIT_MIB)));
        int n = o != null ? o.sessions() : j != null ? j.sessions() : 0;
        rows.add(new Row(g, "RSS with " + n + " sessions MiB", fmt(o, m -> m.rssLoadedKib() / MIB, 1),
                fmt(j, m -> m.rssLoadedKib() / MIB, 1), "", ""));
        rows.add(new Row(g, "extra RSS for " + n + " sessions MiB", fmt(o, m -> (m.rssLoadedKib() - m.rssIdleKib())
                / MIB, 1), fmt(j, m -> (m.rssLoadedKib() - m.rssIdleKib()) / MIB, 1), "", ""));
        rows.add(new Row(g, "RSS after destroying them MiB", fmt(o, m -> m.rssAfterKib() / MIB, 1),
                fmt(j, m -> m.rssAfterKib() / MIB, 1), "", ""));
        rows.add(new Row(g, "heap just started MiB (after GC)", fmt(os, f -> f.heapKib() / MIB, 1), "n/a", "", ""));
        rows.add(new Row(g, "heap idle MiB (after GC)", fmt(o, m -> m.heapIdleKib() / MIB, 1), "n/a", "", ""));
        rows.add(new Row(g, "heap with " + n + " sessions MiB", fmt(o, m -> m.heapLoadedKib() / MIB, 1), "n/a", "",
                ""));
        Double extra = o == null || o.extraHeapKib() < 0 ? null : o.extraHeapKib() / MIB;
        rows.add(new Row(g, "extra heap for " + n + " sessions MiB", extra == null ? "-" : num(extra, 1), "n/a",
                "<= 50 MiB", extra == null ? "n/a" : verdict(extra <= EXTRA_HEAP_LIMIT_MIB)));
        rows.add(new Row(g, "threads idle", fmt(o, m -> m.threadsIdle(), 0), fmt(j, m -> m.threadsIdle(), 0), "", ""));
        rows.add(new Row(g, "sessions the target reported", fmt(o, m -> m.sessionsSeen(), 0),
                fmt(j, m -> m.sessionsSeen(), 0), String.valueOf(n), ""));
        rows.add(new Row(g, "errors", fmt(o, m -> m.errors(), 0), fmt(j, m -> m.errors(), 0), "0", zeroErrors(o, j)));
    }

    private static String ratio(LoadResult o, LoadResult j) {
        if (o == null || j == null || j.nodeCpuMsPer1000() <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%.0f%%)", 100 * o.nodeCpuMsPer1000() / j.nodeCpuMsPer1000());
    }

    /** PASS when ours is at most {@code factor} × Janus's; n/a without both figures. */
    private String atMost(Double ours, Double janus, double factor) {
        if (ours == null || janus == null || !janusRan()) {
            return "n/a";
        }
        return verdict(ours <= janus * factor);
    }

    private static String zeroErrors(Object ours, Object janus) {
        long o = errorsOf(ours);
        long j = errorsOf(janus);
        if (o < 0) {
            return "n/a";
        }
        return verdict(o == 0 && j <= 0);
    }

    private static long errorsOf(Object result) {
        if (result instanceof LoadResult l) {
            return l.errorsTotal();
        }
        return result instanceof MemoryResult m ? m.errors() : -1;
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    private static <T> String fmt(T result, java.util.function.ToDoubleFunction<T> f, int decimals) {
        return result == null ? "-" : num(f.applyAsDouble(result), decimals);
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private String header() {
        return String.format(Locale.ROOT, "Signalling benchmark %s on %s (%s CPUs, %s)%n"
                        + "cycle: create -> attach -> message {\"audio\":true} to janus.plugin.echotest (ack + event)"
                        + " -> detach -> destroy, over WebSocket, one connection per worker%n"
                        + "first an unreported %s s priming run at c=8; then per concurrency %s s warm-up + %s s"
                        + " measured%nour node (build %s, commit %s) with the %s JVM options: %s%n"
                        + "load average at the start: %s (each run's is in its rows)%n",
                run.getProperty("stamp", ""), run.getProperty("host", "?"), run.getProperty("cpus", "?"),
                run.getProperty("cpu_model", "?"), run.getProperty("prime", "0"), run.getProperty("warmup", "?"),
                run.getProperty("duration", "?"), run.getProperty("ours_jar_built", "?"),
                run.getProperty("ours_commit", "?"), run.getProperty("ours_jvm_source", "shipped"),
                run.getProperty("ours_jvm_options", "?"),
                run.getProperty("loadavg_start", "?"));
    }

    private String verdictLine() {
        return SideBySideTable.verdictLine(rows);
    }

    /** The table as aligned plain text, for the console. */
    String text() {
        return SideBySideTable.text(header(), rows, new int[] {8, 36, 16, 16, 16, 12});
    }

    /** The same table in Markdown. */
    String markdown() {
        return SideBySideTable.markdown("Signalling benchmark, ours vs Janus", header(), rows);
    }

    /** The run's settings, every row, and the raw results the rows came from. */
    ObjectNode json() throws IOException {
        ObjectNode root = SignallingLoad.JSON.createObjectNode();
        Map<String, String> settings = new LinkedHashMap<>();
        run.stringPropertyNames().stream().sorted().forEach(k -> settings.put(k, run.getProperty(k)));
        root.set("run", SignallingLoad.JSON.valueToTree(settings));
        root.set("rows", SignallingLoad.JSON.valueToTree(rows));
        root.put("verdict", verdictLine().trim());
        ObjectNode raw = root.putObject("raw");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                raw.set(f.getFileName().toString().replace(".json", ""), SignallingLoad.JSON.readTree(f.toFile()));
            }
        }
        return root;
    }
}
