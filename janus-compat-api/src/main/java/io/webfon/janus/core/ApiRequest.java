package io.webfon.janus.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.janus.transport.ClientInfo;
import io.webfon.janus.transport.TransportSession;
import java.util.Locale;

/**
 * One request of the Janus or admin API after its envelope was read: the {@code janus} verb (as sent, and
 * lower-cased, since Janus matches verbs ignoring case), transaction and ids.
 *
 * @param handleGiven whether the request names a handle at all, even an invalid one (Janus treats
 *     {@code "handle_id": 0} and {@code "handle_id": "x"} as "handle not found", not as "no handle")
 */
record ApiRequest(TransportSession transport, ClientInfo client, JsonNode root, String verbText,
        String transaction, long sessionId, long handleId, boolean handleGiven) {

    String verb() {
        return verbText.toLowerCase(Locale.ROOT);
    }

    boolean is(String name) {
        return verbText.equalsIgnoreCase(name);
    }

    String text(String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    /** Janus reads ids as unsigned 64-bit integers; anything but an integer counts as 0. */
    static long id(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.asLong() : 0;
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
