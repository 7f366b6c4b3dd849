package io.webfon.janus.transport;

/**
 * A WebSocket listener of the API.
 *
 * @param host the address to bind to
 * @param port the TCP port; 0 picks a free one (tests)
 * @param maxMessageBytes larger messages get an error reply and are dropped; the connection stays open.
 *     Frames beyond four times this size close the connection with status 1009
 * @param maxPendingEvents events held for a client that does not read; beyond, it is disconnected
 */
public record WebSocketTransportConfig(boolean enabled, String host, int port, int maxMessageBytes,
        int maxPendingEvents) {
}
