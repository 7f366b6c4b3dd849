package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.it.support.TestNode;
import io.webfon.janus.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once on one node: echotest cycles over WebSocket and over HTTP long polls, in parallel, mixed
 * with clients that drop their WebSocket half-way (no closing handshake, or a close with sessions still open).
 * Every client must see its own replies and events in order, and afterwards nothing may be left: no session,
 * no handle, no extra thread, no ERR line.
 */
class ConcurrencyIT {
    private static final int WS_CLIENTS = 90;
    private static final int HTTP_CLIENTS = 80;
    private static final int DROPPING_CLIENTS = 30;
    private static final int PARALLEL = 8;
    private static final int THREAD_TOLERANCE = 4;
    private static final long SEED = 0xC0C0A;

    @Test
    void parallelCyclesAndDroppedSocketsLeaveNothingBehind() throws Exception {
        Path log = Path.of("target", "robustness", "concurrency-gateway.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "http.longpoll_timeout=5");
                Clients clients = new Clients(4)) {
            try (RawWs ws = clients.ws(node.wsUri())) {
                EchoCycle.overWebSocket(ws);
            }
            EchoCycle.overHttp(clients, node.httpUri());
            int baseline = NodeChecks.liveThreads();

            List<String> outcomes = runAll(tasks(node, clients));
            assertThat(outcomes).as("every client's cycle").hasSize(WS_CLIENTS + HTTP_CLIENTS + DROPPING_CLIENTS)
                    .allMatch(o -> o.startsWith("ok"));

            assertThat(NodeChecks.poll(() -> sessionsLeft(clients, node).isEmpty(), Duration.ofSeconds(20)))
                    .as("admin list_sessions empty; left: %s", sessionsLeft(clients, node)).isTrue();
            // The last dropped sockets may still be closing on the node's side: wait (bounded) for them.
            NodeChecks.poll(() -> "0".equals(statusValue(node, "transports", "ws_clients")), Duration.ofSeconds(10));
            List<String> status = NodeChecks.statusLines(node.ports().status());
            assertThat(NodeChecks.statusValue(status, "sessions", "cur")).as("status %s", status).isEqualTo("0");
            assertThat(NodeChecks.statusValue(status, "handles", "cur")).as("status %s", status).isEqualTo("0");
            assertThat(NodeChecks.statusValue(status, "transports", "ws_clients")).as("status %s", status)
                    .isEqualTo("0");
            int threads = NodeChecks.awaitThreadsNear(baseline, THREAD_TOLERANCE, Duration.ofSeconds(20));
            System.out.printf("ConcurrencyIT: %d clients (%d WebSocket, %d HTTP, %d dropping), %d in parallel;"
                    + " live threads %d at baseline, %d after%n", outcomes.size(), WS_CLIENTS, HTTP_CLIENTS,
                    DROPPING_CLIENTS, PARALLEL, baseline, threads);
            assertThat(NodeChecks.errorLines(log)).as("ERR/FATAL lines in %s", log).isEmpty();
        }
    }

    private static String statusValue(TestNode node, String subsystem, String key) {
        try {
            return NodeChecks.statusValue(NodeChecks.statusLines(node.ports().status()), subsystem, key);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Long> sessionsLeft(Clients clients, TestNode node) {
        try {
            return NodeChecks.listSessions(clients, node.adminHttpUri(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clients, shuffled with a fixed seed so each transport and each way of dropping is spread out. */
    private static List<Callable<String>> tasks(TestNode node, Clients clients) {
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < WS_CLIENTS; i++) {
            tasks.add(() -> {
                try (RawWs ws = clients.ws(node.wsUri())) {
                    return "ok ws session " + EchoCycle.overWebSocket(ws);
                }
            });
        }
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            tasks.add(() -> "ok http session " + EchoCycle.overHttp(clients, node.httpUri()));
        }
        for (int i = 0; i < DROPPING_CLIENTS; i++) {
            int way = i % 6;
            tasks.add(() -> dropHalfWay(clients, node, way));
        }
        java.util.Collections.shuffle(tasks, new Random(SEED));
        return tasks;
    }

    /**
     * A client that goes away in the middle: 0 right after connecting, 1 after create, 2 after attach, 3 with
     * a message in flight, 4 after its event; 5 closes properly but leaves its session and handle open.
     */
    private static String dropHalfWay(Clients clients, TestNode node, int way) throws Exception {
        RawWs ws = clients.ws(node.wsUri());
        try {
            if (way == 0) {
                return "ok dropped at once";
            }
            long session = ws.call(Requests.of("create")).path("data").path("id").asLong();
            if (way == 1) {
                return "ok dropped after create";
            }
            long handle = ws.call(Requests.attach(session, "janus.plugin.echotest")).path("data").path("id").asLong();
            if (way == 2) {
                return "ok dropped after attach";
            }
            ObjectNode msg = Requests.message(session, handle, Json.object().put("video", true));
            if (way == 3) {
                ws.sendText(Json.write(msg));
                return "ok dropped with a message in flight";
            }
            assertThat(ws.call(msg).path("janus").asText()).isEqualTo("ack");
            ws.awaitEvent("event", RawWs.WAIT);
            return way == 4 ? "ok dropped after event" : "ok closed with session open";
        } finally {
            if (way == 5) {
                ws.close();
            } else {
                ws.abort();
            }
        }
    }

    private static List<String> runAll(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<String> outcomes = new ArrayList<>();
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> t : tasks) {
                futures.add(pool.submit(t));
            }
            for (Future<String> f : futures) {
                try {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    outcomes.add("failed: " + e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        return outcomes;
    }
}
