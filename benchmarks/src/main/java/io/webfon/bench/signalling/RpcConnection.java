package io.webfon.bench.signalling;

import io.vertx.core.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebSocket on which requests are answered by transaction: each call gets a future of its reply's text.
 * For the memory probe, where convenience matters more than the last microsecond (nothing is timed per
 * request there); the cycle load uses {@link CycleWorker}'s state machine instead.
 */
final class RpcConnection {
    private final WebSocket socket;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    RpcConnection(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(this::onText);
        socket.closeHandler(v -> pending.values().forEach(
                f -> f.completeExceptionally(new IllegalStateException("connection closed by the server"))));
    }

    /** Sends a request whose transaction is {@code tx}; the future completes with the reply's text. */
    CompletableFuture<String> call(String tx, String request) {
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(tx, reply);
        socket.writeTextMessage(request);
        return reply;
    }

    private void onText(String m) {
        String tx = JanusText.transaction(m);
        CompletableFuture<String> reply = tx == null ? null : pending.remove(tx);
        if (reply != null) {
            reply.complete(m);
        }
    }

    void close() {
        socket.close();
    }
}
