package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.janus.protocol.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two transcripts of one conversation field by field. Within a step, order does not count (Janus
 * itself may send an event before the ack of the request that caused it): messages are paired by kind
 * ({@code janus}), transaction, sender and where they arrived, and in arrival order among equals.
 */
final class Comparison {

    /** One field that differs; {@code janus} or {@code ours} is null where the field (or message) is absent. */
    record Difference(String conversation, String transport, String step, String message, String pointer,
            JsonNode janus, JsonNode ours) {

        String describe() {
            return conversation + " [" + transport + "] step '" + step + "' " + message + " "
                    + (pointer.isEmpty() ? "(whole message)" : pointer) + ": janus=" + show(janus)
                    + " ours=" + show(ours);
        }

        private static String show(JsonNode v) {
            if (v == null) {
                return "(absent)";
            }
            String text = Json.write(v);
            return text.length() > 400 ? text.substring(0, 400) + "..." : text;
        }
    }

    private Comparison() {
    }

    static List<Difference> compare(String conversation, String transport, ConversationRunner.Transcript janus,
            ConversationRunner.Transcript ours) {
        List<Difference> out = new ArrayList<>();
        Set<String> steps = new LinkedHashSet<>(janus.steps().keySet());
        steps.addAll(ours.steps().keySet());
        for (String step : steps) {
            Map<String, List<JsonNode>> a = byKey(janus.steps().getOrDefault(step, List.of()));
            Map<String, List<JsonNode>> b = byKey(ours.steps().getOrDefault(step, List.of()));
            Set<String> keys = new LinkedHashSet<>(a.keySet());
            keys.addAll(b.keySet());
            for (String key : keys) {
                List<JsonNode> x = a.getOrDefault(key, List.of());
                List<JsonNode> y = b.getOrDefault(key, List.of());
                for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                    JsonNode left = i < x.size() ? x.get(i) : null;
                    JsonNode right = i < y.size() ? y.get(i) : null;
                    Context ctx = new Context(conversation, transport, step, key, out);
                    if (left == null || right == null) {
                        ctx.add("", left, right);
                    } else {
                        diff(ctx, "", left, right);
                    }
                }
            }
        }
        return out;
    }

    private record Context(String conversation, String transport, String step, String message,
            List<Difference> out) {
        void add(String pointer, JsonNode janus, JsonNode ours) {
            out.add(new Difference(conversation, transport, step, message, pointer, janus, ours));
        }
    }

    /** How messages pair up: kind, transaction, sender and arrival place. */
    static String key(JsonNode m) {
        StringBuilder k = new StringBuilder(m.path("janus").asText(m.has("http_status") ? "http" : "?"));
        if (m.has("transaction")) {
            k.append(" tx=").append(m.get("transaction").asText());
        }
        if (m.has("sender")) {
            k.append(" sender=").append(m.get("sender").asText());
        }
        return k.append(" via=").append(m.path(Exchange.VIA).asText()).toString();
    }

    private static Map<String, List<JsonNode>> byKey(List<JsonNode> messages) {
        Map<String, List<JsonNode>> map = new LinkedHashMap<>();
        for (JsonNode m : messages) {
            map.computeIfAbsent("[" + key(m) + "]", k -> new ArrayList<>()).add(m);
        }
        return map;
    }

    private static void diff(Context ctx, String pointer, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Set<String> fields = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(fields::add);
            b.fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                String p = pointer + "/" + f.replace("~", "~0").replace("/", "~1");
                JsonNode x = a.get(f);
                JsonNode y = b.get(f);
                if (x == null || y == null) {
                    ctx.add(p, x, y);
                } else {
                    diff(ctx, p, x, y);
                }
            }
        } else if (a.isArray() && b.isArray()) {
            Iterator<JsonNode> x = a.elements();
            Iterator<JsonNode> y = b.elements();
            int i = 0;
            while (x.hasNext() || y.hasNext()) {
                JsonNode l = x.hasNext() ? x.next() : null;
                JsonNode r = y.hasNext() ? y.next() : null;
                if (l == null || r == null) {
                    ctx.add(pointer + "/" + i, l, r);
                } else {
                    diff(ctx, pointer + "/" + i, l, r);
                }
                i++;
            }
        } else if (!same(a, b)) {
            ctx.add(pointer, a, b);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
