package io.webfon.janus.session;

import io.webfon.janus.plugin.JanusPlugin;
import io.webfon.janus.transport.TransportSession;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every live session, by id, with the counters the status port and admin API report. Creation and removal are
 * atomic; ending a session's plugin state is the core's job, after removal, outside any lock.
 */
public final class SessionRegistry {
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final SessionIds ids = new SessionIds();
    private final AtomicInteger handleCount = new AtomicInteger();
    private final AtomicLong sessionsCreated = new AtomicLong();
    private final AtomicLong handlesCreated = new AtomicLong();
    private final AtomicInteger peakSessions = new AtomicInteger();

    /**
     * Creates a session with the requested id, or a random one when {@code requestedId} is 0.
     *
     * @return the new session, or {@code null} if the requested id is taken
     */
    public Session create(long requestedId, TransportSession source, long nowNanos) {
        while (true) {
            long id = requestedId != 0 ? requestedId : ids.next();
            Session session = new Session(id, source, nowNanos);
            if (sessions.putIfAbsent(id, session) == null) {
                if (!session.nodeInternal()) {
                    sessionsCreated.incrementAndGet();
                    peakSessions.accumulateAndGet(sessions.size(), Math::max);
                }
                return session;
            }
            if (requestedId != 0) {
                return null;
            }
        }
    }

    public Session find(long id) {
        return sessions.get(id);
    }

    /**
     * Removes a session from the registry and marks it over. Returns false if another thread removed it
     * first; exactly one caller gets true and must then dispose of the session's handles.
     */
    public boolean remove(Session session) {
        if (sessions.remove(session.id(), session)) {
            session.end();
            return true;
        }
        return false;
    }

    /** Adds a handle with a fresh random id unique within its session. */
    public Handle createHandle(Session session, JanusPlugin plugin, String opaqueId, String token, long nowNanos,
            HandleOwner owner) {
        while (true) {
            Handle handle = new Handle(ids.next(), session, plugin, opaqueId, token, nowNanos, owner);
            if (session.addHandle(handle)) {
                handleCount.incrementAndGet();
                if (!session.nodeInternal()) {
                    handlesCreated.incrementAndGet();
                }
                return handle;
            }
        }
    }

    /**
     * Takes a handle out of its session so no request finds it any more; true for the one caller that must
     * then dispose of it (and finally {@link Handle#kill()} it).
     */
    public boolean removeHandle(Handle handle) {
        if (handle.session().removeHandle(handle)) {
            handleCount.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Takes every handle out of an ended session; the caller disposes of them. */
    public List<Handle> drainHandles(Session session) {
        List<Handle> drained = session.drainHandles();
        handleCount.addAndGet(-drained.size());
        return drained;
    }

    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    public int sessionCount() {
        return sessions.size();
    }

    public int handleCount() {
        return handleCount.get();
    }

    public long sessionsCreated() {
        return sessionsCreated.get();
    }

    public long handlesCreated() {
        return handlesCreated.get();
    }

    public int peakSessions() {
        return peakSessions.get();
    }
}
