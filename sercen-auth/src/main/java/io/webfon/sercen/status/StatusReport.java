package io.webfon.sercen.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The text of the status port in the original's style: one {@code sercen <subsystem> key=value ...} line per
 * subsystem; values with spaces in single quotes; times local {@code 'YYYYMMDD HHMMSS'}, never
 * ({@code '00000000 000000'}) when unset. Pure.
 */
public final class StatusReport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss");

    private final ZoneId zone;
    private final StringBuilder text = new StringBuilder();
    private boolean lineOpen;

    public StatusReport(ZoneId zone) {
        this.zone = zone;
    }

    public StatusReport line(String subsystem) {
        if (lineOpen) {
            text.append('\n');
        }
        text.append("sercen ").append(subsystem);
        lineOpen = true;
        return this;
    }

    public StatusReport put(String key, Object value) {
        String v = String.valueOf(value).replace('\n', ' ').replace('\r', ' ').replace('\'', '"');
        text.append(' ').append(key).append('=');
        if (v.isEmpty() || v.contains(" ")) {
            text.append('\'').append(v).append('\'');
        } else {
            text.append(v);
        }
        return this;
    }

    public StatusReport time(String key, long epochMillis) {
        return put(key, epochMillis <= 0 ? "00000000 000000"
                : STAMP.format(Instant.ofEpochMilli(epochMillis).atZone(zone)));
    }

    /** {@code uptime=1009 (0d 0h 16m 49s)} as the original prints it. */
    public StatusReport uptime(Duration d) {
        long s = Math.max(0, d.getSeconds());
        text.append(" uptime=").append(s).append(" (").append(s / 86_400).append("d ").append(s % 86_400 / 3600)
                .append("h ").append(s % 3600 / 60).append("m ").append(s % 60).append("s)");
        return this;
    }

    public String text() {
        return text + (lineOpen ? "\n" : "");
    }
}
