package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The log file a {@link io.webfon.it.support.TestNode} writes, read back to check the lines the node must
 * write ({@code TRUCO_KO}, custom log lines) and the ones it must never write (secrets, tokens).
 */
final class LogFile {
    /** A gateway log line: {@code [YYYYMMDD HHMMSS] [LEVEL] message}. */
    private static final String PREFIX = "^\\[\\d{8} \\d{6}\\] \\[%s\\] ";

    private final Path path;

    LogFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    String text() throws IOException {
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    }

    List<String> lines() throws IOException {
        return Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
    }

    /** The pattern of a whole line at this level with exactly this message. */
    static Pattern line(String level, String message) {
        return Pattern.compile(String.format(PREFIX, level) + Pattern.quote(message) + "$");
    }

    /** The pattern of a whole line at this level whose message ends with this text (after any fixed prefix). */
    static Pattern lineEndingWith(String level, String text) {
        return Pattern.compile(String.format(PREFIX, level) + ".*" + Pattern.quote(text) + "$");
    }

    /** The {@code TRUCO_KO} line fail2ban counts, for a client on loopback. */
    static Pattern trucoKo(String reason) {
        return trucoKo("127.0.0.1", reason);
    }

    /** The {@code TRUCO_KO} line for a client at this address. */
    static Pattern trucoKo(String clientIp, String reason) {
        return line("WARN", "TRUCO_KO [" + clientIp + "] " + reason);
    }

    long count(Pattern linePattern) throws IOException {
        return lines().stream().filter(l -> linePattern.matcher(l).matches()).count();
    }

    /** Waits until more than {@code before} lines match (log writes may trail the reply by a moment). */
    void awaitMoreThan(Pattern linePattern, long before) throws Exception {
        Poll.until("a log line matching " + linePattern + " after " + before + " earlier ones in " + path,
                () -> count(linePattern) > before);
    }

    /** Waits for the line one refused request writes, and checks it wrote exactly one. */
    void awaitOneMore(Pattern linePattern, long before) throws Exception {
        awaitMoreThan(linePattern, before);
        assertThat(count(linePattern)).as("lines matching %s in %s", linePattern, path).isEqualTo(before + 1);
    }

    void assertNotContains(String secret) throws IOException {
        assertThat(text()).as("the log %s must never contain a secret or token", path).doesNotContain(secret);
    }
}
