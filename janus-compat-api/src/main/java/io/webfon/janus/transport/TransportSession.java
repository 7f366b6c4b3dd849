package io.webfon.janus.transport;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One client connection of a transport as the core sees it, like Janus's {@code janus_transport_session}:
 * where a session's events go and whom to tell when a session starts, ends or moves. A WebSocket connection is
 * one; all HTTP requests share one, which routes events to per-session long-poll queues.
 */
public interface TransportSession {

    /** The transport's package name, e.g. {@code janus.transport.websockets}. */
    String transportPackage();

    /** Delivers an asynchronous event. Safe from any thread; never blocks. */
    void sendEvent(ObjectNode event);

    /** A session was created through this connection. */
    default void sessionCreated(long sessionId) {
    }

    /** A session owned by this connection ended: destroyed, timed out, or claimed by another connection. */
    default void sessionOver(long sessionId, boolean timeout, boolean claimed) {
    }

    /** This connection claimed a session that another one created. */
    default void sessionClaimed(long sessionId) {
    }

    /**
     * Whether this is the node's own in-process client (its start-up warm-up), never a listener's connection:
     * its requests need no credentials, its sessions and handles are left out of the "created" and "peak"
     * counters, and their lines are logged at DEBUG, so that neither the security log nor the ops log hears of
     * them. Only code inside the node can implement it.
     */
    default boolean nodeInternal() {
        return false;
    }
}
