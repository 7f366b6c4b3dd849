package io.webfon.bench.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.bench.InJvmNode;
import io.webfon.gateway.GatewayNode;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke test of the media load tool against a node in this JVM: a few peers come up (ICE, DTLS in either role,
 * SRTP), their packets are echoed and timed, the control flows give a baseline, and teardown leaves no session.
 * Deliberately no assertion on speed: loss, latency and CPU are measured by run-media.sh on a quiet machine.
 */
class MediaLoadTest {
    @TempDir
    static Path state;
    private static GatewayNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = InJvmNode.start(Map.of("nat.ice_enforce_list", "127.0.0.1", "media.rtp_port_range",
                InJvmNode.mediaPorts(42000), "general.state_dir",
                Files.createDirectories(state.resolve("node")).toString()));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "a=setup:{0}")
    @ValueSource(strings = {"active", "actpass"})
    void peersComeUpAndTheirPacketsAreEchoedAndTimed(String setup) throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + node.ports().websockets() + "/");
        URI admin = URI.create("http://127.0.0.1:" + node.ports().adminHttp() + "/admin");
        MediaOptions o = new MediaOptions("ours", ws, ProcessHandle.current().pid(),
                InetAddress.getLoopbackAddress(), setup, 2, 3, Duration.ofSeconds(20), Duration.ofMillis(500),
                Duration.ofSeconds(1), 2, Duration.ofMillis(500), admin);

        MediaResult r;
        try (MediaRun run = new MediaRun(o, 3)) {
            r = run.run(3);
        }

        assertThat(r.connected()).as("setup failures: %s", r.firstFailure()).isEqualTo(3);
        // A shared machine may lag the sender; only the schedule's ceiling is a fact (no timing is asserted).
        assertThat(r.sent()).as("at most 3 peers x 50 packets/s x 1 s").isPositive().isLessThanOrEqualTo(180L);
        assertThat(r.received()).isPositive().isLessThanOrEqualTo(r.sent());
        assertThat(r.rttP50Micros()).isPositive().isLessThanOrEqualTo(r.rttP99Micros());
        assertThat(r.baselineP50Micros()).as("control flows through the tool's own echo").isPositive();
        assertThat(r.setupsPerSecond()).isPositive();
        assertThat(r.iceDtlsP50Ms()).isPositive();
        assertThat(r.nodeCpuMsPerStreamSecond()).isPositive();
        assertThat(r.peersLost()).isZero();
        assertThat(r.sessionsLeft()).as("sessions left after teardown").isZero();
    }
}
