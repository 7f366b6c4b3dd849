package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs steps over HTTP, as janus.js does: a POST to {@code /janus[/session[/handle]]} (or {@code /admin/...})
 * whose reply is the step's first message, then long polls ({@code GET /janus/session?maxev=n}) for the
 * events. Replies that are not HTTP 200 with JSON become {@code {"http_status": .., "body": ..}}.
 */
final class HttpExchange implements Exchange {
    /** Janus answers an idle long poll after 30 s; a step waits that long before calling an event missing. */
    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    private final JanusHttpClient api;
    private final JanusHttpClient admin;
    private String apiSecret;
    private String token;

    HttpExchange(Endpoints endpoints) {
        this.api = new JanusHttpClient(endpoints.http());
        this.admin = new JanusHttpClient(endpoints.adminHttp());
    }

    @Override
    public List<JsonNode> exchange(Conversation.Step step, ObjectNode request, Symbols symbols) {
        List<JsonNode> got = new ArrayList<>();
        try {
            int events = step.receive();
            if (request != null || step.raw() != null || step.httpPath() != null) {
                JsonNode reply = send(step, request, symbols);
                got.add(reply);
                events--;
                rememberCredentials(step, request, reply);
            }
            if (events > 0) {
                poll(step, pollSession(step, request, symbols), events, got);
            }
        } catch (Exception e) {
            got.add(Json.object().put("@error", e.toString()));
        }
        return got;
    }

    private JsonNode send(Conversation.Step step, ObjectNode request, Symbols symbols) throws Exception {
        JanusHttpClient client = step.admin() ? admin : api;
        String path = step.httpPath() != null ? symbols.fillPath(step.httpPath()) : idsPath(request);
        try {
            if ("GET".equals(step.httpMethod())) {
                return message(client.get(path), "get");
            }
            String body = request != null ? Json.write(request) : step.raw() != null ? step.raw() : "";
            return message(client.post(path, body), "post");
        } catch (IOException e) {
            // A server may also answer by closing the connection (Janus does for an empty POST).
            return Json.object().put("http_status", 0).put("body", "connection closed without a response")
                    .put(VIA, "post");
        }
    }

    private static String idsPath(ObjectNode request) {
        if (request == null || !request.path("session_id").isIntegralNumber()) {
            return "";
        }
        String path = "/" + Long.toUnsignedString(request.get("session_id").longValue());
        if (request.path("handle_id").isIntegralNumber()) {
            path += "/" + Long.toUnsignedString(request.get("handle_id").longValue());
        }
        return path;
    }

    /** Long polls need the credentials the requests carry; remember the last ones a server accepted. */
    private void rememberCredentials(Conversation.Step step, ObjectNode request, JsonNode reply) {
        if (step.admin() || request == null || "error".equals(reply.path("janus").asText())) {
            return;
        }
        if (request.path("apisecret").isTextual()) {
            apiSecret = request.get("apisecret").textValue();
        }
        if (request.path("token").isTextual()) {
            token = request.get("token").textValue();
        }
    }

    private static long pollSession(Conversation.Step step, ObjectNode request, Symbols symbols) {
        if (step.poll() != null) {
            Long id = symbols.id(step.poll());
            if (id == null) {
                throw new IllegalStateException("step '" + step.name() + "' polls unknown " + step.poll());
            }
            return id;
        }
        if (request == null || !request.path("session_id").isIntegralNumber()) {
            throw new IllegalStateException("step '" + step.name() + "' expects events but names no session");
        }
        return request.get("session_id").longValue();
    }

    /** Long polls until the step's events (racy kinds not counted) arrived, or a poll comes back empty. */
    private void poll(Conversation.Step step, long session, int events, List<JsonNode> got) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(step.waitSeconds()).plus(LONG_POLL).toNanos();
        int missing = events;
        while (missing > 0 && System.nanoTime() < deadline) {
            String query = "/" + Long.toUnsignedString(session) + "?maxev=" + missing
                    + param("apisecret", apiSecret) + param("token", token);
            JsonNode m = message(api.get(query), "poll");
            List<JsonNode> batch = new ArrayList<>();
            if (m.has("@array")) {
                m.get("@array").forEach(batch::add);
            } else {
                batch.add(m);
            }
            for (JsonNode e : batch) {
                got.add(e);
                missing -= step.racy(e) ? 0 : 1;
                if (e.has("http_status") || "keepalive".equals(e.path("janus").asText())) {
                    return;
                }
            }
        }
    }

    private static String param(String name, String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The reply as a message: JSON objects as they are, arrays (long polls) under @array with each message
     * marked {@code poll[]} (so that an array and a lone object still differ), the rest described.
     */
    private static JsonNode message(HttpResponse<String> response, String via) {
        JsonNode parsed = null;
        try {
            parsed = response.body().isEmpty() ? null : Json.parse(response.body());
        } catch (Exception notJson) {
            parsed = null;
        }
        if (response.statusCode() == 200 && parsed != null && parsed.isObject()) {
            return WsExchange.via(parsed, via);
        }
        if (response.statusCode() == 200 && parsed != null && parsed.isArray()) {
            ObjectNode list = Json.object();
            parsed.forEach(m -> list.withArray("@array").add(WsExchange.via(m, via + "[]")));
            return list;
        }
        ObjectNode described = Json.object();
        described.put("http_status", response.statusCode());
        described.put("body", response.body());
        described.put(VIA, via);
        return described;
    }

    @Override
    public void close() {
        // HTTP holds no connection state; sessions end by request or timeout.
    }
}
