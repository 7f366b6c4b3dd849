package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin API's server-wide requests over HTTP and WebSocket, with Janus's replies and errors (janus.c
 * {@code janus_process_incoming_admin_request}; checked against Debian's janus 1.1.2): info, ping,
 * get_status, set_log_level, set_session_timeout, accept_new_sessions, message_plugin, custom_logline,
 * unknown requests, and the token requests while token authentication is off.
 */
class AdminApiIT {
    @TempDir
    static Path logDir;
    private static TestNode node;
    private static LogFile log;

    @BeforeAll
    static void start() throws Exception {
        Path file = logDir.resolve("gateway.log");
        node = TestNode.start(file);
        log = new LogFile(file);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void restoreDefaults() throws Exception {
        try (AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            admin.call(Requests.of("set_log_level").put("level", 4));
            admin.call(Requests.of("set_session_timeout").put("timeout", 60));
            admin.call(Requests.of("accept_new_sessions").put("accept", true));
            admin.destroyAllSessions();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void infoDescribesTheServerPluginsAndTransports(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            ObjectNode request = Requests.of("info");
            JsonNode info = admin.call(request);
            Replies.assertKind(info, "server_info");
            assertTransaction(info, request);
            assertThat(info.path("plugins").has("janus.plugin.echotest")).as("plugins in %s", info).isTrue();
            assertThat(info.path("transports").has("janus.transport.http")).isTrue();
            assertThat(info.path("transports").has("janus.transport.websockets")).isTrue();
            assertThat(info.path("session-timeout").asInt()).isEqualTo(60);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void pingAnswersPong(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            ObjectNode ping = Requests.of("ping");
            JsonNode pong = admin.call(ping);
            Replies.assertKind(pong, "pong");
            assertTransaction(pong, ping);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void getStatusReportsJanusSettings(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            JsonNode status = admin.call("get_status").path("status");
            assertThat(status.path("token_auth").asBoolean(true)).isFalse();
            assertThat(status.path("session_timeout").asInt()).isEqualTo(60);
            assertThat(status.path("reclaim_session_timeout").asInt()).isZero();
            assertThat(status.path("candidates_timeout").asInt()).isEqualTo(45);
            assertThat(status.path("log_level").asInt()).isEqualTo(4);
            for (String field : new String[] {"log_timestamps", "log_colors", "locking_debug", "refcount_debug"}) {
                assertThat(status.path(field).isBoolean()).as("%s in %s", field, status).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void setLogLevelChangesTheLevelWithinZeroToSeven(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            JsonNode set = admin.call(Requests.of("set_log_level").put("level", 5));
            Replies.assertKind(set, "success");
            assertThat(set.path("level").asInt()).isEqualTo(5);
            assertThat(admin.call("get_status").at("/status/log_level").asInt()).isEqualTo(5);
            assertError(admin.call(Requests.of("set_log_level").put("level", 8)), 467,
                    "Invalid element type (level should be between 0 and 7)");
            assertError(admin.call(Requests.of("set_log_level").put("level", -1)), 467,
                    "Invalid element type (level should be a positive integer)");
            assertError(admin.call("set_log_level"), 456, "Missing mandatory element (level)");
            assertThat(admin.call("get_status").at("/status/log_level").asInt()).isEqualTo(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void setSessionTimeoutChangesTheGlobalTimeout(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            JsonNode set = admin.call(Requests.of("set_session_timeout").put("timeout", 120));
            Replies.assertKind(set, "success");
            assertThat(set.path("timeout").asInt()).isEqualTo(120);
            assertThat(admin.call("get_status").at("/status/session_timeout").asInt()).isEqualTo(120);
            assertThat(admin.call("info").path("session-timeout").asInt()).isEqualTo(120);
            assertError(admin.call(Requests.of("set_session_timeout").put("timeout", -1)), 467,
                    "Invalid element type (timeout should be a positive integer)");
            assertError(admin.call("set_session_timeout"), 456, "Missing mandatory element (timeout)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void acceptNewSessionsFalseRefusesCreateOnBothTransports(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node);
                ApiChannel http = ApiChannel.Via.HTTP.open(node)) {
            long before = ws.createSession();
            JsonNode off = admin.call(Requests.of("accept_new_sessions").put("accept", false));
            Replies.assertKind(off, "success");
            assertThat(off.path("accept").asBoolean(true)).isFalse();
            for (ApiChannel api : new ApiChannel[] {ws, http}) {
                assertError(api.call(Requests.of("create")), 472, "Currently not accepting new sessions");
            }
            assertThat(admin.sessions()).containsExactly(before);
            assertError(admin.call("accept_new_sessions"), 456, "Missing mandatory element (accept)");
            JsonNode on = admin.call(Requests.of("accept_new_sessions").put("accept", true));
            assertThat(on.path("accept").asBoolean(false)).isTrue();
            long after = http.createSession();
            assertThat(admin.sessions()).containsExactlyInAnyOrder(before, after);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void messagePluginGetsEchotestsResponse(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            ObjectNode query = (ObjectNode) Json.parse("{\"what\":\"echo\",\"n\":[1,true,{\"x\":null}]}");
            ObjectNode request = Requests.of("message_plugin").put("plugin", "janus.plugin.echotest");
            request.set("request", query.deepCopy());
            JsonNode reply = admin.call(request);
            Replies.assertKind(reply, "success");
            assertTransaction(reply, request);
            assertThat(reply.path("response")).isEqualTo(query);
            JsonNode empty = admin.call(Requests.of("message_plugin").put("plugin", "janus.plugin.echotest"));
            assertThat(empty.path("response")).isEqualTo(Json.object());
            assertError(admin.call(Requests.of("message_plugin").put("plugin", "janus.plugin.nope")), 460,
                    "Invalid plugin");
            assertError(admin.call("message_plugin"), 456, "Missing mandatory element (plugin)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void customLoglineWritesTheLineAtItsLevel(AdminChannel.Via via) throws Exception {
        String tag = "conformance-logline-" + via.name().toLowerCase(Locale.ROOT);
        try (AdminChannel admin = via.open(node)) {
            Replies.assertKind(admin.call(Requests.of("custom_logline").put("line", tag + "-verbose")
                    .put("level", 5)), "success");
            Replies.assertKind(admin.call(Requests.of("custom_logline").put("line", tag + "-warn")
                    .put("level", 3)), "success");
            Replies.assertKind(admin.call(Requests.of("custom_logline").put("line", tag + "-info")), "success");
            Pattern info = LogFile.lineEndingWith("INFO", tag + "-info");
            log.awaitMoreThan(info, 0);
            assertThat(log.count(LogFile.lineEndingWith("WARN", tag + "-warn"))).isEqualTo(1);
            // Lines are written in order: the verbose one, before the info line, was dropped at level 4.
            assertThat(log.text()).doesNotContain(tag + "-verbose");
            assertError(admin.call("custom_logline"), 456, "Missing mandatory element (line)");
        }
    }

    /**
     * fail2ban counts lines whose message starts with {@code TRUCO_KO [<ip>]} (fail2ban/filter.d): an admin's
     * custom line must never be taken for one, or an admin could get any address banned.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void customLoglineCannotForgeATrucoKoLine(AdminChannel.Via via) throws Exception {
        String forged = "TRUCO_KO [198.51.100.9] admin_secret_bad";
        try (AdminChannel admin = via.open(node)) {
            Replies.assertKind(admin.call(Requests.of("custom_logline").put("line", forged).put("level", 3)),
                    "success");
            log.awaitMoreThan(LogFile.lineEndingWith("WARN", forged), 0);
            assertThat(log.count(LogFile.trucoKo("198.51.100.9", "admin_secret_bad"))).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void unknownAdminRequestIs457AtEveryLevel(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel api = ApiChannel.Via.HTTP.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            String reason = "Unhandled request 'frobnicate' at this path";
            assertError(admin.call("frobnicate"), 457, reason);
            JsonNode atSession = admin.call(Requests.session("frobnicate", session));
            assertError(atSession, 457, reason);
            Replies.assertSession(atSession, session);
            assertError(admin.call(Requests.handle("frobnicate", session, handle)), 457, reason);
            // Public API verbs are not admin requests.
            assertError(admin.call("create"), 457, "Unhandled request 'create' at this path");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void tokenRequestsWithoutTokenAuthAre490(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            for (String verb : new String[] {"add_token", "list_tokens", "allow_token", "disallow_token",
                    "remove_token"}) {
                ObjectNode request = Requests.of(verb).put("token", "t");
                request.putArray("plugins").add("janus.plugin.echotest");
                assertError(admin.call(request), 490, "Stored-Token based authentication disabled");
            }
        }
    }
}
