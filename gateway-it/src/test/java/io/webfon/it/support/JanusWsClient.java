package io.webfon.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A plain Janus client over WebSocket (the JDK's client, nothing of ours): sends raw text or JSON requests and
 * collects every message the server pushes, so tests can wait for a reply by transaction or for an event.
 */
public final class JanusWsClient implements AutoCloseable {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    private final WebSocket socket;
    private final LinkedBlockingDeque<JsonNode> inbox = new LinkedBlockingDeque<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private JanusWsClient(URI uri, String protocol) throws Exception {
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5));
        if (protocol != null) {
            builder.subprotocols(protocol);
        }
        this.socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
    }

    public static JanusWsClient connect(URI uri) throws Exception {
        return new JanusWsClient(uri, "janus-protocol");
    }

    public static JanusWsClient connectAdmin(URI uri) throws Exception {
        return new JanusWsClient(uri, "janus-admin-protocol");
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** A fresh transaction id. */
    public static String tx() {
        return "t" + TRANSACTIONS.incrementAndGet();
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends a request (adding a transaction if it has none) and returns its reply: ack, success or error. */
    public ObjectNode call(ObjectNode request) throws Exception {
        if (!request.has("transaction")) {
            request.put("transaction", tx());
        }
        String tx = request.get("transaction").asText();
        sendText(Json.write(request));
        return (ObjectNode) await(m -> tx.equals(m.path("transaction").asText(null))
                && !"event".equals(m.path("janus").asText()), DEFAULT_WAIT);
    }

    /** Sends raw text and returns the next message, whatever it is. */
    public JsonNode callRaw(String text) throws Exception {
        sendText(text);
        return next(DEFAULT_WAIT);
    }

    public JsonNode next(Duration wait) throws InterruptedException {
        JsonNode m = inbox.pollFirst(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + wait);
        }
        return m;
    }

    /** Waits for (and removes) the first message matching, leaving the others queued in order. */
    public JsonNode await(Predicate<JsonNode> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            synchronized (inbox) {
                for (Iterator<JsonNode> it = inbox.iterator(); it.hasNext(); ) {
                    JsonNode m = it.next();
                    if (match.test(m)) {
                        it.remove();
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + wait + "; queued: " + inbox);
                }
                inbox.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits for an event of this kind ({@code event}, {@code detached}, {@code timeout} ...). */
    public JsonNode awaitEvent(String kind, Duration wait) throws InterruptedException {
        return await(m -> kind.equals(m.path("janus").asText()), wait);
    }

    /** Every message received and not yet taken. */
    public List<JsonNode> drain() {
        synchronized (inbox) {
            List<JsonNode> all = new ArrayList<>(inbox);
            inbox.clear();
            return all;
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close status the server sent, waiting for it. */
    public int awaitClose(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = Json.parse(text);
                    synchronized (inbox) {
                        inbox.addLast(node);
                        inbox.notifyAll();
                    }
                } catch (Exception e) {
                    throw new AssertionError("server sent invalid JSON: " + text, e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
