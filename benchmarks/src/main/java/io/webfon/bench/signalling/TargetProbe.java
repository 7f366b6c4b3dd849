package io.webfon.bench.signalling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks a target about itself, outside any timed window: forces a GC through {@code jcmd}, reads our node's
 * status port, and counts sessions through the admin API (which Janus and our node both answer).
 */
final class TargetProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AFTER_GC_MILLIS = 2_000;

    private TargetProbe() {
    }

    /**
     * Forces a full collection in a JVM with {@code jcmd <pid> GC.run}: with the serial collector this is a
     * full, compacting GC, so the heap in use afterwards is the live data. Then waits {@link #AFTER_GC_MILLIS}:
     * Shenandoah gives the regions an explicit cycle emptied back to the OS on its control thread just after the
     * cycle, and an RSS read at once sometimes caught it half-way (277-351 MiB against 147 two seconds later).
     */
    static void forceGc(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.run").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed: " + out.trim());
        }
        Thread.sleep(AFTER_GC_MILLIS);
    }

    /** jcmd beside the java running this tool (same JDK), else the one on the PATH. */
    private static String jcmd() {
        return ProcessHandle.current().info().command()
                .map(java -> Path.of(java).resolveSibling("jcmd"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .orElse("jcmd");
    }

    /** The text our node's status port writes (it closes the connection after the report). */
    static String status(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            try (InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** A {@code key=value} number from the status line of {@code subsystem}; -1 if absent. */
    static long statusValue(String status, String subsystem, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith("gateway " + subsystem + " ")) {
                for (String kv : line.split(" ")) {
                    if (kv.startsWith(key + "=")) {
                        return Long.parseLong(kv.substring(key.length() + 1));
                    }
                }
            }
        }
        return -1;
    }

    /** The number of sessions the admin API lists ({@code list_sessions}); -1 if it could not be asked. */
    static long adminSessionCount(URI adminUrl) {
        try {
            HttpRequest req = HttpRequest.newBuilder(adminUrl).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"janus\":\"list_sessions\",\"transaction\":\"x\"}"))
                    .header("Content-Type", "application/json").build();
            HttpResponse<String> res = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode sessions = JSON.readTree(res.body()).path("sessions");
            return sessions.isArray() ? sessions.size() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
