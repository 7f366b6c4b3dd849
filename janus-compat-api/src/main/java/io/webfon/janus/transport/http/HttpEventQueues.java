package io.webfon.janus.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.transport.TransportSession;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP transport as one connection for the core: HTTP requests are independent, so events of the sessions
 * created or claimed over HTTP are queued per session until a long poll collects them.
 */
final class HttpEventQueues implements TransportSession {
    private final ConcurrentHashMap<Long, SessionEventQueue> queues = new ConcurrentHashMap<>();
    private final int maxQueuedEvents;

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
    }
}
