package io.webfon.janus.core;

import io.webfon.janus.session.Session;
import io.webfon.janus.session.SessionRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Ends sessions that were idle longer than their timeout, or whose connection closed and that nobody claimed
 * within {@code reclaim_session_timeout}, like Janus's sessions watchdog. {@link #sweep(long)} is pure with
 * respect to time: tests call it with the instant they want.
 */
public final class SessionWatchdog {
    private final SessionRegistry registry;
    private final ApiSettings settings;
    private final SessionLifecycle lifecycle;

    SessionWatchdog(SessionRegistry registry, ApiSettings settings, SessionLifecycle lifecycle) {
        this.registry = registry;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** Ends every session expired at {@code nowNanos}; returns how many. */
    public int sweep(long nowNanos) {
        int ended = 0;
        long reclaimNanos = TimeUnit.SECONDS.toNanos(settings.config().reclaimSessionTimeoutSeconds());
        for (Session session : registry.all()) {
            int timeout = session.timeoutSeconds() == Session.GLOBAL_TIMEOUT
                    ? settings.sessionTimeoutSeconds() : session.timeoutSeconds();
            boolean idle = timeout > 0
                    && nowNanos - session.lastActivityNanos() >= TimeUnit.SECONDS.toNanos(timeout);
            boolean unclaimed = session.transportGone() && nowNanos - session.transportGoneNanos() >= reclaimNanos;
            if (idle || unclaimed) {
                lifecycle.timeout(session);
                ended++;
            }
        }
        return ended;
    }
}
