package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which connection a session belongs to, and how handles end, with {@code reclaim_session_timeout=0} (Janus's
 * default): {@code claim} moves a session's events to the claiming connection (janus.c "claim"), closing a
 * connection destroys the sessions it still owns ({@code janus_transport_gone}), {@code detach} answers success
 * then {@code detached}, and {@code hangup} makes echotest report {@code done} once.
 */
class SessionOwnershipIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ECHOTEST = "janus.plugin.echotest";
    private static TestNode node;
    private static AdminChannel admin;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start();
        admin = AdminChannel.Via.HTTP.open(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        admin.destroyAllSessions();
    }

    private static long create(JanusWsClient ws) throws Exception {
        return Replies.successId(ws.call(Requests.of("create")));
    }

    private static long attach(JanusWsClient ws, long session) throws Exception {
        return Replies.successId(ws.call(Requests.attach(session, ECHOTEST)));
    }

    private static ObjectNode echoMessage(long session, long handle) {
        return Requests.message(session, handle, Json.object().put("audio", true));
    }

    @Test
    void claimMovesTheSessionsEventsToTheClaimingConnection() throws Exception {
        try (JanusWsClient first = JanusWsClient.connect(node.wsUri());
                JanusWsClient second = JanusWsClient.connect(node.wsUri())) {
            long session = create(first);
            long handle = attach(first, session);
            ObjectNode claim = Requests.session("claim", session);
            JsonNode claimed = second.call(claim);
            Replies.assertKind(claimed, "success");
            Replies.assertSession(claimed, session);
            Replies.assertTransaction(claimed, claim);
            // The reply goes to the connection that asked, the plugin's event to the session's owner.
            ObjectNode msg = echoMessage(session, handle);
            Replies.assertKind(first.call(msg), "ack");
            JsonNode event = second.awaitEvent("event", WAIT);
            assertThat(event.path("transaction").asText()).isEqualTo(msg.get("transaction").asText());
            new ApiChannel.Ws(first).assertUsable();
            assertThat(first.drain()).as("events left on the first connection").noneMatch(Poll.kind("event")::test);
            // Claiming again from the owner is a no-op success.
            Replies.assertKind(second.call(Requests.session("claim", session)), "success");
        }
    }

    /** A claim over HTTP moves the session's events from the WebSocket to the HTTP long polls. */
    @Test
    void claimOverHttpMovesTheEventsToLongPolls() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = create(ws);
            long handle = attach(ws, session);
            JanusHttpClient http = new JanusHttpClient(node.httpUri());
            Replies.assertKind(http.call("/" + session, Requests.of("claim")), "success");
            ObjectNode msg = echoMessage(session, handle);
            Replies.assertKind(ws.call(msg), "ack");
            JsonNode event = http.poll(session, 1);
            assertThat(event.path("transaction").asText()).isEqualTo(msg.get("transaction").asText());
            new ApiChannel.Ws(ws).assertUsable();
            assertThat(ws.drain()).as("events left on the WebSocket").noneMatch(Poll.kind("event")::test);
        }
    }

    /** The first connection also owns a witness session; once that is gone, its close has been handled. */
    @Test
    void closingTheOriginalConnectionKeepsAClaimedSession() throws Exception {
        try (JanusWsClient second = JanusWsClient.connect(node.wsUri())) {
            long session;
            long handle;
            long witness;
            try (JanusWsClient first = JanusWsClient.connect(node.wsUri())) {
                session = create(first);
                handle = attach(first, session);
                witness = create(first);
                Replies.assertKind(second.call(Requests.session("claim", session)), "success");
            }
            Poll.until("the witness session of the closed connection is destroyed",
                    () -> !admin.sessions().contains(witness));
            assertThat(admin.sessions()).containsExactly(session);
            assertThat(admin.handles(session)).containsExactly(handle);
            Replies.assertKind(second.call(echoMessage(session, handle)), "ack");
            assertThat(second.awaitEvent("event", WAIT).at("/plugindata/data/result").asText()).isEqualTo("ok");
        }
    }

    @Test
    void closingAConnectionDestroysItsSessionsAndHandles() throws Exception {
        long first;
        long second;
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            first = create(ws);
            attach(ws, first);
            second = create(ws);
            attach(ws, second);
            assertThat(admin.sessions()).containsExactlyInAnyOrder(first, second);
        }
        Poll.until("the closed connection's sessions are destroyed", () -> admin.sessions().isEmpty());
        Poll.until("the node holds no handle", () -> node.node().core().registry().handleCount() == 0);
    }

    @Test
    void detachAnswersSuccessThenDetached() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = create(ws);
            long handle = attach(ws, session);
            ObjectNode detach = Requests.handle("detach", session, handle);
            ws.sendText(Json.write(detach));
            List<JsonNode> seen = new ArrayList<>();
            JsonNode m;
            do {
                m = ws.next(WAIT);
                seen.add(m);
            } while (!"detached".equals(m.path("janus").asText()));
            Replies.assertKind(seen.get(0), "success");
            Replies.assertTransaction(seen.get(0), detach);
            assertThat(m.path("session_id").asLong()).isEqualTo(session);
            assertThat(m.path("sender").asLong()).isEqualTo(handle);
            assertThat(admin.handles(session)).isEmpty();
            Replies.assertError(ws.call(Requests.handle("detach", session, handle)), 459,
                    "No such handle " + handle + " in session " + session);
        }
    }

    /** Janus 1.1.2 tells the plugin of a hangup once per PeerConnection: a second hangup sends nothing. */
    @Test
    void hangupAnswersSuccessAndEchotestReportsDoneOnce() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = create(ws);
            long handle = attach(ws, session);
            Replies.assertKind(ws.call(Requests.handle("hangup", session, handle)), "success");
            JsonNode done = ws.awaitEvent("event", WAIT);
            assertThat(done.path("sender").asLong()).isEqualTo(handle);
            assertThat(done.path("plugindata")).isEqualTo(Json.parse(
                    "{\"plugin\":\"janus.plugin.echotest\",\"data\":{\"echotest\":\"event\",\"result\":\"done\"}}"));
            assertThat(done.has("transaction")).isFalse();
            Replies.assertKind(ws.call(Requests.handle("hangup", session, handle)), "success");
            // Events caused by a request are sent right after its reply: after this pong none can follow.
            new ApiChannel.Ws(ws).assertUsable();
            assertThat(ws.drain()).as("messages after the second hangup").isEmpty();
            assertThat(admin.handles(session)).containsExactly(handle);
        }
    }
}
