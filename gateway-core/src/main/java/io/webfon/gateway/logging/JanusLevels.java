package io.webfon.gateway.logging;

import org.apache.logging.log4j.Level;

/** Janus's 0-7 log levels and their Log4j2 counterparts. */
public final class JanusLevels {
    private static final Level[] LEVELS = {
        Level.OFF, Level.FATAL, Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE, Level.ALL,
    };

    private JanusLevels() {
    }

    public static Level toLog4j(int janusLevel) {
        return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, janusLevel))];
    }
}
