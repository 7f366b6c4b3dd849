package io.webfon.it.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Janus API client over WebSocket or over HTTP with long polls, seen the same way by the media tests: requests
 * get their reply ({@code ack}, {@code success} or {@code error}); everything pushed asynchronously (events,
 * {@code webrtcup}, {@code media}, {@code hangup} ...) lands in one inbox to wait on. Over HTTP the inbox is fed
 * by a long poll on the session, started when the session is created.
 */
abstract class JanusChannel implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    /** The transports the Janus API is served on. */
    enum Via {
        WEBSOCKET, HTTP;

        JanusChannel open(TestNode node) throws Exception {
            JanusChannel c = this == WEBSOCKET ? new Ws(JanusWsClient.connect(node.wsUri()))
                    : new Http(node.httpUri());
            c.node = node;
            return c;
        }
    }

    /** The node this channel talks to, for diagnostics through its admin API. */
    private TestNode node;

    TestNode node() {
        return node;
    }

    /** Sends a request (with a fresh transaction) and returns its reply. */
    abstract ObjectNode call(ObjectNode request) throws Exception;

    /** The first pushed message matching within {@code wait}, taken from the inbox, or empty. */
    abstract Optional<JsonNode> maybe(Predicate<JsonNode> match, Duration wait) throws InterruptedException;

    /** Called with the id of a session this channel created, so that HTTP can long-poll it. */
    abstract void sessionCreated(long sessionId);

    /** The first pushed message matching, failing the test if none comes within {@link #WAIT}. */
    JsonNode await(String what, Predicate<JsonNode> match) throws InterruptedException {
        return maybe(match, WAIT).orElseThrow(() -> new AssertionError("no " + what + " within " + WAIT));
    }

    long createSession() throws Exception {
        long id = successId(call(Requests.of("create")));
        sessionCreated(id);
        return id;
    }

    long attachEchotest(long session) throws Exception {
        return successId(call(Requests.attach(session, "janus.plugin.echotest")));
    }

    static long successId(ObjectNode reply) {
        if (!"success".equals(reply.path("janus").asText())) {
            throw new AssertionError("expected success, got " + reply);
        }
        return reply.path("data").path("id").asLong();
    }

    /** A message of this core event kind ({@code webrtcup}, {@code media}, {@code hangup}) for the handle. */
    static Predicate<JsonNode> event(String kind, long handle) {
        return m -> kind.equals(m.path("janus").asText()) && m.path("sender").asLong() == handle;
    }

    /** The {@code event} answering a request of this transaction. */
    static Predicate<JsonNode> pluginEvent(String transaction) {
        return m -> "event".equals(m.path("janus").asText()) && transaction.equals(m.path("transaction").asText());
    }

    @Override
    public abstract void close();

    /** The WebSocket flavour: one connection, subprotocol {@code janus-protocol}. */
    static final class Ws extends JanusChannel {
        private final JanusWsClient ws;

        Ws(JanusWsClient ws) {
            this.ws = ws;
        }

        @Override
        ObjectNode call(ObjectNode request) throws Exception {
            return ws.call(request);
        }

        @Override
        Optional<JsonNode> maybe(Predicate<JsonNode> match, Duration wait) throws InterruptedException {
            try {
                return Optional.of(ws.await(match, wait));
            } catch (AssertionError none) {
                return Optional.empty();
            }
        }

        @Override
        void sessionCreated(long sessionId) {
        }

        @Override
        public void close() {
            ws.close();
        }

        @Override
        public String toString() {
            return "WebSocket";
        }
    }

    /** The HTTP flavour: POSTs with the ids in the body, a long poll per created session feeding the inbox. */
    static final class Http extends JanusChannel {
        private final JanusHttpClient http;
        private final HttpClient polls = HttpClient.newHttpClient();
        private final List<JsonNode> inbox = new ArrayList<>();
        private final List<CompletableFuture<?>> pending = new ArrayList<>();
        private volatile boolean closed;

        Http(URI janus) {
            this.http = new JanusHttpClient(janus);
        }

        @Override
        ObjectNode call(ObjectNode request) throws Exception {
            return http.call("", request);
        }

        @Override
        void sessionCreated(long sessionId) {
            poll(sessionId);
        }

        /** One long poll; its reply goes to the inbox and the next poll starts, until the session is gone. */
        private void poll(long sessionId) {
            if (closed) {
                return;
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(http.base() + "/" + sessionId + "?maxev=1&rid="
                    + System.nanoTime())).timeout(Duration.ofSeconds(60)).GET().build();
            CompletableFuture<HttpResponse<String>> f = polls.sendAsync(get, HttpResponse.BodyHandlers.ofString());
            synchronized (inbox) {
                pending.add(f);
            }
            f.whenComplete((r, e) -> {
                synchronized (inbox) {
                    pending.remove(f);
                }
                if (e != null || r.statusCode() != 200) {
                    return;
                }
                JsonNode m;
                try {
                    m = Json.parse(r.body());
                } catch (java.io.IOException bad) {
                    return;
                }
                if ("error".equals(m.path("janus").asText())) {
                    return; // the session is gone (458): no more polling
                }
                if (!"keepalive".equals(m.path("janus").asText())) {
                    synchronized (inbox) {
                        inbox.add(m);
                        inbox.notifyAll();
                    }
                }
                poll(sessionId);
            });
        }

        @Override
        Optional<JsonNode> maybe(Predicate<JsonNode> match, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (inbox) {
                while (true) {
                    for (Iterator<JsonNode> it = inbox.iterator(); it.hasNext(); ) {
                        JsonNode m = it.next();
                        if (match.test(m)) {
                            it.remove();
                            return Optional.of(m);
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    inbox.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }

        @Override
        public void close() {
            closed = true;
            List<CompletableFuture<?>> polling;
            synchronized (inbox) {
                polling = List.copyOf(pending);
                pending.clear();
            }
            polling.forEach(f -> f.cancel(true));
        }

        @Override
        public String toString() {
            return "HTTP";
        }
    }
}
