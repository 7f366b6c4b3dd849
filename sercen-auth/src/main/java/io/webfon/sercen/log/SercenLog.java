package io.webfon.sercen.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sercen's log: the one helper that builds every line (LogLine), and the one place {@code TRUCO_KO} lines are
 * written. Callers pass fixed words and values they know to be safe (user names, addresses, ids); never a
 * password, PIN, TOTP code, token or secret.
 */
public final class SercenLog implements AutoCloseable {
    /** The marker the shipped fail2ban filter counts. */
    public static final String TRUCO_KO = "TRUCO_KO";

    private final List<LogSink> sinks;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile long lastErrorMillis;

    public SercenLog(List<LogSink> sinks, Clock clock) {
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
    }

    /** The log of a configuration: standard output and/or a file. */
    public static SercenLog open(boolean toStdout, String file, Clock clock) throws IOException {
        List<LogSink> sinks = new ArrayList<>();
        if (toStdout) {
            sinks.add(line -> System.out.println(line));
        }
        if (file != null && !file.isEmpty()) {
            sinks.add(new FileLogSink(Path.of(file)));
        }
        return new SercenLog(sinks, clock);
    }

    /** A normal event: {@code " 20261122 101500.123     WSI login ok user=..."}. */
    public void info(String subsystem, String message) {
        write(LogLine.normal(clock.instant(), clock.getZone(), subsystem, message));
    }

    /**
     * A rejected credential: {@code "!20261122 101500.123 WSI TRUCO_KO [203.0.113.7] local_bad_password"}.
     *
     * @param clientIp a canonical IP literal
     * @param reason a fixed lower-case word of our code
     */
    public void trucoKo(String subsystem, String clientIp, String reason) {
        if (!reason.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("a TRUCO_KO reason is a fixed lower-case word: " + reason);
        }
        failures.incrementAndGet();
        write(LogLine.failure(clock.instant(), clock.getZone(), subsystem, TRUCO_KO + " [" + clientIp + "] " + reason));
    }

    /** A failure that is not the client's (LDAP down, SMTP refused, database error): a {@code !} line. */
    public void error(String subsystem, String message) {
        errors.incrementAndGet();
        lastErrorMillis = clock.millis();
        write(LogLine.failure(clock.instant(), clock.getZone(), subsystem, message));
    }

    private void write(String line) {
        for (LogSink s : sinks) {
            s.write(line);
        }
    }

    /** TRUCO_KO lines written since start. */
    public long failureCount() {
        return failures.get();
    }

    /** Error lines written since start. */
    public long errorCount() {
        return errors.get();
    }

    /** When the last error line was written (epoch ms), 0 for never. */
    public long lastErrorMillis() {
        return lastErrorMillis;
    }

    @Override
    public void close() {
        for (LogSink s : sinks) {
            s.close();
        }
    }
}
