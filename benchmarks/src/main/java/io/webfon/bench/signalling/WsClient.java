package io.webfon.bench.signalling;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load client's WebSocket side: one Vert.x event loop for every connection. A single thread keeps the
 * client's CPU low and its context switches few on a two-core machine it shares with the server, and it is
 * far from saturated: a cycle costs the client a few tens of microseconds.
 */
final class WsClient implements AutoCloseable {
    static final String API_PROTOCOL = "janus-protocol";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final URI uri;

    WsClient(URI uri, int connections) {
        this.uri = uri;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(Math.max(connections, 1))
                .setConnectTimeout(CONNECT_TIMEOUT_SECONDS * 1000)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    }

    Vertx vertx() {
        return vertx;
    }

    /** Opens one connection with the {@code janus-protocol} subprotocol, waiting for the handshake. */
    WebSocket connect() throws Exception {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(path).setSubProtocols(List.of(API_PROTOCOL));
        WebSocket ws = client.connect(options).toCompletionStage().toCompletableFuture()
                .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!API_PROTOCOL.equals(ws.subProtocol())) {
            ws.close();
            throw new IllegalStateException("server at " + uri + " did not accept subprotocol " + API_PROTOCOL);
        }
        return ws;
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing the client is best effort: the figures are already taken.
        }
    }
}
