package io.webfon.it.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;

/** Builders for Janus API requests used across the integration tests. */
public final class Requests {
    private Requests() {
    }

    public static ObjectNode of(String verb) {
        ObjectNode r = Json.object();
        r.put("janus", verb);
        r.put("transaction", JanusWsClient.tx());
        return r;
    }

    public static ObjectNode session(String verb, long sessionId) {
        ObjectNode r = of(verb);
        r.put("session_id", sessionId);
        return r;
    }

    public static ObjectNode handle(String verb, long sessionId, long handleId) {
        ObjectNode r = session(verb, sessionId);
        r.put("handle_id", handleId);
        return r;
    }

    public static ObjectNode attach(long sessionId, String plugin) {
        ObjectNode r = session("attach", sessionId);
        r.put("plugin", plugin);
        return r;
    }

    public static ObjectNode message(long sessionId, long handleId, ObjectNode body) {
        ObjectNode r = handle("message", sessionId, handleId);
        r.set("body", body);
        return r;
    }
}
