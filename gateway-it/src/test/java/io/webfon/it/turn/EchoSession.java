package io.webfon.it.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import java.util.List;

/**
 * A Janus session with an echotest handle over WebSocket, as janus.js drives it: offers (first and ICE-restart
 * ones) in {@code message} requests, the answer in the plugin's event, the core's {@code webrtcup} and
 * {@code hangup} events.
 */
final class EchoSession implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    final JanusWsClient ws;
    final long session;
    final long handle;

    private EchoSession(JanusWsClient ws, long session, long handle) {
        this.ws = ws;
        this.session = session;
        this.handle = handle;
    }

    static EchoSession open(TestNode node) throws Exception {
        JanusWsClient ws = JanusWsClient.connect(node.wsUri());
        try {
            long session = id(ws.call(Requests.of("create")));
            long handle = id(ws.call(Requests.attach(session, "janus.plugin.echotest")));
            return new EchoSession(ws, session, handle);
        } catch (Exception | AssertionError e) {
            ws.close();
            throw e;
        }
    }

    private static long id(ObjectNode reply) {
        assertThat(reply.path("janus").asText()).as("reply %s", reply).isEqualTo("success");
        return reply.path("data").path("id").asLong();
    }

    /** Sends the echotest request with a JSEP offer; returns the node's answer SDP from the plugin's event. */
    String offer(String sdp) throws Exception {
        ObjectNode msg = Requests.message(session, handle, Json.object().put("audio", true));
        msg.putObject("jsep").put("type", "offer").put("sdp", sdp);
        ObjectNode ack = ws.call(msg);
        assertThat(ack.path("janus").asText()).as("reply to the offer: %s", ack).isEqualTo("ack");
        String tx = ack.path("transaction").asText();
        JsonNode event = ws.await(m -> "event".equals(m.path("janus").asText())
                && tx.equals(m.path("transaction").asText()), WAIT);
        assertThat(event.at("/plugindata/data/result").asText()).as("echotest event %s", event).isEqualTo("ok");
        assertThat(event.at("/jsep/type").asText()).as("echotest event %s", event).isEqualTo("answer");
        return event.at("/jsep/sdp").asText();
    }

    void awaitWebrtcUp() throws InterruptedException {
        ws.await(m -> "webrtcup".equals(m.path("janus").asText()) && m.path("sender").asLong() == handle, WAIT);
    }

    /** The {@code hangup} event of the handle, waiting up to {@code wait}. */
    JsonNode awaitHangup(Duration wait) throws InterruptedException {
        return ws.await(m -> "hangup".equals(m.path("janus").asText()) && m.path("sender").asLong() == handle,
                wait);
    }

    /** Every {@code hangup} event received and not taken yet (others are dropped). */
    List<JsonNode> hangups() {
        return ws.drain().stream().filter(m -> "hangup".equals(m.path("janus").asText())).toList();
    }

    /** The {@code hangup} request (janus.js's {@code hangup()}). */
    void hangup() throws Exception {
        ws.call(Requests.handle("hangup", session, handle));
    }

    @Override
    public void close() {
        try {
            ws.call(Requests.session("destroy", session));
        } catch (Exception | AssertionError e) {
            // the session may be gone already
        }
        ws.close();
    }
}
