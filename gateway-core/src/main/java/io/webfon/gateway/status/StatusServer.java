package io.webfon.gateway.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The text status port: on connect it writes the report and closes, so {@code nc 127.0.0.1 1122} shows the
 * node's state. Nothing is read from the client.
 */
public final class StatusServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(StatusServer.class);

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final Supplier<String> report;
    private NetServer server;

    public StatusServer(Vertx vertx, String host, int port, Supplier<String> report) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.report = report;
    }

    public Future<Integer> start() {
        server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setIdleTimeout(5));
        server.connectHandler(socket -> {
            String text;
            try {
                text = report.get();
            } catch (RuntimeException e) {
                LOG.error("Status report failed", e);
                text = "gateway base error='status report failed'\n";
            }
            socket.handler(data -> { });
            socket.end(io.vertx.core.buffer.Buffer.buffer(text)).onComplete(v -> socket.close());
        });
        return server.listen().map(s -> {
            LOG.info("Status port listening on {}:{}", host, s.actualPort());
            return s.actualPort();
        });
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }
}
