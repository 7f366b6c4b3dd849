package io.webfon.it.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node as an ICE-lite agent ({@code nat.ice_lite = true}) against its own client stack, a full agent that
 * checks and nominates: the answer says {@code a=ice-lite} and carries host candidates only, media comes up and is
 * echoed, and the hangup leaves no PeerConnection or port behind.
 */
class MediaIceLiteIT {
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(MediaChecks.PORTS + "23700-23799", "nat.ice_lite=true");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(JanusChannel.Via.class)
    void liteNodeAnswersChecksAndEchoes(JanusChannel.Via via) throws Exception {
        try (JanusChannel api = via.open(node); EchoCall call = EchoCall.attach(api)) {
            ObjectNode ack = call.offer(call.peer.offer());
            JsonNode event = api.await("echotest event", JanusChannel.pluginEvent(ack.path("transaction").asText()));
            String sdp = event.at("/jsep/sdp").asText();
            assertThat(sdp.indexOf("\r\na=ice-lite\r\n")).as("session-level ICE-lite, before the first m-line: %s",
                    sdp).isPositive().isLessThan(sdp.indexOf("\r\nm="));
            assertThat(sdp.lines().filter(l -> l.startsWith("a=candidate:")).toList()).isNotEmpty()
                    .allMatch(l -> l.endsWith("typ host generation 0"));

            call.peer.answer(sdp);
            api.await("webrtcup", JanusChannel.event("webrtcup", call.handle));
            call.peer.awaitConnected(JanusChannel.WAIT);
            call.assertEchoWorks();
            JsonNode info = MediaChecks.handleInfo(node, call.session, call.handle);
            assertThat(info.path("ice-mode").asText()).as("handle_info %s", info).isEqualTo("lite");
            assertThat(info.path("ice-role").asText()).isEqualTo("controlled");
            call.destroy();
        }
        MediaChecks.awaitNoMedia(node);
    }
}
