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

/**
 * One client of the public Janus API, over either transport, so that a conformance test states a request and
 * its expected reply once and runs on both. Over WebSocket every request of a test goes over the same
 * connection (which must survive bad requests); over HTTP every request is a {@code POST /janus} with the
 * ids in the body.
 */
interface ApiChannel extends AutoCloseable {

    /** The transports the public API is served on. */
    enum Via {
        WEBSOCKET, HTTP;

        ApiChannel open(TestNode node) throws Exception {
            return this == WEBSOCKET ? new Ws(JanusWsClient.connect(node.wsUri()))
                    : new Http(new JanusHttpClient(node.httpUri()));
        }
    }

    /** Sends a request (a transaction is added when missing) and returns its reply. */
    ObjectNode call(ObjectNode request) throws Exception;

    /** Sends text as it is and returns the first reply. */
    JsonNode raw(String text) throws Exception;

    /** Asserts the channel still serves a valid request: a {@code ping} gets its {@code pong}. */
    default void assertUsable() throws Exception {
        ObjectNode ping = Requests.of("ping");
        JsonNode pong = call(ping);
        assertThat(pong.path("janus").asText()).as("reply to a ping after a bad request: %s", pong)
                .isEqualTo("pong");
        assertThat(pong.path("transaction").asText()).isEqualTo(ping.get("transaction").asText());
    }

    default long createSession() throws Exception {
        return Replies.successId(call(Requests.of("create")));
    }

    default long attachEchotest(long session) throws Exception {
        return Replies.successId(call(Requests.attach(session, "janus.plugin.echotest")));
    }

    @Override
    void close();

    /** The WebSocket flavour: one connection with subprotocol {@code janus-protocol}. */
    final class Ws implements ApiChannel {
        private final JanusWsClient ws;

        Ws(JanusWsClient ws) {
            this.ws = ws;
        }

        static Ws open(TestNode node) throws Exception {
            return new Ws(JanusWsClient.connect(node.wsUri()));
        }

        JanusWsClient client() {
            return ws;
        }

        @Override
        public ObjectNode call(ObjectNode request) throws Exception {
            return ws.call(request);
        }

        @Override
        public JsonNode raw(String text) throws Exception {
            return ws.callRaw(text);
        }

        @Override
        public void assertUsable() throws Exception {
            assertThat(ws.isClosed()).as("the connection was closed after a bad request").isFalse();
            ApiChannel.super.assertUsable();
        }

        @Override
        public void close() {
            ws.close();
        }

        @Override
        public String toString() {
            return "WebSocket";
        }
    }

    /** The HTTP flavour: {@code POST /janus}, each reply with status 200 as Janus answers errors too. */
    final class Http implements ApiChannel {
        private final JanusHttpClient http;

        Http(JanusHttpClient http) {
            this.http = http;
        }

        @Override
        public ObjectNode call(ObjectNode request) throws Exception {
            return http.call("", request);
        }

        @Override
        public JsonNode raw(String text) throws Exception {
            HttpResponse<String> r = http.post("", text);
            assertThat(r.statusCode()).as("HTTP status for %s: %s", text, r.body()).isEqualTo(200);
            return Json.parse(r.body());
        }

        @Override
        public void close() {
            // Nothing is held between requests.
        }

        @Override
        public String toString() {
            return "HTTP";
        }
    }
}
