package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertErrorStartsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payloads that are not a JSON object, where the two transports differ as Janus's do: HTTP answers parse
 * errors with {@code "JSON error: ..."} (janus_http.c) and non-objects with 455, WebSocket with
 * {@code "Invalid Janus API request - ..."} (janus.c, from the transport's json_error_t), and hands an array to
 * the core, which finds no {@code transaction} in it (456). Only codes and prefixes are asserted: the rest of
 * the reason is the parser's own text (jansson's in Janus, Jackson's here).
 */
class MalformedPayloadIT {
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

    private static JsonNode postRaw(String body) throws Exception {
        HttpResponse<String> r = new JanusHttpClient(node.httpUri()).post("", body);
        assertThat(r.statusCode()).as("HTTP status: %s", r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.parse(r.body());
    }

    @Test
    void httpInvalidJsonIs454WithJsonErrorReason() throws Exception {
        assertErrorStartsWith(postRaw("{bad json"), 454, "JSON error: on line 1");
        assertThat(admin.sessions()).isEmpty();
    }

    @Test
    void httpArrayBodyIs455NotAnObject() throws Exception {
        assertError(postRaw("[{\"janus\":\"create\",\"transaction\":\"t\"}]"), 455, "JSON error: not an object");
        assertThat(admin.sessions()).isEmpty();
    }

    /** jansson's {@code json_loads} without {@code JSON_DECODE_ANY} refuses a bare value: a parse error. */
    @Test
    void httpScalarBodyIs454ParseError() throws Exception {
        assertErrorStartsWith(postRaw("\"create\""), 454, "JSON error: ");
        assertErrorStartsWith(postRaw("5"), 454, "JSON error: ");
    }

    @Test
    void webSocketInvalidJsonIs454AndConnectionStays() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            JsonNode reply = ws.callRaw("{bad json");
            assertErrorStartsWith(reply, 454, "Invalid Janus API request - ");
            assertThat(reply.has("transaction")).isFalse();
            new ApiChannel.Ws(ws).assertUsable();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    /** One bad request among concatenated ones fails the whole message, as in Janus: none is processed. */
    @Test
    void webSocketMessageWithTrailingGarbageIsOne454() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            assertErrorStartsWith(ws.callRaw("{\"janus\":\"create\",\"transaction\":\"c\"} x"), 454,
                    "Invalid Janus API request - ");
            new ApiChannel.Ws(ws).assertUsable();
            assertThat(ws.drain()).as("nothing else was answered").isEmpty();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    /**
     * Janus's WebSocket transport hands any JSON value to the core, which finds no {@code transaction} in an
     * array: one 456 per message, whatever the array holds; the request inside is not processed.
     */
    @Test
    void webSocketArrayIsOne456MissingTransaction() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            for (String array : new String[] {"[{\"janus\":\"create\",\"transaction\":\"arr\"}]", "[1,2]", "[]"}) {
                JsonNode reply = ws.callRaw(array);
                assertError(reply, 456, "Missing mandatory element (transaction)");
                new ApiChannel.Ws(ws).assertUsable();
                assertThat(ws.drain()).as("replies to %s beyond the first", array).isEmpty();
            }
            assertThat(admin.sessions()).isEmpty();
        }
    }

    @Test
    void webSocketArrayOfOneScalarIs456() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            assertError(ws.callRaw("[1]"), 456, "Missing mandatory element (transaction)");
            new ApiChannel.Ws(ws).assertUsable();
        }
    }

    /** As over HTTP, a bare value is a parse error for jansson, not a request without transaction. */
    @Test
    void webSocketScalarIs454ParseError() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            assertErrorStartsWith(ws.callRaw("5"), 454, "Invalid Janus API request - ");
            assertErrorStartsWith(ws.callRaw("\"create\""), 454, "Invalid Janus API request - ");
            new ApiChannel.Ws(ws).assertUsable();
        }
    }

    @Test
    void webSocketConnectionSurvivesAMixOfBadMessages() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            long session = Replies.successId(ws.call(Requests.of("create")));
            for (String bad : new String[] {"{", "}", "nul", "{\"janus\":\"create\"}", "{\"transaction\":1}"}) {
                JsonNode reply = ws.callRaw(bad);
                assertThat(reply.path("janus").asText()).as("reply to %s", bad).isEqualTo("error");
            }
            new ApiChannel.Ws(ws).assertUsable();
            assertThat(admin.sessions()).containsExactly(session);
        }
    }
}
