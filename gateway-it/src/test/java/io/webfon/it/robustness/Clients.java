package io.webfon.it.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JDK {@link HttpClient} for all the HTTP and WebSocket traffic of a test class, running on a small fixed
 * pool of daemon threads that exists before the thread baseline is taken. The support clients make a new
 * {@code HttpClient} (with its own selector and cached worker threads) per connection, whose threads linger
 * until garbage collection; with one shared client the JVM's thread count measures the node, not the clients.
 */
final class Clients implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor pool;
    private final HttpClient http;

    Clients(int threads) {
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "it-clients-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.prestartAllCoreThreads();
        // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every new connection.
        http = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient http() {
        return http;
    }

    /** An HTTP answer as received: status, body text and content type (empty when absent). */
    record Reply(int status, String body, String contentType) {
        /** The body as JSON, or {@code null} when it is not JSON at all. */
        JsonNode json() {
            try {
                return body.isEmpty() ? null : Json.parse(body);
            } catch (Exception e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " [" + contentType + "] " + Fuzz.shorten(body);
        }
    }

    Reply post(URI uri, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    Reply post(URI uri, String body) throws Exception {
        return post(uri, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    Reply get(URI uri, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    CompletableFuture<Reply> getAsync(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Clients::reply);
    }

    Reply send(HttpRequest request) throws Exception {
        return reply(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply reply(HttpResponse<String> r) {
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    RawWs ws(URI uri, String protocol, Map<String, String> headers) throws Exception {
        return RawWs.connect(http, uri, protocol, headers);
    }

    RawWs ws(URI uri) throws Exception {
        return ws(uri, "janus-protocol", Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
