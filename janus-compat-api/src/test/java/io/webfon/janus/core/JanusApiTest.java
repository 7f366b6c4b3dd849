package io.webfon.janus.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.plugin.PluginResult;
import io.webfon.janus.protocol.Json;
import io.webfon.janus.testing.FakePlugin;
import io.webfon.janus.testing.RecordingTransport;
import io.webfon.janus.testing.TestCore;
import org.junit.jupiter.api.Test;

/** The public API's requests, replies and events, in memory, against Janus's documented behaviour. */
class JanusApiTest {
    private final TestCore t = new TestCore();
    private final RecordingTransport conn = new RecordingTransport();

    private static String error(ObjectNode reply) {
        return reply.at("/error/code").asInt() + " " + reply.at("/error/reason").asText();
    }

    @Test
    void createReplyHasIdButNoSessionId() {
        ObjectNode reply = t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\"}");
        assertThat(reply.path("janus").asText()).isEqualTo("success");
        assertThat(reply.has("session_id")).isFalse();
        assertThat(reply.at("/data/id").asLong()).isBetween(1L, (1L << 53) - 1);
        assertThat(conn.notifications()).containsExactly("created " + reply.at("/data/id").asLong());
    }

    @Test
    void verbsAreCaseInsensitiveAsInJanus() {
        assertThat(t.send(conn, "{\"janus\":\"CREATE\",\"transaction\":\"x\"}").path("janus").asText())
                .isEqualTo("success");
        assertThat(t.send(conn, "{\"janus\":\"Ping\",\"transaction\":\"x\"}").path("janus").asText())
                .isEqualTo("pong");
    }

    @Test
    void ackGoesOutBeforeTheEventAPluginPushesWhileHandlingTheMessage() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        t.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m1\",\"session_id\":" + s
                + ",\"handle_id\":" + h + "}");
        assertThat(conn.kinds()).containsExactly("ack", "event");
        ObjectNode event = conn.messages().get(1);
        assertThat(event.path("session_id").asLong()).isEqualTo(s);
        assertThat(event.path("sender").asLong()).isEqualTo(h);
        assertThat(event.path("transaction").asText()).isEqualTo("m1");
        assertThat(event.at("/plugindata/plugin").asText()).isEqualTo(FakePlugin.PACKAGE);
        assertThat(event.at("/plugindata/data/fake").asText()).isEqualTo("ok");
    }

    @Test
    void synchronousPluginResultBecomesSuccessWithPluginData() {
        t.plugin.onMessage((h, body) -> PluginResult.ok(Json.object().put("answer", 42)));
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        ObjectNode reply = t.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + s
                + ",\"handle_id\":" + h + "}");
        assertThat(reply.path("janus").asText()).isEqualTo("success");
        assertThat(reply.path("sender").asLong()).isEqualTo(h);
        assertThat(reply.at("/plugindata/data/answer").asInt()).isEqualTo(42);
    }

    @Test
    void pluginFailuresBecomeError462() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        String msg = "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + s + ",\"handle_id\":"
                + h + "}";
        t.plugin.onMessage((handle, body) -> PluginResult.error("nope"));
        assertThat(error(t.send(conn, msg))).isEqualTo("462 nope");
        t.plugin.onMessage((handle, body) -> null);
        assertThat(error(t.send(conn, msg))).isEqualTo("462 Plugin didn't give a result");
        t.plugin.onMessage((handle, body) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(error(t.send(conn, msg))).isEqualTo("462 Plugin returned a severe (unknown) error");
        t.plugin.onMessage((handle, body) -> PluginResult.ok(null));
        assertThat(error(t.send(conn, msg)))
                .isEqualTo("462 Plugin didn't provide any content for this synchronous response");
    }

    @Test
    void envelopeValidationUsesJanusTexts() {
        assertThat(error(t.send(conn, "{\"janus\":\"create\"}"))).isEqualTo("456 Missing mandatory element (transaction)");
        assertThat(error(t.send(conn, "{\"transaction\":\"x\"}"))).isEqualTo("456 Missing mandatory element (janus)");
        assertThat(error(t.send(conn, "{\"janus\":5,\"transaction\":\"x\"}")))
                .isEqualTo("467 Invalid element type (janus should be a string)");
        assertThat(error(t.send(conn, "{\"janus\":\"create\",\"id\":-5,\"transaction\":\"x\"}")))
                .isEqualTo("467 Invalid element type (id should be a positive integer)");
        assertThat(error(t.send(conn, "{\"janus\":\"create\",\"id\":1.5,\"transaction\":\"x\"}")))
                .isEqualTo("467 Invalid element type (id should be a positive integer)");
        assertThat(error(t.send(conn, "[1,2]"))).isEqualTo("456 Missing mandatory element (transaction)");
    }

    @Test
    void pathErrorsAndUnknownRequests() {
        assertThat(error(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\"}")))
                .isEqualTo("457 Unhandled request 'keepalive' at this path");
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        assertThat(error(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"session_id\":" + s + "}")))
                .isEqualTo("453 Unknown request 'create'");
        assertThat(error(t.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"x\",\"session_id\":" + s + "}")))
                .isEqualTo("457 Unhandled request 'message' at this path");
        assertThat(error(t.send(conn, "{\"janus\":\"attach\",\"plugin\":\"p\",\"transaction\":\"x\",\"session_id\":" + s
                + ",\"handle_id\":" + h + "}"))).isEqualTo("457 Unhandled request 'attach' at this path");
        assertThat(error(t.send(conn, "{\"janus\":\"Frob\",\"transaction\":\"x\",\"session_id\":" + s + "}")))
                .isEqualTo("453 Unknown request 'Frob'");
    }

    @Test
    void unknownSessionAndHandleNameTheIds() {
        assertThat(error(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"session_id\":123}")))
                .isEqualTo("458 No such session 123");
        ObjectNode negative = t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"session_id\":-5}");
        assertThat(negative.path("session_id").asLong()).isEqualTo(-5);
        assertThat(error(negative)).isEqualTo("458 No such session 18446744073709551611");
        long s = t.createSession(conn);
        assertThat(error(t.send(conn, "{\"janus\":\"detach\",\"transaction\":\"x\",\"session_id\":" + s
                + ",\"handle_id\":77}"))).isEqualTo("459 No such handle 77 in session " + s);
        assertThat(error(t.send(conn, "{\"janus\":\"detach\",\"transaction\":\"x\",\"session_id\":" + s
                + ",\"handle_id\":\"x\"}"))).isEqualTo("459 Handle not found");
        assertThat(error(t.send(conn, "{\"janus\":\"attach\",\"plugin\":\"janus.plugin.none\",\"transaction\":\"x\","
                + "\"session_id\":" + s + "}"))).isEqualTo("460 No such plugin 'janus.plugin.none'");
    }

    @Test
    void createWithATakenIdIsAConflict() {
        long s = t.createSession(conn);
        ObjectNode reply = t.send(conn, "{\"janus\":\"create\",\"id\":" + s + ",\"transaction\":\"x\"}");
        assertThat(error(reply)).isEqualTo("468 Session ID already in use");
        assertThat(reply.path("session_id").asLong()).isEqualTo(s);
        assertThat(t.send(conn, "{\"janus\":\"create\",\"id\":424242,\"transaction\":\"x\"}").at("/data/id").asLong())
                .isEqualTo(424242);
    }

    @Test
    void detachRepliesThenSendsDetachedAfterThePluginLetGo() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        t.send(conn, "{\"janus\":\"detach\",\"transaction\":\"d\",\"session_id\":" + s + ",\"handle_id\":" + h + "}");
        assertThat(conn.kinds()).containsExactly("success", "event", "detached");
        assertThat(conn.messages().get(1).at("/plugindata/data/fake").asText()).isEqualTo("done");
        assertThat(t.plugin.calls()).containsSubsequence("hangup " + h, "destroy " + h);
        assertThat(t.core.registry().handleCount()).isZero();
    }

    @Test
    void hangupTellsThePluginOncePerNegotiation() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        String hangup = "{\"janus\":\"hangup\",\"transaction\":\"h\",\"session_id\":" + s + ",\"handle_id\":" + h + "}";
        t.send(conn, hangup);
        t.send(conn, hangup);
        assertThat(t.plugin.calls().stream().filter(c -> c.startsWith("hangup"))).hasSize(1);
        assertThat(conn.kinds()).endsWith("success", "event", "success");
    }

    @Test
    void destroyEndsHandlesSilentlyAndTellsTheTransport() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        t.send(conn, "{\"janus\":\"destroy\",\"transaction\":\"d\",\"session_id\":" + s + "}");
        assertThat(conn.kinds()).containsExactly("success");
        assertThat(conn.notifications()).containsExactly("over " + s);
        assertThat(t.plugin.calls()).contains("destroy " + h);
        assertThat(t.core.registry().sessionCount()).isZero();
        assertThat(t.core.registry().handleCount()).isZero();
    }

    @Test
    void claimMovesEventsToTheNewConnection() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        RecordingTransport other = new RecordingTransport();
        assertThat(t.send(other, "{\"janus\":\"claim\",\"transaction\":\"c\",\"session_id\":" + s + "}")
                .path("janus").asText()).isEqualTo("success");
        assertThat(conn.notifications()).contains("over " + s + " claimed");
        assertThat(other.notifications()).containsExactly("claimed " + s);
        conn.clear();
        t.send(other, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + s + ",\"handle_id\":"
                + h + "}");
        assertThat(other.kinds()).endsWith("ack", "event");
        assertThat(conn.messages()).isEmpty();
    }

    @Test
    void trickleNeedsExactlyOneOfCandidateAndCandidates() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        String ids = ",\"session_id\":" + s + ",\"handle_id\":" + h + "}";
        assertThat(error(t.send(conn, "{\"janus\":\"trickle\",\"transaction\":\"t\"" + ids)))
                .isEqualTo("456 Missing mandatory element (candidate|candidates)");
        assertThat(error(t.send(conn, "{\"janus\":\"trickle\",\"candidate\":{},\"candidates\":[],\"transaction\":\"t\""
                + ids))).isEqualTo("454 Can't have both candidate and candidates");
        assertThat(t.send(conn, "{\"janus\":\"trickle\",\"candidate\":{\"completed\":true},\"transaction\":\"t\"" + ids)
                .path("janus").asText()).isEqualTo("ack");
    }

    @Test
    void jsepIsValidatedBeforeTheMediaEngineRefusesIt() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        String start = "{\"janus\":\"message\",\"body\":{},\"transaction\":\"j\",\"session_id\":" + s + ",\"handle_id\":"
                + h + ",\"jsep\":";
        assertThat(error(t.send(conn, start + "5}"))).isEqualTo("455 Invalid jsep object");
        assertThat(error(t.send(conn, start + "{\"type\":\"offer\"}}")))
                .isEqualTo("456 JSEP error: missing mandatory element (sdp)");
        assertThat(error(t.send(conn, start + "{\"type\":\"bogus\",\"sdp\":\"v=0\"}}")))
                .isEqualTo("464 JSEP error: unknown message type 'bogus'");
        assertThat(t.send(conn, start + "{\"type\":\"offer\",\"sdp\":\"v=0\"}}").at("/error/code").asInt())
                .isEqualTo(465);
        assertThat(t.plugin.calls()).noneMatch(c -> c.startsWith("message"));
    }

    @Test
    void messageBodyMustBeAnObject() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        String ids = ",\"session_id\":" + s + ",\"handle_id\":" + h + "}";
        assertThat(error(t.send(conn, "{\"janus\":\"message\",\"transaction\":\"m\"" + ids)))
                .isEqualTo("456 Missing mandatory element (body)");
        assertThat(error(t.send(conn, "{\"janus\":\"message\",\"body\":[],\"transaction\":\"m\"" + ids)))
                .isEqualTo("467 Invalid element type (body should be an object)");
    }

    @Test
    void refusedAttachLeavesNoHandle() {
        long s = t.createSession(conn);
        t.plugin.refuseAttach(true);
        ObjectNode reply = t.send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE
                + "\",\"transaction\":\"a\",\"session_id\":" + s + "}");
        assertThat(error(reply)).isEqualTo("461 Couldn't attach to plugin: error '42'");
        assertThat(t.core.registry().handleCount()).isZero();
    }

    @Test
    void limitsOnSessionsAndHandles() {
        TestCore small = new TestCore(new ApiConfig("t", 60, 0, 45, "", "", false, false, 1, 1));
        long s = small.createSession(conn);
        assertThat(error(small.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\"}")))
                .isEqualTo("472 Maximum number of sessions reached (1)");
        small.attach(conn, s);
        ObjectNode second = small.send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE
                + "\",\"transaction\":\"a\",\"session_id\":" + s + "}");
        assertThat(error(second)).isEqualTo("461 Maximum number of handles in this session reached (1)");
    }

    @Test
    void infoDescribesTheServerAndItsPlugins() {
        ObjectNode info = t.send(conn, "{\"janus\":\"info\",\"transaction\":\"i\"}");
        assertThat(info.path("janus").asText()).isEqualTo("server_info");
        assertThat(info.path("transaction").asText()).isEqualTo("i");
        assertThat(info.path("session-timeout").asInt()).isEqualTo(60);
        assertThat(info.path("api_secret").asBoolean()).isFalse();
        assertThat(info.at("/plugins/" + FakePlugin.PACKAGE.replace("/", "~1") + "/name").asText()).isEqualTo("Fake");
    }
}
