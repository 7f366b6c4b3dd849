package io.webfon.bench.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webfon.bench.InJvmNode;
import io.webfon.gateway.GatewayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke test of {@code offer/offer-latency.mjs} (run by run-offer.sh) against a node in this JVM: it must complete
 * its calls, get every answer and leave no session behind. No assertion on speed; run-offer.sh measures that.
 */
class OfferLatencyToolTest {
    private static final Path SCRIPT = Path.of("offer/offer-latency.mjs");
    private static GatewayNode node;

    @BeforeAll
    static void startNode(@TempDir Path state) throws Exception {
        node = InJvmNode.start(Map.of("general.state_dir", state.toString(), "nat.ice_enforce_list", "127.0.0.1",
                "media.rtp_port_range", InJvmNode.mediaPorts(44000)));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"offer", "message"})
    void completesItsCallsAndGetsEveryAnswer(String mode) throws Exception {
        assumeTrue(nodeJsAvailable(), "node (Node.js) is not installed");
        Process p = new ProcessBuilder("node", SCRIPT.toString(), "--base",
                "http://127.0.0.1:" + node.ports().http() + "/janus", "--cycles", "3", "--mode", mode)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the tool finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.exitValue()).as(out).isZero();

        JsonNode r = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        assertThat(r.path("mode").asText()).isEqualTo(mode);
        assertThat(r.path("missing").asInt(-1)).as(out).isZero();
        assertThat(r.path("answerMs").path("p50").asDouble()).isPositive();
        assertThat(r.path("ackMs").path("p50").asDouble()).isPositive();
        assertThat(node.core().registry().sessionCount()).as("sessions left behind").isZero();
    }

    private static boolean nodeJsAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(SCRIPT);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
