package io.webfon.sercen.testing;

import io.webfon.sercen.log.SercenLog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sercen log kept in memory, for tests that check the lines written (and the secrets never written). */
public final class MemoryLog {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SercenLog log;

    public MemoryLog(Clock clock) {
        this.log = new SercenLog(List.of(lines::add), clock);
    }

    public SercenLog log() {
        return log;
    }

    public List<String> lines() {
        return lines;
    }

    public String text() {
        return String.join("\n", lines);
    }

    public long trucos(String reason) {
        return lines.stream().filter(l -> l.startsWith("!") && l.contains(" TRUCO_KO [") && l.endsWith("] " + reason))
                .count();
    }
}
