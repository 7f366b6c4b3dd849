package io.webfon.janus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.janus.testing.RecordingTransport;
import io.webfon.janus.testing.TestCore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeouts, closed connections and reclaims, driven by a manual clock and the watchdog's sweep. */
class SessionLifecycleTest {
    private final RecordingTransport conn = new RecordingTransport();

    @Test
    void idleSessionTimesOutWithATimeoutEventAndItsHandlesAreDestroyed() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        conn.clear();
        t.advanceSeconds(59);
        assertThat(t.core.watchdog().sweep(t.clock.get())).isZero();
        t.advanceSeconds(1);
        assertThat(t.core.watchdog().sweep(t.clock.get())).isEqualTo(1);
        assertThat(conn.kinds()).containsExactly("timeout");
        assertThat(conn.last().path("session_id").asLong()).isEqualTo(s);
        assertThat(conn.notifications()).containsExactly("over " + s + " timeout");
        assertThat(t.plugin.calls()).contains("destroy " + h);
        assertThat(t.core.registry().sessionCount()).isZero();
        assertThat(t.core.registry().handleCount()).isZero();
    }

    @Test
    void anyRequestKeepsTheSessionAlive() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        for (int i = 0; i < 5; i++) {
            t.advanceSeconds(50);
            t.send(conn, "{\"janus\":\"keepalive\",\"transaction\":\"k\",\"session_id\":" + s + "}");
            t.core.watchdog().sweep(t.clock.get());
        }
        assertThat(t.core.registry().find(s)).isNotNull();
    }

    @Test
    void perSessionTimeoutOverridesTheGlobalOne() {
        TestCore t = new TestCore();
        long forever = t.createSession(conn);
        long quick = t.createSession(conn);
        t.admin(conn, "{\"janus\":\"set_session_timeout\",\"timeout\":0,\"transaction\":\"a\",\"session_id\":" + forever + "}");
        t.admin(conn, "{\"janus\":\"set_session_timeout\",\"timeout\":5,\"transaction\":\"a\",\"session_id\":" + quick + "}");
        t.advanceSeconds(10);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(quick)).isNull();
        t.advanceSeconds(1000);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(forever)).isNotNull();
    }

    @Test
    void closedConnectionEndsItsSessionsAtOnceWithoutReclaimTimeout() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        t.core.api().transportGone(conn, List.of(s));
        assertThat(t.core.registry().find(s)).isNull();
        assertThat(t.plugin.calls()).contains("destroy " + h);
    }

    @Test
    void closedConnectionsSessionWaitsToBeClaimedWithinTheReclaimTimeout() {
        TestCore t = new TestCore(new ApiConfig("t", 60, 10, 45, "", "", false, false, 0, 0));
        long claimed = t.createSession(conn);
        long abandoned = t.createSession(conn);
        t.core.api().transportGone(conn, List.of(claimed, abandoned));
        RecordingTransport other = new RecordingTransport();
        t.advanceSeconds(5);
        t.send(other, "{\"janus\":\"claim\",\"transaction\":\"c\",\"session_id\":" + claimed + "}");
        t.advanceSeconds(5);
        t.core.watchdog().sweep(t.clock.get());
        assertThat(t.core.registry().find(claimed)).isNotNull();
        assertThat(t.core.registry().find(abandoned)).isNull();
    }

    @Test
    void transportGoneIgnoresSessionsAlreadyClaimedElsewhere() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        RecordingTransport other = new RecordingTransport();
        t.send(other, "{\"janus\":\"claim\",\"transaction\":\"c\",\"session_id\":" + s + "}");
        t.core.api().transportGone(conn, List.of(s));
        assertThat(t.core.registry().find(s)).isNotNull();
    }

    @Test
    void shutdownTellsEveryClientItsHandlesAreDetached() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h1 = t.attach(conn, s);
        long h2 = t.attach(conn, s);
        conn.clear();
        t.core.close();
        assertThat(conn.messages()).filteredOn(m -> m.path("janus").asText().equals("detached"))
                .extracting(m -> m.path("sender").asLong()).containsExactlyInAnyOrder(h1, h2);
        assertThat(conn.notifications()).containsExactly("over " + s);
        assertThat(t.core.registry().sessionCount()).isZero();
    }

    @Test
    void pluginEndingItsOwnSessionDetachesTheHandle() {
        TestCore t = new TestCore();
        long s = t.createSession(conn);
        long h = t.attach(conn, s);
        t.plugin.onMessage((handle, body) -> {
            handle.endSession();
            return io.webfon.janus.plugin.PluginResult.okWait(null);
        });
        conn.clear();
        t.send(conn, "{\"janus\":\"message\",\"body\":{},\"transaction\":\"m\",\"session_id\":" + s + ",\"handle_id\":"
                + h + "}");
        assertThat(conn.kinds()).containsExactly("ack", "event", "detached");
        assertThat(t.core.registry().handleCount()).isZero();
    }
}
