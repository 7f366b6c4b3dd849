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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session warm-up (media.warm_up) runs echotest sessions through the node's own core after start, with an API
 * secret and token authentication on. It must finish, and leave nothing behind that an operator, the status port
 * or fail2ban would see: no session, handle, PeerConnection or port left over, none counted as created, no line
 * of its calls in the log, no TRUCO_KO.
 */
class SessionWarmUpIT {
    private static final Pattern DONE = Pattern.compile(
            "Janus API sessions warmed up in (\\d+) ms \\((\\d+) echotest sessions\\)");

    @Test
    void runsEchotestSessionsAndLeavesNoTrace(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("node.log");
        try (TestNode node = TestNode.start(log, "media.warm_up=true", "general.api_secret=warm-up-test-secret",
                "general.token_auth=true")) {
            Matcher done = NodeLog.awaitMatch(log, DONE, "session warm-up stopped");
            // 300 sessions, unless its 5 s budget ran out first.
            assertThat(Integer.parseInt(done.group(2))).isBetween(1, 300);

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).noneMatch(l -> l.contains("TRUCO_KO"))
                    .noneMatch(NodeLog::unexpectedWarningOrError)
                    .noneMatch(l -> l.contains("Creating new") || l.contains("Destroying session"))
                    .noneMatch(l -> l.contains("[handle "));
            var registry = node.node().core().registry();
            assertThat(registry.sessionCount()).isZero();
            assertThat(registry.handleCount()).isZero();
            assertThat(registry.sessionsCreated()).isZero();
            assertThat(registry.handlesCreated()).isZero();
            assertThat(registry.peakSessions()).isZero();
            var media = node.node().media();
            assertThat(media.mediaHandles()).isZero();
            // The media warm-up's own loopback calls may still be running: wait for both to be over.
            NodeLog.await(log, Pattern.compile("WebRTC media stack warmed up"), "media warm-up failed");
            assertThat(media.peerConnections()).isZero();
            assertThat(media.portsInUse()).isEqualTo(media.endpoints().size());

            // Clients still need the secret, and their sessions count.
            JanusHttpClient client = new JanusHttpClient(node.httpUri());
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(node.httpUri())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            Json.write(Requests.of("create")))).build());
            assertThat(Json.parse(refused.body()).at("/error/code").asInt()).isEqualTo(403);
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(node.httpUri())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            Json.write(Requests.of("create").put("apisecret", "warm-up-test-secret")))).build());
            assertThat(Json.parse(created.body()).path("janus").asText()).isEqualTo("success");
            assertThat(registry.sessionsCreated()).isEqualTo(1);
        }
    }
}
