package io.webfon.bench.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.webfon.bench.cli.Args;
import io.webfon.bench.signalling.ProcStats;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The media load tool: N synthetic WebRTC peers (ICE, DTLS, SRTP with rtp-engine's client stack) against a
 * server's {@code janus.plugin.echotest}, each sending 50 packets/s of 160-byte audio and timing the echoes.
 * <pre>
 *   run    --target NAME --url ws://127.0.0.1:PORT/ [--pid PID] [--peers 100,250,500] [--bind 127.0.0.1]
 *          [--setup actpass|active] [--io-threads 2] [--connect-concurrency 25] [--setup-timeout 30]
 *          [--warmup 5] [--duration 20] [--control 50] [--grace 1] [--prime 0] [--admin-url URL]
 *          [--out-dir DIR]
 *   report --dir RUN_DIR [--out-dir RESULTS_DIR]
 * </pre>
 * Run it as {@code java -cp webfon-benchmarks.jar io.webfon.bench.media.MediaLoad ...}; benchmarks/run-media.sh
 * runs it against our node and Debian's janus and prints the side-by-side table.
 */
public final class MediaLoad {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** jitsi-srtp logs its AES benchmark through java.util.logging at INFO: kept quiet (strong reference). */
    private static final java.util.logging.Logger JITSI = java.util.logging.Logger.getLogger("org.jitsi");

    private MediaLoad() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.disableDnsResolver", "true");
        JITSI.setLevel(java.util.logging.Level.WARNING);
        if (args.length == 0) {
            System.err.println("usage: MediaLoad run|report --option value ... (see benchmarks/README.md)");
            System.exit(2);
        }
        try {
            switch (args[0]) {
                case "run" -> run(args);
                case "report" -> MediaReport.main(Arrays.copyOfRange(args, 1, args.length));
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "'");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("MediaLoad: " + e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Args a = new Args(args, 1, Set.of("target", "url", "pid", "peers", "bind", "setup", "io-threads",
                "connect-concurrency", "setup-timeout", "warmup", "duration", "control", "grace", "admin-url",
                "prime", "out-dir"), Set.of());
        URI url = URI.create(a.require("url"));
        long pid = a.get("pid", null) != null ? Long.parseLong(a.get("pid", null))
                : ProcStats.pidListeningOn(url.getPort());
        if (pid < 0) {
            throw new IllegalArgumentException("no process found listening on port " + url.getPort() + "; give --pid");
        }
        String setup = a.get("setup", "actpass");
        if (!setup.equals("active") && !setup.equals("actpass")) {
            throw new IllegalArgumentException("--setup is active or actpass");
        }
        String admin = a.get("admin-url", null);
        MediaOptions o = new MediaOptions(a.get("target", "target"), url, pid,
                InetAddress.getByName(a.get("bind", "127.0.0.1")), setup, a.intValue("io-threads", 2),
                a.intValue("connect-concurrency", 25), seconds(a.doubleValue("setup-timeout", 30)),
                seconds(a.doubleValue("warmup", 5)), seconds(a.doubleValue("duration", 20)),
                a.intValue("control", 50), seconds(a.doubleValue("grace", 1)),
                admin == null ? null : URI.create(admin));
        int[] peers = Arrays.stream(a.get("peers", "100,250,500").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int prime = a.intValue("prime", 0);
        if (prime > 0) {
            prime(o, prime);
        }
        try (MediaRun run = new MediaRun(o, Arrays.stream(peers).max().orElse(1))) {
            for (int n : peers) {
                if (!ProcStats.alive(pid)) {
                    throw new IllegalStateException("the target (pid " + pid + ") is gone");
                }
                System.out.printf("%-6s N=%d: connect, %s s warm-up, %s s window...%n", o.target(), n,
                        o.warmup().toSeconds(), o.duration().toSeconds());
                MediaResult r = run.run(n);
                System.out.println(r.summary());
                if (r.firstFailure() != null) {
                    System.out.println("       setup failures: " + r.firstFailure());
                }
                String dir = a.get("out-dir", null);
                if (dir != null) {
                    Files.createDirectories(Path.of(dir));
                    JSON.writeValue(Path.of(dir, "media-" + o.target() + "-n" + n + ".json").toFile(), r);
                    writeSetups(Path.of(dir, "setups-" + o.target() + "-n" + n + ".csv"), run.setups());
                    Files.writeString(Path.of(dir, "slices-" + o.target() + "-n" + n + ".csv"),
                            EchoSlices.csv(run.slices()));
                }
                Thread.sleep(2000);
            }
        }
    }

    /**
     * An unreported short run first: the JIT compiles the hot paths of a JVM target (and of this tool), so the
     * first measured N sees steady state; a native target runs it too, for symmetry.
     */
    private static void prime(MediaOptions o, int peers) throws Exception {
        MediaOptions p = new MediaOptions(o.target(), o.url(), o.pid(), o.bind(), o.setup(), o.ioThreads(),
                o.connectConcurrency(), o.setupTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(5),
                o.controlFlows(), o.grace(), null);
        System.out.printf("%-6s priming with %d peers (not reported)...%n", o.target(), peers);
        try (MediaRun run = new MediaRun(p, peers)) {
            MediaResult r = run.run(peers);
            System.out.printf("       primed: %d/%d up, loss %.3f%%%n", r.connected(), peers, r.lossPercent());
        }
        Thread.sleep(2000);
    }

    /** Every peer's setup timeline (ms from its start), for looking into slow or failed setups. */
    private static void writeSetups(Path file, List<MediaFigures.Setup> setups) throws java.io.IOException {
        StringBuilder sb = new StringBuilder("peer,start_ms,websocket_ms,attached_ms,answer_ms,ice_ms,up_ms,failure\n");
        long t0 = setups.stream().mapToLong(MediaFigures.Setup::start).filter(t -> t != 0).min().orElse(0);
        for (int i = 0; i < setups.size(); i++) {
            MediaFigures.Setup s = setups.get(i);
            sb.append(i).append(',').append(ms(s.start(), t0)).append(',').append(ms(s.open(), s.start()))
                    .append(',').append(ms(s.attached(), s.start())).append(',').append(ms(s.answer(), s.start()))
                    .append(',').append(ms(s.ice(), s.start())).append(',').append(ms(s.done(), s.start()))
                    .append(',').append(s.failure() == null ? "" : '"' + s.failure().replace('"', '\'') + '"')
                    .append('\n');
        }
        Files.writeString(file, sb);
    }

    private static String ms(long t, long from) {
        return t == 0 || from == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", (t - from) / 1e6);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
