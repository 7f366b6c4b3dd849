package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code general.reclaim_session_timeout}: the sessions of a closed WebSocket wait that long for a
 * {@code claim} from another connection, and are destroyed with their handles if nobody claims them (janus.c
 * {@code janus_transport_gone} and the sessions watchdog).
 */
class ReclaimIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern WS_CLIENTS = Pattern.compile("\\bws_clients=(\\d+)");
    private static TestNode node;
    private static AdminChannel admin;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start("general.reclaim_session_timeout=2");
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

    /** The WebSocket connections the node holds, from its status report. */
    private static int webSocketClients() {
        Matcher m = WS_CLIENTS.matcher(node.node().statusReport());
        assertThat(m.find()).as("ws_clients in the status report").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void sessionOfAClosedConnectionCanBeClaimed() throws Exception {
        long session;
        long handle;
        try (JanusWsClient first = JanusWsClient.connect(node.wsUri())) {
            session = Replies.successId(first.call(Requests.of("create")));
            handle = Replies.successId(first.call(Requests.attach(session, "janus.plugin.echotest")));
        }
        Poll.until("the node has handled the close", () -> webSocketClients() == 0);
        try (JanusWsClient second = JanusWsClient.connect(node.wsUri())) {
            Replies.assertKind(second.call(Requests.session("claim", session)), "success");
            Replies.assertKind(second.call(Requests.message(session, handle, Json.object().put("video", true))),
                    "ack");
            assertThat(second.awaitEvent("event", WAIT).path("sender").asLong()).isEqualTo(handle);
            assertThat(admin.handles(session)).containsExactly(handle);
        }
    }

    @Test
    void unclaimedSessionIsDestroyedAfterTheReclaimTimeout() throws Exception {
        long claimed;
        long unclaimed;
        try (JanusWsClient second = JanusWsClient.connect(node.wsUri())) {
            try (JanusWsClient first = JanusWsClient.connect(node.wsUri())) {
                claimed = Replies.successId(first.call(Requests.of("create")));
                unclaimed = Replies.successId(first.call(Requests.of("create")));
                Replies.successId(first.call(Requests.attach(unclaimed, "janus.plugin.echotest")));
            }
            Poll.until("the node has handled the close", () -> webSocketClients() == 1);
            Replies.assertKind(second.call(Requests.session("claim", claimed)), "success");
            Poll.until("the unclaimed session is destroyed", WAIT, () -> !admin.sessions().contains(unclaimed));
            assertThat(admin.sessions()).containsExactly(claimed);
            Poll.until("the node holds no handle", () -> node.node().core().registry().handleCount() == 0);
            Replies.assertKind(second.call(Requests.session("keepalive", claimed)), "ack");
        }
    }
}
