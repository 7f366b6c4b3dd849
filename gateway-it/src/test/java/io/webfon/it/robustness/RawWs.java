package io.webfon.it.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client that keeps what the server sent exactly as it came (text that is not JSON is kept, not
 * thrown), remembers the arrival order of everything, can send binary and fragmented messages, and can drop the
 * connection without a closing handshake. Built on a shared {@link HttpClient} (see {@link Clients}).
 */
final class RawWs implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** One message from the server: its text, and its JSON when it parses ({@code null} otherwise). */
    record Msg(String raw, JsonNode json) {
        String kind() {
            return json == null ? null : json.path("janus").asText(null);
        }

        String transaction() {
            return json == null ? null : json.path("transaction").asText(null);
        }
    }

    private final WebSocket socket;
    private final LinkedBlockingDeque<Msg> inbox = new LinkedBlockingDeque<>();
    private final List<Msg> history = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private RawWs(HttpClient http, URI uri, String protocol, Map<String, String> headers) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (protocol != null) {
            b.subprotocols(protocol);
        }
        headers.forEach(b::header);
        socket = b.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    static RawWs connect(HttpClient http, URI uri, String protocol, Map<String, String> headers) throws Exception {
        return new RawWs(http, uri, protocol, headers);
    }

    void sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
    }

    /** Sends one text message split into {@code parts} frames (a first frame and continuations). */
    void sendFragmented(String text, int parts) throws Exception {
        int step = Math.max(1, text.length() / parts);
        int at = 0;
        while (text.length() - at > step) {
            int end = at + step;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            socket.sendText(text.substring(at, end), false).get(10, TimeUnit.SECONDS);
            at = end;
        }
        socket.sendText(text.substring(at), true).get(10, TimeUnit.SECONDS);
    }

    /** Sends a request (adding a transaction if missing) and returns its reply: not an event, same transaction. */
    ObjectNode call(ObjectNode request) throws Exception {
        if (!request.has("transaction")) {
            request.put("transaction", JanusWsClient.tx());
        }
        String tx = request.get("transaction").asText();
        sendText(Json.write(request));
        JsonNode reply = await(m -> tx.equals(m.path("transaction").asText(null))
                && !"event".equals(m.path("janus").asText()), WAIT).json();
        return (ObjectNode) reply;
    }

    /** Waits for (and takes) the first JSON message matching, leaving the others queued in order. */
    Msg await(Predicate<JsonNode> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (inbox) {
            while (true) {
                for (Iterator<Msg> it = inbox.iterator(); it.hasNext(); ) {
                    Msg m = it.next();
                    if (m.json() != null && match.test(m.json())) {
                        it.remove();
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed.isDone()) {
                    throw new AssertionError("no matching message within " + wait + (closed.isDone()
                            ? " (connection closed: " + closed.getNow(null) + ")" : "") + "; queued: " + inbox);
                }
                inbox.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    JsonNode awaitEvent(String kind, Duration wait) throws InterruptedException {
        return await(m -> kind.equals(m.path("janus").asText()), wait).json();
    }

    /** Takes every queued message. */
    List<Msg> drain() {
        synchronized (inbox) {
            List<Msg> all = new ArrayList<>(inbox);
            inbox.clear();
            return all;
        }
    }

    /** Everything received since the connection opened, in arrival order. */
    List<Msg> history() {
        synchronized (inbox) {
            return List.copyOf(history);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The close status the server sent (-1 for an error without a close frame), waiting for it. */
    int awaitClose(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the TCP connection with no closing handshake, as a crashed browser tab would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // The server may have closed first; aborting below is enough.
            }
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                add(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            add("<binary frame of " + data.remaining() + " bytes>");
            ws.request(1);
            return null;
        }

        private void add(String text) {
            JsonNode json;
            try {
                json = Json.parse(text);
            } catch (Exception e) {
                json = null;
            }
            Msg m = new Msg(text, json);
            synchronized (inbox) {
                history.add(m);
                inbox.addLast(m);
                inbox.notifyAll();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            synchronized (inbox) {
                inbox.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
            synchronized (inbox) {
                inbox.notifyAll();
            }
        }
    }
}
