package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code general.admin_secret}: every admin request but {@code info} and {@code ping} must carry it (janus.c
 * {@code janus_process_incoming_admin_request}), on both admin transports. Refusals are 403 with a
 * {@code TRUCO_KO} line ({@code admin_secret_missing} / {@code admin_secret_bad}); the secret never reaches
 * the log.
 */
class AdminSecretIT {
    private static final String SECRET = "Adm1n-S3cret-4b5c6d";
    private static final String WRONG = "Adm1n-Guess-0e9f8a";
    private static final String UNAUTHORIZED = "Unauthorized request (wrong or missing secret/token)";

    @TempDir
    static Path logDir;
    private static TestNode node;
    private static LogFile log;

    @BeforeAll
    static void start() throws Exception {
        Path file = logDir.resolve("gateway.log");
        node = TestNode.start(file, "general.admin_secret=" + SECRET);
        log = new LogFile(file);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUpAndCheckLog() throws Exception {
        try (AdminChannel admin = AdminChannel.Via.HTTP.open(node, SECRET)) {
            admin.destroyAllSessions();
        }
        log.assertNotContains(SECRET);
        log.assertNotContains(WRONG);
    }

    private static JsonNode assertRefused(AdminChannel admin, ObjectNode request, String reason) throws Exception {
        Pattern line = LogFile.trucoKo(reason);
        long before = log.count(line);
        JsonNode reply = admin.callBare(request);
        assertError(reply, 403, UNAUTHORIZED);
        assertTransaction(reply, request);
        log.awaitOneMore(line, before);
        return reply;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void requestWithoutAdminSecretIs403AndLogsAdminSecretMissing(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            assertRefused(admin, Requests.of("list_sessions"), "admin_secret_missing");
            assertRefused(admin, Requests.of("get_status"), "admin_secret_missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void requestWithWrongAdminSecretIs403AndLogsAdminSecretBad(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            assertRefused(admin, Requests.of("list_sessions").put("admin_secret", WRONG), "admin_secret_bad");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void infoAndPingNeedNoAdminSecret(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node)) {
            Replies.assertKind(admin.callBare(Requests.of("info")), "server_info");
            Replies.assertKind(admin.callBare(Requests.of("ping")), "pong");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void sessionAndHandleRequestsNeedTheAdminSecret(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node); ApiChannel api = ApiChannel.Via.HTTP.open(node)) {
            long session = api.createSession();
            long handle = api.attachEchotest(session);
            JsonNode refused = assertRefused(admin, Requests.session("list_handles", session), "admin_secret_missing");
            Replies.assertSession(refused, session);
            assertRefused(admin, Requests.handle("handle_info", session, handle).put("admin_secret", WRONG),
                    "admin_secret_bad");
            JsonNode listed = admin.callBare(Requests.session("list_handles", session).put("admin_secret", SECRET));
            Replies.assertKind(listed, "success");
            assertThat(listed.path("handles").get(0).asLong()).isEqualTo(handle);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminChannel.Via.class)
    void rightAdminSecretIsAccepted(AdminChannel.Via via) throws Exception {
        try (AdminChannel admin = via.open(node, SECRET)) {
            assertThat(admin.sessions()).isEmpty();
            Replies.assertKind(admin.call("get_status"), "success");
        }
    }
}
