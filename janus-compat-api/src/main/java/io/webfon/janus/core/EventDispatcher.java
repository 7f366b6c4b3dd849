package io.webfon.janus.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.session.Session;
import io.webfon.janus.transport.TransportSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends events to the connection that owns their session, and keeps Janus's ordering promise: an event a
 * plugin pushes while its request is still being processed on this thread goes out after that request's
 * reply (an {@code ack} before its {@code event}). Events from other threads are sent at once; transports
 * serialise writes per connection, so they cannot overtake a reply whose processing started earlier. (Over HTTP,
 * where reply and events travel on different connections, the transport writes an {@code ack} after the events.)
 */
final class EventDispatcher {
    private static final Logger LOG = LogManager.getLogger(EventDispatcher.class);

    private record Pending(TransportSession to, ObjectNode event) {
    }

    private static final ThreadLocal<List<Pending>> DEFERRED = new ThreadLocal<>();

    /** Sends an event to the session's current connection, if it still has one. */
    void send(Session session, ObjectNode event) {
        TransportSession to = session.source();
        if (to != null) {
            send(to, event);
        }
    }

    void send(TransportSession to, ObjectNode event) {
        List<Pending> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.add(new Pending(to, event));
        } else {
            deliver(to, event);
        }
    }

    /** Runs request processing, hands its reply over, then sends the events it produced. */
    void process(Supplier<ObjectNode> work, Consumer<ObjectNode> replyTo) {
        List<Pending> outer = DEFERRED.get();
        List<Pending> mine = new ArrayList<>(2);
        DEFERRED.set(mine);
        ObjectNode reply;
        try {
            reply = work.get();
        } finally {
            if (outer == null) {
                DEFERRED.remove();
            } else {
                DEFERRED.set(outer);
            }
        }
        try {
            replyTo.accept(reply);
        } finally {
            for (Pending p : mine) {
                deliver(p.to(), p.event());
            }
        }
    }

    private static void deliver(TransportSession to, ObjectNode event) {
        try {
            to.sendEvent(event);
        } catch (RuntimeException e) {
            LOG.error("Transport {} failed to take an event: {}", to.transportPackage(), e.toString());
        }
    }
}
