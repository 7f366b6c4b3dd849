package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertSession;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The admin API's session and handle requests over HTTP and WebSocket: list_sessions, list_handles,
 * handle_info (with echotest's plugin_specific), per-session set_session_timeout, destroy_session,
 * detach_handle and hangup_webrtc, whose effects a WebSocket client of the public API sees as Janus's do.
 */
class AdminSessionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try (AdminChannel admin = AdminChannel.Via.HTTP.open(node)) {
            admin.destroyAllSessions();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void listSessionsAndListHandlesShowExactlyWhatExists(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node);
                ApiChannel http = ApiChannel.Via.HTTP.open(node)) {
            assertThat(admin.sessions()).isEmpty();
            long s1 = ws.createSession();
            long s2 = http.createSession();
            long h1 = ws.attachEchotest(s1);
            long h2 = ws.attachEchotest(s1);
            assertThat(admin.sessions()).containsExactlyInAnyOrder(s1, s2);
            assertThat(admin.handles(s1)).containsExactlyInAnyOrder(h1, h2);
            assertThat(admin.handles(s2)).isEmpty();
            long missing = s1 + s2;
            JsonNode reply = admin.call(Requests.session("list_handles", missing));
            assertError(reply, 458, "No such session " + missing);
            assertSession(reply, missing);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void handleInfoCarriesSessionHandleAndEchotestState(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node)) {
            long session = ws.createSession();
            long handle = ws.attachEchotest(session);
            JsonNode reply = admin.call(Requests.handle("handle_info", session, handle));
            Replies.assertKind(reply, "success");
            assertSession(reply, session);
            assertThat(reply.path("handle_id").asLong()).isEqualTo(handle);
            JsonNode info = reply.path("info");
            assertThat(info.path("session_id").asLong()).isEqualTo(session);
            assertThat(info.path("handle_id").asLong()).isEqualTo(handle);
            assertThat(info.path("session_timeout").asInt()).isEqualTo(60);
            assertThat(info.path("session_transport").asText()).isEqualTo("janus.transport.websockets");
            assertThat(info.path("plugin").asText()).isEqualTo("janus.plugin.echotest");
            JsonNode specific = info.path("plugin_specific");
            assertThat(specific.path("audio_active").asBoolean(false)).as("plugin_specific %s", specific).isTrue();
            assertThat(specific.path("video_active").asBoolean(false)).isTrue();
            assertThat(specific.has("bitrate")).isTrue();
            JsonNode pluginOnly = admin.call(Requests.handle("handle_info", session, handle).put("plugin_only", true));
            assertThat(pluginOnly.at("/info/plugin_specific")).isEqualTo(specific);
        }
    }

    /** Without plugin_only Janus adds the handle's WebRTC state, even before any negotiation. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void handleInfoCarriesTheWebrtcStateAsJanus(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node)) {
            long session = ws.createSession();
            long handle = ws.attachEchotest(session);
            JsonNode info = admin.call(Requests.handle("handle_info", session, handle)).path("info");
            for (String flag : new String[] {"got-offer", "got-answer", "negotiated", "processing-offer", "starting",
                    "ice-restart", "ready", "stopped", "alert", "trickle", "all-trickles", "data-channels"}) {
                assertThat(info.at("/flags/" + flag).isBoolean()).as("flags.%s in %s", flag, info).isTrue();
            }
            assertThat(info.path("sdps").isObject()).isTrue();
            assertThat(info.path("queued-packets").isIntegralNumber()).isTrue();
            assertThat(info.path("loop-running").isBoolean()).isTrue();
            assertThat(info.at("/plugin_specific/peer-bitrate").isIntegralNumber()).isTrue();
            assertThat(info.at("/plugin_specific/slowlink_count").isIntegralNumber()).isTrue();
            JsonNode pluginOnly = admin.call(Requests.handle("handle_info", session, handle).put("plugin_only", true));
            assertThat(pluginOnly.path("info").has("flags")).as("plugin_only leaves out the WebRTC state").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void handleInfoErrorsAreJanus(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node)) {
            long session = ws.createSession();
            long handle = ws.attachEchotest(session);
            assertError(admin.call(Requests.handle("handle_info", session, handle).put("plugin_only", "yes")), 467,
                    "Invalid element type (plugin_only should be a boolean)");
            long missing = handle + 1;
            assertError(admin.call(Requests.handle("handle_info", session, missing)), 459,
                    "No such handle " + missing + " in session " + session);
            // The admin API answers a zero handle_id with "session not found", unlike the public API.
            assertError(admin.call(Requests.handle("handle_info", session, 0)), 458, "Session not found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void perSessionTimeoutTakesMinusOneZeroOrSeconds(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel ws = ApiChannel.Via.WEBSOCKET.open(node)) {
            long session = ws.createSession();
            long handle = ws.attachEchotest(session);
            for (int timeout : new int[] {0, 30, -1}) {
                JsonNode set = admin.call(Requests.session("set_session_timeout", session).put("timeout", timeout));
                Replies.assertKind(set, "success");
                assertThat(set.path("timeout").asInt()).isEqualTo(timeout);
                assertThat(set.path("session_id").asLong()).isEqualTo(session);
                JsonNode info = admin.call(Requests.handle("handle_info", session, handle));
                int expected = timeout == -1 ? 60 : timeout;
                assertThat(info.at("/info/session_timeout").asInt()).as("after %s", timeout).isEqualTo(expected);
            }
            assertError(admin.call(Requests.session("set_session_timeout", session).put("timeout", -2)), 467,
                    "Invalid element type (timeout should be a non-negative integer or -1)");
            assertError(admin.call(Requests.session("set_session_timeout", session)), 456,
                    "Missing mandatory element (timeout)");
            // The global timeout is untouched.
            assertThat(admin.call("get_status").at("/status/session_timeout").asInt()).isEqualTo(60);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void destroySessionEndsTheClientsSession(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel.Ws ws = ApiChannel.Ws.open(node)) {
            long session = ws.createSession();
            ws.attachEchotest(session);
            JsonNode reply = admin.call(Requests.session("destroy_session", session));
            Replies.assertKind(reply, "success");
            assertSession(reply, session);
            assertThat(admin.sessions()).isEmpty();
            assertError(ws.call(Requests.session("keepalive", session)), 458, "No such session " + session);
            assertError(admin.call(Requests.session("destroy_session", session)), 458, "No such session " + session);
            ws.assertUsable();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void detachHandleSendsDetachedToTheClient(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel.Ws api = ApiChannel.Ws.open(node)) {
            JanusWsClient ws = api.client();
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            long other = api.attachEchotest(session);
            Replies.assertKind(admin.call(Requests.handle("detach_handle", session, handle)), "success");
            JsonNode detached = ws.awaitEvent("detached", WAIT);
            assertThat(detached.path("session_id").asLong()).isEqualTo(session);
            assertThat(detached.path("sender").asLong()).isEqualTo(handle);
            assertThat(admin.handles(session)).containsExactly(other);
            assertError(admin.call(Requests.handle("detach_handle", session, handle)), 459,
                    "No such handle " + handle + " in session " + session);
            assertError(api.call(Requests.handle("keepalive", session, handle)), 459,
                    "No such handle " + handle + " in session " + session);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void hangupWebrtcMakesEchotestReportDone(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel.Ws api = ApiChannel.Ws.open(node)) {
            JanusWsClient ws = api.client();
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            Replies.assertKind(admin.call(Requests.handle("hangup_webrtc", session, handle)), "success");
            JsonNode done = ws.awaitEvent("event", WAIT);
            assertThat(done.path("sender").asLong()).isEqualTo(handle);
            assertThat(done.at("/plugindata/plugin").asText()).isEqualTo("janus.plugin.echotest");
            assertThat(done.at("/plugindata/data/echotest").asText()).isEqualTo("event");
            assertThat(done.at("/plugindata/data/result").asText()).isEqualTo("done");
            // The handle stays attached: a hangup ends the PeerConnection, not the handle.
            assertThat(admin.handles(session)).containsExactly(handle);
        }
    }
}
