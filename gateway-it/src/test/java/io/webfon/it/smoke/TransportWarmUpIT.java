package io.webfon.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.it.support.JanusHttpClient;
import io.webfon.it.support.NodeLog;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport warm-up (media.warm_up) sends the node's own listeners stateless requests after start. It must
 * leave no trace an operator or fail2ban would see: no session, no per-request line, no TRUCO_KO even when the
 * API wants a secret and only allows one origin; and it must finish, saying how many requests it sent.
 */
class TransportWarmUpIT {
    private static final Pattern DONE = Pattern.compile(
            "Janus API transports warmed up in (\\d+) ms \\((\\d+) requests\\)");

    @Test
    void warmsUpBothTransportsWithoutASessionOrASecurityLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = TestNode.start(log, "media.warm_up=true", "general.api_secret=warm-up-test-secret",
                "cors.allow_origin=https://softphone.example.com", "cors.enforce_cors=true")) {
            Matcher done = NodeLog.awaitMatch(log, DONE, "transport warm-up stopped");
            // 2 connections x 300 rounds x (4 HTTP + 2 WebSocket requests), unless its 8 s budget ran out first.
            assertThat(Integer.parseInt(done.group(2))).isBetween(1, 3600);

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(l -> l.contains("TRUCO_KO"))
                    .noneMatch(NodeLog::unexpectedWarningOrError)
                    .noneMatch(NodeLog::mentionsASession);
            assertThat(node.node().core().registry().sessionsCreated()).isZero();

            // The node serves as before: a request from the allowed origin, with the secret, creates a session.
            HttpResponse<String> created = new JanusHttpClient(node.httpUri()).send(HttpRequest
                    .newBuilder(node.httpUri()).header("Origin", "https://softphone.example.com")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            Json.write(Requests.of("create").put("apisecret", "warm-up-test-secret")))).build());
            assertThat(Json.parse(created.body()).path("janus").asText()).isEqualTo("success");
        }
    }

    @Test
    void aNodeStoppedDuringItsWarmUpEndsItsWarmUpsQuietly(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        TestNode.start(log, "media.warm_up=true").close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (warmUpThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(warmUpThreads()).as("warm-up threads left running").isZero();
        // A stopped node's warm-ups end at their next round, and neither claims to have warmed anything up.
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("warmed up"))
                .noneMatch(NodeLog::unexpectedWarningOrError);
    }

    private static long warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("warmup")).count();
    }
}
