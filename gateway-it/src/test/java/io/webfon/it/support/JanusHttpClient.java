package io.webfon.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain Janus client over HTTP (the JDK's client): raw POSTs and GETs, and JSON helpers on top. */
public final class JanusHttpClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public JanusHttpClient(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    private URI at(String path) {
        return URI.create(base + path);
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(at(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(at(pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a request (adding a transaction if missing) and parses the JSON reply. */
    public ObjectNode call(String path, ObjectNode request) throws Exception {
        if (!request.has("transaction")) {
            request.put("transaction", JanusWsClient.tx());
        }
        HttpResponse<String> r = post(path, Json.write(request));
        if (r.statusCode() != 200) {
            throw new AssertionError("HTTP " + r.statusCode() + " for " + request + ": " + r.body());
        }
        return (ObjectNode) Json.parse(r.body());
    }

    public JsonNode poll(long sessionId, int maxev) throws Exception {
        HttpResponse<String> r = get("/" + sessionId + "?maxev=" + maxev + "&rid=" + System.nanoTime());
        if (r.statusCode() != 200) {
            throw new AssertionError("long poll HTTP " + r.statusCode() + ": " + r.body());
        }
        return Json.parse(r.body());
    }
}
