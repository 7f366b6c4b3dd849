package io.webfon.janus.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builders for the messages of the Janus API, with Janus's field order: {@code janus}, {@code session_id},
 * {@code transaction}, then the rest. Field order is not semantic in JSON, but identical order keeps logs and
 * captures of our node and of Janus easy to compare.
 */
public final class Messages {
    private Messages() {
    }

    /**
     * A message of the given kind. Like Janus's {@code janus_create_message}, the session id is only written
     * when non-zero and the transaction only when present.
     */
    public static ObjectNode create(String kind, long sessionId, String transaction) {
        ObjectNode msg = Json.object();
        msg.put("janus", kind);
        if (sessionId != 0) {
            msg.put("session_id", sessionId);
        }
        if (transaction != null) {
            msg.put("transaction", transaction);
        }
        return msg;
    }

    public static ObjectNode error(long sessionId, String transaction, JanusError error, String reason) {
        ObjectNode msg = create("error", sessionId, transaction);
        ObjectNode body = msg.putObject("error");
        body.put("code", error.code());
        body.put("reason", reason == null ? error.defaultReason() : reason);
        return msg;
    }

    public static ObjectNode error(long sessionId, String transaction, JanusException e) {
        return error(sessionId, transaction, e.error(), e.reason());
    }

    /** An event sent by the core about a handle: {@code webrtcup}, {@code hangup}, {@code detached}, ... */
    public static ObjectNode handleEvent(String kind, long sessionId, long handleId, String opaqueId) {
        ObjectNode msg = create(kind, sessionId, null);
        msg.put("sender", handleId);
        if (opaqueId != null) {
            msg.put("opaque_id", opaqueId);
        }
        return msg;
    }
}
