package io.webfon.bench.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One peer's Janus API session over its own WebSocket, as a browser running janus.js has: create, attach to
 * {@code janus.plugin.echotest}, a message with the JSEP offer (answered by an ack, then an event carrying the
 * answer), a keepalive every 25 s, destroy at the end. Replies are matched by transaction; pushed events
 * (webrtcup, media, hangup ...) are counted by {@link Signalling}. Runs on the Vert.x event loop.
 */
final class JanusSession {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long KEEPALIVE_MILLIS = 25_000;
    private static final AtomicLong TRANSACTIONS = new AtomicLong();

    private final Signalling signalling;
    private final WebSocket ws;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private volatile long sessionId;
    private volatile long handleId;
    private volatile long keepaliveTimer = -1;
    private volatile boolean closing;

    JanusSession(Signalling signalling, WebSocket ws) {
        this.signalling = signalling;
        this.ws = ws;
        ws.textMessageHandler(this::onText);
        ws.closeHandler(v -> {
            if (!closing) {
                signalling.count("websocket closed by the server");
            }
            pending.values().forEach(f -> f.completeExceptionally(
                    new IllegalStateException("WebSocket closed by the server")));
        });
    }

    /** Creates the session and attaches the echotest handle; the keepalives start. */
    CompletableFuture<JanusSession> createAndAttach() {
        return request(message("create")).thenCompose(created -> {
            sessionId = created.path("data").path("id").asLong();
            Vertx vertx = signalling.vertx();
            keepaliveTimer = vertx.setPeriodic(KEEPALIVE_MILLIS, t -> ws.writeTextMessage(
                    message("keepalive").toString()));
            ObjectNode attach = message("attach");
            attach.put("plugin", "janus.plugin.echotest");
            return request(attach);
        }).thenApply(attached -> {
            handleId = attached.path("data").path("id").asLong();
            return this;
        });
    }

    /** Sends the offer with an audio-only echo request; completes with the answer's SDP. */
    CompletableFuture<String> offer(String sdp) {
        ObjectNode m = message("message");
        m.put("handle_id", handleId);
        ObjectNode body = m.putObject("body");
        body.put("audio", true);
        body.put("video", false);
        ObjectNode jsep = m.putObject("jsep");
        jsep.put("type", "offer");
        jsep.put("sdp", sdp);
        return request(m).thenApply(event -> {
            JsonNode answer = event.path("jsep");
            if (!"answer".equals(answer.path("type").asText())) {
                throw new IllegalStateException("no JSEP answer in the event: " + event.path("plugindata"));
            }
            return answer.path("sdp").asText();
        });
    }

    /** Destroys the session (the server hangs the PeerConnection up) and closes the WebSocket. */
    CompletableFuture<Void> destroy() {
        if (keepaliveTimer >= 0) {
            signalling.vertx().cancelTimer(keepaliveTimer);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (sessionId == 0) {
            close();
            done.complete(null);
            return done;
        }
        request(message("destroy")).whenComplete((r, e) -> {
            close();
            done.complete(null);
        });
        return done;
    }

    void close() {
        closing = true;
        if (keepaliveTimer >= 0) {
            signalling.vertx().cancelTimer(keepaliveTimer);
        }
        ws.close();
    }

    private ObjectNode message(String janus) {
        ObjectNode m = JSON.createObjectNode();
        m.put("janus", janus);
        m.put("transaction", "m" + TRANSACTIONS.incrementAndGet());
        if (sessionId != 0) {
            m.put("session_id", sessionId);
        }
        return m;
    }

    /** Sends a request; completes with its first reply that is not an ack (success, event), or fails on error. */
    private CompletableFuture<JsonNode> request(ObjectNode m) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(m.path("transaction").asText(), reply);
        ws.writeTextMessage(m.toString()).onFailure(reply::completeExceptionally);
        return reply;
    }

    private void onText(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            signalling.count("unparsable message");
            return;
        }
        String janus = m.path("janus").asText();
        String tx = m.path("transaction").asText(null);
        if ("ack".equals(janus)) {
            return;
        }
        CompletableFuture<JsonNode> reply = tx == null ? null : pending.remove(tx);
        if (reply == null) {
            signalling.event(m);
        } else if ("error".equals(janus)) {
            reply.completeExceptionally(new IllegalStateException("Janus error " + m.path("error").path("code")
                    .asInt() + ": " + m.path("error").path("reason").asText()));
        } else if (m.path("plugindata").path("data").has("error")) {
            reply.completeExceptionally(new IllegalStateException("echotest error: "
                    + m.path("plugindata").path("data").path("error").asText()));
        } else {
            reply.complete(m);
        }
    }
}
