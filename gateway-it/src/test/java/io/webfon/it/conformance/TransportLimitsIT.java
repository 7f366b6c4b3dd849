package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Size limits of requests ({@code http.max_request_size}, {@code websockets.max_message_size}): an oversized
 * HTTP body gets HTTP 413 with a JSON error, an oversized WebSocket message an error reply on a connection that
 * stays open. Janus has no such settings (its limits come from libmicrohttpd and libwebsockets); these are the
 * node's own, so the error code asserted is Janus's "transport specific" 450.
 */
class TransportLimitsIT {
    private static final int LIMIT = 2048;
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start("http.max_request_size=" + LIMIT, "websockets.max_message_size=" + LIMIT);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A valid {@code ping} request padded with an ignored attribute to about {@code size} bytes. */
    private static String paddedPing(int size) {
        ObjectNode ping = Requests.of("ping");
        int pad = Math.max(0, size - Json.write(ping).length() - 12);
        ping.put("padding", "x".repeat(pad));
        return Json.write(ping);
    }

    @Test
    void httpBodyOverTheLimitIs413WithAJsonError() throws Exception {
        JanusHttpClient http = new JanusHttpClient(node.httpUri());
        HttpResponse<String> big = http.post("", paddedPing(2 * LIMIT));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = Json.parse(big.body());
        Replies.assertErrorCode(error, 450);
        assertThat(error.at("/error/reason").asText()).contains(String.valueOf(LIMIT));
        HttpResponse<String> small = http.post("", paddedPing(LIMIT - 100));
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(Json.parse(small.body()).path("janus").asText()).isEqualTo("pong");
    }

    @Test
    void webSocketMessageOverTheLimitGetsAnErrorAndTheConnectionStays() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = Replies.successId(ws.call(Requests.of("create")));
            JsonNode error = ws.callRaw(paddedPing(2 * LIMIT));
            Replies.assertErrorCode(error, 450);
            assertThat(error.at("/error/reason").asText()).contains(String.valueOf(LIMIT));
            JsonNode pong = ws.callRaw(paddedPing(LIMIT - 100));
            Replies.assertKind(pong, "pong");
            Replies.assertKind(ws.call(Requests.session("keepalive", session)), "ack");
            assertThat(ws.isClosed()).isFalse();
        }
    }
}
