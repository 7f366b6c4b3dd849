package io.webfon.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sends the node's own Janus API listeners a few thousand stateless requests over loopback after start
 * ({@code media.warm_up}), so that the first browsers do not meet the Vert.x and Netty request paths, the CORS
 * preflight, the JSON reader and writer and the WebSocket frames in the interpreter. A fresh node took 1-18 ms
 * to answer a CORS preflight or a trickle during a browser's first calls (Janus: 0.05-1 ms), and those paths
 * only get compiled after some 200 requests each.
 *
 * <p>Only requests that create nothing and need no credentials: {@code info} and {@code ping} (POST, GET and
 * WebSocket) and CORS preflights. No session is created, nothing is logged per request, and no request can be
 * refused for a missing secret or token, so the security log (and fail2ban) never hears of the warm-up.
 * The in-memory media and signalling rounds ({@code MediaWarmUp}, {@code SignallingWarmUp}) cover the rest.
 *
 * <p>The client is Vert.x's own, closed at the end: it shares Netty's classes and buffer pools with the server,
 * where the JDK's HttpClient kept 8 MiB of direct buffers and three threads alive after the warm-up.
 */
final class TransportWarmUp implements Runnable {
    private static final Logger LOG = LogManager.getLogger(TransportWarmUp.class);
    /** Rounds per connection; each path is then used well past the JIT's 200 invocations. */
    static final int ROUNDS = 300;
    /** One connection per event loop, so that neither loop's first requests are a browser's. */
    private static final int CONNECTIONS = 2;
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final long TIMEOUT_SECONDS = 5;

    /** A Janus API HTTP listener: its base URI (e.g. {@code http://127.0.0.1:8088/janus}) and CORS origin. */
    record HttpTarget(URI base, String origin) {
    }

    private final Vertx vertx;
    private final HttpTarget http;
    private final URI websocket;
    private final long deadline;
    private int requests;

    /**
     * @param http the HTTP listener, or null
     * @param websocket the WebSocket listener ({@code ws://host:port}), or null
     */
    TransportWarmUp(Vertx vertx, HttpTarget http, URI websocket) {
        this.vertx = vertx;
        this.http = http;
        this.websocket = websocket;
        this.deadline = System.nanoTime() + BUDGET_NANOS;
    }

    /** Starts the warm-up on a low-priority daemon thread; it logs one line when done. */
    static void startInBackground(Vertx vertx, HttpTarget http, URI websocket) {
        if (http == null && websocket == null) {
            return;
        }
        Thread t = new Thread(new TransportWarmUp(vertx, http, websocket), "transport-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The address a client on this machine reaches a listener bound to {@code host} at. */
    static String loopbackFor(String host) {
        return switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                // A client per connection, closed before the next: the listener hands each new connection to
                // the next event loop.
                HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(1)
                        .setKeepAlive(true));
                try {
                    if (http != null) {
                        httpRounds(client);
                    }
                    if (websocket != null) {
                        webSocketRounds(client);
                    }
                } finally {
                    await(client.close());
                }
            }
            LOG.info("Janus API transports warmed up in {} ms ({} requests)",
                    (System.nanoTime() - start) / 1_000_000, requests);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Janus API transport warm-up stopped after {} requests (the first calls will only be slower): {}",
                    requests, e.toString());
        }
    }

    private void httpRounds(HttpClient client) throws Exception {
        String base = http.base().toString();
        for (int i = 0; i < ROUNDS && System.nanoTime() < deadline; i++) {
            send(client, new RequestOptions().setMethod(HttpMethod.OPTIONS).setAbsoluteURI(base + "/1/2")
                    .putHeader("Access-Control-Request-Method", "POST")
                    .putHeader("Access-Control-Request-Headers", "content-type"), null, "preflight");
            for (String verb : List.of("info", "ping")) {
                send(client, new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(base)
                        .putHeader("Content-Type", "application/json"), request(verb, i), verb);
            }
            send(client, new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + "/info"), null,
                    "GET info");
        }
    }

    private void send(HttpClient client, RequestOptions options, String body, String what) throws Exception {
        options.putHeader("Origin", http.origin()).setTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        int status = await(client.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> resp.statusCode())));
        requests++;
        if (status != 200) {
            throw new IllegalStateException(what + " answered HTTP " + status);
        }
    }

    private void webSocketRounds(HttpClient client) throws Exception {
        WebSocket ws = await(client.webSocket(new WebSocketConnectOptions().setHost(websocket.getHost())
                .setPort(websocket.getPort()).setURI("/").addSubProtocol("janus-protocol")));
        AtomicReference<Promise<String>> waiting = new AtomicReference<>();
        ws.textMessageHandler(text -> {
            Promise<String> p = waiting.getAndSet(null);
            if (p != null) {
                p.tryComplete(text);
            }
        });
        try {
            for (int i = 0; i < ROUNDS && System.nanoTime() < deadline; i++) {
                for (String verb : List.of("info", "ping")) {
                    Promise<String> reply = Promise.promise();
                    waiting.set(reply);
                    await(ws.writeTextMessage(request(verb, i)));
                    await(reply.future());
                    requests++;
                }
            }
        } finally {
            await(ws.close());
        }
    }

    private static String request(String verb, int round) {
        return "{\"janus\":\"" + verb + "\",\"transaction\":\"warm-up-" + round + "\"}";
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
