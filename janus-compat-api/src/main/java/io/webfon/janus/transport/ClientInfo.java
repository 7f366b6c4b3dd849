package io.webfon.janus.transport;

/**
 * Who sent a request: the client's address as the transport resolved it (the peer, or the address a trusted
 * reverse proxy forwarded). It is what {@code TRUCO_KO} lines carry, so it is always a literal IP address.
 */
public record ClientInfo(String ip) {
    public static final ClientInfo INTERNAL = new ClientInfo("127.0.0.1");
}
