package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code general.token_auth=true} with tokens stored through the admin API (Janus's stored-token mode): requests
 * need a valid {@code token} (janus.c {@code janus_request_check_secret}, auth.c), an attach also needs the token
 * to be allowed the plugin (405), and long polls take the token as a query parameter. Refusals are 403 with a
 * {@code TRUCO_KO} line; no token value ever reaches the log.
 */
class TokenAuthIT {
    private static final String TOKEN = "tok-valid-9a8b7c";
    /** A token granted only a plugin that does not exist: Janus keeps it with no plugin at all. */
    private static final String NO_PLUGIN_TOKEN = "tok-noplugin-3e4f5a";
    private static final String UNKNOWN = "tok-unknown-1d2c3b";
    private static final String UNAUTHORIZED = "Unauthorized request (wrong or missing secret/token)";

    @TempDir
    static Path logDir;
    private static TestNode node;
    private static LogFile log;
    private static AdminChannel admin;

    @BeforeAll
    static void start() throws Exception {
        Path file = logDir.resolve("gateway.log");
        node = TestNode.start(file, "general.token_auth=true", "http.longpoll_timeout=1");
        log = new LogFile(file);
        admin = AdminChannel.Via.HTTP.open(node);
        Replies.assertKind(admin.call(Requests.of("add_token").put("token", TOKEN)), "success");
        ObjectNode limited = Requests.of("add_token").put("token", NO_PLUGIN_TOKEN);
        limited.putArray("plugins").add("janus.plugin.nope");
        JsonNode reply = admin.call(limited);
        Replies.assertKind(reply, "success");
        assertThat(reply.at("/data/plugins")).isEmpty();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUpAndCheckLog() throws Exception {
        admin.destroyAllSessions();
        for (String token : new String[] {TOKEN, NO_PLUGIN_TOKEN, UNKNOWN}) {
            log.assertNotContains(token);
        }
    }

    private static JsonNode assertRefused(ApiChannel api, ObjectNode request, String reason) throws Exception {
        Pattern line = LogFile.trucoKo(reason);
        long before = log.count(line);
        JsonNode reply = api.call(request);
        assertError(reply, 403, UNAUTHORIZED);
        assertTransaction(reply, request);
        log.awaitOneMore(line, before);
        return reply;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWithoutTokenIs403AndLogsTokenMissing(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            assertRefused(api, Requests.of("create"), "token_missing");
            api.assertUsable();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWithUnknownTokenIs403AndLogsTokenInvalid(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            assertRefused(api, Requests.of("create").put("token", UNKNOWN), "token_invalid");
            api.assertUsable();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void validTokenOpensSessionsAndHandles(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = Replies.successId(api.call(Requests.of("create").put("token", TOKEN)));
            assertRefused(api, Requests.attach(session, "janus.plugin.echotest"), "token_missing");
            long handle = Replies.successId(api.call(Requests.attach(session, "janus.plugin.echotest")
                    .put("token", TOKEN)));
            assertThat(admin.handles(session)).containsExactly(handle);
        }
    }

    /** Janus checks a token's plugins only on attach: the token is valid, the plugin is not among its own. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void attachWithTokenNotAllowedThePluginIs405(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = Replies.successId(api.call(Requests.of("create").put("token", NO_PLUGIN_TOKEN)));
            ObjectNode attach = Requests.attach(session, "janus.plugin.echotest").put("token", NO_PLUGIN_TOKEN);
            JsonNode reply = api.call(attach);
            assertError(reply, 405, "Provided token can't access plugin 'janus.plugin.echotest'");
            assertTransaction(reply, attach);
            Replies.assertSession(reply, session);
            assertThat(admin.handles(session)).isEmpty();
            api.assertUsable();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void removedTokenIsRefused(ApiChannel.Via via) throws Exception {
        String token = "tok-short-lived-" + via.name().toLowerCase(java.util.Locale.ROOT);
        Replies.assertKind(admin.call(Requests.of("add_token").put("token", token)), "success");
        try (ApiChannel api = via.open(node)) {
            long session = Replies.successId(api.call(Requests.of("create").put("token", token)));
            Replies.assertKind(admin.call(Requests.of("remove_token").put("token", token)), "success");
            assertRefused(api, Requests.session("keepalive", session).put("token", token), "token_invalid");
        }
        log.assertNotContains(token);
    }

    @Test
    void longPollWithoutTokenIs403AndWithItWaits() throws Exception {
        JanusHttpClient http = new JanusHttpClient(node.httpUri());
        long session = Replies.successId(http.call("", Requests.of("create").put("token", TOKEN)));
        Pattern missing = LogFile.trucoKo("token_missing");
        long before = log.count(missing);
        assertThat(http.get("/" + session).statusCode()).isEqualTo(403);
        log.awaitOneMore(missing, before);
        Pattern invalid = LogFile.trucoKo("token_invalid");
        long invalidBefore = log.count(invalid);
        assertThat(http.get("/" + session + "?token=" + UNKNOWN).statusCode()).isEqualTo(403);
        log.awaitOneMore(invalid, invalidBefore);
        HttpResponse<String> ok = http.get("/" + session + "?token=" + TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.parse(ok.body()).path("janus").asText()).isEqualTo("keepalive");
    }
}
