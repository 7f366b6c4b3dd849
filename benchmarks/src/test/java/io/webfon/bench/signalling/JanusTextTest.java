package io.webfon.bench.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reply scanner on compact and pretty Janus output, and on keys that only look like the wanted one. */
class JanusTextTest {
    private static final String SUCCESS = "{\"janus\":\"success\",\"transaction\":\"w1-7\",\"data\":{\"id\":4321}}";
    private static final String PRETTY = "{\n   \"janus\" : \"success\",\n   \"session_id\" : 99,\n"
            + "   \"transaction\" : \"w1-8\",\n   \"data\" : {\n      \"id\" : 8765\n   }\n}";
    private static final String EVENT = "{\"janus\":\"event\",\"session_id\":1,\"transaction\":\"w0-3\",\"sender\":2,"
            + "\"plugindata\":{\"plugin\":\"janus.plugin.echotest\",\"data\":{\"echotest\":\"event\",\"result\":\"ok\"}}}";

    @Test
    void readsKindTransactionAndDataIdOfCompactOutput() {
        assertThat(JanusText.kind(SUCCESS)).isEqualTo("success");
        assertThat(JanusText.transaction(SUCCESS)).isEqualTo("w1-7");
        assertThat(JanusText.dataId(SUCCESS)).isEqualTo("4321");
        assertThat(JanusText.hasTransaction(SUCCESS, "w1-7")).isTrue();
        assertThat(JanusText.hasTransaction(SUCCESS, "w1-")).isFalse();
        assertThat(JanusText.hasTransaction(SUCCESS, "w1-77")).isFalse();
    }

    @Test
    void readsPrettyOutputAndIgnoresSessionIdWhenLookingForId() {
        assertThat(JanusText.kind(PRETTY)).isEqualTo("success");
        assertThat(JanusText.hasTransaction(PRETTY, "w1-8")).isTrue();
        assertThat(JanusText.dataId(PRETTY)).isEqualTo("8765");
    }

    @Test
    void readsEchotestResultAndMissingKeysAsNull() {
        assertThat(JanusText.string(EVENT, "result", 0)).isEqualTo("ok");
        assertThat(JanusText.dataId(EVENT)).isNull();
        assertThat(JanusText.transaction("{\"janus\":\"detached\",\"session_id\":1}")).isNull();
    }

    @Test
    void writesRequestsWithIdsCopiedVerbatim() {
        assertThat(JanusText.message("12345678901234567", "2", "{\"audio\":true}", "t1")).isEqualTo(
                "{\"janus\":\"message\",\"session_id\":12345678901234567,\"handle_id\":2,\"transaction\":\"t1\","
                        + "\"body\":{\"audio\":true}}");
    }
}
