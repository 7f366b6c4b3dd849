package io.webfon.sercen.rest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.webfon.sercen.SercenService;
import io.webfon.sercen.auth.AuthException;
import io.webfon.sercen.auth.Counters;
import io.webfon.sercen.auth.ErrorCode;
import io.webfon.sercen.config.SercenConfig;
import io.webfon.sercen.net.ClientAddress;
import io.webfon.sercen.store.StoreException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The REST API on {@code rest.ip:rest.port} under {@code rest.base_path} (Vert.x Web): the user endpoints
 * ({@link UserRoutes}) and, when an admin secret is set, the admin endpoints ({@link AdminRoutes}). Handlers run
 * their blocking work (database, LDAP, SMTP, Argon2id) on a worker pool of {@code rest.workers} threads and
 * answer on the event loop. Every answer is JSON, with {@code Cache-Control: no-store}; every failure has a stable
 * code (docs/sercen-openapi.yaml).
 */
public final class RestServer implements AutoCloseable {
    private final Vertx vertx;
    private final SercenService service;
    private final SercenConfig.Rest config;
    private final ClientAddress addresses;
    private final WorkerExecutor workers;
    private HttpServer server;

    public RestServer(Vertx vertx, SercenService service) {
        this.vertx = vertx;
        this.service = service;
        this.config = service.config().rest();
        this.addresses = new ClientAddress(config.trustedProxies());
        this.workers = vertx.createSharedWorkerExecutor("sercen-worker", config.workers());
    }

    /** Starts listening; the future holds the port bound. */
    public Future<Integer> start() {
        Router router = Router.router(vertx);
        String base = config.basePath().equals("/") ? "" : config.basePath();
        router.route().handler(this::count);
        router.route(base + "/*").handler(BodyHandler.create(false).setBodyLimit(config.maxBody()));
        new UserRoutes(this, service).mount(router, base);
        new AdminRoutes(this, service).mount(router, base + "/admin");
        router.errorHandler(404, ctx -> Replies.error(ctx, ErrorCode.NOT_FOUND));
        router.errorHandler(405, ctx -> Replies.error(ctx, ErrorCode.METHOD_NOT_ALLOWED));
        router.errorHandler(413, ctx -> Replies.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE));
        router.errorHandler(400, ctx -> Replies.error(ctx, ErrorCode.INVALID_REQUEST));
        router.errorHandler(500, ctx -> {
            service.log().error("WSI", "internal_error path='" + ctx.normalizedPath() + "' error='"
                    + (ctx.failure() == null ? "" : ctx.failure().getClass().getSimpleName()) + "'");
            Replies.error(ctx, ErrorCode.INTERNAL);
        });
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setIdleTimeout(60).setMaxInitialLineLength(4096).setMaxHeaderSize(16_384));
        return server.requestHandler(router).listen().map(s -> {
            service.log().info("WSI", "rest listening on " + config.host() + ":" + s.actualPort() + base);
            return s.actualPort();
        });
    }

    private void count(RoutingContext ctx) {
        Counters c = service.counters();
        c.requests.incrementAndGet();
        HttpMethod m = ctx.request().method();
        if (m == HttpMethod.GET) {
            c.gets.incrementAndGet();
        } else if (m == HttpMethod.POST) {
            c.posts.incrementAndGet();
        } else if (m == HttpMethod.PUT) {
            c.puts.incrementAndGet();
        } else if (m == HttpMethod.DELETE) {
            c.deletes.incrementAndGet();
        }
        ctx.next();
    }

    /** The client's address (trusted proxies' X-Forwarded-For). */
    String clientIp(RoutingContext ctx) {
        String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        return addresses.resolve(peer, ctx.request().getHeader("X-Forwarded-For"));
    }

    /**
     * Runs blocking work on the worker pool and answers with its JSON result, or with the error it raised: an
     * {@link AuthException}'s code, {@code storage_unavailable} for a database failure, {@code internal} for
     * anything else (logged, never shown).
     */
    <T> void blocking(RoutingContext ctx, Callable<T> work, Consumer<T> answer) {
        workers.<T>executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                answer.accept(ar.result());
                return;
            }
            Throwable e = ar.cause();
            if (e instanceof AuthException ae) {
                Replies.error(ctx, ae.code(), ae.details());
            } else if (e instanceof StoreException se) {
                service.log().error("BDD", "storage_failed path='" + ctx.normalizedPath() + "' error='"
                        + se.getMessage() + "'");
                Replies.error(ctx, ErrorCode.STORAGE_UNAVAILABLE);
            } else {
                service.log().error("WSI", "internal_error path='" + ctx.normalizedPath() + "' error='" + e + "'");
                Replies.error(ctx, ErrorCode.INTERNAL);
            }
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
        workers.close();
    }
}
