package io.webfon.it.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A client of the admin API over HTTP ({@code POST /admin}) or WebSocket ({@code janus-admin-protocol}), which
 * adds the {@code admin_secret} when it was given one. Also the tests' view of the node's state:
 * {@link #sessions()} and {@link #handles(long)}.
 */
final class AdminChannel implements AutoCloseable {

    /** The transports the admin API is served on. */
    enum Via {
        HTTP, WEBSOCKET;

        AdminChannel open(TestNode node) throws Exception {
            return open(node, null);
        }

        AdminChannel open(TestNode node, String secret) throws Exception {
            return this == HTTP ? new AdminChannel(new JanusHttpClient(node.adminHttpUri()), null, secret)
                    : new AdminChannel(null, JanusWsClient.connectAdmin(node.adminWsUri()), secret);
        }
    }

    private final JanusHttpClient http;
    private final JanusWsClient ws;
    private final String secret;

    private AdminChannel(JanusHttpClient http, JanusWsClient ws, String secret) {
        this.http = http;
        this.ws = ws;
        this.secret = secret;
    }

    /** Sends an admin request as it is, with no secret added. */
    ObjectNode callBare(ObjectNode request) throws Exception {
        return ws != null ? ws.call(request) : http.call("", request);
    }

    /** Sends an admin request, with the {@code admin_secret} this channel holds (if any). */
    ObjectNode call(ObjectNode request) throws Exception {
        if (secret != null && !request.has("admin_secret")) {
            request.put("admin_secret", secret);
        }
        return callBare(request);
    }

    ObjectNode call(String verb) throws Exception {
        return call(Requests.of(verb));
    }

    /** The ids {@code list_sessions} reports. */
    Set<Long> sessions() throws Exception {
        JsonNode reply = call(Requests.of("list_sessions"));
        Replies.assertKind(reply, "success");
        return ids(reply.path("sessions"));
    }

    /** The ids {@code list_handles} reports for a session that must exist. */
    Set<Long> handles(long sessionId) throws Exception {
        JsonNode reply = call(Requests.session("list_handles", sessionId));
        Replies.assertKind(reply, "success");
        return ids(reply.path("handles"));
    }

    /** Destroys every session, so that a test starts from an empty node. */
    void destroyAllSessions() throws Exception {
        for (long id : sessions()) {
            call(Requests.session("destroy_session", id));
        }
    }

    JanusWsClient webSocket() {
        return ws;
    }

    private static Set<Long> ids(JsonNode array) {
        Set<Long> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asLong()));
        return out;
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.close();
        }
    }

    @Override
    public String toString() {
        return ws != null ? "admin WebSocket" : "admin HTTP";
    }
}
