package io.webfon.gateway.plugins.echotest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.protocol.Json;
import org.junit.jupiter.api.Test;

/** The echotest's answers to its one request, as Janus's janus_echotest.c gives them. */
class EchoTestPluginTest {
    private final EchoTestPlugin plugin = new EchoTestPlugin();
    private final EchoSession session = new EchoSession();

    private ObjectNode process(String body) throws Exception {
        return plugin.process(session, (ObjectNode) Json.parse(body), null);
    }

    @Test
    void validRequestIsOkAndApplied() throws Exception {
        assertThat(process("{\"audio\":false,\"bitrate\":128000}").toString())
                .isEqualTo("{\"echotest\":\"event\",\"result\":\"ok\"}");
        assertThat(session.audioActive).isFalse();
        assertThat(session.bitrate).isEqualTo(128000);
    }

    @Test
    void errorsCarryCode413AndJanusTexts() throws Exception {
        assertThat(process("{\"audio\":1}").toString()).isEqualTo(
                "{\"echotest\":\"event\",\"error_code\":413,\"error\":\"Invalid element type (audio should be a boolean)\"}");
        assertThat(process("{\"bitrate\":-1}").path("error").asText())
                .isEqualTo("Invalid element type (bitrate should be a positive integer)");
        assertThat(process("{\"substream\":3}").path("error").asText())
                .isEqualTo("Invalid value (substream should be 0, 1 or 2)");
        assertThat(process("{\"foo\":true}").path("error").asText())
                .isEqualTo("Message error: no supported attributes found");
        assertThat(process("{}").path("error_code").asInt()).isEqualTo(413);
    }

    @Test
    void adminMessagesAreEchoedBack() throws Exception {
        ObjectNode request = (ObjectNode) Json.parse("{\"x\":1}");
        assertThat(plugin.handleAdminMessage(request)).isEqualTo(request).isNotSameAs(request);
    }
}
