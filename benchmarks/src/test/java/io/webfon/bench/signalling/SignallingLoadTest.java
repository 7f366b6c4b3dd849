package io.webfon.bench.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.bench.InJvmNode;
import io.webfon.gateway.GatewayNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the load tool against a node in this JVM: it must complete cycles without errors and fill in
 * its figures. Deliberately no assertion on speed: rates and latencies are measured by run-signalling.sh on a
 * quiet machine, never asserted in a timed test.
 */
class SignallingLoadTest {
    private static GatewayNode node;

    @BeforeAll
    static void startNode() throws Exception {
        node = InJvmNode.start(Map.of());
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private static URI wsUri() {
        return URI.create("ws://127.0.0.1:" + node.ports().websockets() + "/");
    }

    @Test
    void completesEchotestCyclesWithoutErrors() throws Exception {
        long self = ProcessHandle.current().pid();
        LoadResult r = LoadRun.run(LoadOptions.echotest("ours", wsUri(), self, 2, Duration.ofMillis(300),
                Duration.ofSeconds(1)));

        assertThat(r.errorsTotal()).as("errors; first: %s", r.firstError()).isZero();
        assertThat(r.cycles()).isPositive();
        assertThat(r.p50Micros()).isPositive().isLessThanOrEqualTo(r.p99Micros());
        assertThat(r.nodeCpuMsPer1000()).isNotNegative();
        // Each cycle gets 5 replies + the event; servers may push more (detached, hangup).
        assertThat(r.messagesPerCycle()).isGreaterThanOrEqualTo(6.0);
        assertThat(node.core().registry().sessionCount()).as("sessions left behind").isZero();
    }

    @Test
    void memoryProbeCreatesAndDestroysIdleSessions() throws Exception {
        MemoryOptions o = new MemoryOptions("ours", wsUri(), ProcessHandle.current().pid(), 200, 2,
                node.ports().status(), false, URI.create("http://127.0.0.1:" + node.ports().adminHttp() + "/admin"),
                Duration.ZERO);

        MemoryResult r = MemoryProbe.run(o);

        assertThat(r.errors()).as("errors; first: %s", r.firstError()).isZero();
        assertThat(r.sessionsSeen()).isEqualTo(200);
        assertThat(r.heapIdleKib()).isPositive();
        assertThat(node.core().registry().sessionCount()).as("sessions left behind").isZero();
    }
}
