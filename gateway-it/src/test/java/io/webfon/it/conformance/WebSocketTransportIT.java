package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket transport as Janus's janus_websockets.c serves it: the {@code janus-protocol} and
 * {@code janus-admin-protocol} subprotocols, and several JSON requests concatenated in one message, each
 * answered in order.
 */
class WebSocketTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void apiSubprotocolIsJanusProtocol() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            assertThat(ws.subprotocol()).isEqualTo("janus-protocol");
            Replies.assertKind(ws.call(Requests.of("ping")), "pong");
        }
    }

    @Test
    void adminSubprotocolIsJanusAdminProtocol() throws Exception {
        try (JanusWsClient admin = JanusWsClient.connectAdmin(node.adminWsUri())) {
            assertThat(admin.subprotocol()).isEqualTo("janus-admin-protocol");
            Replies.assertKind(admin.call(Requests.of("list_sessions")), "success");
            Replies.assertKind(admin.call(Requests.of("get_status")), "success");
        }
    }

    @Test
    void concatenatedRequestsInOneMessageAreEachAnsweredInOrder() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            ws.sendText("{\"janus\":\"ping\",\"transaction\":\"cat-1\"}{\"janus\":\"info\",\"transaction\":"
                    + "\"cat-2\"}\n  {\"janus\":\"create\",\"transaction\":\"cat-3\"}");
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonNode reply = ws.next(WAIT);
                order.add(reply.path("transaction").asText() + ":" + reply.path("janus").asText());
            }
            assertThat(order).containsExactly("cat-1:pong", "cat-2:server_info", "cat-3:success");
        }
    }

    @Test
    void concatenatedRequestsMayActOnEachOthersResults() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = Replies.successId(ws.call(Requests.of("create")));
            String attach = Json.write(Requests.attach(session, "janus.plugin.echotest").put("transaction", "a1"));
            String keepalive = Json.write(Requests.session("keepalive", session).put("transaction", "k1"));
            String destroy = Json.write(Requests.session("destroy", session).put("transaction", "d1"));
            ws.sendText(attach + keepalive + destroy);
            Replies.assertKind(ws.next(WAIT), "success");
            Replies.assertKind(ws.next(WAIT), "ack");
            JsonNode destroyed = ws.next(WAIT);
            Replies.assertKind(destroyed, "success");
            assertThat(destroyed.path("transaction").asText()).isEqualTo("d1");
        }
    }
}
