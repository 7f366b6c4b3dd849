package io.webfon.it.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.webfon.it.support.Commands;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * janode, the Janus project's Node.js client, unchanged against our node: {@code src/test/node/janode-echotest.mjs}
 * runs several echotest sessions at once (create, attach, messages and their events, trickle, hangup, detach,
 * destroy) and lists them through janode's admin API; it must end with exit status 0 and the expected summary.
 * The same script against Debian's janus proves the script itself right: both summaries must be equal.
 */
class JanodeIT {
    private static final String ADMIN_SECRET = "adminpw";
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;

    private static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Commands.onPath("node"), "node is not installed (apt-get install nodejs): janode tests skipped");
        assumeTrue(Files.isDirectory(nodeDir().resolve("node_modules/janode")),
                "janode is not installed: run scripts/install-test-deps.sh (npm ci in gateway-it/src/test/node)");
        node = TestNode.start(Files.createTempDirectory("webfon-janode-").resolve("node.log"),
                "general.admin_secret=" + ADMIN_SECRET, "general.log_to_stdout=false");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static Path nodeDir() {
        return ReferenceJanus.repo().resolve("gateway-it/src/test/node");
    }

    @Test
    void janodeRunsConcurrentEchotestSessionsAgainstOurNode() throws Exception {
        JsonNode summary = run(node.wsUri().toString(), node.adminWsUri().toString(), List.of());

        assertThat(summary.path("ok").asBoolean()).as("summary %s", summary).isTrue();
        assertThat(summary.path("failures").size()).isZero();
        assertThat(summary.path("connections").asInt()).isEqualTo(2);
        assertThat(summary.path("sessions_created").asInt()).isEqualTo(4);
        assertThat(summary.path("handles_attached").asInt()).isEqualTo(4);
        assertThat(summary.path("ok_events").asInt()).isEqualTo(12);
        assertThat(summary.path("error_events_413").asInt()).isEqualTo(4);
        assertThat(summary.path("trickles_acked").asInt()).isEqualTo(12);
        assertThat(summary.path("done_events").asInt()).isEqualTo(4);
        assertThat(summary.path("detached").asInt()).isEqualTo(4);
        assertThat(summary.path("sessions_destroyed").asInt()).isEqualTo(4);
        assertThat(summary.at("/admin/sessions_listed").asInt()).isEqualTo(4);
        assertThat(summary.at("/admin/handles_listed").asInt()).isEqualTo(4);
        assertThat(summary.at("/admin/handle_infos").asInt()).isEqualTo(4);
        assertThat(summary.at("/admin/sessions_left_after_destroy").asInt()).isZero();
    }

    @Test
    void janodeSeesTheSameAsWithJanus() throws Exception {
        assumeTrue(ReferenceJanus.installed(), "Debian's janus is not installed (apt-get install janus)");
        JsonNode ours = run(node.wsUri().toString(), node.adminWsUri().toString(), List.of());
        JsonNode janus;
        try (ReferenceJanus reference = ReferenceJanus.start("janode", List.of("admin_secret=" + ADMIN_SECRET))) {
            Endpoints e = reference.endpoints();
            janus = run(e.ws().toString(), e.adminWs().toString(), List.of());
        }
        assertThat(janus.path("ok").asBoolean()).as("the script against janus: %s", janus).isTrue();
        assertThat(ours).isEqualTo(janus);
    }

    @Test
    void janodeWithAnApiSecret() throws Exception {
        try (TestNode secured = TestNode.start(Files.createTempDirectory("webfon-janode-").resolve("node.log"),
                "general.admin_secret=" + ADMIN_SECRET, "general.api_secret=apipw",
                "general.log_to_stdout=false")) {
            JsonNode summary = run(secured.wsUri().toString(), secured.adminWsUri().toString(),
                    List.of("--apisecret", "apipw", "--connections", "1", "--sessions", "3"));
            assertThat(summary.path("ok").asBoolean()).as("summary %s", summary).isTrue();
            assertThat(summary.path("sessions_created").asInt()).isEqualTo(3);
            assertThat(summary.path("done_events").asInt()).isEqualTo(3);
        }
    }

    /** Runs the script and returns its summary, failing with its output if it does not exit 0. */
    private static JsonNode run(String ws, String admin, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "janode-echotest.mjs", "--ws", ws, "--admin", admin,
                "--admin-secret", ADMIN_SECRET, "--timeout", "60"));
        cmd.addAll(extra);
        Path out = Files.createTempFile("janode-", ".out");
        Process p = new ProcessBuilder(cmd).directory(nodeDir().toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        assertThat(finished).as("janode script still running after %d s; output:%n%s", SCRIPT_TIMEOUT_SECONDS,
                output).isTrue();
        String summary = output.lines().filter(l -> l.startsWith("SUMMARY ")).reduce((a, b) -> b).orElse(null);
        assertThat(summary).as("no SUMMARY line; output:%n%s", output).isNotNull();
        assertThat(p.exitValue()).as("janode script exit status; output:%n%s", output).isZero();
        return Json.parse(summary.substring("SUMMARY ".length()));
    }
}
