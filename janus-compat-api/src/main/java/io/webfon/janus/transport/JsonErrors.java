package io.webfon.janus.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;

/** Turns parser failures into the short, single-line reasons that go into error replies and the log. */
public final class JsonErrors {
    private static final int MAX_REASON = 160;

    private JsonErrors() {
    }

    /** "on line L, column C: <what the parser expected>", without echoing large parts of the input. */
    public static String describe(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            String what = firstLine(jpe.getOriginalMessage());
            return loc == null ? what : "on line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + what;
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
    }
}
