package io.webfon.sercen.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The sercen log a test's service writes, read back: the lines it must write and the secrets it must never. */
public final class LogLines {
    private final Path file;

    public LogLines(Path file) {
        this.file = file;
    }

    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    public String text() throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** The pattern of a TRUCO_KO line for this address and reason. */
    public static Pattern truco(String ip, String reason) {
        return Pattern.compile("^!\\d{8} \\d{6}\\.\\d{3} [A-Z]{3} TRUCO_KO \\[" + Pattern.quote(ip) + "\\] "
                + Pattern.quote(reason) + "$");
    }

    public long count(Pattern p) throws IOException {
        return lines().stream().filter(l -> p.matcher(l).matches()).count();
    }

    public void awaitCount(Pattern p, long atLeast) throws Exception {
        Await.until(atLeast + " line(s) matching " + p + " in " + file, () -> count(p) >= atLeast);
    }
}
