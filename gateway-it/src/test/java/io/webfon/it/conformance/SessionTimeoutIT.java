package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Session timeouts as Janus's sessions watchdog applies them (janus.c {@code janus_check_sessions}): an idle
 * session ends with a {@code {"janus":"timeout","session_id":S}} event to its connection (or its waiting long
 * poll) and its handles are released; any request keeps a session alive; a per-session timeout of 0 never
 * expires. No test measures time: each waits, within a generous bound, for the event, and uses a second
 * session as the witness that the watchdog has run.
 */
class SessionTimeoutIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ECHOTEST = "janus.plugin.echotest";

    private static JsonNode timeoutEvent(long session) throws Exception {
        return Json.parse("{\"janus\":\"timeout\",\"session_id\":" + session + "}");
    }

    @Test
    void sessionTimeoutSendsTimeoutEventAndFreesHandles() throws Exception {
        try (TestNode node = TestNode.start("general.session_timeout=1");
                JanusWsClient ws = JanusWsClient.connect(node.wsUri());
                AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            long session = Replies.successId(ws.call(Requests.of("create")));
            Replies.successId(ws.call(Requests.attach(session, ECHOTEST)));
            Replies.successId(ws.call(Requests.attach(session, ECHOTEST)));
            JsonNode timeout = ws.await(Poll.kind("timeout", session), WAIT);
            assertThat(timeout).isEqualTo(timeoutEvent(session));
            assertThat(admin.sessions()).isEmpty();
            assertError(admin.call(Requests.session("list_handles", session)), 458, "No such session " + session);
            Poll.until("the node holds no handle", () -> node.node().core().registry().handleCount() == 0);
            assertError(ws.call(Requests.session("keepalive", session)), 458, "No such session " + session);
        }
    }

    @Test
    void waitingLongPollReceivesTheTimeoutEvent() throws Exception {
        try (TestNode node = TestNode.start("general.session_timeout=1");
                AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            JanusHttpClient http = new JanusHttpClient(node.httpUri());
            long session = Replies.successId(http.call("", Requests.of("create")));
            http.call("/" + session, Requests.attach(session, ECHOTEST));
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode event;
            do {
                assertThat(System.nanoTime() - deadline).as("no timeout event within %s", WAIT).isNegative();
                // A long poll counts as activity once, when it starts; the session then idles while it waits.
                event = http.poll(session, 1);
            } while (!"timeout".equals(event.path("janus").asText()));
            assertThat(event).isEqualTo(timeoutEvent(session));
            assertThat(admin.sessions()).isEmpty();
            assertThat(http.get("/" + session).statusCode()).isEqualTo(404);
        }
    }

    /**
     * The kept session is created first, so without its keepalives it would expire no later than the idle
     * one; it must outlive it.
     */
    @Test
    void keepaliveKeepsASessionAlive() throws Exception {
        try (TestNode node = TestNode.start("general.session_timeout=2");
                JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long kept = Replies.successId(ws.call(Requests.of("create")));
            long idle = Replies.successId(ws.call(Requests.of("create")));
            Optional<JsonNode> idleTimeout = Optional.empty();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (idleTimeout.isEmpty()) {
                assertThat(System.nanoTime() - deadline).as("the idle session never timed out").isNegative();
                Replies.assertKind(ws.call(Requests.session("keepalive", kept)), "ack");
                idleTimeout = Poll.maybe(ws, Poll.kind("timeout", idle), Duration.ofMillis(250));
            }
            Replies.assertKind(ws.call(Requests.session("keepalive", kept)), "ack");
            assertThat(ws.drain()).as("no timeout for the kept session").noneMatch(Poll.kind("timeout")::test);
        }
    }

    @Test
    void perSessionTimeoutZeroNeverExpires() throws Exception {
        try (TestNode node = TestNode.start("general.session_timeout=1");
                JanusWsClient ws = JanusWsClient.connect(node.wsUri());
                AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            long forever = Replies.successId(ws.call(Requests.of("create")));
            Replies.assertKind(admin.call(Requests.session("set_session_timeout", forever).put("timeout", 0)),
                    "success");
            long idle = Replies.successId(ws.call(Requests.of("create")));
            ws.await(Poll.kind("timeout", idle), WAIT);
            assertThat(admin.sessions()).containsExactly(forever);
            Replies.assertKind(ws.call(Requests.session("keepalive", forever)), "ack");
        }
    }

    @Test
    void adminPerSessionTimeoutExpiresThatSessionOnly() throws Exception {
        try (TestNode node = TestNode.start();
                JanusWsClient ws = JanusWsClient.connect(node.wsUri());
                AdminChannel admin = AdminChannel.Via.WEBSOCKET.open(node)) {
            long shortLived = Replies.successId(ws.call(Requests.of("create")));
            long other = Replies.successId(ws.call(Requests.of("create")));
            Replies.assertKind(admin.call(Requests.session("set_session_timeout", shortLived).put("timeout", 1)),
                    "success");
            assertThat(ws.await(Poll.kind("timeout", shortLived), WAIT)).isEqualTo(timeoutEvent(shortLived));
            assertThat(admin.sessions()).containsExactly(other);
        }
    }

    @Test
    void adminGlobalTimeoutAppliesToExistingSessions() throws Exception {
        try (TestNode node = TestNode.start();
                JanusWsClient ws = JanusWsClient.connect(node.wsUri());
                AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            long session = Replies.successId(ws.call(Requests.of("create")));
            Replies.assertKind(admin.call(Requests.of("set_session_timeout").put("timeout", 1)), "success");
            assertThat(ws.await(Poll.kind("timeout", session), WAIT)).isEqualTo(timeoutEvent(session));
            assertThat(admin.sessions()).isEmpty();
        }
    }
}
