package io.webfon.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webfon.it.support.Requests;
import io.webfon.janus.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The health checks run after a stress test: threads, sessions, the status port and the log. */
final class NodeChecks {
    /** A gateway log line at ERR or FATAL level (docs/logs.md). */
    static final Pattern ERROR_LINE = Pattern.compile("^\\[\\d{8} \\d{6}\\] \\[(ERR|FATAL)\\] .*");

    private NodeChecks() {
    }

    /** Live threads of this JVM (ThreadMXBean), which runs the node and the test's clients. */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Live threads by name with digits folded ("vert.x-eventloop-thread-#"), to show what grew. */
    static Map<String, Long> threadCensus() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadInfo[] infos = mx.getThreadInfo(mx.getAllThreadIds());
        return Arrays.stream(infos).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(i -> i.getThreadName().replaceAll("\\d+", "#"), TreeMap::new,
                        Collectors.counting()));
    }

    /**
     * Waits (bounded) until the live thread count is back within {@code tolerance} of {@code baseline}: threads
     * of finished work may take a moment to end (idle pools, closed connections), a leak never does. Returns
     * the count reached.
     */
    static int awaitThreadsNear(int baseline, int tolerance, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        int now = liveThreads();
        while (now > baseline + tolerance && System.nanoTime() < deadline) {
            System.gc();
            pause();
            now = liveThreads();
        }
        assertThat(now).as("live threads (baseline %d, tolerance %d); now: %s", baseline, tolerance, threadCensus())
                .isLessThanOrEqualTo(baseline + tolerance);
        return now;
    }

    /** Polls {@code condition} until it holds or {@code wait} passes; returns whether it held. */
    static boolean poll(BooleanSupplier condition, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    /** A short pause between polls of a bounded wait (never used to order events). */
    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every line the status port writes, read until the node closes the connection. */
    static List<String> statusLines(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().toList();
        }
    }

    /** The value of {@code key} on the status line of {@code subsystem}, or null. */
    static String statusValue(List<String> lines, String subsystem, String key) {
        String prefix = "gateway " + subsystem + " ";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                for (String part : line.substring(prefix.length()).split(" ")) {
                    if (part.startsWith(key + "=")) {
                        return part.substring(key.length() + 1);
                    }
                }
            }
        }
        return null;
    }

    /** The log's ERR and FATAL lines, each with the (undated) continuation lines that follow it. */
    static List<String> errorLines(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (ERROR_LINE.matcher(lines.get(i)).matches()) {
                StringBuilder sb = new StringBuilder(lines.get(i));
                for (int j = i + 1; j < lines.size() && j < i + 6 && !lines.get(j).startsWith("["); j++) {
                    sb.append('\n').append(lines.get(j));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** Admin API over HTTP: a request with the admin secret (if any), returning the reply. */
    static JsonNode admin(Clients clients, URI adminUri, String adminSecret, ObjectNode request) throws Exception {
        if (adminSecret != null) {
            request.put("admin_secret", adminSecret);
        }
        Clients.Reply r = clients.post(adminUri, Json.write(request));
        assertThat(r.status()).as("admin reply %s", r).isEqualTo(200);
        return Json.parse(r.body());
    }

    /** The session ids the admin API lists. */
    static List<Long> listSessions(Clients clients, URI adminUri, String adminSecret) throws Exception {
        JsonNode reply = admin(clients, adminUri, adminSecret, Requests.of("list_sessions"));
        assertThat(reply.path("janus").asText()).as("list_sessions reply %s", reply).isEqualTo("success");
        List<Long> ids = new ArrayList<>();
        reply.path("sessions").forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    /** Destroys a session through the admin API. */
    static void destroySession(Clients clients, URI adminUri, String adminSecret, long id) throws Exception {
        JsonNode reply = admin(clients, adminUri, adminSecret, Requests.session("destroy_session", id));
        assertThat(reply.path("janus").asText()).as("destroy_session %d: %s", id, reply)
                .isIn("success", "error");
    }
}
