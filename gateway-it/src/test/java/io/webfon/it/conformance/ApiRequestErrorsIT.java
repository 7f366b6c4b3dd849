package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertSession;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors of the verbs' own parameters ({@code create}, {@code attach}, {@code message} with its JSEP,
 * {@code trickle}) over WebSocket and HTTP, with Janus's codes and reasons (janus.c; checked against Debian's
 * janus 1.1.2). As in {@link ApiEnvelopeErrorsIT}, each bad request leaves the connection usable and the
 * node's sessions and handles as they were.
 */
class ApiRequestErrorsIT {
    private static final String ECHOTEST = "janus.plugin.echotest";

    private static TestNode node;
    private static AdminChannel admin;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start();
        admin = AdminChannel.Via.HTTP.open(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        admin.call(Requests.of("accept_new_sessions").put("accept", true));
        admin.destroyAllSessions();
    }

    private static void assertUnchanged(ApiChannel api, long session, long handle) throws Exception {
        api.assertUsable();
        assertThat(admin.sessions()).as("sessions after a bad request").isEqualTo(Set.of(session));
        assertThat(admin.handles(session)).as("handles after a bad request").isEqualTo(Set.of(handle));
    }

    /** Sends a request built on a fresh session and handle, checks its error, and that nothing changed. */
    private interface BadRequest {
        ObjectNode build(long session, long handle);
    }

    private static void assertRefused(ApiChannel.Via via, BadRequest bad, int code, String reason) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            ObjectNode request = bad.build(session, handle);
            JsonNode reply = api.call(request);
            assertError(reply, code, reason);
            assertTransaction(reply, request);
            assertSession(reply, session);
            assertUnchanged(api, session, handle);
        }
    }

    private static ObjectNode messageWithJsep(long session, long handle, String jsepJson) {
        ObjectNode r = Requests.message(session, handle, Json.object().put("audio", true));
        try {
            r.set("jsep", Json.parse(jsepJson));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(jsepJson, e);
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachWithoutPluginIs456(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.session("attach", s), 456, "Missing mandatory element (plugin)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachWithPluginNotAStringIs467(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.session("attach", s).put("plugin", 5), 467,
                "Invalid element type (plugin should be a string)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachWithOpaqueIdNotAStringIs467(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.attach(s, ECHOTEST).put("opaque_id", 7), 467,
                "Invalid element type (opaque_id should be a string)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachToUnknownPluginIs460(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.attach(s, "janus.plugin.nope"), 460,
                "No such plugin 'janus.plugin.nope'");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void messageWithoutBodyIs456(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.handle("message", s, h), 456, "Missing mandatory element (body)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void messageWithBodyNotAnObjectIs467(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> {
            ObjectNode r = Requests.handle("message", s, h);
            r.putArray("body");
            return r;
        }, 467, "Invalid element type (body should be an object)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void jsepNotAnObjectIs455(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> messageWithJsep(s, h, "5"), 455, "Invalid jsep object");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void jsepWithoutSdpIs456WithJsepReason(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> messageWithJsep(s, h, "{\"type\":\"offer\"}"), 456,
                "JSEP error: missing mandatory element (sdp)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void jsepWithoutTypeIs456WithJsepReason(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> messageWithJsep(s, h, "{\"sdp\":\"v=0\"}"), 456,
                "JSEP error: missing mandatory element (type)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void jsepWithTrickleNotABooleanIs467WithJsepReason(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> messageWithJsep(s, h, "{\"type\":\"offer\",\"sdp\":\"v=0\",\"trickle\":1}"),
                467, "JSEP error: invalid element type (trickle should be a boolean)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void unknownJsepTypeIs464(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> messageWithJsep(s, h, "{\"type\":\"pranswer\",\"sdp\":\"v=0\"}"), 464,
                "JSEP error: unknown message type 'pranswer'");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void trickleWithoutCandidateIs456(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.handle("trickle", s, h), 456,
                "Missing mandatory element (candidate|candidates)");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void trickleWithCandidateAndCandidatesIs454(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> {
            ObjectNode r = Requests.handle("trickle", s, h);
            r.putObject("candidate").put("completed", true);
            r.putArray("candidates");
            return r;
        }, 454, "Can't have both candidate and candidates");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWithAnIdInUseIs468(ApiChannel.Via via) throws Exception {
        assertRefused(via, (s, h) -> Requests.of("create").put("id", s), 468, "Session ID already in use");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWithAFreeIdUsesIt(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long wanted = 4_242_424_242L + via.ordinal();
            assertThat(Replies.successId(api.call(Requests.of("create").put("id", wanted)))).isEqualTo(wanted);
            assertThat(admin.sessions()).isEqualTo(Set.of(wanted));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWhileNotAcceptingNewSessionsIs472(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            Replies.assertKind(admin.call(Requests.of("accept_new_sessions").put("accept", false)), "success");
            ObjectNode create = Requests.of("create");
            JsonNode reply = api.call(create);
            assertError(reply, 472, "Currently not accepting new sessions");
            assertTransaction(reply, create);
            // Existing sessions keep working while the node drains.
            Replies.assertKind(api.call(Requests.session("keepalive", session)), "ack");
            assertUnchanged(api, session, handle);
            Replies.assertKind(admin.call(Requests.of("accept_new_sessions").put("accept", true)), "success");
            api.createSession();
        }
    }
}
