package io.webfon.janus.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.webfon.janus.core.JanusApi;
import io.webfon.janus.core.TransportDescriptor;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.protocol.Messages;
import io.webfon.janus.transport.ClientAddressResolver;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.HttpTransportConfig;
import io.webfon.janus.transport.JsonErrors;
import io.webfon.janus.transport.ListenerGroup;
import io.webfon.janus.transport.RequestHandler;
import io.webfon.janus.transport.TransportSession;
import java.security.SecureRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Janus API over HTTP, as Janus's {@code janus_http.c}: {@code POST} to {@code /janus},
 * {@code /janus/<session>} and {@code /janus/<session>/<handle>}, long polls with {@code GET /janus/<session>}
 * ({@code maxev}, {@code rid}), {@code GET /janus/info} and {@code /janus/ping}, and CORS. The same class
 * serves the admin API on its own port ({@code /admin}), without long polls.
 */
public final class JanusHttpTransport implements AutoCloseable {
    public static final String PACKAGE = "janus.transport.http";
    public static final TransportDescriptor DESCRIPTOR = new TransportDescriptor(PACKAGE,
            "Webfon HTTP transport", "Webfon", "The Janus API and admin API over HTTP with long polls.", "0.1.0", 1);

    private static final Logger LOG = LogManager.getLogger(JanusHttpTransport.class);
    private static final String TX_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Vertx vertx;
    private final HttpTransportConfig config;
    private final RequestHandler handler;
    private final JanusApi longPollApi;
    private final ClientAddressResolver addresses;
    private final HttpEventQueues queues;
    private final TransportSession adminSink;
    private final SecureRandom random = new SecureRandom();
    private final ListenerGroup servers = new ListenerGroup();
    private final int instances;

    /**
     * @param longPollApi the public API for long polls; {@code null} makes this the admin transport
     */
    public JanusHttpTransport(Vertx vertx, HttpTransportConfig config, RequestHandler handler, JanusApi longPollApi,
            ClientAddressResolver addresses) {
        this(vertx, config, handler, longPollApi, addresses, 1);
    }

    /** @param instances servers sharing the port, one per event loop to use */
    public JanusHttpTransport(Vertx vertx, HttpTransportConfig config, RequestHandler handler, JanusApi longPollApi,
            ClientAddressResolver addresses, int instances) {
        this.instances = Math.max(1, instances);
        this.vertx = vertx;
        this.config = config;
        this.handler = handler;
        this.longPollApi = longPollApi;
        this.addresses = addresses;
        this.queues = new HttpEventQueues(config.maxQueuedEvents());
        this.adminSink = new TransportSession() {
            @Override
            public String transportPackage() {
                return PACKAGE;
            }

            @Override
            public void sendEvent(ObjectNode event) {
                // The admin API has no sessions of its own, hence no events.
            }
        };
    }

    private boolean isAdmin() {
        return longPollApi == null;
    }

