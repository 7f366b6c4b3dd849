package io.webfon.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The echotest round trip over both transports: create, attach, message, event, detach, destroy. */
class SmokeIT {
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
    void echotestCycleOverWebSocket() throws Exception {
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            assertThat(ws.subprotocol()).isEqualTo("janus-protocol");
            long session = ws.call(Requests.of("create")).path("data").path("id").asLong();
            long handle = ws.call(Requests.attach(session, "janus.plugin.echotest")).path("data").path("id").asLong();
            ObjectNode body = Json.object().put("audio", true);
            ObjectNode msg = Requests.message(session, handle, body);
            JsonNode ack = ws.call(msg);
            assertThat(ack.path("janus").asText()).isEqualTo("ack");
            JsonNode event = ws.awaitEvent("event", Duration.ofSeconds(5));
            assertThat(event.path("transaction").asText()).isEqualTo(msg.get("transaction").asText());
            assertThat(event.at("/plugindata/data/result").asText()).isEqualTo("ok");
            assertThat(ws.call(Requests.handle("detach", session, handle)).path("janus").asText()).isEqualTo("success");
            assertThat(ws.awaitEvent("detached", Duration.ofSeconds(5)).path("sender").asLong()).isEqualTo(handle);
            assertThat(ws.call(Requests.session("destroy", session)).path("janus").asText()).isEqualTo("success");
        }
    }

    @Test
    void echotestCycleOverHttp() throws Exception {
        JanusHttpClient http = new JanusHttpClient(node.httpUri());
        long session = http.call("", Requests.of("create")).path("data").path("id").asLong();
        long handle = http.call("/" + session, Requests.attach(session, "janus.plugin.echotest"))
                .path("data").path("id").asLong();
        ObjectNode ack = http.call("/" + session + "/" + handle,
                Requests.message(session, handle, Json.object().put("video", false)));
        assertThat(ack.path("janus").asText()).isEqualTo("ack");
        JsonNode event = http.poll(session, 1);
        assertThat(event.at("/plugindata/data/result").asText()).isEqualTo("ok");
        assertThat(http.call("/" + session, Requests.session("destroy", session)).path("janus").asText())
                .isEqualTo("success");
    }
}
