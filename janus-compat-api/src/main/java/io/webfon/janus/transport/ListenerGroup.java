package io.webfon.janus.transport;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Several Vert.x servers on one address and port, so that connections spread over the event loops: Vert.x
 * shares the socket between servers bound to the same port and hands each new connection to the next one.
 * One server would keep every connection on a single event loop, i.e. on one core.
 *
 * <p>A server's connections run on the event loop of the context that started it. Each server is therefore
 * started by a verticle of its own, and Vert.x gives each deployment the next event loop. (Starting them one
 * after the other from the same thread is not enough: a {@code listen()} called on an event loop, as one chained
 * after the first server's start is, reuses that loop, and every connection then shared one core. The browser's
 * preflights, trickles and long polls waited behind its offer.)
 */
public final class ListenerGroup {
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private Vertx vertx;

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
        this.vertx = vertx;
        int port = options.getPort() == 0 && instances > 1 ? SHARED_RANDOM_PORTS.decrementAndGet() : options.getPort();
        List<Future<String>> started = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            HttpServerOptions own = new HttpServerOptions(options).setPort(port);
            started.add(vertx.deployVerticle(new ServerVerticle(own, setup)).onSuccess(deployments::add));
        }
        return Future.join(started).<Integer>map(v -> servers.get(0).actualPort()).onFailure(e -> {
            // One server could not bind: the others must not keep the port.
            for (String id : deployments) {
                vertx.undeploy(id);
            }
            deployments.clear();
            servers.clear();
        });
    }

    public int port() {
        return servers.isEmpty() ? -1 : servers.get(0).actualPort();
    }

    /**
     * Closes every server, waiting for them: undeploying a server's verticle closes the server it started. Must not
     * be called on an event loop.
     */
    public void close() {
        servers.clear();
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().join();
        }
        deployments.clear();
    }

    /** Starts one server on the event loop Vert.x gives this deployment. */
    private final class ServerVerticle extends AbstractVerticle {
        private final HttpServerOptions options;
        private final Function<HttpServer, HttpServer> setup;

        ServerVerticle(HttpServerOptions options, Function<HttpServer, HttpServer> setup) {
            this.options = options;
            this.setup = setup;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServer server = setup.apply(vertx.createHttpServer(options));
            server.listen().onSuccess(s -> servers.add(s)).<Void>mapEmpty().onComplete(started);
        }
    }
}
