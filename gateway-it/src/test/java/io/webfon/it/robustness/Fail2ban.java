package io.webfon.it.robustness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's fail2ban driven as TEST-PEERS.md section 6 shows: {@code fail2ban-regex} on a log, and a
 * {@code fail2ban-server} in the foreground from a private copy of {@code /etc/fail2ban} (its socket, pid file,
 * database and log in a temporary directory, Debian's default jails removed) whose only jail is the shipped
 * {@code webfon-gateway} one, with the {@code record} action instead of iptables.
 */
final class Fail2ban implements AutoCloseable {
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path dir;
    private final Path conf;
    private final Path bans;
    private final Process server;

    private Fail2ban(Path dir, Path conf, Path bans, Process server) {
        this.dir = dir;
        this.conf = conf;
        this.bans = bans;
        this.server = server;
    }

    /** The path of a fail2ban command; skips the test when the Debian package is not installed. */
    static Path command(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : (path + ":/usr/bin:/usr/sbin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, name + " is not installed (Debian package fail2ban; scripts/install-test-deps.sh)");
        return null;
    }

    /** What a finished command printed (stdout and stderr together), and its exit code. */
    record Output(int exit, String text) {
    }

    static Output exec(Path workDir, List<String> cmd) throws Exception {
        Path out = workDir.resolve("cmd-" + RUNS.incrementAndGet() + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within " + COMMAND_WAIT);
        }
        return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** fail2ban-regex's verdict on a log: lines read, lines matched, and the address of each match in order. */
    record RegexResult(int lines, int matched, List<String> addresses, String report) {
    }

    /** Runs {@code fail2ban-regex} with the filter given by absolute path (a bare name is taken as a regex). */
    static RegexResult regex(Path workDir, Path log, Path filter) throws Exception {
        String regex = command("fail2ban-regex").toString();
        Output report = exec(workDir, List.of(regex, log.toString(), filter.toAbsolutePath().toString()));
        Matcher m = Pattern.compile("Lines: (\\d+) lines, \\d+ ignored, (\\d+) matched").matcher(report.text());
        if (report.exit() != 0 || !m.find()) {
            throw new AssertionError("fail2ban-regex failed (exit " + report.exit() + "):\n" + report.text());
        }
        Output ips = exec(workDir, List.of(regex, "-o", "ip", log.toString(), filter.toAbsolutePath().toString()));
        List<String> addresses = ips.text().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return new RegexResult(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), addresses, report.text());
    }

    /**
     * A private copy of {@code /etc/fail2ban} in {@code dir/conf}: Debian's default jails removed, the repository's
     * filter and jail added, the {@code record} action added, and socket, pid file, database and log in {@code dir}.
     */
    static Path prepare(Path dir, Path repo) throws Exception {
        Path conf = dir.resolve("conf");
        Output copy = exec(dir, List.of("cp", "-a", "/etc/fail2ban", conf.toString()));
        if (copy.exit() != 0) {
            throw new AssertionError("cannot copy /etc/fail2ban: " + copy.text());
        }
        try (Stream<Path> defaults = Files.list(conf.resolve("jail.d"))) {
            for (Path p : defaults.toList()) {
                Files.delete(p);
            }
        }
        Files.copy(repo.resolve("fail2ban/filter.d/webfon-gateway.conf"),
                conf.resolve("filter.d/webfon-gateway.conf"));
        Files.copy(repo.resolve("fail2ban/jail.d/webfon-gateway.conf"), conf.resolve("jail.d/webfon-gateway.conf"));
        try (InputStream record = Fail2ban.class.getResourceAsStream("/robustness/fail2ban/record.conf")) {
            Files.copy(record, conf.resolve("action.d/record.conf"));
        }
        Files.writeString(conf.resolve("fail2ban.local"), "[Definition]\nloglevel = INFO\nlogtarget = "
                + dir.resolve("fail2ban.log") + "\nsocket = " + dir.resolve("f2b.sock") + "\npidfile = "
                + dir.resolve("f2b.pid") + "\ndbfile = " + dir.resolve("f2b.sqlite3") + "\n");
        return conf;
    }

    /** {@code fail2ban-client -d}: the commands the configuration in {@code conf} turns into, as fail2ban reads it. */
    static String dump(Path dir, Path conf) throws Exception {
        return exec(dir, List.of(command("fail2ban-client").toString(), "-c", conf.toString(), "-d")).text();
    }

    /**
     * Starts a server whose one jail is the repository's {@code webfon-gateway} jail and filter, overridden
     * (in {@code jail.d/zz-test.local}, read last) to follow {@code log} with the polling backend, ban after
     * {@code maxretry} failures and record bans in a file; returns once it answers {@code ping}.
     */
    static Fail2ban start(Path dir, Path repo, Path log, int maxretry) throws Exception {
        Path conf = prepare(dir, repo);
        Path bans = dir.resolve("bans.txt");
        Files.writeString(conf.resolve("jail.d/zz-test.local"), "[webfon-gateway]\nbackend = polling\nlogpath = "
                + log + "\nmaxretry = " + maxretry + "\nbantime = 120\naction = record[bansfile=\"" + bans + "\"]\n");
        Output test = exec(dir, List.of(command("fail2ban-client").toString(), "-c", conf.toString(), "-t"));
        if (test.exit() != 0) {
            throw new AssertionError("fail2ban configuration test failed:\n" + test.text());
        }
        Process server = new ProcessBuilder(command("fail2ban-server").toString(), "-c", conf.toString(), "-f", "-x")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.out").toFile()).start();
        Fail2ban f2b = new Fail2ban(dir, conf, bans, server);
        if (!NodeChecks.poll(f2b::answersPing, COMMAND_WAIT)) {
            f2b.close();
            throw new AssertionError("fail2ban-server did not answer ping:\n"
                    + Files.readString(dir.resolve("server.out")));
        }
        return f2b;
    }

    private boolean answersPing() {
        try {
            return server.isAlive() && client("ping").text().contains("pong");
        } catch (Exception e) {
            return false;
        }
    }

    Output client(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command("fail2ban-client").toString(), "-c", conf.toString()));
        cmd.addAll(List.of(args));
        return exec(dir, cmd);
    }

    /** The lines the record action wrote ("ban 1.2.3.4", "unban 1.2.3.4"). */
    List<String> recorded() throws IOException {
        return Files.exists(bans) ? Files.readAllLines(bans) : List.of();
    }

    Process server() {
        return server;
    }

    /** {@code fail2ban-client stop}, then waits for the server; kills it (by its handle) only if it hangs. */
    @Override
    public void close() throws Exception {
        if (server.isAlive()) {
            client("stop");
            if (!server.waitFor(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                server.destroy();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
