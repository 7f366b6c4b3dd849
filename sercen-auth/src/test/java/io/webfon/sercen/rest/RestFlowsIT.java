package io.webfon.sercen.rest;

import static io.webfon.sercen.testing.RestClient.admin;
import static io.webfon.sercen.testing.RestClient.bearer;
import static io.webfon.sercen.testing.RestClient.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.sercen.SercenServer;
import io.webfon.sercen.testing.LogLines;
import io.webfon.sercen.testing.Oathtool;
import io.webfon.sercen.testing.RestClient;
import io.webfon.sercen.testing.RestClient.Reply;
import io.webfon.sercen.testing.Slapd;
import io.webfon.sercen.testing.SmtpSink;
import io.webfon.sercen.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flow of the REST API over HTTP, with real peers: slapd for LDAP users (sAMAccountName), aiosmtpd receiving
 * the PIN mail that the test reads and types back, oathtool computing TOTP codes. Clients come from distinct
 * addresses through the trusted proxy's X-Forwarded-For, as behind Apache, so that in-process limits of one test
 * do not touch another.
 */
class RestFlowsIT {
    @TempDir
    static Path dir;
    private static Slapd slapd;
    private static SmtpSink smtp;
    private static SercenServer server;
    private static RestClient api;
    private static LogLines log;
    private static final List<String> SECRETS = new ArrayList<>();
    private static final AtomicInteger NEXT_IP = new AtomicInteger(10);
    private static final String PW = "Local-Pass-11";

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), null);
        smtp = SmtpSink.start(dir.resolve("smtp"), SmtpSink.Mode.PLAIN, null);
        List<String> s = new ArrayList<>(slapd.config(slapd.url()));
        s.addAll(List.of("smtp.host=127.0.0.1", "smtp.port=" + smtp.port(), "smtp.from=webfon@example.org",
                "limits.ip_failures=5", "limits.account_failures=50",
                "general.admin_networks=127.0.0.1/32, ::1/128, 198.51.100.0/24"));
        server = SercenServer.start(TestConfigs.config(dir, s), null, Clock.systemDefaultZone());
        api = new RestClient("http://127.0.0.1:" + server.restPort() + "/sercen");
        log = new LogLines(dir.resolve("sercen.log"));
        SECRETS.addAll(List.of(PW, TestConfigs.ADMIN_SECRET, "Passw0rd!", "Carol-Ldap-7", "svcpass", "sip-secret-9"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (slapd != null) {
            slapd.close();
        }
        String text = log.text();
        for (String secret : SECRETS) {
            assertThat(text).as("the log never holds a secret").doesNotContain(secret);
        }
        for (String line : log.lines()) {
            assertThat(line).matches("[ !]\\d{8} \\d{6}\\.\\d{3} .*");
            if (line.contains("TRUCO_KO")) {
                assertThat(line).matches("!\\d{8} \\d{6}\\.\\d{3} [A-Z]{3} TRUCO_KO \\[[0-9a-f.:]+\\] [a-z_0-9]+");
            }
        }
    }

    /** A client address of its own for each caller (trusted proxy 127.0.0.1 passes X-Forwarded-For). */
    private static String newIp() {
        return "198.51.100." + NEXT_IP.getAndIncrement();
    }

    private static Map<String, String> from(String ip) {
        return Map.of("X-Forwarded-For", ip);
    }

    private static Map<String, String> from(String ip, Map<String, String> more) {
        Map<String, String> m = new java.util.HashMap<>(more);
        m.put("X-Forwarded-For", ip);
        return m;
    }

    private static void putUser(String user, String... kv) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = obj(kv);
        for (String flag : new String[] {"enabled", "must_change", "multi_ip"}) {
            if (body.has(flag)) {
                body.put(flag, Boolean.parseBoolean(body.get(flag).asText()));
            }
        }
        Reply r = api.call("PUT", "/admin/users/" + user, body, admin(TestConfigs.ADMIN_SECRET));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }

    private static Reply login(String user, String password, String ip) throws Exception {
        return api.post("/login", obj("user", user, "password", password), from(ip));
    }

    private static String token(Reply r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(r.body().path("status").asText()).isEqualTo("ok");
        String t = r.body().path("token").asText();
        SECRETS.add(t);
        return t;
    }

    @Test
    void localLoginRenewWhoAmIAndLogout() throws Exception {
        api.call("PUT", "/admin/extensions/1001", obj("sip_user", "1001", "sip_password", "sip-secret-9",
                "sip_domain", "pbx.example.org"), admin(TestConfigs.ADMIN_SECRET));
        putUser("alice", "password", PW, "must_change", "false", "extension", "1001", "display_name", "Alice A.");
        String ip = newIp();
        Reply r = login("alice", PW, ip);
        String t = token(r);
        assertThat(r.body().path("extension").asText()).isEqualTo("1001");
        assertThat(r.body().path("display_name").asText()).isEqualTo("Alice A.");
        assertThat(r.body().path("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode me = api.get("/me", from(ip, bearer(t))).body();
        assertThat(me.path("user").asText()).isEqualTo("alice");
        assertThat(me.path("token").path("ip").asText()).isEqualTo(ip);
        assertThat(me.toString()).doesNotContain("sip-secret-9").doesNotContain(t);
        assertThat(api.get("/me", from(newIp(), bearer(t))).errorCode()).isEqualTo("token_ip_mismatch");
        Reply renewed = api.post("/token/renew", obj(), from(ip, bearer(t)));
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body().path("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(api.post("/logout", obj("token", t), from(ip)).body().path("status").asText()).isEqualTo("logged_out");
        Reply after = api.get("/me", from(ip, bearer(t)));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.errorCode()).isEqualTo("token_revoked");
        assertThat(log.text()).contains("WSI login ok user=alice mode=local second_factor=no ip=" + ip);
    }

    @Test
    void emailPinReadFromTheRealMailboxGivesTheToken() throws Exception {
        putUser("pinuser", "password", PW, "must_change", "false", "second_factor", "email", "email",
                "pinuser@example.org");
        String ip = newIp();
        int seen = smtp.messages().size();
        Reply step1 = login("pinuser", PW, ip);
        assertThat(step1.status()).isEqualTo(200);
        assertThat(step1.body().path("status").asText()).isEqualTo("challenge");
        JsonNode ch = step1.body().path("challenge");
        assertThat(ch.path("type").asText()).isEqualTo("email");
        assertThat(ch.path("sent_to").asText()).isEqualTo("p***@example.org");
        String pin = smtp.awaitPin("pinuser@example.org", seen);
        SECRETS.add("PIN is " + pin);
        String wrong = pin.equals("000000") ? "000001" : "000000";
        Reply bad = api.post("/login/verify", obj("challenge_id", ch.path("id").asText(), "code", wrong), from(ip));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.errorCode()).isEqualTo("code_bad");
        String t = token(api.post("/login/verify", obj("challenge_id", ch.path("id").asText(), "code", pin), from(ip)));
        assertThat(api.get("/me", from(ip, bearer(t))).body().path("second_factor").asText()).isEqualTo("email");
        assertThat(log.count(LogLines.truco(ip, "pin_bad"))).isEqualTo(1);
        assertThat(log.text()).contains("WSI login ok user=pinuser mode=local second_factor=email ip=" + ip);
    }

    @Test
    void totpEnrolledByTheAdminAndCodesFromOathtool() throws Exception {
        putUser("totpuser", "password", PW, "must_change", "false", "second_factor", "totp");
        Reply enrol = api.post("/admin/users/totpuser/totp", obj(), admin(TestConfigs.ADMIN_SECRET));
        String secret = enrol.body().path("secret").asText();
        SECRETS.add(secret);
        assertThat(enrol.body().path("otpauth_uri").asText()).startsWith("otpauth://totp/Webfon:totpuser?secret=" + secret);
        assertThat(java.util.Base64.getDecoder().decode(enrol.body().path("qr_png_base64").asText()))
                .startsWith((byte) 0x89, (byte) 'P');
        String ip = newIp();
        String id = login("totpuser", PW, ip).body().path("challenge").path("id").asText();
        String code = Oathtool.totpNow(dir, secret);
        token(api.post("/login/verify", obj("challenge_id", id, "code", code), from(ip)));
        String id2 = login("totpuser", PW, ip).body().path("challenge").path("id").asText();
        Reply replay = api.post("/login/verify", obj("challenge_id", id2, "code", code), from(ip));
        assertThat(replay.errorCode()).isEqualTo("code_bad");
        assertThat(log.count(LogLines.truco(ip, "totp_replay"))).isEqualTo(1);
    }

    @Test
    void ldapUsersAndBothModeOverTheRealDirectory() throws Exception {
        putUser("jdoe", "validation", "ldap");
        putUser("carol", "validation", "both", "password", PW, "must_change", "false");
        String ip = newIp();
        token(login("JDoe", "Passw0rd!", ip));
        assertThat(login("jdoe", "wrong", ip).errorCode()).isEqualTo("bad_credentials");
        assertThat(log.count(LogLines.truco(ip, "ldap_bad_password"))).isEqualTo(1);
        assertThat(log.text()).contains("LDP authenticated user=jdoe dn='uid=jdoe,ou=people,dc=example,dc=org'");
        String ip2 = newIp();
        token(login("carol", PW, ip2));
        token(login("carol", "Carol-Ldap-7", ip2));
        assertThat(login("carol", "neither", ip2).errorCode()).isEqualTo("bad_credentials");
        assertThat(log.count(LogLines.truco(ip2, "both_bad_password"))).isEqualTo(1);
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccountAnswerAlike() throws Exception {
        putUser("enum1", "password", PW, "must_change", "false");
        putUser("enum2", "password", PW, "must_change", "false", "enabled", "false");
        String[][] cases = {{"no-such-user", PW}, {"enum1", "wrong-pass"}, {"enum2", PW}};
        List<String> bodies = new ArrayList<>();
        long[] nanos = new long[cases.length];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < cases.length; i++) {
                String ip = newIp();
                long t0 = System.nanoTime();
                Reply r = login(cases[i][0], cases[i][1], ip);
                nanos[i] += System.nanoTime() - t0;
                assertThat(r.status()).isEqualTo(401);
                bodies.add(r.body().toString());
            }
        }
        assertThat(bodies).containsOnly(bodies.get(0));
        System.out.printf("no-enumeration timing (mean of 3, ms): unknown user %.1f, wrong password %.1f, disabled %.1f%n",
                nanos[0] / 3e6, nanos[1] / 3e6, nanos[2] / 3e6);
    }

    @Test
    void anAddressWithTooManyFailuresIsRateLimited() throws Exception {
        String ip = newIp();
        for (int i = 0; i < 5; i++) {
            assertThat(login("nobody-" + i, "x", ip).status()).isEqualTo(401);
        }
        Reply limited = login("alice", PW, ip);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(log.count(LogLines.truco(ip, "rate_limited"))).isEqualTo(1);
    }

    @Test
    void aPasswordSetByTheAdminIsChangedOverHttp() throws Exception {
        putUser("newbie", "password", "First-Pass-1");
        String ip = newIp();
        assertThat(login("newbie", "First-Pass-1", ip).errorCode()).isEqualTo("password_change_required");
        Reply weak = api.post("/password", obj("user", "newbie", "old_password", "First-Pass-1", "new_password", "x"),
                from(ip));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.body().path("error").path("details").toString()).contains("too_short");
        Reply ok = api.post("/password", obj("user", "newbie", "old_password", "First-Pass-1", "new_password",
                "Second-Pass-2"), from(ip));
        assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
        token(login("newbie", "Second-Pass-2", ip));
        SECRETS.addAll(List.of("First-Pass-1", "Second-Pass-2"));
        assertThat(api.get("/policy", Map.of()).body().path("min_length").asInt()).isEqualTo(8);
    }

    @Test
    void poolsAreLeasedAndExhaustedOverHttp() throws Exception {
        api.call("PUT", "/admin/extensions/4001", obj("pool", "desk"), admin(TestConfigs.ADMIN_SECRET));
        putUser("desk1", "password", PW, "must_change", "false", "pool", "desk");
        putUser("desk2", "password", PW, "must_change", "false", "pool", "desk");
        String ip = newIp();
        Reply first = login("desk1", PW, ip);
        assertThat(first.body().path("extension").asText()).isEqualTo("4001");
        Reply second = login("desk2", PW, ip);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("no_extension_free");
        JsonNode pools = api.get("/admin/pools", admin(TestConfigs.ADMIN_SECRET)).body();
        assertThat(pools.toString()).contains("\"pool\":\"desk\"", "\"size\":1", "\"leased\":1");
        api.post("/logout", obj(), from(ip, bearer(token(first))));
        token(login("desk2", PW, ip));
    }

    @Test
    void adminApiGuardsItselfListsAndRevokesTokensAndRunsTheCleanup() throws Exception {
        String ip = newIp();
        Reply missing = api.call("GET", "/admin/users", null, from(ip));
        Reply wrong = api.call("GET", "/admin/users", null, from(ip, admin("not-the-secret")));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(wrong.errorCode()).isEqualTo("admin_secret_bad");
        assertThat(log.count(LogLines.truco(ip, "admin_secret_missing"))).isEqualTo(1);
        assertThat(log.count(LogLines.truco(ip, "admin_secret_bad"))).isEqualTo(1);
        Reply outside = api.call("GET", "/admin/users", null, from("203.0.113.99", admin(TestConfigs.ADMIN_SECRET)));
        assertThat(outside.status()).as("the admin API is closed to other networks, secret or not").isEqualTo(404);
        assertThat(log.count(LogLines.truco("203.0.113.99", "admin_network"))).isEqualTo(1);
        putUser("revokee", "password", PW, "must_change", "false");
        String uip = newIp();
        String t = token(login("revokee", PW, uip));
        JsonNode tokens = api.get("/admin/tokens?user=revokee", admin(TestConfigs.ADMIN_SECRET)).body();
        assertThat(tokens).hasSize(1);
        assertThat(tokens.toString()).doesNotContain(t);
        String id = tokens.get(0).path("id").asText();
        assertThat(api.call("DELETE", "/admin/tokens/" + id, null, admin(TestConfigs.ADMIN_SECRET)).status())
                .isEqualTo(200);
        assertThat(api.get("/me", from(uip, bearer(t))).errorCode()).isEqualTo("token_revoked");
        assertThat(api.post("/admin/cleanup", obj(), admin(TestConfigs.ADMIN_SECRET)).body().has("removed")).isTrue();
        assertThat(log.text()).contains("ESC escobaToken removed=");
        JsonNode users = api.get("/admin/users", admin(TestConfigs.ADMIN_SECRET)).body();
        assertThat(users.toString()).doesNotContain("argon2").doesNotContain("v1:");
    }

    @Test
    void badRequestsGetJsonErrorsWithStableCodes() throws Exception {
        assertThat(api.callRaw("POST", "/login", "{not json").errorCode()).isEqualTo("invalid_request");
        assertThat(api.callRaw("POST", "/login", "[1,2]").errorCode()).isEqualTo("invalid_request");
        assertThat(api.callRaw("POST", "/login", "{\"user\":1,\"password\":\"x\"}").errorCode())
                .isEqualTo("invalid_request");
        assertThat(api.post("/login", obj("user", "x")).errorCode()).isEqualTo("invalid_request");
        Reply notFound = api.get("/nope", Map.of());
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorCode()).isEqualTo("not_found");
        assertThat(api.get("/login", Map.of()).status()).isIn(404, 405);
        Reply big = api.callRaw("POST", "/login", "{\"user\":\"" + "a".repeat(40_000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errorCode()).isEqualTo("payload_too_large");
        assertThat(api.get("/me", Map.of()).errorCode()).isEqualTo("token_missing");
        assertThat(api.get("/me", bearer("garbage")).errorCode()).isEqualTo("token_invalid");
        assertThat(api.get("/health", Map.of()).body().path("status").asText()).isEqualTo("ok");
    }

    @Test
    void statusPortSpeaksTheOriginalsStyle() throws Exception {
        String text;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.statusPort())) {
            s.setSoTimeout(10_000);
            text = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(text).containsPattern("(?m)^sercen sis ver=\\S+ inic='\\d{8} \\d{6}' errores=\\d+ ultError='[0-9 ]+'")
                .containsPattern("(?m)^sercen tmp uptime=\\d+ \\(\\d+d \\d+h \\d+m \\d+s\\)$")
                .containsPattern("(?m)^sercen bdd db='h2 jdbc:h2:file:.*' active=\\d+ idle=\\d+ waiting=\\d+ max=4")
                .containsPattern("(?m)^sercen ldp urls=ldap://127.0.0.1:\\d+ ok=\\d+")
                .containsPattern("(?m)^sercen smt server=127.0.0.1:\\d+ security=none numColaPend=0 sent=\\d+")
                .containsPattern("(?m)^sercen wwc rest=127.0.0.1:\\d+ numReq=\\d+ numGet=\\d+")
                .containsPattern("(?m)^sercen log ok=\\d+ ko=\\d+")
                .containsPattern("(?m)^sercen tok active=\\d+ issued=\\d+")
                .containsPattern("(?m)^sercen esc runs=\\d+ removed=\\d+ last='[0-9 ]+' at=03:30 days=15$");
        assertThat(text).doesNotContain("svcpass").doesNotContain(TestConfigs.ADMIN_SECRET);
    }
}
