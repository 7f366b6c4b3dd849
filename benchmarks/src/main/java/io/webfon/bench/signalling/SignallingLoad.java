package io.webfon.bench.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.webfon.bench.cli.Args;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The signalling load tool. Commands:
 * <pre>
 *   load     --target NAME --url ws://127.0.0.1:PORT/ [--pid PID] [--concurrency 1,8,32] [--warmup 3]
 *            [--duration 10] [--prime 0] [--out-dir DIR]
 *   memory   --target NAME --url ws://... [--pid PID] [--sessions 10000] [--connections 4] [--status-port P]
 *            [--gc] [--admin-url http://127.0.0.1:PORT/admin] [--settle 2] [--out-dir DIR]
 *   snapshot --target NAME --pid PID [--when start] [--status-port P] [--gc] [--out-dir DIR]
 *   report   --dir RUN_DIR [--out-dir RESULTS_DIR]
 * </pre>
 * Without {@code --pid}, the target is the process listening on the URL's port (found through /proc). Each
 * command prints a summary line and, with {@code --out-dir}, writes its figures as JSON for {@code report}.
 */
public final class SignallingLoad {
    private static final int PRIME_CONCURRENCY = 8;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SignallingLoad() {
    }

    public static void main(String[] args) throws Exception {
        // Vert.x's own DNS resolver would start threads for nothing: the targets are IP literals.
        System.setProperty("vertx.disableDnsResolver", "true");
        if (args.length == 0) {
            System.err.println("usage: SignallingLoad load|memory|snapshot|report --option value ... (see README)");
            System.exit(2);
        }
        try {
            switch (args[0]) {
                case "load" -> load(args);
                case "memory" -> memory(args);
                case "snapshot" -> snapshot(args);
                case "report" -> SignallingReport.main(java.util.Arrays.copyOfRange(args, 1, args.length));
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("SignallingLoad: " + e.getMessage());
            System.exit(2);
        } catch (IllegalStateException e) {
            // A target that died or stopped answering: say so, without a stack trace.
            System.err.println("SignallingLoad: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void load(String[] args) throws Exception {
        Args a = new Args(args, 1, Set.of("target", "url", "pid", "concurrency", "warmup", "duration", "prime",
                "out-dir"), Set.of());
        URI url = URI.create(a.require("url"));
        long pid = pid(a, url);
        double prime = a.doubleValue("prime", 0);
        if (prime > 0) {
            // A JIT-compiled server needs more than a few seconds to reach its steady state (C2 compiles the
            // hot paths after thousands of calls). The priming run, not reported, gets it there once, so the
            // per-concurrency warm-ups compare steady states; a native server runs it too, for symmetry.
            LoadRun.run(LoadOptions.echotest("prime", url, pid, PRIME_CONCURRENCY, Duration.ZERO, seconds(prime)));
        }
        for (String c : a.get("concurrency", "1,8,32").split(",")) {
            LoadOptions o = LoadOptions.echotest(a.get("target", "target"), url, pid, Integer.parseInt(c.trim()),
                    seconds(a.doubleValue("warmup", 3)), seconds(a.doubleValue("duration", 10)));
            LoadResult r = LoadRun.run(o);
            System.out.println(r.summary());
            if (r.firstError() != null) {
                System.out.println("       first error: " + r.firstError());
            }
            write(a, "load-" + o.target() + "-c" + o.concurrency() + ".json", r);
        }
    }

    private static void memory(String[] args) throws Exception {
        Args a = new Args(args, 1, Set.of("target", "url", "pid", "sessions", "connections", "status-port",
                "admin-url", "settle", "out-dir"), Set.of("gc"));
        URI url = URI.create(a.require("url"));
        String admin = a.get("admin-url", null);
        MemoryOptions o = new MemoryOptions(a.get("target", "target"), url, pid(a, url),
                a.intValue("sessions", 10_000), a.intValue("connections", 4), a.intValue("status-port", 0),
                a.flag("gc"), admin == null ? null : URI.create(admin), seconds(a.doubleValue("settle", 2)));
        MemoryResult r = MemoryProbe.run(o);
        System.out.println(r.summary());
        if (r.firstError() != null) {
            System.out.println("       first error: " + r.firstError());
        }
        write(a, "memory-" + o.target() + ".json", r);
    }

    private static void snapshot(String[] args) throws Exception {
        Args a = new Args(args, 1, Set.of("target", "pid", "when", "status-port", "out-dir"), Set.of("gc"));
        String when = a.get("when", "start");
        Footprint f = Footprint.take(a.get("target", "target"), when, Long.parseLong(a.require("pid")),
                a.intValue("status-port", 0), a.flag("gc"));
        System.out.println(f.summary());
        write(a, "footprint-" + f.target() + "-" + when + ".json", f);
    }

    private static long pid(Args a, URI url) {
        String given = a.get("pid", null);
        if (given != null) {
            return Long.parseLong(given);
        }
        long pid = ProcStats.pidListeningOn(url.getPort());
        if (pid < 0) {
            throw new IllegalArgumentException("no process found listening on port " + url.getPort()
                    + "; give --pid");
        }
        return pid;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static void write(Args a, String name, Object result) throws java.io.IOException {
        String dir = a.get("out-dir", null);
        if (dir != null) {
            Path out = Path.of(dir);
            Files.createDirectories(out);
            JSON.writeValue(out.resolve(name).toFile(), result);
        }
    }
}
