package io.webfon.janus.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.transport.TransportSession;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP transport as one connection for the core: HTTP requests are independent, so events of the sessions
 * created or claimed over HTTP are queued per session until a long poll collects them.
 */
final class HttpEventQueues implements TransportSession {
    /**
     * How long the queue of a session its client destroyed still takes polls. janus.js polls again as soon as a
     * poll returns, and that poll can reach the node just after the destroy it sent a moment before: Janus answers
     * it 404 and janus.js reports a failed API call at every hangup (seen in a third of the browser runs against
     * Debian's janus 1.1.2). Such a poll waits for its timer instead, as one that was already waiting does.
     */
    static final long DESTROYED_GRACE_NANOS = 5_000_000_000L;
    /** At most this many destroyed sessions are remembered (the oldest go first). */
    static final int DESTROYED_REMEMBERED = 4096;

    private final ConcurrentHashMap<Long, SessionEventQueue> queues = new ConcurrentHashMap<>();
    /** Sessions their client destroyed lately, oldest first, with when ({@link System#nanoTime()}). */
    private final LinkedHashMap<Long, Retired> destroyed = new LinkedHashMap<>();
    private final int maxQueuedEvents;

    private record Retired(SessionEventQueue queue, long atNanos) {
    }

    HttpEventQueues(int maxQueuedEvents) {
        this.maxQueuedEvents = maxQueuedEvents;
    }

    @Override
    public String transportPackage() {
        return JanusHttpTransport.PACKAGE;
    }

    @Override
    public void sendEvent(ObjectNode event) {
        JsonNode id = event.get("session_id");
        SessionEventQueue queue = id == null ? null : queues.get(id.asLong());
        if (queue != null) {
            queue.offer(event);
        }
    }

    @Override
    public void sessionCreated(long sessionId) {
        queues.putIfAbsent(sessionId, new SessionEventQueue(sessionId, maxQueuedEvents));
    }

    @Override
    public void sessionOver(long sessionId, boolean timeout, boolean claimed) {
        SessionEventQueue queue = queues.remove(sessionId);
        if (queue != null) {
            // As Janus: a poll still waiting is answered by its own timer (keepalive), not at once. Answering now
            // races the reply to the destroy, and janus.js would poll again and log a 404.
            queue.retire();
            if (!timeout && !claimed) {
                remember(sessionId, queue);
            }
        }
    }

    private synchronized void remember(long sessionId, SessionEventQueue queue) {
        long now = System.nanoTime();
        forgetOld(now);
        destroyed.put(sessionId, new Retired(queue, now));
        if (destroyed.size() > DESTROYED_REMEMBERED) {
            Iterator<Long> oldest = destroyed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The queue of a session its client destroyed within {@link #DESTROYED_GRACE_NANOS}, or null. */
    synchronized SessionEventQueue recentlyDestroyed(long sessionId) {
        forgetOld(System.nanoTime());
        Retired r = destroyed.get(sessionId);
        return r == null ? null : r.queue();
    }

    private void forgetOld(long now) {
        for (Iterator<Map.Entry<Long, Retired>> it = destroyed.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue().atNanos() < DESTROYED_GRACE_NANOS) {
                return;
            }
            it.remove();
        }
    }

    @Override
    public void sessionClaimed(long sessionId) {
        SessionEventQueue old = queues.put(sessionId, new SessionEventQueue(sessionId, maxQueuedEvents));
        if (old != null) {
            old.close();
        }
    }

    SessionEventQueue queue(long sessionId) {
        return queues.get(sessionId);
    }

    int size() {
        return queues.size();
    }

    /** Answers every waiting poll; used when the transport stops. */
    void closeAll() {
        queues.values().forEach(SessionEventQueue::close);
        queues.clear();
        synchronized (this) {
            destroyed.values().forEach(r -> r.queue().close());
            destroyed.clear();
        }
    }
}
