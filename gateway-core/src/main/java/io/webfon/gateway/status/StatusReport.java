package io.webfon.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text the status port writes: one {@code gateway <subsystem> key=value ...} line per subsystem, in the
 * original node's style ({@code nc localhost 1122}); values with spaces are single-quoted, times are local
 * {@code 'YYYYMMDD HHMMSS'}. Pure formatting, no I/O; docs/status-port.md documents every key.
 */
public final class StatusReport {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss", Locale.ROOT);
    private static final String NO_TIME = "00000000 000000";

    private final List<String> lines = new ArrayList<>();
    private final ZoneId zone;
    private StringBuilder current;

    public StatusReport(ZoneId zone) {
        this.zone = zone;
    }

    /** Starts the line of a subsystem. */
    public StatusReport line(String subsystem) {
        flush();
        current = new StringBuilder("gateway ").append(subsystem);
        return this;
    }

    public StatusReport put(String key, long value) {
        current.append(' ').append(key).append('=').append(value);
        return this;
    }

    public StatusReport put(String key, String value) {
        current.append(' ').append(key).append('=');
        boolean quote = value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('\'') >= 0;
        String clean = value.replace('\'', '"').replace('\n', ' ').replace('\r', ' ');
        current.append(quote ? "'" + clean + "'" : clean);
        return this;
    }

    public StatusReport time(String key, Instant instant) {
        return put(key, instant == null ? NO_TIME : TIME.format(instant.atZone(zone)));
    }

    /** Seconds, as the seed does ({@code uptime=2914s}). */
    public StatusReport seconds(String key, Duration d) {
        current.append(' ').append(key).append('=').append(d.toSeconds()).append('s');
        return this;
    }

    private void flush() {
        if (current != null) {
            lines.add(current.toString());
            current = null;
        }
    }

    public String text() {
        flush();
        return String.join("\n", lines) + "\n";
    }
}
