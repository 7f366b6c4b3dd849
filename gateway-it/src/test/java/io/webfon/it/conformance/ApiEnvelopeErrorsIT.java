package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertSession;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public API's envelope, path and id errors, over WebSocket and HTTP, with the codes and reasons of Janus's
 * {@code janus_process_incoming_request} (janus.c; checked against Debian's janus 1.1.2). After every bad
 * request the same connection still serves a valid one, and the node holds exactly the session and handle the
 * test created: a bad request changes no state, leaks nothing and kills no connection.
 */
class ApiEnvelopeErrorsIT {
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
        admin.destroyAllSessions();
    }

    /** The connection still works and the node holds exactly this session with exactly this handle. */
    private static void assertUnchanged(ApiChannel api, long session, long handle) throws Exception {
        api.assertUsable();
        assertThat(admin.sessions()).as("sessions after a bad request").isEqualTo(Set.of(session));
        assertThat(admin.handles(session)).as("handles after a bad request").isEqualTo(Set.of(handle));
    }

    private static void assertNoSessions(ApiChannel api) throws Exception {
        api.assertUsable();
        assertThat(admin.sessions()).as("sessions after a bad request").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void missingTransactionIs456WithoutTransaction(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode reply = api.raw("{\"janus\":\"create\"}");
            assertError(reply, 456, "Missing mandatory element (transaction)");
            assertThat(reply.has("transaction")).isFalse();
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void missingJanusIs456(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode reply = api.raw("{\"transaction\":\"no-verb\"}");
            assertError(reply, 456, "Missing mandatory element (janus)");
            // Janus builds this error before reading the transaction: the reply has none.
            assertThat(reply.has("transaction")).isFalse();
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void transactionNotAStringIs467(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode reply = api.raw("{\"janus\":\"create\",\"transaction\":5}");
            assertError(reply, 467, "Invalid element type (transaction should be a string)");
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void janusNotAStringIs467(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode reply = api.raw("{\"janus\":5,\"transaction\":\"t\"}");
            assertError(reply, 467, "Invalid element type (janus should be a string)");
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void idNegativeOrNotAnIntegerIs467(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            for (String id : new String[] {"-5", "\"abc\"", "1.5", "true"}) {
                JsonNode reply = api.raw("{\"janus\":\"create\",\"transaction\":\"t\",\"id\":" + id + "}");
                assertError(reply, 467, "Invalid element type (id should be a positive integer)");
            }
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void unknownRequestOnASessionIs453(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            ObjectNode request = Requests.session("frobnicate", session);
            JsonNode reply = api.call(request);
            assertError(reply, 453, "Unknown request 'frobnicate'");
            assertTransaction(reply, request);
            assertSession(reply, session);
            assertUnchanged(api, session, handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void unknownRequestWithoutSessionIs457(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            ObjectNode request = Requests.of("frobnicate");
            JsonNode reply = api.call(request);
            assertError(reply, 457, "Unhandled request 'frobnicate' at this path");
            assertTransaction(reply, request);
            assertSession(reply, 0);
            assertNoSessions(api);
        }
    }

    /** Janus has no path check for {@code create} on a session: it falls through to "unknown request". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createOnASessionIs453UnknownRequest(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            JsonNode reply = api.call(Requests.session("create", session));
            assertError(reply, 453, "Unknown request 'create'");
            assertSession(reply, session);
            assertUnchanged(api, session, handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachOnAHandleIs457(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            ObjectNode request = Requests.handle("attach", session, handle).put("plugin", "janus.plugin.echotest");
            assertError(api.call(request), 457, "Unhandled request 'attach' at this path");
            assertError(api.call(Requests.handle("destroy", session, handle)), 457,
                    "Unhandled request 'destroy' at this path");
            assertUnchanged(api, session, handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void handleRequestsWithoutHandleAre457(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            for (String verb : new String[] {"detach", "hangup", "message", "trickle"}) {
                JsonNode reply = api.call(Requests.session(verb, session));
                assertError(reply, 457, "Unhandled request '" + verb + "' at this path");
                assertSession(reply, session);
            }
            assertUnchanged(api, session, handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void keepaliveWithoutSessionIs457(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            assertError(api.call(Requests.of("keepalive")), 457, "Unhandled request 'keepalive' at this path");
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void unknownSessionIs458WithItsId(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            long missing = session + 1;
            ObjectNode request = Requests.session("keepalive", missing);
            JsonNode reply = api.call(request);
            assertError(reply, 458, "No such session " + missing);
            assertSession(reply, missing);
            assertTransaction(reply, request);
            assertUnchanged(api, session, handle);
        }
    }

    /** Janus reads ids as unsigned 64-bit numbers, so -1 is reported as 2^64-1. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void negativeSessionIdIsReportedUnsigned(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode reply = api.call(Requests.session("keepalive", -1));
            assertError(reply, 458, "No such session 18446744073709551615");
            assertNoSessions(api);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void unknownHandleIs459WithSessionAndHandle(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            long missing = handle + 1;
            JsonNode reply = api.call(Requests.handle("keepalive", session, missing));
            assertError(reply, 459, "No such handle " + missing + " in session " + session);
            assertSession(reply, session);
            assertUnchanged(api, session, handle);
        }
    }

    /** A present but zero (or non-integer) handle_id gets Janus's default reason, with no ids in it. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void handleIdZeroIs459HandleNotFound(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            assertError(api.call(Requests.handle("keepalive", session, 0)), 459, "Handle not found");
            ObjectNode textual = Requests.session("keepalive", session).put("handle_id", "abc");
            assertError(api.call(textual), 459, "Handle not found");
            ObjectNode nullHandle = Requests.session("keepalive", session).putNull("handle_id");
            Replies.assertKind(api.call(nullHandle), "ack");
            assertUnchanged(api, session, handle);
        }
    }
}
