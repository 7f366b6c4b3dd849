package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs steps over WebSocket: one connection per name ({@code main}, {@code admin}, or a step's {@code conn}),
 * opened on first use. A step's messages are gathered from every connection until the step's count is
 * reached; then a {@code ping} on each connection, answered in order after anything already queued for it,
 * catches messages a server sent beyond the expected count.
 */
final class WsExchange implements Exchange {
    private static final Duration SLICE = Duration.ofMillis(20);
    private static final Duration BARRIER_WAIT = Duration.ofSeconds(10);

    private final Endpoints endpoints;
    private final Map<String, JanusWsClient> connections = new LinkedHashMap<>();
    private int barriers;

    WsExchange(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public List<JsonNode> exchange(Conversation.Step step, ObjectNode request, Symbols symbols) {
        List<JsonNode> got = new ArrayList<>();
        try {
            JanusWsClient target = connection(step.connection(), step.admin());
            String text = request != null ? Json.write(request) : step.raw();
            if (text != null) {
                target.sendText(text);
            }
            collect(step, got, Duration.ofSeconds(step.waitSeconds()));
            barrier(got);
        } catch (Exception e) {
            got.add(Json.object().put("@error", e.toString()));
        }
        return got;
    }

    private JanusWsClient connection(String name, boolean admin) throws Exception {
        JanusWsClient c = connections.get(name);
        if (c == null) {
            c = admin ? JanusWsClient.connectAdmin(endpoints.adminWs()) : JanusWsClient.connect(endpoints.ws());
            connections.put(name, c);
        }
        return c;
    }

    /** Gathers messages from every connection until the step's count (racy kinds not counted) is reached. */
    private void collect(Conversation.Step step, List<JsonNode> got, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        int counted = 0;
        while (counted < step.receive() && System.nanoTime() < deadline) {
            for (Map.Entry<String, JanusWsClient> c : connections.entrySet()) {
                JsonNode m = poll(c.getValue(), SLICE);
                if (m != null) {
                    got.add(via(m, c.getKey()));
                    counted += step.racy(m) ? 0 : 1;
                }
            }
        }
    }

    /** Sends a ping on every open connection and keeps whatever arrives before its pong. */
    private void barrier(List<JsonNode> got) throws Exception {
        for (Map.Entry<String, JanusWsClient> c : connections.entrySet()) {
            JanusWsClient client = c.getValue();
            if (client.isClosed()) {
                continue;
            }
            String tx = "barrier-" + (++barriers);
            client.sendText(Json.write(Json.object().put("janus", "ping").put("transaction", tx)));
            long deadline = System.nanoTime() + BARRIER_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode m = poll(client, SLICE);
                if (m == null) {
                    continue;
                }
                if ("pong".equals(m.path("janus").asText()) && tx.equals(m.path("transaction").asText())) {
                    break;
                }
                got.add(via(m, c.getKey()));
            }
        }
    }

    private static JsonNode poll(JanusWsClient client, Duration wait) {
        try {
            return client.await(m -> true, wait);
        } catch (AssertionError | InterruptedException nothingYet) {
            return null;
        }
    }

    static JsonNode via(JsonNode message, String where) {
        ObjectNode tagged = message instanceof ObjectNode o ? o.deepCopy() : Json.object().set("@value", message);
        tagged.put(VIA, where);
        return tagged;
    }

    @Override
    public void close() {
        connections.values().forEach(JanusWsClient::close);
        connections.clear();
    }
}
