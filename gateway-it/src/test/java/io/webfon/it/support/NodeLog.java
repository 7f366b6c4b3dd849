package io.webfon.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node's log file as the tests read it: lines a node writes a while after start. */
public final class NodeLog {
    private NodeLog() {
    }

    /**
     * Waits up to 60 s for a line matching {@code line}, or for {@code giveUp} (a failure the node reports instead),
     * and returns the whole log as it then is (the caller asserts on it).
     */
    public static String await(Path log, Pattern line, String giveUp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (line.matcher(text).find() || text.contains(giveUp)) {
                return text;
            }
            Thread.sleep(100);
        }
        return text;
    }

    /**
     * Waits as {@link #await} does for a line matching {@code line}, asserts that it came, and returns its match
     * (for the figures the line carries).
     */
    public static Matcher awaitMatch(Path log, Pattern line, String giveUp) throws Exception {
        String text = await(log, line, giveUp);
        Matcher match = line.matcher(text);
        assertThat(match.find()).as("a line matching %s in:%n%s", line, text).isTrue();
        return match;
    }

    /** A line about a session, other than the session warm-up's summary ("Janus API sessions warmed up ..."). */
    public static boolean mentionsASession(String line) {
        return line.contains("session") && !line.contains("sessions warmed up");
    }

    /** A WARN, ERR or FATAL line, except the media port being taken by another process on this machine. */
    public static boolean unexpectedWarningOrError(String line) {
        boolean bad = line.contains("[WARN]") || line.contains("[ERR]") || line.contains("[FATAL]");
        return bad && !line.contains("is taken by another process");
    }
}