    /** Starts listening; completes with the bound port. */
    public Future<Integer> start() {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setIdleTimeout(config.longPollTimeoutSeconds() * 4).setCompressionSupported(false)
                // No cleartext HTTP/2: no client of a Janus node speaks it (browsers use HTTP/2 over TLS only,
                // Apache proxies with HTTP/1.1), and Vert.x would build its upgrade handlers for every connection.
                .setHttp2ClearTextEnabled(false);
        return servers.listen(vertx, options, instances, server -> server.requestHandler(router())).map(port -> {
            LOG.info("{} HTTP server started ({}:{}, {} path listener)", isAdmin() ? "Admin/monitor" : "Janus API",
                    config.host(), port, config.basePath());
            return port;
        });
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::cors);
        router.route().method(HttpMethod.POST).handler(new RawBodyReader(config.maxRequestBytes()));
        router.route().handler(this::handle);
        router.route().failureHandler(this::failure);
        return router;
    }

    public int port() {
        return servers.port();
    }

    /** The event queue of a live session over this transport, or null. */
    SessionEventQueue eventQueue(long sessionId) {
        return queues.queue(sessionId);
    }

    private void cors(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpServerResponse resp = ctx.response();
        String allow = config.allowOrigin();
        boolean custom = allow != null && !allow.isEmpty();
        resp.putHeader("Access-Control-Allow-Origin", custom ? allow : "*");
        if (custom) {
            resp.putHeader("Access-Control-Allow-Credentials", "true");
            resp.putHeader("Vary", "Origin");
        }
        resp.putHeader("Access-Control-Max-Age", "86400");
        String acrm = req.getHeader("Access-Control-Request-Method");
        if (acrm != null) {
            resp.putHeader("Access-Control-Allow-Methods", acrm);
        }
        String acrh = req.getHeader("Access-Control-Request-Headers");
        if (acrh != null) {
            resp.putHeader("Access-Control-Allow-Headers", acrh);
        }
        if (config.enforceCors() && custom) {
            String origin = req.getHeader("Origin");
            if (origin == null || !origin.startsWith(allow)) {
                resp.setStatusCode(403).end();
                return;
            }
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        HttpMethod method = req.method();
        if (method == HttpMethod.OPTIONS) {
            ctx.response().end();
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.POST) {
            replyJson(ctx, Messages.error(0, null, JanusError.TRANSPORT_SPECIFIC, "Unsupported method " + method));
            return;
        }
        RequestPath path = RequestPath.parse(req.path(), config.basePath());
        if (path == null) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        if ("info".equals(path.session()) || "ping".equals(path.session())) {
            shortcut(ctx, path.session());
            return;
        }
        if (method == HttpMethod.GET) {
            if (isAdmin()) {
                replyJson(ctx, Messages.error(0, null, JanusError.INVALID_JSON, "Request payload missing"));
            } else {
                longPoll(ctx, path);
            }
            return;
        }
        post(ctx, path);
    }

    /** {@code GET /janus/info} and {@code GET /janus/ping}: a request with a generated transaction. */
    private void shortcut(RoutingContext ctx, String verb) {
        if (ctx.request().method() != HttpMethod.GET) {
            if (isAdmin()) {
                replyJson(ctx, Messages.error(0, null, JanusError.TRANSPORT_SPECIFIC, "Use GET for the info endpoint"));
            } else {
                ctx.response().setStatusCode(400).end();
            }
            return;
        }
        ObjectNode request = Json.object();
        request.put("janus", verb);
        request.put("transaction", randomTransaction());
        handler.handle(sink(), client(ctx.request()), request, reply -> replyJson(ctx, reply));
    }

    private void post(RoutingContext ctx, RequestPath path) {
        Buffer body = ctx.get(RawBodyReader.KEY);
        if (body == null || body.length() == 0) {
            replyJson(ctx, Messages.error(0, null, JanusError.INVALID_JSON, "JSON error: empty request body"));
            return;
        }
        JsonNode root;
        try {
            byte[] bytes = body.getBytes();
            root = Json.parseDocument(bytes, 0, bytes.length);
        } catch (Exception e) {
            String reason = "JSON error: " + JsonErrors.describe(e);
            LOG.debug("Invalid JSON from {}: {}", client(ctx.request()).ip(), reason);
            replyJson(ctx, Messages.error(0, null, JanusError.INVALID_JSON, reason));
            return;
        }
        if (!root.isObject()) {
            replyJson(ctx, Messages.error(0, null, JanusError.INVALID_JSON_OBJECT, "JSON error: not an object"));
            return;
        }
        ObjectNode request = (ObjectNode) root;
        String conflict = mergePathIds(request, path);
        if (conflict != null) {
            replyJson(ctx, Messages.error(0, null, JanusError.INVALID_REQUEST_PATH, conflict));
            return;
        }
        Context context = vertx.getOrCreateContext();
        handler.handle(sink(), client(ctx.request()), request, reply -> {
            if (isAdmin() || !"ack".equals(reply.path("janus").asText())) {
                replyJson(ctx, reply);
            } else {
                // An ack says only that the request was taken and its outcome comes as an event on the long
                // poll. The event (an offer's JSEP answer, say) is what the client waits for, and the core hands
                // it over right after this reply: it goes first, and the ack after the current task. The two
                // travel on different connections, so no client can rely on their order; in Janus nothing orders
                // them either (the plugin's thread pushes the event while the request's thread writes the ack).
                context.runOnContext(v -> replyJson(ctx, reply));
            }
        });
    }

    /** Takes the ids of the path into the request, as Janus does; a different id in the body is an error. */
    private static String mergePathIds(ObjectNode request, RequestPath path) {
        long pathSession = RequestPath.leadingNumber(path.session());
        long bodySession = integerId(request.get("session_id"));
        if (bodySession != 0 && path.session() != null && pathSession != bodySession) {
            return "Conflicting session ID (payload and path)";
        }
        if (bodySession == 0 && pathSession > 0) {
            request.put("session_id", pathSession);
        }
        long pathHandle = RequestPath.leadingNumber(path.handle());
        long bodyHandle = integerId(request.get("handle_id"));
        if (bodyHandle != 0 && path.handle() != null && pathHandle != bodyHandle) {
            return "Conflicting handle ID (payload and path)";
        }
        if (bodyHandle == 0 && pathHandle > 0) {
            request.put("handle_id", pathHandle);
        }
        return null;
    }

    /** An id in a body counts only when it is a JSON integer, as Janus reads it; "123" or 1.0 count as none. */
    private static long integerId(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.asLong() : 0;
    }

    private void longPoll(RoutingContext ctx, RequestPath path) {
        long sessionId = RequestPath.leadingNumber(path.session());
        HttpServerResponse resp = ctx.response();
        if (sessionId < 1) {
            resp.setStatusCode(404).end();
            return;
        }
        HttpServerRequest req = ctx.request();
        if (!longPollApi.longPoll(sessionId, req.getParam("apisecret"), req.getParam("token"), client(req))) {
            resp.setStatusCode(403).end();
            return;
        }
        if (path.handle() != null) {
            resp.setStatusCode(302).putHeader("Location", config.basePath() + "/" + path.session()).end();
            return;
        }
        SessionEventQueue live = queues.queue(sessionId);
        // A poll sent as its client destroyed the session waits for its timer, as one already waiting does.
        SessionEventQueue queue = live != null ? live : queues.recentlyDestroyed(sessionId);
        if (queue == null) {
            resp.setStatusCode(404).end();
            return;
        }
        int maxEvents = parseMaxEvents(req.getParam("maxev"));
        LongPoll poll = new LongPoll(resp, vertx.getOrCreateContext(), maxEvents);
        resp.closeHandler(v -> {
            poll.abandon();
            queue.cancel(poll);
        });
        poll.timer(vertx.setTimer(config.longPollTimeoutSeconds() * 1000L, t -> {
            queue.cancel(poll);
            poll.keepalive();
        }));
        queue.poll(poll);
    }

    private static int parseMaxEvents(String maxev) {
        if (maxev == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(maxev.trim());
            return n < 1 ? 1 : Math.min(n, 1000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Every failure still answers with Janus JSON; only server-side faults (5xx) are logged as errors. */
    private void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String reason;
        if (status == 413) {
            LOG.warn("Refused a request body over {} bytes from {}", config.maxRequestBytes(),
                    client(ctx.request()).ip());
            reason = "Request body too large (limit " + config.maxRequestBytes() + " bytes)";
            ctx.response().putHeader("Connection", "close");
        } else if (status >= 500) {
            LOG.error("HTTP request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
            reason = "Internal error";
        } else {
            reason = "Bad request";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Json.write(Messages.error(0, null, JanusError.TRANSPORT_SPECIFIC, reason)));
    }

    private TransportSession sink() {
        return isAdmin() ? adminSink : queues;
    }

    private ClientInfo client(HttpServerRequest req) {
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        String ip = addresses.resolve(peer, req.getHeader("X-Forwarded-For"));
        return new ClientInfo(ip == null ? "0.0.0.0" : ip);
    }

    private static void replyJson(RoutingContext ctx, ObjectNode reply) {
        HttpServerResponse resp = ctx.response();
        if (resp.ended() || resp.closed()) {
            return;
        }
        resp.putHeader("Content-Type", "application/json").end(Buffer.buffer(Json.writeBytes(reply)));
    }

    private String randomTransaction() {
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(TX_ALPHABET.charAt(random.nextInt(TX_ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Stops listening; waiting long polls are answered first. */
    @Override
    public void close() {
        queues.closeAll();
        servers.close();
    }
}
