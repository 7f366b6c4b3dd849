package io.webfon.janus.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.janus.testing.RecordingTransport;
import io.webfon.janus.testing.TestCore;
import org.junit.jupiter.api.Test;

/** The admin API's requests and their Janus replies, in memory. */
class AdminApiTest {
    private final RecordingTransport conn = new RecordingTransport();
    private TestCore t = new TestCore(new ApiConfig("t", 60, 0, 45, "", "ov3rlord", false, false, 0, 0));

    private static String error(ObjectNode reply) {
        return reply.at("/error/code").asInt() + " " + reply.at("/error/reason").asText();
    }

    private ObjectNode admin(String verbAndFields) {
        return t.admin(conn, "{\"janus\":" + verbAndFields + ",\"transaction\":\"a\",\"admin_secret\":\"ov3rlord\"}");
    }

    @Test
    void secretIsRequiredExceptForInfoAndPing() {
        assertThat(error(t.admin(conn, "{\"janus\":\"list_sessions\",\"transaction\":\"a\"}")))
                .isEqualTo("403 Unauthorized request (wrong or missing secret/token)");
        assertThat(error(t.admin(conn, "{\"janus\":\"list_sessions\",\"transaction\":\"a\",\"admin_secret\":\"x\"}")))
                .startsWith("403");
        assertThat(t.admin(conn, "{\"janus\":\"ping\",\"transaction\":\"a\"}").path("janus").asText()).isEqualTo("pong");
        assertThat(admin("\"list_sessions\"").path("sessions").isArray()).isTrue();
    }

    @Test
    void listsSessionsAndHandlesAndDescribesAHandle() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        assertThat(admin("\"list_sessions\"").path("sessions").get(0).asLong()).isEqualTo(s);
        ObjectNode handles = admin("\"list_handles\",\"session_id\":" + s);
        assertThat(handles.path("handles").get(0).asLong()).isEqualTo(h);
        ObjectNode info = admin("\"handle_info\",\"session_id\":" + s + ",\"handle_id\":" + h);
        assertThat(info.path("handle_id").asLong()).isEqualTo(h);
        assertThat(info.at("/info/plugin").asText()).isEqualTo("janus.plugin.fake");
        assertThat(info.at("/info/plugin_specific/state").asText()).isEqualTo("fine");
        assertThat(info.at("/info/session_timeout").asInt()).isEqualTo(60);
        assertThat(info.at("/info/session_transport").asText()).isEqualTo("test.transport");
        assertThat(info.path("info").has("token")).isFalse();
    }

    @Test
    void changesSettings() {
        assertThat(admin("\"set_log_level\",\"level\":7").path("level").asInt()).isEqualTo(7);
        assertThat(t.log.level).isEqualTo(7);
        assertThat(error(admin("\"set_log_level\",\"level\":9")))
                .isEqualTo("467 Invalid element type (level should be between 0 and 7)");
        assertThat(admin("\"set_session_timeout\",\"timeout\":30").path("timeout").asInt()).isEqualTo(30);
        assertThat(t.core.settings().sessionTimeoutSeconds()).isEqualTo(30);
        assertThat(error(admin("\"set_session_timeout\",\"timeout\":-1")))
                .isEqualTo("467 Invalid element type (timeout should be a positive integer)");
        assertThat(admin("\"accept_new_sessions\",\"accept\":false").path("accept").asBoolean()).isFalse();
        assertThat(error(t.send(conn, "{\"janus\":\"create\",\"transaction\":\"x\"}")))
                .isEqualTo("472 Currently not accepting new sessions");
        assertThat(admin("\"get_status\"").at("/status/session_timeout").asInt()).isEqualTo(30);
    }

    @Test
    void endsSessionsAndHandles() {
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        assertThat(admin("\"hangup_webrtc\",\"session_id\":" + s + ",\"handle_id\":" + h).path("janus").asText())
                .isEqualTo("success");
        assertThat(admin("\"detach_handle\",\"session_id\":" + s + ",\"handle_id\":" + h).path("janus").asText())
                .isEqualTo("success");
        assertThat(conn.kinds()).contains("detached");
        assertThat(admin("\"destroy_session\",\"session_id\":" + s).path("janus").asText()).isEqualTo("success");
        assertThat(t.core.registry().sessionCount()).isZero();
        assertThat(error(admin("\"list_handles\",\"session_id\":" + s))).isEqualTo("458 No such session " + s);
    }

    @Test
    void tokenRequestsFollowJanus() {
        t = new TestCore(new ApiConfig("t", 60, 0, 45, "", "ov3rlord", true, false, 0, 0));
        ObjectNode added = admin("\"add_token\",\"token\":\"tk\",\"plugins\":[\"janus.plugin.fake\",\"janus.plugin.x\"]");
        assertThat(added.at("/data/plugins").toString()).isEqualTo("[\"janus.plugin.fake\"]");
        assertThat(admin("\"list_tokens\"").at("/data/tokens/0/token").asText()).isEqualTo("tk");
        assertThat(error(admin("\"allow_token\",\"token\":\"nope\",\"plugins\":[\"janus.plugin.fake\"]")))
                .isEqualTo("470 Token nope not found");
        assertThat(error(admin("\"allow_token\",\"token\":\"tk\",\"plugins\":[]")))
                .isEqualTo("467 Invalid element type (plugins should be a non-empty array)");
        assertThat(error(admin("\"disallow_token\",\"token\":\"tk\",\"plugins\":[\"janus.plugin.x\"]")))
                .isEqualTo("467 Invalid element type (some of the provided plugins are invalid)");
        assertThat(admin("\"disallow_token\",\"token\":\"tk\",\"plugins\":[\"janus.plugin.fake\"]").at("/data/plugins")
                .size()).isZero();
        assertThat(error(admin("\"remove_token\",\"token\":\"nope\""))).isEqualTo("490 Error removing token");
        assertThat(admin("\"remove_token\",\"token\":\"tk\"").path("janus").asText()).isEqualTo("success");
    }

    @Test
    void tokenRequestsFailWithoutStoredTokens() {
        TestCore plain = new TestCore();
        assertThat(error(plain.admin(conn, "{\"janus\":\"list_tokens\",\"transaction\":\"a\"}")))
                .isEqualTo("490 Stored-Token based authentication disabled");
    }

    @Test
    void pluginMessagesAndLogLines() {
        assertThat(error(admin("\"message_plugin\",\"plugin\":\"janus.plugin.fake\",\"request\":{}")))
                .isEqualTo("490 Plugin doesn't support Admin API messages");
        assertThat(error(admin("\"message_plugin\",\"plugin\":\"nope\""))).isEqualTo("460 Invalid plugin");
        admin("\"custom_logline\",\"line\":\"hello\",\"level\":3");
        assertThat(t.log.lines).containsExactly("3 hello");
        assertThat(error(admin("\"frobnicate\""))).isEqualTo("457 Unhandled request 'frobnicate' at this path");
    }
}
