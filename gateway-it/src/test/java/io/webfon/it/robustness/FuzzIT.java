package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of both Janus API transports and the admin API of one in-process node: several thousand
 * broken requests (random bytes, every truncation of valid requests, deep nesting, huge numbers, wrong types,
 * odd characters, duplicated keys, concatenated values, odd paths and long-poll queries). Every input must get
 * a Janus reply (JSON, never a dropped WebSocket, never a 5xx), and afterwards the node must be as healthy as
 * before: echotest works on both transports, only sessions the fuzzer really created exist, the thread count is
 * back to its baseline and the log has no ERR line.
 *
 * <p>The seed is printed and can be replayed with {@code -Dfuzz.seed=N}; {@code -Dfuzz.seconds=S} bounds the
 * random phase (default 20 s), {@code -Dfuzz.max=N} its number of inputs (default 6000).
 */
class FuzzIT {
    private static final long DEFAULT_SEED = 0x5EED_F022L;
    private static final int MAX_BODY = 65_536;
    private static final String ADMIN_SECRET = "fuzz-admin-secret";
    private static final String WRONG_SECRET = "not-the-admin-secret";
    private static final int THREAD_TOLERANCE = 4;

    @Test
    void fuzzedInputsAllGetJanusRepliesAndTheNodeStaysHealthy() throws Exception {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        Duration budget = Duration.ofSeconds(Long.getLong("fuzz.seconds", 20));
        int maxRandom = Integer.getInteger("fuzz.max", 6000);
        Path log = Path.of("target", "robustness", "fuzz-gateway.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        System.out.printf("FuzzIT: seed %d (replay with -Dfuzz.seed=%d), log %s%n", seed, seed, log.toAbsolutePath());
        try (TestNode node = TestNode.start(log, "general.log_to_stdout=false", "general.admin_secret=" + ADMIN_SECRET,
                "http.max_request_size=" + MAX_BODY, "websockets.max_message_size=" + MAX_BODY,
                "http.longpoll_timeout=1", "general.session_timeout=120");
                Clients clients = new Clients(3)) {
            warmUp(node, clients);
            int baseline = NodeChecks.liveThreads();
            Fuzz fuzz = new Fuzz(seed);
            Set<Long> created;
            try (FuzzTargets targets = new FuzzTargets(seed, fuzz, clients, node, MAX_BODY)) {
                targets.open();
                deterministicPhase(targets, fuzz);
                int deterministic = targets.total();
                randomPhase(targets, fuzz, budget, maxRandom);
                assertThat(targets.apiConnectionOpen()).as("the fuzzing WebSocket is still open").isTrue();
                created = new HashSet<>(targets.createdSessions());
                System.out.printf("FuzzIT: seed %d, %d inputs (%d fixed, %d random): %s%n", seed, targets.total(),
                        deterministic, targets.total() - deterministic, targets.summary());
            }
            checkHealth(node, clients, created, baseline, log);
        }
    }

    /** One echotest cycle on each transport and one admin request, so lazily started threads exist. */
    private static void warmUp(TestNode node, Clients clients) throws Exception {
        try (RawWs ws = clients.ws(node.wsUri())) {
            EchoCycle.overWebSocket(ws);
        }
        EchoCycle.overHttp(clients, node.httpUri());
        assertThat(NodeChecks.listSessions(clients, node.adminHttpUri(), ADMIN_SECRET)).isEmpty();
        NodeChecks.statusLines(node.ports().status());
    }

    /** Every truncation of a few valid requests, and each fixed fragment, at every target. */
    private static void deterministicPhase(FuzzTargets targets, Fuzz fuzz) throws Exception {
        List<ObjectNode> cut = new ArrayList<>();
        Fuzz.Ids ids = targets.ids();
        List<ObjectNode> api = Fuzz.apiTemplates(ids);
        cut.add(api.get(0));
        cut.add(api.get(4));
        cut.add(api.get(5));
        cut.add(api.get(7));
        for (ObjectNode t : cut) {
            for (Fuzz.Input in : Fuzz.truncations(t)) {
                targets.wsApi(in);
                targets.httpPost(in);
            }
        }
        ObjectNode adminTemplate = Fuzz.adminTemplates(ids, ADMIN_SECRET, WRONG_SECRET).get(6);
        for (Fuzz.Input in : Fuzz.truncations(adminTemplate)) {
            targets.adminPost(in);
        }
        targets.ensureLegit();
        for (Fuzz.Input in : fuzz.fixedFragments(api.get(5))) {
            targets.wsApi(in);
            targets.httpPost(in);
        }
        for (Fuzz.Input in : fuzz.fixedFragments(adminTemplate)) {
            targets.adminPost(in);
            targets.wsAdmin(in);
        }
    }

    /** Random mutations at random targets until the input count or the time budget is used up. */
    private static void randomPhase(FuzzTargets targets, Fuzz fuzz, Duration budget, int max) throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        for (int i = 0; i < max && System.nanoTime() < deadline; i++) {
            if (i % 100 == 0) {
                targets.ensureLegit();
            }
            int target = fuzz.random().nextInt(100);
            if (target < 35) {
                targets.wsApi(fuzz.mutate(Fuzz.apiTemplates(targets.ids())));
            } else if (target < 62) {
                targets.httpPost(fuzz.mutate(Fuzz.apiTemplates(targets.ids())));
            } else if (target < 65) {
                targets.httpOtherMethod(fuzz.mutate(Fuzz.apiTemplates(targets.ids())));
            } else if (target < 75) {
                targets.httpGet();
            } else if (target < 88) {
                targets.adminPost(fuzz.mutate(Fuzz.adminTemplates(targets.ids(), ADMIN_SECRET, WRONG_SECRET)));
            } else if (target < 90) {
                targets.adminGet();
            } else {
                targets.wsAdmin(fuzz.mutate(Fuzz.adminTemplates(targets.ids(), ADMIN_SECRET, WRONG_SECRET)));
            }
        }
    }

    private static void checkHealth(TestNode node, Clients clients, Set<Long> created, int baseline, Path log)
            throws Exception {
        List<Long> left = NodeChecks.listSessions(clients, node.adminHttpUri(), ADMIN_SECRET);
        assertThat(created).as("sessions left after fuzzing must be ones the fuzzer created").containsAll(left);
        for (long id : left) {
            NodeChecks.destroySession(clients, node.adminHttpUri(), ADMIN_SECRET, id);
        }
        assertThat(NodeChecks.listSessions(clients, node.adminHttpUri(), ADMIN_SECRET)).isEmpty();
        try (RawWs ws = clients.ws(node.wsUri())) {
            EchoCycle.overWebSocket(ws);
        }
        EchoCycle.overHttp(clients, node.httpUri());
        assertThat(NodeChecks.listSessions(clients, node.adminHttpUri(), ADMIN_SECRET)).isEmpty();
        List<String> status = NodeChecks.statusLines(node.ports().status());
        assertThat(NodeChecks.statusValue(status, "sessions", "cur")).as("status %s", status).isEqualTo("0");
        assertThat(NodeChecks.statusValue(status, "handles", "cur")).as("status %s", status).isEqualTo("0");
        int threads = NodeChecks.awaitThreadsNear(baseline, THREAD_TOLERANCE, Duration.ofSeconds(20));
        System.out.printf("FuzzIT: live threads %d at baseline, %d after%n", baseline, threads);
        assertThat(NodeChecks.errorLines(log)).as("ERR/FATAL lines in %s", log).isEmpty();
    }
}
