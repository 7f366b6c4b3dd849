package io.webfon.sercen.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.function.Supplier;

/**
 * The text status port ({@code nc 127.0.0.1 1125}): on connect it writes the report and closes. Nothing is read
 * from the client. The report is built on a worker thread (it reads database counts).
 */
public final class StatusServer implements AutoCloseable {
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
            socket.handler(data -> { });
            vertx.<String>executeBlocking(() -> {
                try {
                    return report.get();
                } catch (RuntimeException e) {
                    return "sercen sis error='status report failed: " + e.getClass().getSimpleName() + "'\n";
                }
            }, false).onComplete(ar -> socket.end(Buffer.buffer(ar.succeeded() ? ar.result()
                    : "sercen sis error='status report failed'\n")).onComplete(v -> socket.close()));
        });
        return server.listen().map(NetServer::actualPort);
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
