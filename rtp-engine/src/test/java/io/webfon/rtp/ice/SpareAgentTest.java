package io.webfon.rtp.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.ports.UdpPortAllocator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Full-ICE harvesters keep one ice4j agent made ahead: a session takes it (its credentials are that agent's), the
 * next one is made in the background, and closing the harvesters frees it and ends the thread that makes it.
 */
class SpareAgentTest {
    private static final int BASE = 48000 + (int) (ProcessHandle.current().pid() % 100) * 10;

    @Test
    void sessionsTakeTheAgentMadeAheadAndClosingLeavesNothing() throws Exception {
        IceHarvesters harvesters = new IceHarvesters(IceConfig.loopback(), new UdpPortAllocator("test", BASE,
                BASE + 9));
        try {
            IceSession.AgentParts first = awaitSpare(harvesters);
            try (IceSession session = new IceSession(harvesters, false, new Quiet(), "spare-test")) {
                assertThat(session.localUfrag()).isEqualTo(first.agent().getLocalUfrag());
                IceSession.AgentParts second = awaitSpare(harvesters);
                assertThat(second.agent()).isNotSameAs(first.agent());
                try (IceSession next = new IceSession(harvesters, true, new Quiet(), "spare-test-2")) {
                    assertThat(next.localUfrag()).isEqualTo(second.agent().getLocalUfrag())
                            .isNotEqualTo(session.localUfrag());
                }
            }
            awaitSpare(harvesters);
        } finally {
            harvesters.close();
        }
        assertThat(harvesters.spareAgentForTests()).as("the agent made ahead, after close").isNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ice-spare-agent"))) {
            assertThat(System.nanoTime()).as("the spare agent's thread ended").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void iceLiteKeepsNoAgent() throws Exception {
        IceHarvesters harvesters = new IceHarvesters(IceConfig.loopback().withIceLite(true),
                new UdpPortAllocator("test", BASE, BASE + 9));
        try {
            Thread.sleep(200);
            assertThat(harvesters.spareAgentForTests()).isNull();
        } finally {
            harvesters.close();
        }
    }

    private static IceSession.AgentParts awaitSpare(IceHarvesters harvesters) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        IceSession.AgentParts parts;
        while ((parts = harvesters.spareAgentForTests()) == null) {
            assertThat(System.nanoTime()).as("an agent made ahead").isLessThan(deadline);
            Thread.sleep(10);
        }
        return parts;
    }

    private static final class Quiet implements IceListener {
        @Override
        public void onConnected(String selectedPair) {
        }

        @Override
        public void onFailed(String reason) {
        }

        @Override
        public void onPacket(byte[] buf, int off, int len, int spare) {
        }
    }
}
