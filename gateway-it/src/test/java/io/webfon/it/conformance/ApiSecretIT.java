package io.webfon.it.conformance;

import static io.webfon.it.conformance.Replies.assertError;
import static io.webfon.it.conformance.Replies.assertSession;
import static io.webfon.it.conformance.Replies.assertTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code general.api_secret}: every request but {@code info} and {@code ping} must carry it as
 * {@code apisecret} (janus.c {@code janus_request_check_secret}), long polls as a query parameter
 * (janus_http.c). Each refusal is error 403 and one {@code TRUCO_KO [127.0.0.1] <reason>} line for fail2ban,
 * and neither the secret nor what the client sent instead ever reaches the log.
 */
class ApiSecretIT {
    private static final String SECRET = "Api-S3cret-7f3c9e";
    private static final String WRONG = "Wrong-Guess-51d2a";
    private static final String UNAUTHORIZED = "Unauthorized request (wrong or missing secret/token)";

    @TempDir
    static Path logDir;
    private static TestNode node;
    private static LogFile log;
    private static AdminChannel admin;

    @BeforeAll
    static void start() throws Exception {
        Path file = logDir.resolve("gateway.log");
        node = TestNode.start(file, "general.api_secret=" + SECRET, "http.longpoll_timeout=1");
        log = new LogFile(file);
        admin = AdminChannel.Via.HTTP.open(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void cleanUpAndCheckLog() throws Exception {
        admin.destroyAllSessions();
        log.assertNotContains(SECRET);
        log.assertNotContains(WRONG);
    }

    private static ObjectNode withSecret(ObjectNode request) {
        return request.put("apisecret", SECRET);
    }

    /** Sends a request that must be refused with 403, and checks the one TRUCO_KO line it causes. */
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
    void createWithoutApiSecretIs403AndLogsApiSecretMissing(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            assertRefused(api, Requests.of("create"), "api_secret_missing");
            api.assertUsable();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void createWithWrongApiSecretIs403AndLogsApiSecretBad(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            assertRefused(api, Requests.of("create").put("apisecret", WRONG), "api_secret_bad");
            api.assertUsable();
            assertThat(admin.sessions()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void everySessionRequestNeedsTheApiSecret(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            long session = Replies.successId(api.call(withSecret(Requests.of("create"))));
            JsonNode refused = assertRefused(api, Requests.attach(session, "janus.plugin.echotest"),
                    "api_secret_missing");
            assertSession(refused, session);
            assertRefused(api, Requests.session("keepalive", session).put("apisecret", WRONG), "api_secret_bad");
            long handle = Replies.successId(api.call(withSecret(Requests.attach(session, "janus.plugin.echotest"))));
            assertThat(admin.handles(session)).containsExactly(handle);
            Replies.assertKind(api.call(withSecret(Requests.session("destroy", session))), "success");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ApiChannel.Via.class)
    void infoAndPingNeedNoApiSecret(ApiChannel.Via via) throws Exception {
        try (ApiChannel api = via.open(node)) {
            JsonNode info = api.call(Requests.of("info"));
            Replies.assertKind(info, "server_info");
            assertThat(info.path("api_secret").asBoolean()).isTrue();
            api.assertUsable();
        }
    }

    /**
     * Behind the shipped Apache proxy every peer is 127.0.0.1 (a trusted proxy by default): the TRUCO_KO line
     * names the client from X-Forwarded-For, so that fail2ban bans the client, not the proxy; an entry that is
     * not an IP literal is never copied into the log.
     */
    @Test
    void trucoKoNamesTheForwardedClientBehindATrustedProxy() throws Exception {
        Pattern forwarded = LogFile.trucoKo("203.0.113.7", "api_secret_missing");
        long before = log.count(forwarded);
        assertError(createForwardedFor("203.0.113.7"), 403, UNAUTHORIZED);
        log.awaitOneMore(forwarded, before);
        Pattern local = LogFile.trucoKo("api_secret_missing");
        long localBefore = log.count(local);
        assertError(createForwardedFor("forged] TRUCO_KO [198.51.100.1"), 403, UNAUTHORIZED);
        log.awaitOneMore(local, localBefore);
        log.assertNotContains("forged");
        log.assertNotContains("198.51.100.1");
    }

    private static JsonNode createForwardedFor(String forwardedFor) throws Exception {
        HttpResponse<String> r = new JanusHttpClient(node.httpUri()).send(HttpRequest.newBuilder(node.httpUri())
                .header("X-Forwarded-For", forwardedFor).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Requests.of("create")))).build());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.parse(r.body());
    }

    @Test
    void longPollWithoutApiSecretIs403AndWithItWaits() throws Exception {
        JanusHttpClient http = new JanusHttpClient(node.httpUri());
        long session = Replies.successId(http.call("", withSecret(Requests.of("create"))));
        Pattern missing = LogFile.trucoKo("api_secret_missing");
        long before = log.count(missing);
        assertThat(http.get("/" + session).statusCode()).isEqualTo(403);
        log.awaitOneMore(missing, before);
        Pattern bad = LogFile.trucoKo("api_secret_bad");
        long badBefore = log.count(bad);
        assertThat(http.get("/" + session + "?apisecret=" + WRONG).statusCode()).isEqualTo(403);
        log.awaitOneMore(bad, badBefore);
        HttpResponse<String> ok = http.get("/" + session + "?apisecret=" + SECRET);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.parse(ok.body()).path("janus").asText()).isEqualTo("keepalive");
    }
}
