package io.webfon.sercen.log;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The sercen log line, as the original serCen wrote it (docs/logs.md):
 * <pre>
 *  20220913 104513.429     WSI login ok user=sat mode=local second_factor=no ip=172.25.2.119 token_id=Yw...
 * !20220210 190228.116 WSI TRUCO_KO [95.169.224.135] ldap_bad_password
 * </pre>
 * A normal line starts with a space, a failure line with {@code !}; then local date and time to the millisecond,
 * a three-letter subsystem and the message. Pure formatting: carriage returns, line feeds and other control
 * characters inside a message are escaped, so no text that came from a client can start a forged line.
 */
public final class LogLine {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd HHmmss.SSS");
    private static final Pattern SUBSYSTEM = Pattern.compile("[A-Z]{3}");

    private LogLine() {
    }

    /** A normal line: {@code " YYYYMMDD HHMMSS.mmm     SUB message"}. */
    public static String normal(Instant at, ZoneId zone, String subsystem, String message) {
        return " " + STAMP.format(at.atZone(zone)) + "     " + checked(subsystem) + " " + escape(message);
    }

    /** A failure line: {@code "!YYYYMMDD HHMMSS.mmm SUB message"}. */
    public static String failure(Instant at, ZoneId zone, String subsystem, String message) {
        return "!" + STAMP.format(at.atZone(zone)) + " " + checked(subsystem) + " " + escape(message);
    }

    private static String checked(String subsystem) {
        if (!SUBSYSTEM.matcher(subsystem).matches()) {
            throw new IllegalArgumentException("subsystem must be three capital letters: " + subsystem);
        }
        return subsystem;
    }

    /** Control characters become {@code \r}, {@code \n}, {@code \t} or {@code \\uXXXX}. */
    static String escape(String message) {
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c >= 0x20 && c != 0x7f && c != '\u2028' && c != '\u2029') {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(message.length() + 8).append(message, 0, i);
            }
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? message : sb.toString();
    }
}
