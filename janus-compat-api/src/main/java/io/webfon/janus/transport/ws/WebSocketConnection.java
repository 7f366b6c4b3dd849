package io.webfon.janus.transport.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import io.webfon.janus.core.JanusApi;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.JsonErrors;
import io.webfon.janus.transport.RequestHandler;
import io.webfon.janus.transport.TransportSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One WebSocket client: it owns the sessions it created or claimed, receives their events, and sends replies
 * in request order. Writes are serialised through a bounded queue so that a client that stops reading is
 * disconnected instead of filling the node's memory.
 */
final class WebSocketConnection implements TransportSession {
    private static final Logger LOG = LogManager.getLogger(WebSocketConnection.class);
    /** Close code for a client that does not read its events (RFC 6455 "policy violation"). */
    private static final short CLOSE_POLICY = 1008;

    private final ServerWebSocket socket;
    private final ClientInfo client;
    private final RequestHandler handler;
    private final JanusApi sessionOwner;
    private final String transportPackage;
    private final int maxMessageBytes;
    private final int maxPending;
    private final Set<Long> sessions = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private boolean closed;
    private boolean readingPaused;

    WebSocketConnection(ServerWebSocket socket, ClientInfo client, RequestHandler handler, JanusApi sessionOwner,
            String transportPackage, int maxMessageBytes, int maxPending) {
        this.socket = socket;
        this.client = client;
        this.handler = handler;
        this.sessionOwner = sessionOwner;
        this.transportPackage = transportPackage;
        this.maxMessageBytes = maxMessageBytes;
        this.maxPending = maxPending;
    }

    void start(Runnable onClosed) {
        socket.textMessageHandler(text -> onMessage(text, text.length()));
        socket.binaryMessageHandler(data -> onMessage(data.toString(StandardCharsets.UTF_8),
                data.length()));
        socket.drainHandler(v -> flush());
        socket.closeHandler(v -> {
            onClose();
            onClosed.run();
        });
        socket.exceptionHandler(e -> LOG.debug("WebSocket error from {}: {}", client.ip(), e.toString()));
    }

    /** @param size the message's size in bytes, or for text in characters (a lower bound of its bytes) */
    private void onMessage(String message, int size) {
        if (size > maxMessageBytes) {
            LOG.warn("Refused a {}-byte WebSocket message from {} (limit {} bytes)", size, client.ip(),
                    maxMessageBytes);
            write(Messages.error(0, null, JanusError.TRANSPORT_SPECIFIC,
                    "Message too large (limit " + maxMessageBytes + " bytes)"), true);
            return;
        }
        List<JsonNode> requests;
        try {
            requests = Json.parseDocuments(message);
        } catch (Exception e) {
            String reason = "Invalid Janus API request - " + JsonErrors.describe(e);
            LOG.debug("Invalid JSON from {}: {}", client.ip(), reason);
            write(JanusApi.invalidJson(reason), true);
            return;
        }
        for (JsonNode request : requests) {
            handler.handle(this, client, request, reply -> write(reply, true));
        }
        synchronized (this) {
            if (!pending.isEmpty() && !closed && !readingPaused) {
                // The client's own replies fill the socket: read no more requests until they are out.
                readingPaused = true;
                socket.pause();
            }
        }
    }

    private void onClose() {
        synchronized (this) {
            closed = true;
            pending.clear();
        }
        if (sessionOwner != null && !sessions.isEmpty()) {
            sessionOwner.transportGone(this, List.copyOf(sessions));
        }
    }

    /**
     * Writes a reply or event now, or queues it while the socket's buffer is full. Replies are always queued:
     * there is one per request, and reading stops while they wait, so a client sending many requests in one
     * message is slowed down, not disconnected. Events count against {@code maxPending}: a client that does not
     * read them is disconnected.
     */
    void write(ObjectNode message, boolean reply) {
        String data = Json.write(message);
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!pending.isEmpty() || writeQueueFull()) {
                if (!reply && pending.size() >= maxPending) {
                    overflow = true;
                    closed = true;
                    pending.clear();
                } else {
                    pending.addLast(data);
                    return;
                }
            }
        }
        if (overflow) {
            LOG.warn("WebSocket client {} does not read its events ({} waiting); disconnecting it", client.ip(),
                    maxPending);
            socket.close(CLOSE_POLICY, "Not reading events");
            return;
        }
        socket.writeTextMessage(data);
    }

    /**
     * Whether the socket's buffer is full; a socket already closed (the node stopping, the peer gone) before our
     * close handler ran counts as full, so the message waits in {@code pending} until that handler drops it,
     * instead of Vert.x throwing "WebSocket is closed" into the request's thread.
     */
    private boolean writeQueueFull() {
        try {
            return socket.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            return true;
        }
    }

    private void flush() {
        while (true) {
            String next;
            synchronized (this) {
                if (closed || writeQueueFull()) {
                    return;
                }
                next = pending.pollFirst();
                if (next == null && readingPaused) {
                    readingPaused = false;
                    socket.resume();
                }
            }
            if (next == null) {
                return;
            }
            socket.writeTextMessage(next);
        }
    }

    @Override
    public String transportPackage() {
        return transportPackage;
    }

    @Override
    public void sendEvent(ObjectNode event) {
        write(event, false);
    }

    @Override
    public void sessionCreated(long sessionId) {
        sessions.add(sessionId);
    }

    @Override
    public void sessionOver(long sessionId, boolean timeout, boolean claimed) {
        sessions.remove(sessionId);
    }

    @Override
    public void sessionClaimed(long sessionId) {
        sessions.add(sessionId);
    }

    /** Closes the connection as the node stops ({@code 1001 going away}). */
    void goingAway() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        socket.close((short) 1001, "Gateway shutting down");
    }
}
