package io.webfon.sercen.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A JSON client of sercen's REST API, as a browser or the admin tool would use it over HTTP. */
public final class RestClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, JSON body and headers. */
    public record Reply(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param base e.g. {@code http://127.0.0.1:PORT/sercen} */
    public RestClient(String base) {
        this.base = base;
    }

    public static ObjectNode obj(String... keysAndValues) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return o;
    }

    public Reply post(String path, JsonNode body) throws Exception {
        return call("POST", path, body, Map.of());
    }

    public Reply post(String path, JsonNode body, Map<String, String> headers) throws Exception {
        return call("POST", path, body, headers);
    }

    public Reply get(String path, Map<String, String> headers) throws Exception {
        return call("GET", path, null, headers);
    }

    public Reply call(String method, String path, JsonNode body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode parsed = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), parsed, r.headers());
    }

    public Reply callRaw(String method, String path, String rawBody) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()),
                r.headers());
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public static Map<String, String> admin(String secret) {
        return Map.of("X-Admin-Secret", secret);
    }
}
