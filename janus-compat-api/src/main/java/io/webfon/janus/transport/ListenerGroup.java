package io.webfon.janus.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Several Vert.x servers on one address and port, so that connections spread over the event loops: Vert.x
 * shares the socket between servers bound to the same port and hands each new connection to the next one.
 * One server would keep every connection on a single event loop, i.e. on one core.
 */
public final class ListenerGroup {
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private final List<HttpServer> servers = new ArrayList<>();

    /**
     * Starts {@code instances} servers on one port. Vert.x shares a configured port between servers; for port 0
     * (any free port) it shares a random port only between servers asking for the same negative number, so 0
     * becomes a negative number of this group's own (two groups must not share one).
     *
     * @param setup installs the handlers on a fresh server
     * @return the bound port
     */
    public Future<Integer> listen(Vertx vertx, HttpServerOptions options, int instances,
            Function<HttpServer, HttpServer> setup) {
        int port = options.getPort() == 0 && instances > 1 ? SHARED_RANDOM_PORTS.decrementAndGet() : options.getPort();
        Future<Void> all = Future.succeededFuture();
        for (int i = 0; i < instances; i++) {
            HttpServer server = setup.apply(vertx.createHttpServer(new HttpServerOptions(options).setPort(port)));
            servers.add(server);
            all = all.compose(v -> server.listen().mapEmpty());
        }
        return all.map(v -> servers.get(0).actualPort());
    }

    public int port() {
        return servers.isEmpty() ? -1 : servers.get(0).actualPort();
    }

    /** Closes every server, waiting for them. Must not be called on an event loop. */
    public void close() {
        for (HttpServer s : servers) {
            s.close().toCompletionStage().toCompletableFuture().join();
        }
        servers.clear();
    }
}
