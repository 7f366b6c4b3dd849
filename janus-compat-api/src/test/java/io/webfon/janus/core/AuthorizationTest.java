package io.webfon.janus.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.testing.FakePlugin;
import io.webfon.janus.testing.RecordingTransport;
import io.webfon.janus.testing.TestCore;
import org.junit.jupiter.api.Test;

/** api_secret and stored tokens, as Janus checks them: either one suffices when both are configured. */
class AuthorizationTest {
    private final RecordingTransport conn = new RecordingTransport();

    private static int code(ObjectNode reply) {
        return reply.at("/error/code").asInt();
    }

    @Test
    void apiSecretIsNeededForEverythingButInfoAndPing() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "s3cret", "", false, false, 0, 0));
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\"}"))).isEqualTo(403);
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"apisecret\":\"wrong\"}")))
                .isEqualTo(403);
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"apisecret\":5}"))).isEqualTo(403);
        assertThat(t.send(conn, "{\"janus\":\"ping\",\"transaction\":\"x\"}").path("janus").asText()).isEqualTo("pong");
        ObjectNode ok = t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"apisecret\":\"s3cret\"}");
        long s = ok.at("/data/id").asLong();
        assertThat(code(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"session_id\":" + s + "}")))
                .isEqualTo(403);
        assertThat(t.core.registry().sessionCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedRequestToAnUnknownSessionIs403Not458() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "s3cret", "", false, false, 0, 0));
        assertThat(code(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"session_id\":42}")))
                .isEqualTo(403);
    }

    @Test
    void storedTokensGrantAccessAndPlugins() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "", "", true, false, 0, 0));
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"token\":\"abc\"}"))).isEqualTo(403);
        t.admin(conn, "{\"janus\":\"add_token\",\"token\":\"abc\",\"transaction\":\"a\"}");
        t.admin(conn, "{\"janus\":\"add_token\",\"token\":\"limited\",\"plugins\":[\"janus.plugin.none\"],\"transaction\":\"a\"}");
        long s = t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"token\":\"abc\"}").at("/data/id").asLong();
        assertThat(t.send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE + "\",\"transaction\":\"a\","
                + "\"token\":\"abc\",\"session_id\":" + s + "}").path("janus").asText()).isEqualTo("success");
        ObjectNode denied = t.send(conn, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE
                + "\",\"transaction\":\"a\",\"token\":\"limited\",\"session_id\":" + s + "}");
        assertThat(denied.at("/error/reason").asText())
                .isEqualTo("Provided token can't access plugin '" + FakePlugin.PACKAGE + "'");
        assertThat(code(denied)).isEqualTo(405);
        t.admin(conn, "{\"janus\":\"remove_token\",\"token\":\"abc\",\"transaction\":\"r\"}");
        assertThat(code(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"token\":\"abc\",\"session_id\":"
                + s + "}"))).isEqualTo(403);
    }

    @Test
    void eitherSecretOrTokenSufficesWhenBothAreConfigured() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "s3cret", "", true, false, 0, 0));
        t.admin(conn, "{\"janus\":\"add_token\",\"token\":\"tok\",\"transaction\":\"a\"}");
        assertThat(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"token\":\"tok\"}").path("janus").asText())
                .isEqualTo("success");
        assertThat(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"apisecret\":\"s3cret\"}").path("janus")
                .asText()).isEqualTo("success");
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\",\"token\":\"no\",\"apisecret\":\"no\"}")))
                .isEqualTo(403);
    }

    @Test
    void theNodesOwnClientNeedsNoCredentialsAndLeavesNoTrace() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "s3cret", "", true, false, 0, 0));
        RecordingTransport internal = RecordingTransport.ofTheNode();
        long s = t.send(internal, "{\"janus\":\"create\",\"transaction\":\"x\"}").at("/data/id").asLong();
        assertThat(s).isNotZero();
        assertThat(t.send(internal, "{\"janus\":\"attach\",\"plugin\":\"" + FakePlugin.PACKAGE
                + "\",\"transaction\":\"a\",\"session_id\":" + s + "}").path("janus").asText()).isEqualTo("success");
        assertThat(t.core.registry().sessionCount()).isEqualTo(1);
        assertThat(t.core.registry().handleCount()).isEqualTo(1);
        // Left out of what the status port reports as clients' activity.
        assertThat(t.core.registry().sessionsCreated()).isZero();
        assertThat(t.core.registry().handlesCreated()).isZero();
        assertThat(t.core.registry().peakSessions()).isZero();
        assertThat(t.send(internal, "{\"janus\":\"destroy\",\"transaction\":\"d\",\"session_id\":" + s + "}")
                .path("janus").asText()).isEqualTo("success");
        assertThat(t.core.registry().sessionCount()).isZero();
        assertThat(t.core.registry().handleCount()).isZero();

        // A connection of a listener still needs them, even for the session the node's own client made.
        long other = t.send(internal, "{\"janus\":\"create\",\"transaction\":\"x\"}").at("/data/id").asLong();
        assertThat(code(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\"}"))).isEqualTo(403);
        assertThat(code(t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"x\",\"session_id\":" + other
                + "}"))).isEqualTo(403);
    }
}
