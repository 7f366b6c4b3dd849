package io.webfon.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A scripted conversation, read from {@code conversations/*.json} (test resources). The format:
 *
 * <pre>
 * { "description": "...", "config": "default",      // a key of conversations/configs.json
 *   "transports": ["ws", "http"],                   // optional: both by default
 *   "steps": [ {
 *     "step": "attach",                             // unique name, used in diffs and KnownDifferences
 *     "api": "janus",                               // or "admin"
 *     "send": {"janus": "attach", "session_id": "$S1", "plugin": "janus.plugin.echotest"},
 *     "raw": "text",                                // instead of send: sent as is (WebSocket frame / POST body)
 *     "receive": 1,                                 // messages this step yields: reply + events (default 1)
 *     "as": "$H1",                                  // records the reply's data.id under this symbol
 *     "conn": "b",                                  // WebSocket connection (default "main", admin: "admin")
 *     "only": "ws",                                 // runs over this transport only
 *     "http": {"method": "GET", "path": "/info"},   // HTTP request instead of the POST the ids imply
 *     "poll": "$S1",                                // HTTP: whose long poll carries the events (default session_id)
 *     "drop_foreign": ["/sessions"],                // arrays where ids of other conversations are dropped
 *     "racy": ["detached"],                         // kinds Janus may or may not send here: ignored on both sides
 *     "wait_seconds": 10 } ] }                      // bound on waiting for this step's messages
 * </pre>
 *
 * <p>In {@code send}, the string {@code "$S1"} stands for the id recorded as {@code $S1}, {@code "$new:S2"}
 * mints a fresh random id and records it as {@code $S2}, and {@code "$omit"} removes the member. A
 * {@code transaction} is added unless the request has one. A step with neither {@code send} nor {@code raw}
 * just waits for its messages (a timeout event, say).
 */
record Conversation(String name, String description, String config, Set<String> transports, List<Step> steps) {

    static final String WS = "ws";
    static final String HTTP = "http";

    /** One request and the messages it yields. */
    record Step(String name, String api, ObjectNode send, String raw, int receive, String as, String conn,
            String only, String httpMethod, String httpPath, String poll, List<String> dropForeign,
            List<String> racy, int waitSeconds) {

        boolean admin() {
            return "admin".equals(api);
        }

        boolean runsOver(String transport) {
            return only == null || only.equals(transport);
        }

        /** Whether a message is of a kind Janus sends or not depending on thread timing, at this step. */
        boolean racy(JsonNode message) {
            return racy.contains(message.path("janus").asText());
        }

        String connection() {
            return conn != null ? conn : admin() ? "admin" : "main";
        }
    }

    boolean runsOver(String transport) {
        return transports.contains(transport);
    }

    /** Every conversation in a resource folder (not its subfolders), sorted by name; none if it is absent. */
    static List<Conversation> loadAll(String folder) {
        URL dir = Conversation.class.getResource(folder);
        if (dir == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("configs.json"))
                    .sorted()
                    .map(Conversation::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode resource(String path) {
        try (InputStream in = Conversation.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(path, e);
        }
    }

    static Conversation load(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("conversation " + name + " is not valid JSON", e);
        }
        Set<String> transports = new HashSet<>();
        if (root.has("transports")) {
            root.get("transports").forEach(t -> transports.add(t.asText()));
        } else {
            transports.addAll(List.of(WS, HTTP));
        }
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode s : root.path("steps")) {
            Step step = step(s);
            if (!names.add(step.name())) {
                throw new IllegalStateException(name + ": duplicate step name '" + step.name() + "'");
            }
            steps.add(step);
        }
        return new Conversation(name, root.path("description").asText(""), root.path("config").asText("default"),
                Set.copyOf(transports), List.copyOf(steps));
    }

    private static Step step(JsonNode s) {
        List<String> drop = new ArrayList<>();
        s.path("drop_foreign").forEach(p -> drop.add(p.asText()));
        List<String> racy = new ArrayList<>();
        s.path("racy").forEach(k -> racy.add(k.asText()));
        JsonNode send = s.get("send");
        return new Step(s.path("step").asText(), s.path("api").asText("janus"),
                send instanceof ObjectNode o ? o : null, text(s, "raw"), s.path("receive").asInt(1), text(s, "as"),
                text(s, "conn"), text(s, "only"), s.path("http").path("method").asText("POST"),
                text(s.path("http"), "path"), text(s, "poll"), List.copyOf(drop), List.copyOf(racy),
                s.path("wait_seconds").asInt(10));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
