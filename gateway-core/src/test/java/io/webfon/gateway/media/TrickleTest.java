package io.webfon.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webfon.janus.protocol.JanusError;
import io.webfon.janus.protocol.JanusException;
import org.junit.jupiter.api.Test;

class TrickleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "candidate:1 1 udp 2130706431 192.0.2.10 50000 typ host";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static JanusException error(String text) throws Exception {
        JsonNode node = json(text);
        return catchThrowableOfType(() -> Trickle.parse(node, "0"), JanusException.class);
    }

    @Test
    void aCandidateOfTheBundledLineIsParsed() throws Exception {
        Trickle t = Trickle.parse(json("{\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"candidate\":\"" + HOST + "\"}"), "0");
        assertThat(t.completed()).isFalse();
        assertThat(t.problem()).isNull();
        assertThat(t.candidate().address()).isEqualTo("192.0.2.10");
        assertThat(t.candidate().port()).isEqualTo(50000);
    }

    @Test
    void completedAnEmptyCandidateAndNonObjectsEndTheCandidates() throws Exception {
        assertThat(Trickle.parse(json("{\"completed\":true}"), "0").completed()).isTrue();
        assertThat(Trickle.parse(json("{\"sdpMid\":\"0\",\"candidate\":\"\"}"), "0").completed()).isTrue();
        assertThat(Trickle.parse(json("[]"), "0").completed()).isTrue();
        assertThat(Trickle.parse(null, "0").completed()).isTrue();
    }

    @Test
    void candidatesOfOtherLinesAreIgnoredBecauseEverythingIsBundled() throws Exception {
        Trickle other = Trickle.parse(json("{\"sdpMid\":\"1\",\"sdpMLineIndex\":1,\"candidate\":\"" + HOST + "\"}"),
                "0");
        assertThat(other.candidate()).isNull();
        assertThat(other.completed()).isFalse();
    }

    @Test
    void anUnparsableCandidateIsAProblemNotAnApiError() throws Exception {
        Trickle t = Trickle.parse(json("{\"sdpMid\":\"0\",\"candidate\":\"candidate:1 1 udp\"}"), "0");
        assertThat(t.candidate()).isNull();
        assertThat(t.completed()).isFalse();
        assertThat(t.problem()).contains("expected");
    }

    @Test
    void malformedObjectsGetJanussCodesAndTextsInJanussOrder() throws Exception {
        JanusException midType = error("{\"sdpMid\":0,\"candidate\":\"x\"}");
        assertThat(midType.error()).isEqualTo(JanusError.INVALID_ELEMENT_TYPE);
        assertThat(midType.reason()).isEqualTo("Trickle error: invalid element type (sdpMid should be a string)");

        JanusException negative = error("{\"sdpMLineIndex\":-1,\"candidate\":\"x\"}");
        assertThat(negative.error()).isEqualTo(JanusError.INVALID_ELEMENT_TYPE);
        assertThat(negative.reason()).contains("sdpMLineIndex should be a positive integer");

        JanusException noLine = error("{\"candidate\":\"x\"}");
        assertThat(noLine.error()).isEqualTo(JanusError.MISSING_MANDATORY_ELEMENT);
        assertThat(noLine.reason()).isEqualTo("Trickle error: missing mandatory element (sdpMid or sdpMLineIndex)");

        JanusException noCandidate = error("{\"sdpMid\":\"0\"}");
        assertThat(noCandidate.error()).isEqualTo(JanusError.MISSING_MANDATORY_ELEMENT);
        assertThat(noCandidate.reason()).isEqualTo("Trickle error: missing mandatory element (candidate)");

        JanusException candidateType = error("{\"sdpMid\":\"0\",\"candidate\":7}");
        assertThat(candidateType.error()).isEqualTo(JanusError.INVALID_ELEMENT_TYPE);
        assertThat(candidateType.reason()).contains("candidate should be a string");
    }
}
