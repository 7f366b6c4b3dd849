package io.webfon.janus.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.transport.TransportSession;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory connection: records, in order, every reply and event the core hands it, and the session
 * notifications, so tests can assert on exact sequences.
 */
public final class RecordingTransport implements TransportSession {
    private final List<ObjectNode> messages = new ArrayList<>();
    private final List<String> notifications = new ArrayList<>();
    private final boolean nodeInternal;

    public RecordingTransport() {
        this(false);
    }

    private RecordingTransport(boolean nodeInternal) {
        this.nodeInternal = nodeInternal;
    }

    /** The node's own in-process client, as its warm-up uses. */
    public static RecordingTransport ofTheNode() {
        return new RecordingTransport(true);
    }

    @Override
    public boolean nodeInternal() {
        return nodeInternal;
    }

    @Override
    public String transportPackage() {
        return "test.transport";
    }

    @Override
    public synchronized void sendEvent(ObjectNode event) {
        messages.add(event);
    }

    public synchronized void reply(ObjectNode reply) {
        messages.add(reply);
    }

    @Override
    public synchronized void sessionCreated(long sessionId) {
        notifications.add("created " + sessionId);
    }

    @Override
    public synchronized void sessionOver(long sessionId, boolean timeout, boolean claimed) {
        notifications.add("over " + sessionId + (timeout ? " timeout" : "") + (claimed ? " claimed" : ""));
    }

    @Override
    public synchronized void sessionClaimed(long sessionId) {
        notifications.add("claimed " + sessionId);
    }

    public synchronized List<ObjectNode> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        messages.forEach(m -> kinds.add(m.path("janus").asText()));
        return kinds;
    }

    public synchronized List<String> notifications() {
        return List.copyOf(notifications);
    }

    public synchronized ObjectNode last() {
        return messages.get(messages.size() - 1);
    }

    public synchronized void clear() {
        messages.clear();
        notifications.clear();
    }
}
