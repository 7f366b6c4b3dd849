package io.webfon.gateway.logging;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Counts error and fatal log events for the status port ({@code errors=}, {@code last_error=}). */
final class ErrorCounter extends AbstractAppender {
    private final AtomicLong count = new AtomicLong();
    private volatile long lastMillis;

    ErrorCounter() {
        super("error-counter", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
        count.incrementAndGet();
        lastMillis = event.getTimeMillis();
    }

    long count() {
        return count.get();
    }

    /** When the last error was logged, or {@code null} if none was. */
    Instant last() {
        long t = lastMillis;
        return t == 0 ? null : Instant.ofEpochMilli(t);
    }
}
