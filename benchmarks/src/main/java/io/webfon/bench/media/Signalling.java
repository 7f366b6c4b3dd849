package io.webfon.bench.media;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tool's Janus API side: one Vert.x event loop for every peer's WebSocket (signalling is a few messages per
 * peer, the media path never touches it), and the tally of what the server pushed without being asked:
 * {@code webrtcup}, {@code media}, {@code hangup} (with its reason), {@code slowlink}, {@code detached} ...
 */
final class Signalling implements AutoCloseable {
    private static final String PROTOCOL = "janus-protocol";

    private final Vertx vertx;
    private final WebSocketClient client;
    private final URI uri;
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();

    Signalling(URI uri, int connections) {
        this.uri = uri;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections)
                .setConnectTimeout(10_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    }

    Vertx vertx() {
        return vertx;
    }

    /** A new WebSocket with the {@code janus-protocol} subprotocol, as janus.js opens one per page. */
    CompletableFuture<JanusSession> open() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(path).setSubProtocols(List.of(PROTOCOL));
        return client.connect(o).toCompletionStage().toCompletableFuture()
                .thenApply(ws -> new JanusSession(this, ws));
    }

    /** A pushed event: counted by type, hangups by reason. */
    void event(JsonNode m) {
        String janus = m.path("janus").asText("?");
        if ("hangup".equals(janus)) {
            count("hangup: " + m.path("reason").asText("?"));
        } else if ("event".equals(janus)) {
            JsonNode data = m.path("plugindata").path("data");
            count("event " + (data.has("result") ? "result=" + data.path("result").asText() : "other"));
        } else {
            count(janus);
        }
    }

    void count(String what) {
        events.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** Everything counted so far, and the tally restarts. */
    Map<String, Long> takeEvents() {
        Map<String, Long> out = new TreeMap<>();
        events.forEach((k, v) -> out.put(k, v.sumThenReset()));
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Override
    public void close() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Best effort at exit.
        }
    }
}
