package io.webfon.janus.session;

import io.webfon.janus.transport.TransportSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Janus session: its handles, the transport connection its events go to, and its activity clock. State
 * changes are atomic; the session never calls plugins itself (the core does, outside any lock).
 */
public final class Session {
    /** Timeout value meaning "use the global session timeout". */
    public static final int GLOBAL_TIMEOUT = -1;

    private final long id;
    private final long createdNanos;
    private final ConcurrentHashMap<Long, Handle> handles = new ConcurrentHashMap<>(4);
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile long lastActivityNanos;
    private volatile int timeoutSeconds = GLOBAL_TIMEOUT;
    private volatile TransportSession source;
    private volatile long transportGoneNanos;
    private volatile boolean transportGone;

    Session(long id, TransportSession source, long nowNanos) {
        this.id = id;
        this.source = source;
        this.createdNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    public long id() {
        return id;
    }

    public long createdNanos() {
        return createdNanos;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    public void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    /** The session's own timeout in seconds, {@link #GLOBAL_TIMEOUT} to follow the global one, 0 for none. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public void timeoutSeconds(int seconds) {
        this.timeoutSeconds = seconds;
    }

    /** The connection this session's events go to; {@code null} once the session is over. */
    public TransportSession source() {
        return source;
    }

    /** Whether the node's own warm-up made this session ({@link TransportSession#nodeInternal()}). */
    public boolean nodeInternal() {
        TransportSession s = source;
        return s != null && s.nodeInternal();
    }

    /**
     * Moves the session to another connection and returns the previous one. A claim also clears the
     * "transport gone" mark, as the session has a live connection again.
     */
    public synchronized TransportSession claim(TransportSession newSource) {
        TransportSession previous = source;
        source = newSource;
        transportGone = false;
        return previous;
    }

    /** Marks that the connection owning this session closed; the session waits to be reclaimed. */
    public synchronized void markTransportGone(long nowNanos) {
        transportGone = true;
        transportGoneNanos = nowNanos;
    }

    public boolean transportGone() {
        return transportGone;
    }

    public long transportGoneNanos() {
        return transportGoneNanos;
    }

    /** Whether the session has been destroyed or has timed out. */
    public boolean isOver() {
        return over.get();
    }

    /** Ends the session exactly once; returns false if it had already ended. */
    boolean end() {
        return over.compareAndSet(false, true);
    }

    public Handle handle(long handleId) {
        return handles.get(handleId);
    }

    public Collection<Handle> handles() {
        return List.copyOf(handles.values());
    }

    public int handleCount() {
        return handles.size();
    }

    boolean addHandle(Handle handle) {
        return handles.putIfAbsent(handle.handleId(), handle) == null;
    }

    boolean removeHandle(Handle handle) {
        return handles.remove(handle.handleId(), handle);
    }

    /** Removes and returns every handle, for a session that ends. */
    List<Handle> drainHandles() {
        List<Handle> drained = new ArrayList<>(handles.size());
        for (Handle h : handles.values()) {
            if (handles.remove(h.handleId(), h)) {
                drained.add(h);
            }
        }
        return drained;
    }
}
