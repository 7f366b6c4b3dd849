package io.webfon.it.sercen;

import static io.webfon.sercen.testing.RestClient.admin;
import static io.webfon.sercen.testing.RestClient.bearer;
import static io.webfon.sercen.testing.RestClient.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.JanusWsClient;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import io.webfon.sercen.testing.Await;
import io.webfon.sercen.testing.Oathtool;
import io.webfon.sercen.testing.RestClient;
import io.webfon.sercen.testing.RestClient.Reply;
import io.webfon.sercen.testing.Slapd;
import io.webfon.sercen.testing.SmtpSink;
import io.webfon.sercen.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node with sercen-auth embedded (sercen.mode=embedded, general.token_auth=true): users log in over sercen's
 * REST API (local password, LDAP against a real slapd, e-mailed PIN read from a real SMTP server, TOTP from
 * oathtool), and the Janus API accepts their tokens and refuses missing, unknown, foreign-address, logged-out and
 * revoked ones at once with error 403 and a TRUCO_KO line in the gateway log, never the token itself.
 */
class SercenJanusIT {
    private static final String UNAUTHORIZED = "Unauthorized request (wrong or missing secret/token)";
    private static final String PW = "Janus-Pass-77";

    @TempDir
    static Path dir;
    private static Slapd slapd;
    private static SmtpSink smtp;
    private static TestNode node;
    private static RestClient sercen;
    private static JanusHttpClient janus;
    private static Path gatewayLog;
    private static final List<String> TOKENS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), null);
        smtp = SmtpSink.start(dir.resolve("smtp"), SmtpSink.Mode.PLAIN, null);
        List<String> s = new ArrayList<>(slapd.config(slapd.url()));
        s.addAll(List.of("smtp.host=127.0.0.1", "smtp.port=" + smtp.port(), "smtp.from=webfon@example.org"));
        Path file = dir.resolve("sercen.jcfg");
        Files.writeString(file, TestConfigs.jcfg(dir, s));
        gatewayLog = dir.resolve("gateway.log");
        node = TestNode.start(gatewayLog, "general.token_auth=true", "sercen.mode=embedded",
                "sercen.config_file=" + file, "http.longpoll_timeout=1");
        sercen = new RestClient("http://127.0.0.1:" + node.node().sercen().restPort() + "/sercen");
        janus = new JanusHttpClient(node.httpUri());
        put("/admin/users/alice", obj("password", PW), "must_change", false);
        put("/admin/users/jdoe", obj("validation", "ldap"), null, false);
        put("/admin/users/pin", obj("password", PW, "second_factor", "email", "email", "pin@example.org"),
                "must_change", false);
        put("/admin/users/totp", obj("password", PW, "second_factor", "totp"), "must_change", false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (slapd != null) {
            slapd.close();
        }
        String gw = Files.readString(gatewayLog, StandardCharsets.UTF_8);
        String sc = Files.readString(dir.resolve("sercen.log"), StandardCharsets.UTF_8);
        for (String t : TOKENS) {
            assertThat(gw).doesNotContain(t);
            assertThat(sc).doesNotContain(t);
        }
        assertThat(sc).doesNotContain(PW).doesNotContain("Passw0rd!");
    }

    private static void put(String path, ObjectNode body, String flag, boolean value) throws Exception {
        if (flag != null) {
            body.put(flag, value);
        }
        Reply r = sercen.call("PUT", path, body, admin(TestConfigs.ADMIN_SECRET));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }

    private static String token(Reply r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        String t = r.body().path("token").asText();
        assertThat(t).hasSize(43);
        TOKENS.add(t);
        return t;
    }

    private static String login(String user, String password) throws Exception {
        return token(sercen.post("/login", obj("user", user, "password", password)));
    }

    /** A Janus request over HTTP, optionally from another client address (X-Forwarded-For through 127.0.0.1). */
    private static JsonNode janus(ObjectNode request, String token, String forwardedFor) throws Exception {
        request.put("transaction", JanusWsClient.tx());
        if (token != null) {
            request.put("token", token);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.httpUri().toString()))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(Json.write(request)));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return Json.parse(janus.send(b.build()).body());
    }

    private static long createSession(String token) throws Exception {
        JsonNode r = janus(Requests.of("create"), token, null);
        assertThat(r.path("janus").asText()).as("%s", r).isEqualTo("success");
        return r.path("data").path("id").asLong();
    }

    private static void assertRefused(JsonNode reply) {
        assertThat(reply.path("janus").asText()).as("%s", reply).isEqualTo("error");
        assertThat(reply.path("error").path("code").asInt()).isEqualTo(403);
        assertThat(reply.path("error").path("reason").asText()).isEqualTo(UNAUTHORIZED);
    }

    private static void awaitGatewayTruco(String ip, String reason) throws Exception {
        String line = "] [WARN] TRUCO_KO [" + ip + "] " + reason;
        Await.until("gateway log line " + line, () -> Files.readString(gatewayLog).contains(line));
    }

    @Test
    void aLocalUsersTokenOpensTheJanusApiAndNothingElseDoes() throws Exception {
        assertRefused(janus(Requests.of("create"), null, null));
        awaitGatewayTruco("127.0.0.1", "token_missing");
        assertRefused(janus(Requests.of("create"), "x".repeat(43), null));
        awaitGatewayTruco("127.0.0.1", "token_invalid");
        String t = login("alice", PW);
        long session = createSession(t);
        JsonNode attach = janus(Requests.attach(session, "janus.plugin.echotest"), t, null);
        assertThat(attach.path("janus").asText()).as("%s", attach).isEqualTo("success");
        assertThat(janus(Requests.session("keepalive", session), t, null).path("janus").asText()).isEqualTo("ack");
        assertRefused(janus(Requests.session("keepalive", session), t, "203.0.113.50"));
        awaitGatewayTruco("203.0.113.50", "token_ip_mismatch");
        assertThat(janus.get("/" + session + "?maxev=1&token=" + t).body()).contains("keepalive");
        janus(Requests.session("destroy", session), t, null);
    }

    @Test
    void logoutAndRevocationCloseTheJanusApiAtOnce() throws Exception {
        String a = login("alice", PW);
        Reply rb = sercen.post("/login", obj("user", "alice", "password", PW));
        String b = token(rb);
        String idB = rb.body().path("token_id").asText();
        long sa = createSession(a);
        long sb = createSession(b);
        assertThat(sercen.post("/logout", obj(), bearer(a)).status()).isEqualTo(200);
        assertRefused(janus(Requests.session("keepalive", sa), a, null));
        awaitGatewayTruco("127.0.0.1", "token_revoked");
        JsonNode list = sercen.get("/admin/tokens?user=alice", admin(TestConfigs.ADMIN_SECRET)).body();
        assertThat(list.toString()).contains(idB).doesNotContain(b);
        assertThat(janus(Requests.session("keepalive", sb), b, null).path("janus").asText()).isEqualTo("ack");
        assertThat(sercen.call("DELETE", "/admin/tokens/" + idB, null, admin(TestConfigs.ADMIN_SECRET)).status())
                .isEqualTo(200);
        assertRefused(janus(Requests.session("keepalive", sb), b, null));
        String renewed = login("alice", PW);
        assertThat(sercen.post("/token/renew", obj(), bearer(renewed)).status()).isEqualTo(200);
        createSession(renewed);
    }

    @Test
    void ldapPinAndTotpLoginsOpenTheJanusApi() throws Exception {
        createSession(login("jdoe", "Passw0rd!"));
        int seen = smtp.messages().size();
        Reply step1 = sercen.post("/login", obj("user", "pin", "password", PW));
        String challenge = step1.body().path("challenge").path("id").asText();
        String pin = smtp.awaitPin("pin@example.org", seen);
        createSession(token(sercen.post("/login/verify", obj("challenge_id", challenge, "code", pin))));
        Reply enrol = sercen.post("/admin/users/totp/totp", obj(), admin(TestConfigs.ADMIN_SECRET));
        String secret = enrol.body().path("secret").asText();
        String totpChallenge = sercen.post("/login", obj("user", "totp", "password", PW)).body().path("challenge")
                .path("id").asText();
        String code = Oathtool.totpNow(dir, secret);
        createSession(token(sercen.post("/login/verify", obj("challenge_id", totpChallenge, "code", code))));
    }

    @Test
    void theWebSocketTransportChecksTokensTheSameWay() throws Exception {
        String t = login("alice", PW);
        try (JanusWsClient ws = JanusWsClient.connect(node.wsUri())) {
            JsonNode ok = ws.call(Requests.of("create").put("token", t));
            assertThat(ok.path("janus").asText()).isEqualTo("success");
            JsonNode refused = ws.call(Requests.of("create").put("token", "y".repeat(43)));
            assertRefused(refused);
        }
    }

    @Test
    void statusPortsShowSercen() throws Exception {
        String gw = status(node.ports().status());
        assertThat(gw).containsPattern("(?m)^gateway sercen mode=embedded rest=127\\.0\\.0\\.1:\\d+ status_port=\\d+"
                + " token_checks=\\d+ cache_hits=\\d+ cache_loads=\\d+ cache_size=\\d+$");
        String sc = status(node.node().sercen().statusPort());
        assertThat(sc).containsPattern("(?m)^sercen sis ver=").containsPattern("(?m)^sercen ldp urls=ldap://");
        assertThat(sercen.get("/health", Map.of()).status()).isEqualTo(200);
    }

    private static String status(int port) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
