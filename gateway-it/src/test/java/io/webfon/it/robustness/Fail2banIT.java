package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped fail2ban filter and jail ({@code fail2ban/}) against logs written by real nodes: Debian's
 * {@code fail2ban-regex} must count exactly the TRUCO_KO lines (every reason, IPv4 and IPv6 addresses taken
 * from X-Forwarded-For behind the trusted proxy) and nothing else (normal traffic, stack traces, text that only
 * quotes the marker); a real {@code fail2ban-server} following a live node's log must ban an address after
 * {@code maxretry} failures and not the others. Skipped when fail2ban is not installed.
 */
class Fail2banIT {
    private static final String SECRET = "f2b-api-secret";
    private static final String ADMIN_SECRET = "f2b-admin-secret";

    @TempDir
    Path dir;
    private Clients clients;

    @BeforeEach
    void clients() {
        clients = new Clients(2);
    }

    @AfterEach
    void closeClients() throws Exception {
        clients.close();
    }

    @Test
    void filterCountsExactlyTheTrucoKoLinesOfRealNodes() throws Exception {
        Fail2ban.command("fail2ban-regex");
        Path log = dir.resolve("gateway.log");
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "general.api_secret=" + SECRET,
                "general.admin_secret=" + ADMIN_SECRET)) {
            apiSecretFailures(node);
            normalTrafficAndNoise(node);
        }
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "general.api_secret=" + SECRET,
                "general.token_auth=true")) {
            createFrom(node, "203.0.113.8", null, null);
            createFrom(node, "203.0.113.8", "wrong", "no-such-token");
        }
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "general.token_auth=true")) {
            createFrom(node, "203.0.113.9", null, null);
            createFrom(node, "203.0.113.9", null, "no-such-token");
        }
        List<String> text = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(text).as("log").anyMatch(l -> l.startsWith("\t") && l.contains("at io.webfon")).anyMatch(l -> l.contains("[INFO]"));
        for (String reason : List.of("api_secret_missing", "api_secret_bad", "admin_secret_missing",
                "admin_secret_bad", "credentials_missing", "credentials_bad", "token_missing", "token_invalid")) {
            assertThat(text).as("a line for %s", reason).anyMatch(l -> l.endsWith("] " + reason));
        }

        Fail2ban.RegexResult r = Fail2ban.regex(dir, log, repo().resolve("fail2ban/filter.d/webfon-gateway.conf"));
        assertThat(r.lines()).as("lines read\n%s", r.report()).isEqualTo(text.size());
        assertThat(r.matched()).as("matched lines\n%s", r.report()).isEqualTo(15);
        assertThat(r.addresses()).as("addresses of the matches").containsExactlyInAnyOrder(
                "203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.23", "198.51.100.23", "198.51.100.23",
                "2001:db8::7", "2001:db8::7", "192.0.2.44", "192.0.2.45", "192.0.2.45",
                "203.0.113.8", "203.0.113.8", "203.0.113.9", "203.0.113.9");
    }

    /** 11 rejected credentials: HTTP, WebSocket, long poll and admin, each behind the trusted proxy. */
    private void apiSecretFailures(TestNode node) throws Exception {
        for (int i = 0; i < 3; i++) {
            createFrom(node, "203.0.113.7", "wrong-" + i, null);
        }
        // The right-most address that is not a trusted proxy is the client's (a trusted one is skipped).
        createFrom(node, "10.1.1.1, 198.51.100.23", null, null);
        createFrom(node, "198.51.100.23, 127.0.0.1", null, null);
        createFrom(node, "198.51.100.23", "", null);
        try (RawWs ws = clients.ws(node.wsUri(), "janus-protocol", Map.of("X-Forwarded-For", "2001:db8::7"))) {
            assertThat(ws.call(Requests.of("create")).at("/error/code").asInt()).isEqualTo(403);
            assertThat(ws.call(Requests.of("create").put("apisecret", "nope")).at("/error/code").asInt())
                    .isEqualTo(403);
        }
        Clients.Reply poll = clients.get(URI.create(node.httpUri() + "/1234567?maxev=1"),
                Map.of("X-Forwarded-For", "192.0.2.44"));
        assertThat(poll.status()).as("long poll without the secret: %s", poll).isEqualTo(403);
        for (String secret : new String[] {"wrong", null}) {
            ObjectNode list = Requests.of("list_sessions");
            if (secret != null) {
                list.put("admin_secret", secret);
            }
            Clients.Reply r = clients.post(node.adminHttpUri(), Json.write(list).getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Forwarded-For", "192.0.2.45"));
            assertThat(r.json().at("/error/code").asInt()).as("%s", r).isEqualTo(403);
        }
    }

    /** Accepted requests, a logged stack trace and text quoting the marker: none of it may count. */
    private void normalTrafficAndNoise(TestNode node) throws Exception {
        ObjectNode create = Requests.of("create").put("apisecret", SECRET);
        long session = EchoCycle.post(clients, node.httpUri(), "", create).path("data").path("id").asLong();
        EchoCycle.post(clients, node.httpUri(), "/" + session,
                Requests.session("destroy", session).put("apisecret", SECRET));
        ObjectNode forged = Requests.of("TRUCO_KO [6.6.6.6] api_secret_bad").put("apisecret", SECRET);
        EchoCycle.post(clients, node.httpUri(), "", forged);
        ObjectNode line = Requests.of("custom_logline").put("admin_secret", ADMIN_SECRET).put("level", 4)
                .put("line", "quoted\n[20261122 101500] [WARN] TRUCO_KO [192.0.2.97] api_secret_bad");
        assertThat(EchoCycle.post(clients, node.adminHttpUri(), "", line).path("janus").asText()).isEqualTo("success");
        IllegalStateException cause = new IllegalStateException("TRUCO_KO [192.0.2.98] api_secret_bad");
        LogManager.getLogger(Fail2banIT.class).error("Simulated failure with a stack trace",
                new RuntimeException("TRUCO_KO [192.0.2.99] api_secret_bad", cause));
    }

    private void createFrom(TestNode node, String forwardedFor, String secret, String token) throws Exception {
        ObjectNode create = Requests.of("create");
        if (secret != null) {
            create.put("apisecret", secret);
        }
        if (token != null) {
            create.put("token", token);
        }
        Clients.Reply r = clients.post(node.httpUri(), Json.write(create).getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", forwardedFor));
        assertThat(r.json().at("/error/code").asInt()).as("%s", r).isEqualTo(403);
    }

    /** The shipped jail, as fail2ban reads it, has the values of the original node's vivait-janus jail. */
    @Test
    void shippedJailHasTheValuesOfTheVivaitJanusJail() throws Exception {
        Fail2ban.command("fail2ban-client");
        String dump = Fail2ban.dump(dir, Fail2ban.prepare(dir, repo()));
        assertThat(dump).as(dump).contains("['add', 'webfon-gateway', 'auto']")
                .contains("['set', 'webfon-gateway', 'maxretry', 10]")
                .contains("['set', 'webfon-gateway', 'findtime', '600']")
                .contains("['set', 'webfon-gateway', 'bantime', '900']")
                .contains("['set', 'webfon-gateway', 'datepattern', '^\\\\[%Y%m%d %H%M%S\\\\]']")
                .contains("['set', 'webfon-gateway', 'addaction', 'iptables-multiport']")
                .contains("['port', '80,443']").contains("['blocktype', 'DROP']");
        // fail2ban leaves a log path it cannot find out of the dump (with a warning): read the file for that one.
        assertThat(Files.readString(repo().resolve("fail2ban/jail.d/webfon-gateway.conf")))
                .containsPattern("(?m)^logpath\\s*=\\s*/var/log/webfon/gateway\\.log\\s*$");
    }

    /**
     * A real fail2ban-server following the live log of a running node, with the shipped jail and filter
     * (maxretry lowered to 3): three failures from one address ban it; two from another do not.
     */
    @Test
    void serverBansAnAddressAfterMaxretryFailuresInALiveLog() throws Exception {
        Fail2ban.command("fail2ban-server");
        Path log = dir.resolve("live.log");
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "general.api_secret=" + SECRET);
                Fail2ban f2b = Fail2ban.start(dir, repo(), log, 3)) {
            Fail2ban.Output status = f2b.client("status", "webfon-gateway");
            assertThat(status.text()).as("%s", status.text()).contains("File list:").contains(log.toString());
            createFrom(node, "198.51.100.60", "wrong", null);
            createFrom(node, "198.51.100.60", null, null);
            EchoCycle.post(clients, node.httpUri(), "", Requests.of("info"));
            for (int i = 0; i < 3; i++) {
                createFrom(node, "203.0.113.50", "wrong-" + i, null);
            }
            assertThat(NodeChecks.poll(() -> recorded(f2b).contains("ban 203.0.113.50"), Duration.ofSeconds(30)))
                    .as("ban recorded; recorded %s; server log:\n%s", recorded(f2b), fail2banLog()).isTrue();
            Fail2ban.Output banned = f2b.client("get", "webfon-gateway", "banned");
            assertThat(banned.text()).contains("203.0.113.50").doesNotContain("198.51.100.60");
            assertThat(recorded(f2b)).containsExactly("ban 203.0.113.50");
            f2b.close();
            assertThat(f2b.server().isAlive()).isFalse();
            assertThat(recorded(f2b)).as("stop unbans").containsExactly("ban 203.0.113.50", "unban 203.0.113.50");
        }
    }

    private static List<String> recorded(Fail2ban f2b) {
        try {
            return f2b.recorded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String fail2banLog() throws java.io.IOException {
        Path p = dir.resolve("fail2ban.log");
        return Files.exists(p) ? Files.readString(p) : "(none)";
    }

    /**
     * docs/logs.md: a stack trace's continuation lines start with a tab, so an exception message holding a line
     * break and a dated TRUCO_KO line of its own can never be counted by the filter.
     */
    @Test
    void exceptionMessagesCannotStartAForgedLogLine() throws Exception {
        Fail2ban.command("fail2ban-regex");
        Path log = dir.resolve("forged.log");
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false")) {
            LogManager.getLogger(Fail2banIT.class).error("Request failed", new IllegalArgumentException(
                    "bad input\n[20261122 101500] [WARN] TRUCO_KO [192.0.2.66] api_secret_bad"));
        }
        assertThat(Files.readAllLines(log)).as("log lines")
                .noneMatch(l -> l.startsWith("[20261122 101500] [WARN] TRUCO_KO [192.0.2.66]"));
        assertThat(Fail2ban.regex(dir, log, repo().resolve("fail2ban/filter.d/webfon-gateway.conf")).matched())
                .isZero();
    }

    private static Path repo() {
        return Path.of(System.getProperty("webfon.repo", "..")).toAbsolutePath().normalize();
    }
}
