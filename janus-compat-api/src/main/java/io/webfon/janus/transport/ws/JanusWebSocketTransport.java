package io.webfon.janus.transport.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.webfon.janus.core.JanusApi;
import io.webfon.janus.core.TransportDescriptor;
import io.webfon.janus.transport.ClientAddressResolver;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.ListenerGroup;
import io.webfon.janus.transport.RequestHandler;
import io.webfon.janus.transport.WebSocketTransportConfig;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Janus API over WebSocket, as Janus's {@code janus_websockets.c}: subprotocol {@code janus-protocol}
 * (or {@code janus-admin-protocol} for the admin API), one JSON request per message (or several
 * concatenated), replies and the events of the connection's sessions pushed on the socket.
 */
public final class JanusWebSocketTransport implements AutoCloseable {
    public static final String PACKAGE = "janus.transport.websockets";
    public static final String API_PROTOCOL = "janus-protocol";
    public static final String ADMIN_PROTOCOL = "janus-admin-protocol";
    public static final TransportDescriptor DESCRIPTOR = new TransportDescriptor(PACKAGE,
            "Webfon WebSocket transport", "Webfon", "The Janus API and admin API over WebSocket.", "0.1.0", 1);

    private static final Logger LOG = LogManager.getLogger(JanusWebSocketTransport.class);
    /** Frames up to this multiple of the message limit are read (and refused politely); beyond, 1009. */
    private static final int HARD_LIMIT_FACTOR = 4;

    private final Vertx vertx;
    private final WebSocketTransportConfig config;
    private final RequestHandler handler;
    private final JanusApi sessionOwner;
    private final ClientAddressResolver addresses;
    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final ListenerGroup servers = new ListenerGroup();
    private final int instances;

    /**
     * @param sessionOwner the public API, told when a connection with sessions closes; {@code null} makes this
     *     the admin transport
     */
    public JanusWebSocketTransport(Vertx vertx, WebSocketTransportConfig config, RequestHandler handler,
            JanusApi sessionOwner, ClientAddressResolver addresses) {
        this(vertx, config, handler, sessionOwner, addresses, 1);
    }

    /** @param instances servers sharing the port, one per event loop to use */
    public JanusWebSocketTransport(Vertx vertx, WebSocketTransportConfig config, RequestHandler handler,
            JanusApi sessionOwner, ClientAddressResolver addresses, int instances) {
        this.instances = Math.max(1, instances);
        this.vertx = vertx;
        this.config = config;
        this.handler = handler;
        this.sessionOwner = sessionOwner;
        this.addresses = addresses;
    }

    private String protocol() {
        return sessionOwner == null ? ADMIN_PROTOCOL : API_PROTOCOL;
    }

    public Future<Integer> start() {
        int hardLimit = Math.max(config.maxMessageBytes(), 1) * HARD_LIMIT_FACTOR;
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setWebSocketSubProtocols(List.of(protocol()))
                .setMaxWebSocketFrameSize(hardLimit)
                .setMaxWebSocketMessageSize(hardLimit)
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false); // as the HTTP transport: per-connection work nobody uses
        return servers.listen(vertx, options, instances, server -> server.webSocketHandler(this::accept)).map(port -> {
            LOG.info("{} WebSocket server started ({}:{}, subprotocol {})",
                    sessionOwner == null ? "Admin" : "Janus API", config.host(), port, protocol());
            return port;
        });
    }

    public int port() {
        return servers.port();
    }

    private void accept(ServerWebSocket socket) {
        String peer = socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
        String ip = addresses.resolve(peer, socket.headers().get("X-Forwarded-For"));
        WebSocketConnection connection = new WebSocketConnection(socket, new ClientInfo(ip == null ? "0.0.0.0" : ip),
                handler, sessionOwner, PACKAGE, config.maxMessageBytes(), config.maxPendingEvents());
        connections.add(connection);
        connection.start(() -> connections.remove(connection));
        LOG.debug("WebSocket connection from {} ({})", ip, socket.subProtocol());
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Closes every connection ({@code 1001}) and stops listening. */
    @Override
    public void close() {
        connections.forEach(WebSocketConnection::goingAway);
        servers.close();
    }
}
