package io.webfon.it.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on Janus replies: kind, error code and reason, echoed transaction and session. */
final class Replies {
    private Replies() {
    }

    /** Asserts a {@code success} reply and returns its {@code data.id} (a new session or handle). */
    static long successId(JsonNode reply) {
        assertKind(reply, "success");
        long id = reply.at("/data/id").asLong();
        assertThat(id).as("data.id of %s", reply).isPositive();
        return id;
    }

    static void assertKind(JsonNode reply, String kind) {
        assertThat(reply.path("janus").asText()).as("reply %s", reply).isEqualTo(kind);
    }

    /** Asserts an {@code error} reply with exactly this code and reason. */
    static void assertError(JsonNode reply, int code, String reason) {
        assertErrorCode(reply, code);
        assertThat(reply.at("/error/reason").asText()).as("reason of %s", reply).isEqualTo(reason);
    }

    /** Asserts an {@code error} reply with this code and a reason starting with {@code prefix}. */
    static void assertErrorStartsWith(JsonNode reply, int code, String prefix) {
        assertErrorCode(reply, code);
        assertThat(reply.at("/error/reason").asText()).as("reason of %s", reply).startsWith(prefix);
    }

    static void assertErrorCode(JsonNode reply, int code) {
        assertKind(reply, "error");
        assertThat(reply.at("/error/code").asInt()).as("error code of %s", reply).isEqualTo(code);
    }

    /** Asserts the reply echoes the transaction, as every reply to a request with a valid envelope does. */
    static void assertTransaction(JsonNode reply, JsonNode request) {
        assertThat(reply.path("transaction").asText(null)).as("transaction of %s", reply)
                .isEqualTo(request.path("transaction").asText());
    }

    /** Asserts the reply carries this session id ({@code 0}: none, as Janus omits a zero id). */
    static void assertSession(JsonNode reply, long sessionId) {
        if (sessionId == 0) {
            assertThat(reply.has("session_id")).as("session_id in %s", reply).isFalse();
        } else {
            assertThat(reply.path("session_id").asLong()).as("session_id of %s", reply).isEqualTo(sessionId);
        }
    }
}
